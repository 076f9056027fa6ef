package mcastmac

import (
	_ "embed"
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strings"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-MC-004.
var Rule = &rules.Rule{
	ID:       "AV-MC-004",
	Name:     "mcastmac",
	Doc:      rules.ExtractDoc(doc, "mcastmac"),
	Standard: "RFC 1112 §6.4 (group → MAC: low-order 23 bits)",
	Severity: diag.Warning,
	Run:      run,
}

var multicast = netip.MustParsePrefix("224.0.0.0/4")

// use is a group present in a VLAN.
type use struct {
	flow, plane string
	group       netip.Addr
	bps         float64
}

func (u use) name() string {
	if u.plane == "" {
		return "flow " + u.flow
	}
	return fmt.Sprintf("the %s leg of flow %s", u.plane, u.flow)
}

func (u use) path() []string {
	if u.plane == "" {
		return []string{"flows", u.flow, "group"}
	}
	return []string{"flows", u.flow, "groups", u.plane}
}

func mac(a netip.Addr) string {
	o := a.As4()
	return fmt.Sprintf("01:00:5e:%02x:%02x:%02x", o[1]&0x7f, o[2], o[3])
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	byVLAN := map[string][]use{}
	for _, name := range model.SortedKeys(pass.Facts.Flows) {
		ff := pass.Facts.Flows[name]
		bps := 0.0
		if ff.RateErr == nil {
			bps = ff.Rate.Bitrate.L1
		}
		for _, leg := range ff.Legs {
			a, err := netip.ParseAddr(leg.Group)
			if err != nil || !a.Is4() || !multicast.Contains(a) {
				continue
			}
			for _, vn := range legVLANs(f, leg) {
				byVLAN[vn] = append(byVLAN[vn], use{flow: name, plane: leg.Plane, group: a, bps: bps})
			}
		}
	}
	// pair → VLANs where the two groups meet; first and second use.
	type clash struct {
		first, second use
		vlans         []string
	}
	clashes := map[[2]netip.Addr]*clash{}
	var order [][2]netip.Addr
	for _, vn := range model.SortedKeys(byVLAN) {
		firstByMAC := map[string]use{}
		for _, u := range byVLAN[vn] {
			m := mac(u.group)
			p, ok := firstByMAC[m]
			if !ok {
				firstByMAC[m] = u
				continue
			}
			if p.group == u.group {
				continue // the same group is AV-MC-003's concern, or deliberate
			}
			k := [2]netip.Addr{p.group, u.group}
			c := clashes[k]
			if c == nil {
				c = &clash{first: p, second: u}
				clashes[k] = c
				order = append(order, k)
			}
			if !slices.Contains(c.vlans, vn) {
				c.vlans = append(c.vlans, vn)
			}
		}
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := clashes[order[i]].second, clashes[order[j]].second
		if a.flow != b.flow {
			return a.flow < b.flow
		}
		return a.plane < b.plane
	})
	for _, k := range order {
		c := clashes[k]
		extra := ""
		if c.first.bps > 0 && c.second.bps > 0 {
			extra = fmt.Sprintf(": a receiver of either also gets the other's %s or %s on its port", rate(c.first.bps), rate(c.second.bps))
		}
		pass.Report(diag.Diagnostic{
			Pos:     f.PosOf(c.second.path()...),
			Subject: "flow " + c.second.flow,
			Message: fmt.Sprintf("group %s of %s and %s of %s map to the same MAC %s in vlan %s (low 23 bits, RFC 1112 §6.4)%s",
				c.second.group, c.second.name(), c.first.group, c.first.name(), mac(c.second.group), strings.Join(c.vlans, ", "), extra),
			Related: []diag.Related{{Pos: f.PosOf(c.first.path()...), Message: fmt.Sprintf("%s sends to %s here", c.first.name(), c.first.group)}},
			Hint:    fmt.Sprintf("choose a group for %s whose last 23 bits differ from %s's, e.g. keep the second octet below 128 and change the third or fourth octet", c.second.name(), c.first.group),
		})
	}
	return nil
}

// legVLANs lists the VLANs a leg's packets travel in: the sender's, and
// the VLAN of each receiver port it reaches (different in a routed fabric).
func legVLANs(f *model.Facility, leg *analysis.Leg) []string {
	var out []string
	if leg.VLAN != "" {
		out = append(out, leg.VLAN)
	}
	for _, dl := range leg.Deliveries {
		if dl.Unreachable != "" || dl.Port.Interface == "" {
			continue
		}
		vn := portVLAN(f, dl.Port, leg.VLAN)
		if vn != "" && !slices.Contains(out, vn) {
			out = append(out, vn)
		}
	}
	return out
}

// portVLAN is the VLAN a receiver port takes the leg in: the leg's own
// VLAN when the interface is in it, otherwise its access VLAN.
func portVLAN(f *model.Facility, p analysis.Port, legVLAN string) string {
	d := f.Devices[p.Device]
	if d == nil {
		return ""
	}
	i := d.Interfaces[p.Interface]
	if i == nil {
		return ""
	}
	vs := i.AllVLANs()
	if slices.Contains(vs, legVLAN) {
		return legVLAN
	}
	if len(vs) > 0 {
		return vs[0]
	}
	return ""
}

func rate(v float64) string {
	if v >= 1e9 {
		return fmt.Sprintf("%.2f Gb/s", v/1e9)
	}
	return fmt.Sprintf("%.1f Mb/s", v/1e6)
}
