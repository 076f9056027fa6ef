package trunkvlan

import (
	_ "embed"
	"fmt"
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

// Rule is AV-L2-004.
var Rule = &rules.Rule{
	ID:       "AV-L2-004",
	Name:     "trunkvlan",
	Doc:      rules.ExtractDoc(doc, "trunkvlan"),
	Standard: "IEEE 802.1Q-2018 §8.6.2, §8.6.4 (ingress and egress filtering by VLAN member set)",
	Severity: diag.Error,
	Run:      run,
}

// cut is one link that fails to carry one VLAN, with what it separates.
type cut struct {
	link *model.Link
	vlan string
	// access is set when the link is an endpoint's own cable.
	access *analysis.Port
	// sideA and sideB are the endpoints cut off from each other, on the
	// side of the link's a and b ends.
	sideA, sideB map[analysis.Port]bool
	flows        map[string]bool
}

type checker struct {
	pass *rules.Pass
	f    *model.Facility
	topo *analysis.Topology
	cuts map[[2]string]*cut // (label, vlan)
}

func run(pass *rules.Pass) error {
	c := &checker{pass: pass, f: pass.Facility, topo: pass.Facts.Topology, cuts: map[[2]string]*cut{}}
	routed := c.f.Routing != nil && c.f.Routing.Mode == "l3"
	members := c.members()
	for _, vn := range model.SortedKeys(c.f.VLANs) {
		v := c.f.VLANs[vn]
		var attached []analysis.Port
		for _, p := range members[vn] {
			if c.accessOK(p, vn) {
				attached = append(attached, p)
			}
		}
		if routed && v.Routed {
			continue // islands of a routed VLAN may reach each other through routing
		}
		c.islands(vn, attached)
	}
	c.flows()
	c.report()
	return nil
}

// members lists, per VLAN, the cabled endpoint interfaces in it.
func (c *checker) members() map[string][]analysis.Port {
	out := map[string][]analysis.Port{}
	for _, dn := range model.SortedKeys(c.f.Devices) {
		if c.forwarder(dn) {
			continue
		}
		d := c.f.Devices[dn]
		for _, in := range model.SortedKeys(d.Interfaces) {
			p := analysis.Port{Device: dn, Interface: in}
			if c.topo.LinkAt[p] == nil {
				continue
			}
			for _, vn := range d.Interfaces[in].AllVLANs() {
				if c.f.VLANs[vn] != nil {
					out[vn] = append(out[vn], p)
				}
			}
		}
	}
	return out
}

func (c *checker) forwarder(dev string) bool {
	d := c.f.Devices[dev]
	return d != nil && (d.Role == "switch" || d.Role == "router" || d.Role == "firewall")
}

// accessOK checks an endpoint's own cable and reports whether the
// endpoint hangs from a switch in the VLAN.
func (c *checker) accessOK(p analysis.Port, vn string) bool {
	l := c.topo.LinkAt[p]
	o := other(l, p)
	if !c.forwarder(o.Device) {
		return false // two endpoints cabled together: nothing to route through
	}
	if len(l.VLANs) > 0 && !slices.Contains(l.VLANs, vn) {
		k := [2]string{l.Label, vn}
		if c.cuts[k] == nil {
			pp := p
			c.cuts[k] = &cut{link: l, vlan: vn, access: &pp}
		}
		return false
	}
	return true
}

// attach is the forwarder an endpoint port hangs from.
func (c *checker) attach(p analysis.Port) string {
	return other(c.topo.LinkAt[p], p).Device
}

// component returns the forwarders that reach start at layer 2 in the VLAN.
func (c *checker) component(start, vn string) map[string]bool {
	comp := map[string]bool{start: true}
	queue := []string{start}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, e := range c.topo.Adj[cur] {
			n := e.To.Device
			if comp[n] || !c.forwarder(n) || !c.topo.Carries(e.Link, vn) {
				continue
			}
			comp[n] = true
			queue = append(queue, n)
		}
	}
	return comp
}

// blocked reports whether a trunk fails to carry the VLAN only because its
// `vlans` list leaves it out (the same trunk without the list would).
func (c *checker) blocked(l *model.Link, vn string) bool {
	if len(l.VLANs) == 0 || slices.Contains(l.VLANs, vn) {
		return false
	}
	v := c.f.VLANs[vn]
	if v == nil || v.Plane == "" {
		return true
	}
	a, b := analysis.ParsePort(l.A), analysis.ParsePort(l.B)
	return c.planeOK(a.Device, v.Plane) && c.planeOK(b.Device, v.Plane)
}

func (c *checker) planeOK(dev, plane string) bool {
	d := c.f.Devices[dev]
	return d == nil || d.Plane == "" || d.Plane == plane
}

// path finds the trunks to open between two islands of the VLAN: a
// shortest path (0-1 BFS) where carrying trunks cost nothing and trunks
// blocked by their `vlans` list cost one; nil when no cabling joins them.
func (c *checker) path(from, to map[string]bool, vn string) []analysis.Edge {
	dist := map[string]int{}
	via := map[string]analysis.Edge{}
	var deque []string
	for _, n := range sortedSet(from) {
		dist[n] = 0
		deque = append(deque, n)
	}
	for len(deque) > 0 {
		cur := deque[0]
		deque = deque[1:]
		if to[cur] {
			var out []analysis.Edge
			for n := cur; !from[n]; n = via[n].From.Device {
				if e := via[n]; c.blocked(e.Link, vn) {
					out = append(out, e)
				}
			}
			slices.Reverse(out)
			return out
		}
		for _, e := range c.topo.Adj[cur] {
			n := e.To.Device
			if !c.forwarder(n) {
				continue
			}
			w := 0
			switch {
			case c.topo.Carries(e.Link, vn):
			case c.blocked(e.Link, vn):
				w = 1
			default:
				continue
			}
			if d, ok := dist[n]; ok && d <= dist[cur]+w {
				continue
			}
			dist[n] = dist[cur] + w
			via[n] = e
			if w == 0 {
				deque = append([]string{n}, deque...)
			} else {
				deque = append(deque, n)
			}
		}
	}
	return nil
}

// islands splits the VLAN's endpoints by the switches that reach each
// other at layer 2, and records the trunks that would join them.
func (c *checker) islands(vn string, ports []analysis.Port) {
	var comps []map[string]bool
	byComp := map[int][]analysis.Port{}
	for _, p := range ports {
		sw := c.attach(p)
		idx := -1
		for i, comp := range comps {
			if comp[sw] {
				idx = i
				break
			}
		}
		if idx < 0 {
			comps = append(comps, c.component(sw, vn))
			idx = len(comps) - 1
		}
		byComp[idx] = append(byComp[idx], p)
	}
	for i := 1; i < len(comps); i++ {
		for _, e := range c.path(comps[0], comps[i], vn) {
			c.cut(e.Link, vn).add(e, byComp[0], byComp[i])
		}
	}
}

// add records endpoints on the sending side (from) and the receiving side
// (to) of a path that crosses the trunk as e.
func (ct *cut) add(e analysis.Edge, from, to []analysis.Port) {
	a, b := ct.sideA, ct.sideB
	if e.From != analysis.ParsePort(ct.link.A) {
		a, b = b, a
	}
	for _, p := range from {
		a[p] = true
	}
	for _, p := range to {
		b[p] = true
	}
}

func (c *checker) cut(l *model.Link, vn string) *cut {
	k := [2]string{l.Label, vn}
	ct := c.cuts[k]
	if ct == nil {
		ct = &cut{link: l, vlan: vn}
		c.cuts[k] = ct
	}
	if ct.sideA == nil {
		ct.sideA, ct.sideB = map[analysis.Port]bool{}, map[analysis.Port]bool{}
	}
	if ct.flows == nil {
		ct.flows = map[string]bool{}
	}
	return ct
}

// flows attributes the legs the analysis could not deliver to the trunks
// that block them.
func (c *checker) flows() {
	facts := c.pass.Facts
	for _, name := range model.SortedKeys(facts.Flows) {
		for _, leg := range facts.Flows[name].Legs {
			for _, dl := range leg.Deliveries {
				if !strings.HasPrefix(dl.Unreachable, "no path carries VLAN") {
					continue
				}
				src, dst := leg.Sender, dl.Port
				if c.topo.LinkAt[src] == nil || c.topo.LinkAt[dst] == nil {
					continue
				}
				// An endpoint's own cable that leaves the VLAN out.
				for _, p := range []analysis.Port{src, dst} {
					l := c.topo.LinkAt[p]
					if ct := c.cuts[[2]string{l.Label, leg.VLAN}]; ct != nil && ct.access != nil {
						if ct.flows == nil {
							ct.flows = map[string]bool{}
						}
						ct.flows[legName(name, leg.Plane)] = true
					}
				}
				a, b := c.attach(src), c.attach(dst)
				if !c.forwarder(a) || !c.forwarder(b) {
					continue
				}
				ca, cb := c.component(a, leg.VLAN), c.component(b, leg.VLAN)
				if ca[b] {
					continue
				}
				for _, e := range c.path(ca, cb, leg.VLAN) {
					ct := c.cut(e.Link, leg.VLAN)
					ct.add(e, []analysis.Port{src}, []analysis.Port{dst})
					ct.flows[legName(name, leg.Plane)] = true
				}
			}
		}
	}
}

func (c *checker) report() {
	keys := make([][2]string, 0, len(c.cuts))
	for k := range c.cuts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	f := c.f
	for _, k := range keys {
		ct := c.cuts[k]
		l := ct.link
		list := fmt.Sprintf("[%s]", strings.Join(l.VLANs, ", "))
		hint := fmt.Sprintf("add %q to the vlans of link %s, or remove the list so the link carries every VLAN of its plane", ct.vlan, l.Label)
		var msg string
		var related []diag.Related
		if ct.access != nil {
			p := *ct.access
			msg = fmt.Sprintf("link %s (%s <-> %s) carries only %s, not vlan %s of %s: switch %s never sees the endpoint in that VLAN",
				l.Label, l.A, l.B, list, ct.vlan, p, c.attach(p))
			related = append(related, diag.Related{Pos: f.PosOf("devices", p.Device, "interfaces", p.Interface), Message: fmt.Sprintf("%s is in vlan %s here", p, ct.vlan)})
		} else {
			sa, sb := sortedPorts(ct.sideA), sortedPorts(ct.sideB)
			msg = fmt.Sprintf("trunk %s (%s <-> %s) carries only %s, not vlan %s: %s are cut off from %s",
				l.Label, l.A, l.B, list, ct.vlan, c.side(sa), c.side(sb))
			for _, p := range []analysis.Port{sa[0], sb[0]} {
				related = append(related, diag.Related{Pos: f.PosOf("devices", p.Device, "interfaces", p.Interface), Message: fmt.Sprintf("%s is in vlan %s here", p, ct.vlan)})
			}
		}
		if fl := sortedSet(ct.flows); len(fl) > 6 {
			msg += fmt.Sprintf("; flows cut off: %s and %d more", strings.Join(fl[:6], ", "), len(fl)-6)
		} else if len(fl) > 0 {
			msg += fmt.Sprintf("; flows cut off: %s", strings.Join(fl, ", "))
		}
		c.pass.Report(diag.Diagnostic{
			Pos:     f.PosOf("links", l.Label, "vlans"),
			Subject: "link " + l.Label,
			Message: msg,
			Related: related,
			Hint:    hint,
		})
	}
}

// side names the endpoints on one side of a cut and the switches they hang from.
func (c *checker) side(ports []analysis.Port) string {
	var names []string
	sws := map[string]bool{}
	for _, p := range ports {
		names = append(names, p.String())
		sws[c.attach(p)] = true
	}
	const max = 4
	s := strings.Join(names, ", ")
	if len(names) > max {
		s = fmt.Sprintf("%s and %d more", strings.Join(names[:max], ", "), len(names)-max)
	}
	return fmt.Sprintf("%s (on %s)", s, strings.Join(sortedSet(sws), ", "))
}

func legName(flow, plane string) string {
	if plane == "" {
		return flow
	}
	return flow + " (" + plane + ")"
}

func other(l *model.Link, p analysis.Port) analysis.Port {
	a, b := analysis.ParsePort(l.A), analysis.ParsePort(l.B)
	if a == p {
		return b
	}
	return a
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortedPorts(m map[analysis.Port]bool) []analysis.Port {
	out := make([]analysis.Port, 0, len(m))
	for p := range m {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}
