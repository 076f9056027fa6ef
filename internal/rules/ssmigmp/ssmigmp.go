package ssmigmp

import (
	_ "embed"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-MC-006.
var Rule = &rules.Rule{
	ID:       "AV-MC-006",
	Name:     "ssmigmp",
	Doc:      rules.ExtractDoc(doc, "ssmigmp"),
	Standard: "RFC 4607 §1, §8; RFC 4604 §2, §3; RFC 3376 §7.2.1",
	Severity: diag.Error,
	Run:      run,
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	ssm := netip.MustParsePrefix("232.0.0.0/8")
	if f.Routing != nil && f.Routing.PIM != nil && f.Routing.PIM.SSMRange != "" {
		if p, err := netip.ParsePrefix(f.Routing.PIM.SSMRange); err == nil {
			ssm = p
		}
	}
	for _, name := range model.SortedKeys(pass.Facts.Flows) {
		for _, leg := range pass.Facts.Flows[name].Legs {
			a, err := netip.ParseAddr(leg.Group)
			if err != nil || !a.Is4() || !ssm.Contains(a) {
				continue
			}
			var v2 []string
			var related []diag.Related
			for _, vn := range legVLANs(f, leg) {
				v := f.VLANs[vn]
				if v == nil || v.IGMP == nil || v.IGMP.Version != 2 {
					continue
				}
				v2 = append(v2, vn)
				related = append(related, diag.Related{Pos: f.PosOf("vlans", vn, "igmp", "version"), Message: fmt.Sprintf("vlan %s runs IGMPv2 here", vn)})
			}
			if len(v2) == 0 {
				continue
			}
			path := []string{"flows", name, "group"}
			legName := "flow " + name
			if leg.Plane != "" {
				path = []string{"flows", name, "groups", leg.Plane}
				legName = fmt.Sprintf("the %s leg of flow %s", leg.Plane, name)
			}
			pass.Report(diag.Diagnostic{
				Pos:     f.PosOf(path...),
				Subject: "flow " + name,
				Message: fmt.Sprintf("%s sends to %s in the SSM range %s, but vlan %s runs IGMPv2, which has no source lists: receivers there cannot join the (S,G) channel and SSM routers and switches ignore their IGMPv2 reports (RFC 4607 §8, RFC 4604 §3)",
					legName, a, ssm, strings.Join(v2, ", ")),
				Related: related,
				Hint:    fmt.Sprintf("set igmp.version to 3 on vlan %s, or send %s to an any-source group in 239.0.0.0/8", strings.Join(v2, ", "), legName),
			})
		}
	}
	return nil
}

// legVLANs lists the VLANs a leg's packets travel in: the sender's, and
// the VLAN of each receiver port it reaches.
func legVLANs(f *model.Facility, leg *analysis.Leg) []string {
	var out []string
	if leg.VLAN != "" {
		out = append(out, leg.VLAN)
	}
	for _, dl := range leg.Deliveries {
		if dl.Port.Interface == "" {
			continue
		}
		d := f.Devices[dl.Port.Device]
		if d == nil || d.Interfaces[dl.Port.Interface] == nil {
			continue
		}
		vs := d.Interfaces[dl.Port.Interface].AllVLANs()
		vn := ""
		switch {
		case slices.Contains(vs, leg.VLAN):
			vn = leg.VLAN
		case len(vs) > 0:
			vn = vs[0]
		}
		if vn != "" && !slices.Contains(out, vn) {
			out = append(out, vn)
		}
	}
	return out
}
