package endpointspeed

import (
	_ "embed"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-BW-003.
var Rule = &rules.Rule{
	ID:       "AV-BW-003",
	Name:     "endpointspeed",
	Doc:      rules.ExtractDoc(doc, "endpointspeed"),
	Standard: "IEEE 802.3 line rates; SMPTE ST 2110-21:2022 §6.3 (gapped senders peak at 1/RACTIVE of their average)",
	Severity: diag.Error,
	Run:      run,
}

func run(pass *rules.Pass) error {
	f, facts := pass.Facility, pass.Facts
	if facts == nil || facts.Topology == nil {
		return nil
	}
	sent := sentByPort(facts)
	for _, dn := range model.SortedKeys(f.Devices) {
		d := f.Devices[dn]
		if forwarder(d) {
			continue
		}
		for _, in := range model.SortedKeys(d.Interfaces) {
			port := analysis.Port{Device: dn, Interface: in}
			link := facts.Topology.LinkAt[port]
			if link == nil || d.Interfaces[in] == nil {
				continue
			}
			linkSpeed := model.SpeedBps(link.Speed)
			speed, declared := linkSpeed, false
			if s := model.SpeedBps(d.Interfaces[in].Speed); s > 0 && (linkSpeed == 0 || s < linkSpeed) {
				speed, declared = s, true
			}
			if speed <= 0 {
				continue
			}
			txLink, rxLink := facts.PortLoad(port)
			// Sent: every flow the device emits from this port, whether
			// or not a receiver subscribes yet. When the link is the limit
			// and its direction is already over it, AV-BW-001 says so.
			if tx := sent[port]; tx.bps > speed && (declared || txLink == nil || txLink.Bps <= linkSpeed) {
				report(pass, port, link, "sends", tx.bps, speed, declared, tx.flows)
			}
			// Received: the link direction toward the device, which
			// AV-BW-001 reports when the link is the limit.
			if rxLink != nil && declared && rxLink.Bps > speed {
				report(pass, port, link, "receives", rxLink.Bps, speed, declared, byFlow(rxLink.Legs))
			}
		}
	}
	return nil
}

func report(pass *rules.Pass, port analysis.Port, link *model.Link, verb string, bps, speed float64, declared bool, flows []flowLoad) {
	f := pass.Facility
	pos := f.PosOf("devices", port.Device, "interfaces", port.Interface)
	of := "its link runs"
	if declared {
		pos = f.PosOf("devices", port.Device, "interfaces", port.Interface, "speed")
		of = "the interface runs"
	}
	pass.Report(diag.Diagnostic{
		Pos:     pos,
		Subject: "device " + port.Device,
		Message: fmt.Sprintf("%s %s %s but %s at %s (%s): %s",
			port, verb, rate(bps), of, rate(speed), percent(100*bps/speed), topFlows(flows, 3)),
		Related: []diag.Related{{
			Pos:     f.PosOf("links", link.Label),
			Message: fmt.Sprintf("link %s cables it at %s", link.Label, link.Speed),
		}},
		Hint: hint(verb, bps, speed, model.SpeedBps(link.Speed), declared),
	})
}

type portLoad struct {
	bps   float64
	flows []flowLoad
}

// sentByPort adds up, for each sender port, the planning rate of every
// flow leg it emits, from the flows themselves rather than from the
// multicast trees, so that a flow nobody receives yet still counts.
func sentByPort(facts *analysis.Facts) map[analysis.Port]portLoad {
	legs := map[analysis.Port][]analysis.LegRef{}
	for _, name := range model.SortedKeys(facts.Flows) {
		ff := facts.Flows[name]
		if ff == nil || ff.RateErr != nil {
			continue
		}
		for _, leg := range ff.Legs {
			if leg.Sender.Interface == "" {
				continue
			}
			legs[leg.Sender] = append(legs[leg.Sender], analysis.LegRef{Flow: name, Plane: leg.Plane, Bps: ff.Rate.Bitrate.L1})
		}
	}
	out := map[analysis.Port]portLoad{}
	for p, ls := range legs {
		pl := portLoad{flows: byFlow(ls)}
		for _, l := range ls {
			pl.bps += l.Bps
		}
		out[p] = pl
	}
	return out
}

// forwarder mirrors analysis: switches, routers and firewalls carry
// traffic between links; everything else is an endpoint.
func forwarder(d *model.Device) bool {
	return d == nil || d.Role == "switch" || d.Role == "router" || d.Role == "firewall"
}

func hint(verb string, bps, speed, linkSpeed float64, declared bool) string {
	what := "send fewer or lighter flows (ST 2110-22, 4:2:2)"
	if verb == "receives" {
		what = "subscribe to fewer or lighter flows"
	}
	s := speedFor(bps)
	switch {
	case s == "":
		return "spread the flows over several interfaces, or " + what
	case declared && (linkSpeed == 0 || model.SpeedBps(s) <= linkSpeed):
		return fmt.Sprintf("fit a %s interface (speed: %q; the link already runs at %s), spread the flows over several interfaces, or %s", s, s, rate(linkSpeed), what)
	}
	return fmt.Sprintf("use a %s (or faster) interface and link, spread the flows over several interfaces, or %s", s, what)
}

type flowLoad struct {
	name string
	bps  float64
}

func byFlow(legs []analysis.LegRef) []flowLoad {
	sum := map[string]float64{}
	for _, l := range legs {
		sum[l.Flow] += l.Bps
	}
	out := make([]flowLoad, 0, len(sum))
	for _, name := range model.SortedKeys(sum) {
		out = append(out, flowLoad{name, sum[name]})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].bps > out[j].bps })
	return out
}

func topFlows(flows []flowLoad, n int) string {
	var parts []string
	for i, fl := range flows {
		if i == n {
			break
		}
		parts = append(parts, fmt.Sprintf("%s %s", fl.name, rate(fl.bps)))
	}
	s := strings.Join(parts, ", ")
	if rest := len(flows) - n; rest > 0 {
		s += fmt.Sprintf(" and %d more flow%s", rest, map[bool]string{true: "", false: "s"}[rest == 1])
	}
	return s
}

func speedFor(bps float64) string {
	for _, s := range []string{"1G", "10G", "25G", "40G", "50G", "100G", "200G", "400G"} {
		if model.SpeedBps(s) >= bps {
			return s
		}
	}
	return ""
}

// rate prints a bit rate with three significant digits ("11.0 Gb/s").
func rate(bps float64) string {
	unit, div := "b/s", 1.0
	switch {
	case bps >= 1e9:
		unit, div = "Gb/s", 1e9
	case bps >= 1e6:
		unit, div = "Mb/s", 1e6
	case bps >= 1e3:
		unit, div = "kb/s", 1e3
	}
	v := bps / div
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 0, 64) + " " + unit
	}
	dec := 2
	for x := v; x >= 10 && dec > 0; x /= 10 {
		dec--
	}
	return strconv.FormatFloat(v, 'f', dec, 64) + " " + unit
}

func percent(p float64) string {
	return strings.TrimSuffix(strconv.FormatFloat(p, 'f', 1, 64), ".0") + " %"
}
