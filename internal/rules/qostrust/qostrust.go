package qostrust

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-QOS-004.
var Rule = &rules.Rule{
	ID:       "AV-QOS-004",
	Name:     "qostrust",
	Doc:      rules.ExtractDoc(doc, "qostrust"),
	Standard: "RFC 2474 §3 (DS field); RFC 4594; AES67-2018 §6.2",
	Severity: diag.Warning,
	Run:      run,
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	if f.QoS.Trust == "dscp" || f.QoS.Trust == "" {
		return nil
	}
	ports := map[analysis.Port]bool{}
	flows := map[string]bool{}
	for _, fn := range model.SortedKeys(pass.Facts.Flows) {
		for _, leg := range pass.Facts.Flows[fn].Legs {
			for _, e := range leg.Tree {
				for _, p := range []analysis.Port{e.From, e.To} {
					if d := f.Devices[p.Device]; d != nil && d.Role == "switch" {
						ports[p] = true
						flows[fn] = true
					}
				}
			}
		}
	}
	if len(ports) == 0 {
		return nil
	}
	var names []string
	for p := range ports {
		names = append(names, p.String())
	}
	sort.Strings(names)
	shown := names
	if len(shown) > 4 {
		shown = append(shown[:4:4], fmt.Sprintf("… %d more", len(names)-4))
	}
	what := "classify by the 802.1p priority of the VLAN tag, which untagged access ports and routed hops do not carry"
	if f.QoS.Trust == "none" {
		what = "ignore every marking and put all traffic in the default queue"
	}
	pass.Report(diag.Diagnostic{
		Pos:     f.PosOf("qos", "trust"),
		Subject: "qos",
		Message: fmt.Sprintf("qos.trust is %q: the %d switch port(s) that carry media (%s) %s, so the %d flow(s) crossing them and PTP fall into best effort and the DSCP classes stay unused",
			f.QoS.Trust, len(ports), strings.Join(shown, ", "), what, len(flows)),
		Hint: `set qos.trust: "dscp" (the default)`,
	})
	return nil
}
