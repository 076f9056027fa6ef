package ptpunaware

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

// Rule is AV-PTP-004.
var Rule = &rules.Rule{
	ID:       "AV-PTP-004",
	Name:     "ptpunaware",
	Doc:      rules.ExtractDoc(doc, "ptpunaware"),
	Standard: "IEEE 1588-2008 §6.5 (boundary and transparent clocks), clause 10, §11.5 (residence time correction); SMPTE ST 2059-2:2015 §5.8 (node types)",
	Severity: diag.Warning,
	Run:      run,
}

var timed = map[string]bool{
	"st2110-20": true, "st2110-22": true, "st2110-30": true, "st2110-31": true, "st2110-40": true,
	"aes67": true, "dante": true,
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	if len(f.PTP) == 0 {
		return nil
	}
	onPath := map[string][]string{} // switch -> flows crossing it, in name order
	domainHint := map[string]string{}
	for _, fn := range model.SortedKeys(pass.Facts.Flows) {
		ff := pass.Facts.Flows[fn]
		if ff.Flow == nil || !timed[ff.Flow.Essence] {
			continue
		}
		seen := map[string]bool{}
		for _, leg := range ff.Legs {
			for _, e := range leg.Tree {
				for _, dev := range []string{e.From.Device, e.To.Device} {
					if seen[dev] || !pass.Facts.Topology.IsSwitch(dev) {
						continue
					}
					seen[dev] = true
					onPath[dev] = append(onPath[dev], fn)
					if _, ok := domainHint[dev]; !ok {
						if s := f.Devices[ff.Flow.Sender]; s != nil && s.PTP != nil && s.PTP.Domain != "" {
							domainHint[dev] = s.PTP.Domain
						}
					}
				}
			}
		}
	}
	for _, sw := range model.SortedKeys(onPath) {
		d := f.Devices[sw]
		state := "has no ptp block"
		if d.PTP != nil {
			switch d.PTP.Mode {
			case "boundary", "transparent":
				continue
			case "none":
				state = `has ptp.mode "none"`
			default:
				state = fmt.Sprintf("has ptp.mode %q, which a switch cannot be for the traffic it forwards", d.PTP.Mode)
			}
		}
		flows := onPath[sw]
		dom := domainHint[sw]
		if dom == "" {
			dom = model.SortedKeys(f.PTP)[0]
		}
		pass.Report(diag.Diagnostic{
			Pos:     f.PosOf("devices", sw, "ptp", "mode"),
			Subject: "device " + sw,
			Message: fmt.Sprintf("switch %s forwards %d PTP-timed flow(s) (%s) but %s: its queueing delay varies with the media load, and that variation lands in every Sync and Delay_Req the slaves behind it time",
				sw, len(flows), list(flows, 3), state),
			Related: []diag.Related{{Pos: f.PosOf("flows", flows[0]), Message: fmt.Sprintf("flow %s crosses %s", flows[0], sw)}},
			Hint:    fmt.Sprintf("set devices.%s.ptp: {mode: \"boundary\", domain: %q} (or \"transparent\")", quote(sw), dom),
		})
	}
	return nil
}

func list(xs []string, n int) string {
	if len(xs) <= n {
		return strings.Join(xs, ", ")
	}
	return strings.Join(xs[:n], ", ") + fmt.Sprintf(", … %d more", len(xs)-n)
}

func quote(s string) string {
	if model.PathKey(s) == s {
		return s
	}
	return fmt.Sprintf("%q", s)
}
