package ptpmgmt

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-PTP-006. It reads devices.<name>.ptp.dropManagement
// (model.DevicePTP.DropManagement), a field the schema does not have yet:
// the package builds only with the avnet_ptpmgmt tag until it does.
var Rule = &rules.Rule{
	ID:       "AV-PTP-006",
	Name:     "ptpmgmt",
	Doc:      rules.ExtractDoc(strings.Replace(doc, "//go:build avnet_ptpmgmt\n", "", 1), "ptpmgmt"),
	Standard: "IEEE 1588-2008 clause 15 (management messages); SMPTE ST 2059-2:2015 §5.3 (management mechanism)",
	Severity: diag.Warning,
	Run:      run,
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	for _, sw := range model.SortedKeys(f.Devices) {
		d := f.Devices[sw]
		if d.Role != "switch" || d.PTP == nil || (d.PTP.Mode != "boundary" && d.PTP.Mode != "transparent") {
			continue
		}
		if d.PTP.DropManagement {
			continue
		}
		var edge []string
		for _, e := range pass.Facts.Topology.Adj[sw] {
			if f.Devices[e.To.Device] == nil || pass.Facts.Topology.IsSwitch(e.To.Device) {
				continue
			}
			edge = append(edge, fmt.Sprintf("%s (%s)", e.From.Interface, e.To.Device))
		}
		if len(edge) == 0 {
			continue
		}
		shown := edge
		if len(shown) > 4 {
			shown = append(shown[:4:4], fmt.Sprintf("… %d more", len(edge)-4))
		}
		pass.Report(diag.Diagnostic{
			Pos:     f.PosOf("devices", sw, "ptp", "dropManagement"),
			Subject: "device " + sw,
			Message: fmt.Sprintf("%s runs PTP as a %s clock and passes PTP management messages to and from its %d end-host port(s) (%s): any host there can SET the grandmasters' and boundary clocks' data sets (priority1, domain, intervals) without authentication",
				sw, d.PTP.Mode, len(edge), strings.Join(shown, ", ")),
			Hint: fmt.Sprintf("remove dropManagement: false from devices.%s.ptp (the default drops management messages on edge ports), or waive AV-PTP-006 for %s with the reason", sw, sw),
		})
	}
	return nil
}
