package vlanmtu

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

// Rule is AV-L2-005.
var Rule = &rules.Rule{
	ID:       "AV-L2-005",
	Name:     "vlanmtu",
	Doc:      rules.ExtractDoc(doc, "vlanmtu"),
	Standard: "SMPTE ST 2110-10:2022 §6.3 (no fragmentation; standard UDP size 1460 octets); IEEE 802.3 1500-octet MTU",
	Severity: diag.Error,
	Run:      run,
}

// Standard UDP Size Limit of ST 2110-10, UDP header included.
const standardUDP = 1460

// defaultMTU is the schema default of vlans.<name>.mtu.
const defaultMTU = 1500

type need struct {
	flow  string
	bytes int
}

func run(pass *rules.Pass) error {
	f, facts := pass.Facility, pass.Facts
	if facts == nil {
		return nil
	}
	needs := map[string][]need{} // VLAN -> flows too big for it
	for _, name := range model.SortedKeys(facts.Flows) {
		ff := facts.Flows[name]
		if ff == nil || ff.Flow == nil || ff.RateErr != nil || ff.Rate.MaxIPBytes == 0 || extendedUDP(ff.Flow) {
			continue
		}
		for _, vn := range VLANsCrossed(f, ff) {
			v := f.VLANs[vn]
			if v == nil {
				continue
			}
			if ff.Rate.MaxIPBytes > mtu(v) {
				needs[vn] = append(needs[vn], need{name, ff.Rate.MaxIPBytes})
			}
		}
	}
	for _, vn := range model.SortedKeys(needs) {
		v, ns := f.VLANs[vn], needs[vn]
		sort.SliceStable(ns, func(i, j int) bool { return ns[i].bytes > ns[j].bytes })
		var parts []string
		var rel []diag.Related
		for i, n := range ns {
			if i < 3 {
				parts = append(parts, fmt.Sprintf("%s (%d)", n.flow, n.bytes))
				rel = append(rel, diag.Related{Pos: f.PosOf("flows", n.flow), Message: fmt.Sprintf("flow %s sends %d-octet IP datagrams", n.flow, n.bytes)})
			}
		}
		list := strings.Join(parts, ", ")
		if len(ns) > 3 {
			list += fmt.Sprintf(" and %d more", len(ns)-3)
		}
		want := defaultMTU
		if ns[0].bytes > defaultMTU {
			want = 9000
		}
		pass.Report(diag.Diagnostic{
			Pos:     f.PosOf("vlans", vn, "mtu"),
			Subject: "vlan " + vn,
			Message: fmt.Sprintf("vlan %s has an MTU of %d octets but %s %s larger IP datagrams (up to %d octets): %s",
				vn, mtu(v), count(len(ns)), map[bool]string{true: "sends", false: "send"}[len(ns) == 1], ns[0].bytes, list),
			Related: rel,
			Hint:    fmt.Sprintf("set mtu: %d on vlan %s, and the same MTU on every switch port and SVI that carries it", want, vn),
		})
	}
	return nil
}

func count(n int) string {
	if n == 1 {
		return "1 flow"
	}
	return fmt.Sprintf("%d flows", n)
}

func mtu(v *model.VLAN) int {
	if v.MTU <= 0 {
		return defaultMTU
	}
	return v.MTU
}

// extendedUDP reports whether the flow chose datagrams above the ST
// 2110-10 standard UDP size: AV-ST20-002 owns its path-MTU findings.
func extendedUDP(fl *model.Flow) bool {
	switch fl.Essence {
	case "st2110-20", "st2110-22", "st2110-40":
		return fl.Video != nil && fl.Video.MaxUDP > standardUDP
	}
	return false
}

// VLANsCrossed returns, sorted, the VLANs a flow's datagrams travel in:
// each leg's VLAN (the sender's), and the VLAN of every receiver
// interface outside it (a routed fabric delivers into the receiver's own
// VLAN). Computed here because analysis does not expose it.
func VLANsCrossed(f *model.Facility, ff *analysis.FlowFacts) []string {
	set := map[string]bool{}
	for _, leg := range ff.Legs {
		if leg.VLAN == "" {
			continue
		}
		set[leg.VLAN] = true
		for _, dl := range leg.Deliveries {
			if dl.Unreachable != "" || dl.Port.Interface == "" {
				continue
			}
			d := f.Devices[dl.Port.Device]
			if d == nil || d.Interfaces[dl.Port.Interface] == nil {
				continue
			}
			in := d.Interfaces[dl.Port.Interface]
			if in.VLAN != "" && in.VLAN != leg.VLAN && !contains(in.VLANs, leg.VLAN) {
				set[in.VLAN] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for v := range set {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
