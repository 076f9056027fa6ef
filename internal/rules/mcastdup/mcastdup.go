package mcastdup

import (
	_ "embed"
	"fmt"
	"net/netip"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-MC-003.
var Rule = &rules.Rule{
	ID:       "AV-MC-003",
	Name:     "mcastdup",
	Doc:      rules.ExtractDoc(doc, "mcastdup"),
	Standard: "RFC 3550 §3 (an RTP session is its destination transport address); RFC 8866 §5.7, §5.14 (SDP c= and m=)",
	Severity: diag.Error,
	Run:      run,
}

// use is one leg's destination.
type use struct {
	flow, plane, legPlane string
	group                 string
	port                  int
	path                  []string
}

func (u use) name() string {
	if u.legPlane == "" {
		return "flow " + u.flow
	}
	return fmt.Sprintf("the %s leg of flow %s", u.legPlane, u.flow)
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	var uses []use
	taken := map[string]bool{}
	for _, name := range model.SortedKeys(f.Flows) {
		fl := f.Flows[name]
		legs := fl.Legs()
		for _, plane := range model.SortedKeys(legs) {
			g := legs[plane]
			if a, err := netip.ParseAddr(g); err == nil {
				g = a.String()
			}
			taken[g] = true
			u := use{flow: name, plane: plane, legPlane: plane, group: g, port: fl.Port, path: []string{"flows", name, "group"}}
			if plane != "" {
				u.path = []string{"flows", name, "groups", plane}
			}
			if u.plane == "" {
				u.plane = legVLANPlane(pass, name, plane)
			}
			uses = append(uses, u)
		}
	}
	// Earlier legs by destination: each leg is compared with the legs
	// that share its group and port only, in design order.
	type dest struct {
		group string
		port  int
	}
	earlier := map[dest][]int{}
	for i, u := range uses {
		k := dest{u.group, u.port}
		prev := earlier[k]
		earlier[k] = append(prev, i)
		for _, j := range prev {
			p := uses[j]
			if p.flow == u.flow {
				continue
			}
			if u.plane != "" && p.plane != "" && u.plane != p.plane {
				continue // separate networks
			}
			pass.Report(diag.Diagnostic{
				Pos:     f.PosOf(u.path...),
				Subject: "flow " + u.flow,
				Message: fmt.Sprintf("%s sends to %s:%d, the same group and UDP port as %s: it is one RTP session (RFC 3550 §3), and every receiver of either flow gets both streams on the same socket",
					u.name(), u.group, u.port, p.name()),
				Related: []diag.Related{{Pos: f.PosOf(p.path...), Message: fmt.Sprintf("%s sends to %s:%d here", p.name(), p.group, p.port)}},
				Hint:    hint(u.group, taken),
			})
			break
		}
	}
	return nil
}

// legVLANPlane is the plane of the VLAN a single-plane leg travels in.
func legVLANPlane(pass *rules.Pass, flow, plane string) string {
	ff := pass.Facts.Flows[flow]
	if ff == nil {
		return ""
	}
	for _, l := range ff.Legs {
		if l.Plane == plane {
			if v := pass.Facility.VLANs[l.VLAN]; v != nil {
				return v.Plane
			}
		}
	}
	return ""
}

// hint proposes the next free group in the same /24, avoiding the MACs
// that switches flood (x.0.0.y and x.128.0.y, AV-MC-002).
func hint(g string, taken map[string]bool) string {
	a, err := netip.ParseAddr(g)
	if err != nil || !a.Is4() {
		return "give each flow its own group"
	}
	o := a.As4()
	for n := 1; n < 255; n++ {
		c := o
		c[3] = byte((int(o[3])+n-1)%254 + 1)
		if (c[1]&0x7f == 0) && c[2] == 0 {
			break
		}
		s := netip.AddrFrom4(c).String()
		if !taken[s] {
			return fmt.Sprintf("give each flow its own group: %s is free", s)
		}
	}
	return "give each flow its own group"
}
