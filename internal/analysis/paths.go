package analysis

import (
	"fmt"
	"hash/fnv"
	"sort"

	"github.com/avnet/avnet/internal/essence"
	"github.com/avnet/avnet/internal/model"
)

// FlowFacts is what analysis knows about one flow.
type FlowFacts struct {
	Flow *model.Flow
	// Rate is one leg's wire rate; RateErr says why it could not be computed.
	Rate    essence.Result
	RateErr error
	Legs    []*Leg // sorted by plane
}

// Leg is one copy of a flow on one plane (ST 2022-7 flows have two).
type Leg struct {
	Plane string // "" for a single-plane flow
	// Group is the destination multicast group; "" for a unicast leg.
	Group string
	// Unicast legs send one copy per receiver: their load is the sum of
	// the delivery paths, not the tree.
	Unicast bool
	VLAN    string
	// Sender is the sender's port on this leg's VLAN ("" interface when it has none).
	Sender Port
	// Deliveries by receiver name, in the flow's receiver order.
	Deliveries []*Delivery
	// Tree is the multicast distribution tree: every link direction the
	// leg crosses, once, whatever the number of receivers behind it.
	Tree []Edge
}

// Delivery is the path of a leg to one receiver.
type Delivery struct {
	Receiver string
	Port     Port   // the receiver's port on the leg's VLAN
	Path     []Edge // sender → receiver; nil when Unreachable != ""
	// Unreachable explains why the leg cannot reach the receiver.
	Unreachable string
}

func (a *analyzer) flows() {
	for _, name := range model.SortedKeys(a.f.Flows) {
		fl := a.f.Flows[name]
		ff := &FlowFacts{Flow: fl}
		ff.Rate, ff.RateErr = FlowRate(fl)
		legs := fl.Legs()
		for _, plane := range model.SortedKeys(legs) {
			ff.Legs = append(ff.Legs, a.leg(fl, plane, legs[plane]))
		}
		if len(legs) == 0 && len(fl.Receivers) > 0 {
			// No group: a unicast flow (SRT, a contribution feed), one
			// copy per receiver.
			leg := a.leg(fl, "", "")
			leg.Unicast = true
			ff.Legs = append(ff.Legs, leg)
		}
		a.facts.Flows[name] = ff
	}
}

// legVLAN picks the VLAN a leg travels in: the sender's interface on the
// leg's plane (by VLAN plane, or interface plane), or for a single-plane
// flow the sender's first cabled interface in a media-carrying VLAN.
func (a *analyzer) legVLAN(fl *model.Flow, plane string) (vlan, iface string) {
	d := a.f.Devices[fl.Sender]
	if d == nil {
		return "", ""
	}
	best, bestIf, bestScore := "", "", -1
	for _, in := range model.SortedKeys(d.Interfaces) {
		i := d.Interfaces[in]
		for _, vn := range i.AllVLANs() {
			v := a.f.VLANs[vn]
			if v == nil {
				continue
			}
			vp := v.Plane
			if i.Plane != "" {
				vp = i.Plane
			}
			if plane != "" && vp != plane {
				continue
			}
			score := 0
			if _, cabled := a.topo.LinkAt[Port{fl.Sender, in}]; cabled {
				score += 4
			}
			if fl.Source != "" && hostAddr(i.IP) == fl.Source {
				score += 8
			}
			switch v.Purpose {
			case "media", "iptv":
				score += 2
			case "management":
				score -= 4
			}
			if score > bestScore {
				best, bestIf, bestScore = vn, in, score
			}
		}
	}
	return best, bestIf
}

func hostAddr(cidr string) string {
	for i := 0; i < len(cidr); i++ {
		if cidr[i] == '/' {
			return cidr[:i]
		}
	}
	return cidr
}

func (a *analyzer) leg(fl *model.Flow, plane, group string) *Leg {
	vlan, iface := a.legVLAN(fl, plane)
	leg := &Leg{Plane: plane, Group: group, VLAN: vlan, Sender: Port{fl.Sender, iface}}
	seen := map[string]bool{}
	tree := map[edgeKey]Edge{}
	for _, r := range fl.Receivers {
		if seen[r] || a.f.Devices[r] == nil {
			continue
		}
		seen[r] = true
		dl := &Delivery{Receiver: r}
		leg.Deliveries = append(leg.Deliveries, dl)
		switch {
		case vlan == "":
			dl.Unreachable = fmt.Sprintf("sender %s has no interface on plane %q", fl.Sender, planeName(plane))
			continue
		case a.topo.LinkAt[leg.Sender] == nil:
			dl.Unreachable = fmt.Sprintf("sender port %s is not cabled", leg.Sender)
			continue
		}
		rif := a.topo.InterfaceInVLAN(r, vlan)
		if rif == "" && a.routed() {
			rif = a.receiverOnPlane(r, plane)
		}
		if rif == "" {
			dl.Unreachable = fmt.Sprintf("receiver %s has no interface in VLAN %s", r, vlan)
			continue
		}
		dl.Port = Port{r, rif}
		if a.topo.LinkAt[dl.Port] == nil {
			dl.Unreachable = fmt.Sprintf("receiver port %s is not cabled", dl.Port)
			continue
		}
		path := a.route(leg.Sender, dl.Port, vlan, group)
		if path == nil {
			dl.Unreachable = fmt.Sprintf("no path carries VLAN %s from %s to %s", vlan, leg.Sender, dl.Port)
			continue
		}
		dl.Path = path
		for _, e := range path {
			tree[keyOf(e)] = e
		}
	}
	// A sender transmits whether or not anyone listens: its own cable
	// always carries the leg to the first switch (snooping prunes after).
	if first := a.topo.LinkAt[leg.Sender]; first != nil && vlan != "" && group != "" && a.topo.Carries(first, vlan) {
		e := Edge{Link: first, From: leg.Sender, To: otherEnd(first, leg.Sender)}
		tree[keyOf(e)] = e
	}
	keys := make([]edgeKey, 0, len(tree))
	for k := range tree {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].label != keys[j].label {
			return keys[i].label < keys[j].label
		}
		return keys[i].from < keys[j].from
	})
	for _, k := range keys {
		leg.Tree = append(leg.Tree, tree[k])
	}
	return leg
}

func planeName(p string) string {
	if p == "" {
		return "(single plane)"
	}
	return p
}

// routed reports whether the design is an L3 fabric: flows cross VLANs
// through PIM-routing switches.
func (a *analyzer) routed() bool {
	return a.f.Routing != nil && a.f.Routing.Mode == "l3"
}

// receiverOnPlane finds a receiver's cabled interface on the plane, for routed fabrics.
func (a *analyzer) receiverOnPlane(dev, plane string) string {
	d := a.f.Devices[dev]
	for _, in := range model.SortedKeys(d.Interfaces) {
		i := d.Interfaces[in]
		if _, cabled := a.topo.LinkAt[Port{dev, in}]; !cabled {
			continue
		}
		v := a.f.VLANs[i.VLAN]
		if v == nil || v.Purpose == "management" {
			continue
		}
		if plane == "" || v.Plane == plane || i.Plane == plane {
			return in
		}
	}
	return ""
}

type edgeKey struct{ label, from string }

func keyOf(e Edge) edgeKey { return edgeKey{e.Link.Label, e.From.String()} }

// route finds the shortest path from the sender's port to the receiver's
// port. At layer 2 every hop must carry the VLAN; in an L3 fabric hops
// between forwarders are routed. Among equal-cost paths the choice is
// deterministic: neighbours in link-label order, and in a routed fabric a
// hash of the group picks the ECMP next hop, as switches hash flows.
func (a *analyzer) route(src, dst Port, vlan, group string) []Edge {
	first := a.topo.LinkAt[src]
	last := a.topo.LinkAt[dst]
	// The first hop leaves the sender on its own cable.
	start := Edge{Link: first, From: src, To: otherEnd(first, src)}
	if !a.topo.Carries(first, vlan) {
		return nil
	}
	if start.To == dst {
		return []Edge{start}
	}
	if !a.topo.isForwarder(start.To.Device) {
		return nil
	}
	lastHop := Edge{Link: last, From: otherEnd(last, dst), To: dst}
	if !a.topo.Carries(last, vlan) && !a.routed() {
		return nil
	}
	target := lastHop.From.Device
	sp := a.search(start.To.Device, vlan)
	dist, preds := sp.dist, sp.preds
	if _, ok := dist[target]; !ok {
		return nil
	}
	var rev []Edge
	for cur := target; cur != start.To.Device; {
		ps := preds[cur]
		e := ps[0]
		if a.routed() && len(ps) > 1 {
			e = ps[ecmpIndex(group, cur, len(ps))]
		}
		rev = append(rev, e)
		cur = e.From.Device
	}
	path := []Edge{start}
	for i := len(rev) - 1; i >= 0; i-- {
		path = append(path, rev[i])
	}
	return append(path, lastHop)
}

// shortest is a breadth-first search from one forwarder: the hop count
// to every forwarder it reaches and every equal-cost predecessor edge.
type shortest struct {
	dist  map[string]int
	preds map[string][]Edge
}

// searchKey names a search: it depends only on the first-hop switch and,
// at layer 2, on the VLAN (in a routed fabric every hop is routed).
type searchKey struct{ from, vlan string }

// search returns the shortest-path search from forwarder from in vlan,
// computed once and shared by every delivery that leaves from there.
func (a *analyzer) search(from, vlan string) *shortest {
	if a.routed() {
		vlan = ""
	}
	k := searchKey{from, vlan}
	if sp := a.searches[k]; sp != nil {
		return sp
	}
	// BFS over forwarders, recording every equal-cost predecessor.
	sp := &shortest{dist: map[string]int{from: 0}, preds: map[string][]Edge{}}
	queue := []string{from}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, e := range a.topo.swAdj[cur] {
			next := e.To.Device
			if vlan != "" && !a.topo.Carries(e.Link, vlan) {
				continue
			}
			if d, ok := sp.dist[next]; ok {
				if d == sp.dist[cur]+1 {
					sp.preds[next] = append(sp.preds[next], e)
				}
				continue
			}
			sp.dist[next] = sp.dist[cur] + 1
			sp.preds[next] = []Edge{e}
			queue = append(queue, next)
		}
	}
	if a.searches == nil {
		a.searches = map[searchKey]*shortest{}
	}
	a.searches[k] = sp
	return sp
}

func ecmpIndex(group, node string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(group))
	h.Write([]byte{0})
	h.Write([]byte(node))
	return int(h.Sum32() % uint32(n))
}

func otherEnd(l *model.Link, p Port) Port {
	a, b := ParsePort(l.A), ParsePort(l.B)
	if a == p {
		return b
	}
	return a
}
