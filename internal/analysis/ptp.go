package analysis

import (
	"sort"

	"github.com/avnet/avnet/internal/model"
)

// PTPDomainFacts is the clock tree of one PTP domain. Planes are separate
// networks, so a domain may form several trees (one per connected
// component of its PTP-aware devices), each electing its own grandmaster.
type PTPDomainFacts struct {
	Domain *model.PTPDomain
	Trees  []*PTPTree
}

// PTPTree is one connected clock tree.
type PTPTree struct {
	// Grandmaster elected by the best master clock algorithm (IEEE
	// 1588-2008 §9.3.4 dataset comparison: priority1, clockClass,
	// priority2, then identity, here the device name), "" when none.
	Grandmaster string
	// Candidates are the declared grandmasters in this tree, best first.
	Candidates []string
	Nodes      map[string]*PTPNode
}

// PTPNode is one device's place in the tree.
type PTPNode struct {
	Device string
	// Role: "grandmaster", "boundary", "transparent", "slave", or
	// "unaware" for a switch with PTP mode none or no ptp block.
	Role string
	// Parent is the device toward the grandmaster, and Port the local port
	// facing it (the slave port of a boundary clock).
	Parent string
	Port   Port
	// StepsRemoved counts boundary clocks between here and the grandmaster
	// (transparent and unaware switches do not add a step).
	StepsRemoved int
	Hops         int
}

func (a *analyzer) ptp() {
	comps := a.switchComponents()
	for _, dn := range model.SortedKeys(a.f.PTP) {
		dom := a.f.PTP[dn]
		df := &PTPDomainFacts{Domain: dom}
		members := map[string]bool{}
		for _, name := range model.SortedKeys(a.f.Devices) {
			d := a.f.Devices[name]
			if d.PTP != nil && d.PTP.Domain == dn && d.PTP.Mode != "none" {
				members[name] = true
			}
		}
		for gm := range dom.Grandmasters {
			if a.f.Devices[gm] != nil {
				members[gm] = true
			}
		}
		for _, comp := range comps {
			// A tree is one switched network with the domain's members
			// cabled to it. A dual-homed endpoint (ST 2022-7) belongs to
			// the red tree and the blue tree: it never joins them.
			nodes := map[string]bool{}
			has := false
			for sw := range comp {
				nodes[sw] = true
				has = has || members[sw]
				for _, e := range a.topo.Adj[sw] {
					if members[e.To.Device] && !a.topo.isForwarder(e.To.Device) && a.carriesMedia(e.Link) {
						nodes[e.To.Device] = true
						has = true
					}
				}
			}
			if has {
				df.Trees = append(df.Trees, a.tree(dom, nodes, comp))
			}
		}
		a.facts.PTP[dn] = df
	}
}

// carriesMedia reports whether a link carries a media VLAN, where PTP
// travels: the control, office and management networks do not join
// clock trees even when their switches touch both planes.
//
// Between two switches the plane of the VLANs is not considered: a trunk
// that joins a red and a blue switch without a `vlans` restriction does
// carry PTP across, which is what AV-PTP-005 must see.
func (a *analyzer) carriesMedia(l *model.Link) bool {
	if c, ok := a.carries[l]; ok {
		return c
	}
	if a.carries == nil {
		a.carries = map[*model.Link]bool{}
		for _, vn := range model.SortedKeys(a.f.VLANs) {
			if a.f.VLANs[vn].Purpose == "media" {
				a.mediaVLANs = append(a.mediaVLANs, vn)
			}
		}
	}
	x, y := ParsePort(l.A), ParsePort(l.B)
	trunk := a.topo.isForwarder(x.Device) && a.topo.isForwarder(y.Device)
	c := false
	for _, vn := range a.mediaVLANs {
		if trunk && (len(l.VLANs) == 0 || contains(l.VLANs, vn)) || a.topo.Carries(l, vn) {
			c = true
			break
		}
	}
	a.carries[l] = c
	return c
}

// switchComponents groups the switches that reach each other over
// switch-to-switch data links, in a deterministic order.
func (a *analyzer) switchComponents() []map[string]bool {
	var out []map[string]bool
	seen := map[string]bool{}
	for _, name := range model.SortedKeys(a.f.Devices) {
		if seen[name] || !a.topo.isForwarder(name) {
			continue
		}
		comp := map[string]bool{}
		queue := []string{name}
		seen[name] = true
		for len(queue) > 0 {
			cur := queue[0]
			queue = queue[1:]
			comp[cur] = true
			for _, e := range a.topo.Adj[cur] {
				if n := e.To.Device; !seen[n] && a.topo.isForwarder(n) && a.carriesMedia(e.Link) {
					seen[n] = true
					queue = append(queue, n)
				}
			}
		}
		out = append(out, comp)
	}
	return out
}

func (a *analyzer) tree(dom *model.PTPDomain, comp, switches map[string]bool) *PTPTree {
	t := &PTPTree{Nodes: map[string]*PTPNode{}}
	for gm := range dom.Grandmasters {
		if comp[gm] {
			t.Candidates = append(t.Candidates, gm)
		}
	}
	sort.Slice(t.Candidates, func(i, j int) bool {
		gi, gj := dom.Grandmasters[t.Candidates[i]], dom.Grandmasters[t.Candidates[j]]
		switch {
		case gi.Priority1 != gj.Priority1:
			return gi.Priority1 < gj.Priority1
		case gi.ClockClass != gj.ClockClass:
			return gi.ClockClass < gj.ClockClass
		case gi.Priority2 != gj.Priority2:
			return gi.Priority2 < gj.Priority2
		}
		return t.Candidates[i] < t.Candidates[j]
	})
	if len(t.Candidates) == 0 {
		for n := range comp {
			t.Nodes[n] = &PTPNode{Device: n, Role: a.ptpRole(n)}
		}
		return t
	}
	t.Grandmaster = t.Candidates[0]
	t.Nodes[t.Grandmaster] = &PTPNode{Device: t.Grandmaster, Role: "grandmaster"}
	// BFS from the grandmaster through forwarders, in link-label order.
	queue := []string{t.Grandmaster}
	visited := map[string]bool{t.Grandmaster: true}
	hops := map[string]int{t.Grandmaster: 0}
	steps := map[string]int{t.Grandmaster: 0}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if cur != t.Grandmaster && !a.topo.isForwarder(cur) {
			continue
		}
		for _, e := range a.topo.Adj[cur] {
			n := e.To.Device
			if visited[n] || !comp[n] && !switches[n] || !a.carriesMedia(e.Link) {
				continue // stay in this tree's switched network
			}
			visited[n] = true
			hops[n] = hops[cur] + 1
			s := steps[cur]
			if cur == t.Grandmaster || a.ptpRole(cur) == "boundary" {
				s++
			}
			steps[n] = s
			queue = append(queue, n)
			if comp[n] || a.topo.isForwarder(n) {
				t.Nodes[n] = &PTPNode{Device: n, Role: a.ptpRole(n), Parent: cur, Port: e.To, StepsRemoved: s, Hops: hops[n]}
			}
		}
	}
	return t
}

// ptpRole is a device's clock role from its design.
func (a *analyzer) ptpRole(name string) string {
	d := a.f.Devices[name]
	if d == nil {
		return "unaware"
	}
	if a.topo.isForwarder(name) {
		if d.PTP == nil {
			return "unaware"
		}
		switch d.PTP.Mode {
		case "boundary", "transparent":
			return d.PTP.Mode
		}
		return "unaware"
	}
	return "slave"
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
