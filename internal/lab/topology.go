package lab

import (
	"fmt"
	"net/netip"
	"sort"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/model"
)

// Topology is the lab a design becomes: which devices are nodes, the
// Linux names of their interfaces, the veth pairs, and the "lab view" of
// the facility that the lab's switch configurations are rendered from.
type Topology struct {
	// Design is the facility as loaded; it is never modified.
	Design *model.Facility
	// View is the lab view: a copy of the design in which every switch has
	// platform linux and every interface its Linux name (see IfNames),
	// links only join lab nodes, and every device type lists only the
	// ports that exist in the lab. Facts are derived from it.
	View  *model.Facility
	Facts *analysis.Facts

	Switches  []*Node // sorted by device name
	Endpoints []*Node // sorted by device name
	Links     []*Link // sorted by label
	// Skipped says what of the design the lab leaves out, and why.
	Skipped []string
}

// Node is a device of the design that is a network namespace in the lab.
type Node struct {
	Device string // design name
	Name   string // node name (netns <lab>-<Name>)
	Switch bool
	// DesignPlatform is the switch's platform in the design ("eos"); in
	// the lab every switch runs the linux platform.
	DesignPlatform string
	// IfNames maps the design's interface names to Linux names.
	IfNames map[string]string
	// Interfaces are an endpoint's cabled interfaces (Linux names), with
	// their addresses.
	Interfaces []*EndpointIf
	MgmtIP     netip.Addr // a switch's address on the management bridge
}

// EndpointIf is an interface of an endpoint.
type EndpointIf struct {
	Design  string // design name
	Name    string // Linux name
	VLAN    string // untagged VLAN ("" when none)
	Address string // CIDR, "" when none
	Tagged  []string
	Switch  string // device at the far end, when it is a switch
	Peer    string // far end's design port "dev:if"
}

// Link is a cable between two lab nodes: a veth pair.
type Link struct {
	Label string
	// A and B are the design's ends ("sw-1:swp19"); ANode/AIf and
	// BNode/BIf are node names and Linux interface names.
	A, B       string
	ANode, AIf string
	BNode, BIf string
	MTU        int
}

// NodeOf returns the node of a design device, nil if it is not in the lab.
func (t *Topology) NodeOf(device string) *Node {
	for _, n := range t.Switches {
		if n.Device == device {
			return n
		}
	}
	for _, n := range t.Endpoints {
		if n.Device == device {
			return n
		}
	}
	return nil
}

// DesignIf maps a node's Linux interface name back to the design's name.
func (n *Node) DesignIf(ifname string) string {
	for d, l := range n.IfNames {
		if l == ifname {
			return d
		}
	}
	return ifname
}

// NewTopology computes the lab of a design. mgmt is the management
// prefix: switch i (in name order) gets the address network+11+i.
func NewTopology(f *model.Facility, mgmt netip.Prefix) (*Topology, error) {
	t := &Topology{Design: f}
	facts := analysis.Analyze(f)
	topo := facts.Topology

	// Lab nodes: every switch; every other device with a declared
	// interface that is cabled to another device.
	isNode := map[string]bool{}
	var devs []string
	for _, name := range model.SortedKeys(f.Devices) {
		d := f.Devices[name]
		if d.IsSwitch() {
			isNode[name] = true
			devs = append(devs, name)
			continue
		}
		if len(d.Interfaces) == 0 {
			continue
		}
		cabled := false
		for in := range d.Interfaces {
			if l := topo.LinkAt[analysis.Port{Device: name, Interface: in}]; l != nil {
				a, _ := model.SplitEnd(l.A)
				b, _ := model.SplitEnd(l.B)
				if a != b {
					cabled = true
				}
			}
		}
		if !cabled {
			t.Skipped = append(t.Skipped, fmt.Sprintf("device %s: none of its interfaces is cabled", name))
			continue
		}
		isNode[name] = true
		devs = append(devs, name)
	}
	nodeNames := NodeNames(devs)

	// Links between lab nodes; both ends must be declared interfaces for
	// an endpoint (a switch's ports need not be).
	ifs := map[string]map[string]bool{} // device -> design interface names
	for _, name := range devs {
		ifs[name] = map[string]bool{}
		for in := range f.Devices[name].Interfaces {
			ifs[name][in] = true
		}
	}
	type linkEnds struct {
		l    *model.Link
		a, b analysis.Port
	}
	var links []linkEnds
	usedPort := map[analysis.Port]string{}
	for _, label := range model.SortedKeys(f.Links) {
		l := f.Links[label]
		a, b := analysis.ParsePort(l.A), analysis.ParsePort(l.B)
		switch {
		case !isNode[a.Device] || !isNode[b.Device]:
			t.Skipped = append(t.Skipped, fmt.Sprintf("link %s (%s - %s): an end is not a lab node (a device with no declared interface)", label, l.A, l.B))
			continue
		case a.Device == b.Device:
			t.Skipped = append(t.Skipped, fmt.Sprintf("link %s: loop cable on %s", label, a.Device))
			continue
		}
		dup := false
		for _, p := range []analysis.Port{a, b} {
			if prev, ok := usedPort[p]; ok {
				t.Skipped = append(t.Skipped, fmt.Sprintf("link %s: port %s is already cabled by link %s", label, p, prev))
				dup = true
			}
		}
		if dup {
			continue
		}
		usedPort[a], usedPort[b] = label, label
		ifs[a.Device][a.Interface] = true
		ifs[b.Device][b.Interface] = true
		links = append(links, linkEnds{l, a, b})
	}
	// Ports the device type marks management-only keep that mark.
	for _, name := range devs {
		d := f.Devices[name]
		if dt := f.DeviceTypes[d.Model]; dt != nil {
			for pn, p := range dt.Ports {
				if p.MgmtOnly {
					ifs[name][pn] = true
				}
			}
		}
		if d.Mgmt != nil && d.Mgmt.Interface != "" {
			ifs[name][d.Mgmt.Interface] = true
		}
	}

	// The lab view.
	view := *f
	view.Devices = map[string]*model.Device{}
	view.Links = map[string]*model.Link{}
	view.DeviceTypes = map[string]*model.DeviceType{}
	for slug, dt := range f.DeviceTypes {
		view.DeviceTypes[slug] = dt
	}
	nodes := map[string]*Node{}
	for _, name := range model.SortedKeys(f.Devices) {
		d := f.Devices[name]
		nd := *d
		if !isNode[name] {
			// Kept so that flows naming it still resolve; it has no cable.
			nd.Interfaces = map[string]*model.Interface{}
			for in, i := range d.Interfaces {
				ci := *i
				nd.Interfaces[in] = &ci
			}
			view.Devices[name] = &nd
			continue
		}
		var names []string
		for in := range ifs[name] {
			names = append(names, in)
		}
		m := IfNames(names)
		n := &Node{Device: name, Name: nodeNames[name], Switch: d.IsSwitch(), IfNames: m}
		nodes[name] = n
		nd.Interfaces = map[string]*model.Interface{}
		for in, i := range d.Interfaces {
			ci := *i
			ci.Name = m[in]
			nd.Interfaces[m[in]] = &ci
		}
		if d.Mgmt != nil {
			mg := *d.Mgmt
			if mg.Interface != "" {
				mg.Interface = m[mg.Interface]
			}
			nd.Mgmt = &mg
		}
		if n.Switch {
			// The lab manages its switches over mgmt0 on its own bridge;
			// the design's management port lives in a management VRF,
			// which this kernel cannot make (no CONFIG_NET_VRF).
			nd.Mgmt = nil
		}
		// A device type of its own, listing only the ports the lab has.
		dt := &model.DeviceType{Slug: "lab:" + name, Kind: "lab", Ports: map[string]*model.Port{}}
		if odt := f.DeviceTypes[d.Model]; odt != nil {
			c := *odt
			c.Slug, c.Ports = dt.Slug, dt.Ports
			dt = &c
		}
		var odtPorts map[string]*model.Port
		if odt := f.DeviceTypes[d.Model]; odt != nil {
			odtPorts = odt.Ports
		}
		for in := range ifs[name] {
			if p := odtPorts[in]; p != nil {
				cp := *p
				dt.Ports[m[in]] = &cp
			} else if usedPort[analysis.Port{Device: name, Interface: in}] != "" {
				dt.Ports[m[in]] = &model.Port{}
			}
		}
		view.DeviceTypes[dt.Slug] = dt
		nd.Model = dt.Slug
		if n.Switch {
			n.DesignPlatform = d.Platform
			nd.Platform = "linux"
		}
		view.Devices[name] = &nd
	}
	for _, le := range links {
		l := *le.l
		na, nb := nodes[le.a.Device], nodes[le.b.Device]
		l.A = le.a.Device + ":" + na.IfNames[le.a.Interface]
		l.B = le.b.Device + ":" + nb.IfNames[le.b.Interface]
		view.Links[l.Label] = &l
		t.Links = append(t.Links, &Link{Label: l.Label, A: le.l.A, B: le.l.B,
			ANode: na.Name, AIf: na.IfNames[le.a.Interface], BNode: nb.Name, BIf: nb.IfNames[le.b.Interface]})
	}
	t.View = &view
	t.Facts = analysis.Analyze(t.View)

	// Switches get management addresses in name order.
	base := mgmt.Masked().Addr()
	for _, name := range devs {
		n := nodes[name]
		if n.Switch {
			t.Switches = append(t.Switches, n)
		} else {
			t.Endpoints = append(t.Endpoints, n)
		}
	}
	for i, n := range t.Switches {
		a := base
		for k := 0; k < 11+i; k++ {
			a = a.Next()
		}
		if !mgmt.Contains(a) || a == mgmt.Addr() {
			return nil, fmt.Errorf("lab: management prefix %s is too small for %d switches", mgmt, len(t.Switches))
		}
		n.MgmtIP = a
	}

	// Endpoint interfaces: the cabled ones, with their addresses.
	for _, n := range t.Endpoints {
		d := t.View.Devices[n.Device]
		for _, in := range model.SortedKeys(d.Interfaces) {
			i := d.Interfaces[in]
			l := t.Facts.Topology.LinkAt[analysis.Port{Device: n.Device, Interface: in}]
			if l == nil {
				continue
			}
			ei := &EndpointIf{Design: n.DesignIf(in), Name: in, VLAN: i.VLAN, Address: i.IP, Tagged: i.VLANs}
			a, b := analysis.ParsePort(l.A), analysis.ParsePort(l.B)
			peer := a
			if a.Device == n.Device && a.Interface == in {
				peer = b
			}
			if pn := nodes[peer.Device]; pn != nil {
				ei.Peer = peer.Device + ":" + pn.DesignIf(peer.Interface)
				if pn.Switch {
					ei.Switch = peer.Device
				}
			}
			if len(i.VLANs) > 0 {
				t.Skipped = append(t.Skipped, fmt.Sprintf("device %s interface %s: tagged VLANs %v are not set up (this kernel has no 802.1Q VLAN devices); only its untagged VLAN is", n.Device, ei.Design, i.VLANs))
			}
			n.Interfaces = append(n.Interfaces, ei)
		}
	}

	// Link MTUs: the largest MTU of the VLANs either end's port carries.
	for _, l := range t.Links {
		l.MTU = t.linkMTU(l)
	}
	sort.Strings(t.Skipped)
	return t, nil
}

// linkMTU is the MTU a link needs: the switch port plan's MTU, or the
// endpoint interface's VLAN MTU; 1500 by default.
func (t *Topology) linkMTU(l *Link) int {
	mtu := 0
	for _, end := range []string{l.A, l.B} {
		dev, _ := model.SplitEnd(end)
		n := t.NodeOf(dev)
		if n == nil {
			continue
		}
		lif := n.IfNames[end[len(dev)+1:]]
		if n.Switch {
			if plan := t.Facts.SwitchPlan(dev); plan != nil {
				for _, p := range plan.Ports {
					if p.Name == lif && p.MTU > mtu {
						mtu = p.MTU
					}
				}
			}
			continue
		}
		if i := t.View.Devices[dev].Interfaces[lif]; i != nil {
			for _, vn := range i.AllVLANs() {
				if v := t.View.VLANs[vn]; v != nil && v.MTU > mtu {
					mtu = v.MTU
				}
			}
		}
	}
	if mtu < 1500 {
		mtu = 1500
	}
	return mtu
}
