package analysis

import (
	"net/netip"
	"sort"
	"strings"

	"github.com/avnet/avnet/internal/model"
)

// This file derives the port plan of a switch: for every port, what it is
// cabled to and how it must be configured (access, trunk, routed or shut),
// which VLANs a trunk must carry, its MTU and whether it faces an endpoint
// (an edge port). Switch configurations, NetBox records and diagrams all
// read the same plan, so they cannot disagree about a port.

// Port modes of a SwitchPort.
const (
	PortAccess = "access" // one untagged VLAN
	PortTrunk  = "trunk"  // 802.1Q tagged VLANs (and maybe one untagged)
	PortRouted = "routed" // an IP interface (L3 fabric point-to-point link)
	PortUnused = "unused" // nothing to carry: shut down
)

// SwitchPlan is the derived configuration of one switch.
type SwitchPlan struct {
	Device string
	// Ports lists every front-panel port of the device type (management
	// ports excepted) and any cabled port the type does not list, in
	// natural order (Ethernet2 before Ethernet10).
	Ports []*SwitchPort
	// Mgmt is the management interface; nil when the design gives none.
	Mgmt *MgmtPlan
	// SVIs are the switch's own presence in VLANs (an IP interface, an
	// IGMP querier or both), sorted by VLAN ID.
	SVIs []*SVI
	// VLANs the switch carries on a port or holds an SVI in, sorted by ID.
	VLANs []string
}

// SwitchPort is one port of the plan.
type SwitchPort struct {
	Name string
	// Speed is the link's speed; for an uncabled port, the port's own.
	Speed string
	// PortSpeed and Media are what the device type says of the port.
	PortSpeed string
	Media     string
	Link      *model.Link // nil when the port is not cabled
	Peer      Port        // the far end; zero when not cabled
	Mode      string      // PortAccess, PortTrunk, PortRouted, PortUnused
	// AccessVLAN is an access port's VLAN, or a trunk's untagged (native) VLAN.
	AccessVLAN string
	// Allowed are a trunk's tagged VLANs, sorted by VLAN ID.
	Allowed []string
	// MTU is the largest IP MTU of the VLANs on the port (for a routed port,
	// of every VLAN the switch carries); 0 for an unused port.
	MTU int
	// Edge is set when the peer is an endpoint (or another device's
	// management port): spanning-tree edge, BPDU guard, storm control.
	Edge bool
	// Address is a routed port's IP address with its prefix length.
	Address string
	// PTP is set when the port takes part in the switch's PTP domain:
	// the peer is a PTP clock of the domain, a grandmaster, or the port
	// carries a media VLAN (every ST 2110 device needs PTP).
	PTP bool
	// PTPSlave marks the port the analysis expects the best master clock
	// algorithm to choose toward the grandmaster. BMCA decides at run
	// time; this is for descriptions and checks, not configuration.
	PTPSlave bool
	// PTPGrandmaster marks a port facing one of the domain's grandmasters
	// (the elected one or a standby): it must stay free to become the slave.
	PTPGrandmaster bool
	// Note says why an unused port is shut when it is cabled.
	Note string
}

// Description is the port's label: the cable label and the far end, e.g.
// "C-101 cam-1:media-a"; "unused" for an uncabled port.
func (p *SwitchPort) Description() string {
	if p.Link == nil {
		return "unused"
	}
	return p.Link.Label + " " + p.Peer.String()
}

// VLANList returns every VLAN on the port: the untagged one, then the tagged ones.
func (p *SwitchPort) VLANList() []string {
	var out []string
	if p.AccessVLAN != "" {
		out = append(out, p.AccessVLAN)
	}
	for _, v := range p.Allowed {
		if v != p.AccessVLAN {
			out = append(out, v)
		}
	}
	return out
}

// MgmtPlan is the switch's management interface.
type MgmtPlan struct {
	// Interface is the dedicated management port (Management1, mgmt0,
	// GigabitEthernet0/0, eth0); empty for in-band management through an
	// SVI in VLAN.
	Interface string
	Address   string // IP with the prefix length of the management VLAN's subnet
	Gateway   string // the management VLAN's gateway, "" when it has none
	VLAN      string
}

// SVI is the switch's own presence in a VLAN.
type SVI struct {
	VLAN string
	// Address is the switch's IP in the VLAN with its prefix length; "" for a
	// querier that has no address of its own on the switch.
	Address string
	// L3 is set when the switch needs an IP interface in the VLAN: the
	// design declares one, or the switch is the gateway of a routed VLAN
	// in an L3 fabric.
	L3 bool
	// Gateway is set when the SVI is the routed VLAN's gateway (L3 fabric).
	Gateway bool
	// Querier is set when the design places the VLAN's IGMP querier on this
	// switch (vlans.<v>.igmp.querier names the switch or one of its
	// addresses); QuerierAddress is the source address of its queries.
	Querier        bool
	QuerierAddress string
}

// SwitchPlan returns the port plan of a switch, nil when dev is not a switch.
func (f *Facts) SwitchPlan(dev string) *SwitchPlan {
	d := f.Facility.Devices[dev]
	if d == nil || !d.IsSwitch() {
		return nil
	}
	b := &planBuilder{f: f.Facility, facts: f, topo: f.Topology, dev: d}
	return b.build()
}

type planBuilder struct {
	f     *model.Facility
	facts *Facts
	topo  *Topology
	dev   *model.Device
}

func (b *planBuilder) routedFabric() bool {
	return b.f.Routing != nil && b.f.Routing.Mode == "l3"
}

func (b *planBuilder) typePorts(dev string) map[string]*model.Port {
	d := b.f.Devices[dev]
	if d == nil {
		return nil
	}
	if t := b.f.DeviceTypes[d.Model]; t != nil {
		return t.Ports
	}
	return nil
}

// isMgmtPort reports whether iface is dev's management port: the design's
// mgmt.interface, or a port its type flags management-only.
func (b *planBuilder) isMgmtPort(dev, iface string) bool {
	d := b.f.Devices[dev]
	if d == nil {
		return false
	}
	if d.Mgmt != nil && d.Mgmt.Interface == iface {
		return true
	}
	if p := b.typePorts(dev)[iface]; p != nil && p.MgmtOnly {
		return true
	}
	return false
}

// declared returns the design's interface entry for a device's port, if any.
func (b *planBuilder) declared(p Port) *model.Interface {
	d := b.f.Devices[p.Device]
	if d == nil {
		return nil
	}
	return d.Interfaces[p.Interface]
}

// hostVLANs returns the VLANs a host-facing cable carries toward peer: the
// VLANs of the peer's interface (or the management VLAN of a management
// port), limited by the link's `vlans`; tagged tells whether any is tagged.
func (b *planBuilder) hostVLANs(l *model.Link, peer Port) (untagged string, tagged []string) {
	if b.isMgmtPort(peer.Device, peer.Interface) {
		if m := b.f.Devices[peer.Device].Mgmt; m != nil && b.f.VLANs[m.VLAN] != nil && restrictOK(l, m.VLAN) {
			return m.VLAN, nil
		}
		return "", nil
	}
	i := b.declared(peer)
	if i == nil {
		return "", nil
	}
	if i.VLAN != "" && b.f.VLANs[i.VLAN] != nil && restrictOK(l, i.VLAN) {
		untagged = i.VLAN
	}
	for _, v := range i.VLANs {
		if b.f.VLANs[v] != nil && restrictOK(l, v) && v != untagged {
			tagged = append(tagged, v)
		}
	}
	return untagged, tagged
}

// trunkLink reports whether l joins two forwarders through ordinary ports
// (not a management port, and neither end declares the port as a host interface).
func (b *planBuilder) trunkLink(l *model.Link) bool {
	a, c := ParsePort(l.A), ParsePort(l.B)
	if a.Device == c.Device || !b.topo.isForwarder(a.Device) || !b.topo.isForwarder(c.Device) {
		return false
	}
	if b.isMgmtPort(a.Device, a.Interface) || b.isMgmtPort(c.Device, c.Interface) {
		return false
	}
	for _, p := range []Port{a, c} {
		if i := b.declared(p); i != nil && (i.VLAN != "" || len(i.VLANs) > 0 || i.IP != "") {
			return false
		}
	}
	return true
}

// carries reports whether a trunk between forwarders carries vlan.
func (b *planBuilder) carries(l *model.Link, vlan string) bool {
	return b.trunkLink(l) && b.topo.Carries(l, vlan)
}

// localMember reports whether forwarder dev needs vlan itself or for a
// host cabled to it: a host port in the VLAN, an interface the design
// declares in it, the VLAN's querier, or (for a router or firewall that
// declares no interface at all) a VLAN with a gateway.
func (b *planBuilder) localMember(dev, vlan string) bool {
	d := b.f.Devices[dev]
	for _, e := range b.topo.Adj[dev] {
		if b.trunkLink(e.Link) || b.isMgmtPort(dev, e.From.Interface) {
			continue
		}
		u, t := b.hostVLANs(e.Link, e.To)
		if u == vlan || contains(t, vlan) {
			return true
		}
		// A forwarder peer that declares its port: the far side decides.
		if b.topo.isForwarder(e.To.Device) {
			if i := b.declared(e.From); i != nil && contains(i.AllVLANs(), vlan) {
				return true
			}
		}
	}
	for name, i := range d.Interfaces {
		if !b.isMgmtPort(dev, name) && contains(i.AllVLANs(), vlan) {
			return true
		}
	}
	if v := b.f.VLANs[vlan]; v != nil && v.IGMP != nil && v.IGMP.Querier != "" {
		if v.IGMP.Querier == dev || b.ownsAddress(dev, v.IGMP.Querier) {
			return true
		}
	}
	if d.Mgmt != nil && d.Mgmt.VLAN == vlan && d.Mgmt.Interface == "" && b.mgmtPortOf(dev) == "" {
		return true // in-band management
	}
	if !d.IsSwitch() && len(d.Interfaces) == 0 {
		if v := b.f.VLANs[vlan]; v != nil && v.Gateway != "" {
			return true
		}
	}
	return false
}

// ownsAddress reports whether one of dev's declared interfaces has addr.
func (b *planBuilder) ownsAddress(dev, addr string) bool {
	return b.interfaceWithAddress(dev, addr) != ""
}

func (b *planBuilder) interfaceWithAddress(dev, addr string) string {
	d := b.f.Devices[dev]
	if d == nil {
		return ""
	}
	for _, name := range model.SortedKeys(d.Interfaces) {
		if hostAddr(d.Interfaces[name].IP) == addr {
			return name
		}
	}
	return ""
}

// trunkNeeds reports whether the trunk l must carry vlan: it carries it,
// and there is something in the VLAN on both sides of it.
func (b *planBuilder) trunkNeeds(l *model.Link, vlan string) bool {
	if !b.carries(l, vlan) {
		return false
	}
	a, c := ParsePort(l.A), ParsePort(l.B)
	return b.reachesMember(a.Device, l, vlan) && b.reachesMember(c.Device, l, vlan)
}

// reachesMember walks the forwarders from start over trunks carrying vlan,
// never crossing skip, and reports whether any of them needs the VLAN.
func (b *planBuilder) reachesMember(start string, skip *model.Link, vlan string) bool {
	seen := map[string]bool{start: true}
	queue := []string{start}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if b.localMember(cur, vlan) {
			return true
		}
		for _, e := range b.topo.Adj[cur] {
			if e.Link == skip || seen[e.To.Device] || !b.carries(e.Link, vlan) {
				continue
			}
			seen[e.To.Device] = true
			queue = append(queue, e.To.Device)
		}
	}
	return false
}

func (b *planBuilder) mgmtPortOf(dev string) string {
	d := b.f.Devices[dev]
	if d.Mgmt != nil && d.Mgmt.Interface != "" {
		return d.Mgmt.Interface
	}
	ports := b.typePorts(dev)
	for _, name := range model.SortedKeys(ports) {
		if ports[name].MgmtOnly {
			return name
		}
	}
	return ""
}

func (b *planBuilder) build() *SwitchPlan {
	dev := b.dev.Name
	plan := &SwitchPlan{Device: dev}
	ports := b.typePorts(dev)
	names := map[string]bool{}
	for name, p := range ports {
		if !p.MgmtOnly {
			names[name] = true
		}
	}
	for _, e := range b.topo.Adj[dev] {
		names[e.From.Interface] = true
	}
	for name, i := range b.dev.Interfaces {
		if ports[name] != nil && !ports[name].MgmtOnly && i.IP != "" {
			names[name] = true
		}
	}
	mgmtPort := b.mgmtPortOf(dev)
	delete(names, mgmtPort)
	var sorted []string
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Slice(sorted, func(i, j int) bool { return NaturalLess(sorted[i], sorted[j]) })

	for _, name := range sorted {
		plan.Ports = append(plan.Ports, b.port(name, ports[name]))
	}
	plan.Mgmt = b.mgmt(mgmtPort)
	plan.SVIs = b.svis(plan)
	b.ptp(plan)

	inPlan := map[string]bool{}
	for _, p := range plan.Ports {
		for _, v := range p.VLANList() {
			inPlan[v] = true
		}
	}
	for _, s := range plan.SVIs {
		inPlan[s.VLAN] = true
	}
	if plan.Mgmt != nil && plan.Mgmt.Interface == "" && plan.Mgmt.VLAN != "" {
		inPlan[plan.Mgmt.VLAN] = true
	}
	for v := range inPlan {
		plan.VLANs = append(plan.VLANs, v)
	}
	b.sortVLANs(plan.VLANs)
	for _, p := range plan.Ports {
		switch p.Mode {
		case PortRouted:
			// A routed link carries whatever the fabric routes: the largest
			// MTU of the VLANs of the switch's plane.
			var all []string
			for _, vn := range model.SortedKeys(b.f.VLANs) {
				if v := b.f.VLANs[vn]; b.dev.Plane == "" || v.Plane == "" || v.Plane == b.dev.Plane {
					all = append(all, vn)
				}
			}
			p.MTU = b.maxMTU(all)
		case PortUnused:
		default:
			p.MTU = b.maxMTU(p.VLANList())
		}
	}
	return plan
}

func (b *planBuilder) port(name string, tp *model.Port) *SwitchPort {
	dev := b.dev.Name
	sp := &SwitchPort{Name: name, Mode: PortUnused}
	if tp != nil {
		sp.PortSpeed, sp.Media, sp.Speed = tp.Speed, tp.Media, tp.Speed
	}
	here := Port{dev, name}
	l := b.topo.LinkAt[here]
	own := b.declared(here)
	if l == nil {
		if own != nil && own.IP != "" && own.VLAN == "" && len(own.VLANs) == 0 {
			sp.Mode, sp.Address = PortRouted, own.IP
		}
		return sp
	}
	sp.Link, sp.Peer, sp.Speed = l, otherEnd(l, here), l.Speed
	if sp.Peer.Device == dev {
		sp.Note = "loop cable to the same switch"
		return sp
	}
	switch {
	case own != nil && own.IP != "" && own.VLAN == "" && len(own.VLANs) == 0:
		sp.Mode, sp.Address = PortRouted, own.IP
	case b.trunkLink(l):
		sp.Mode = PortTrunk
		for _, v := range model.SortedKeys(b.f.VLANs) {
			if b.trunkNeeds(l, v) {
				sp.Allowed = append(sp.Allowed, v)
			}
		}
		b.sortVLANs(sp.Allowed)
	case b.topo.isForwarder(sp.Peer.Device) && !b.isMgmtPort(sp.Peer.Device, sp.Peer.Interface):
		// A router or firewall port that the design declares: what either
		// end declares for this port decides, the near end first.
		decl := own
		if decl == nil || (decl.VLAN == "" && len(decl.VLANs) == 0) {
			decl = b.declared(sp.Peer)
		}
		b.hostPort(sp, l, decl)
	default:
		sp.Edge = true
		u, t := b.hostVLANs(l, sp.Peer)
		b.setVLANs(sp, u, t)
		if sp.Mode == PortUnused {
			sp.Note = "the far end has no VLAN on this cable"
		}
	}
	return sp
}

// hostPort sets a port from a declared interface (its own or its peer's).
func (b *planBuilder) hostPort(sp *SwitchPort, l *model.Link, decl *model.Interface) {
	if decl == nil {
		sp.Note = "the far end declares no VLAN for this port"
		return
	}
	var u string
	var t []string
	if decl.VLAN != "" && b.f.VLANs[decl.VLAN] != nil && restrictOK(l, decl.VLAN) {
		u = decl.VLAN
	}
	for _, v := range decl.VLANs {
		if b.f.VLANs[v] != nil && restrictOK(l, v) && v != u {
			t = append(t, v)
		}
	}
	b.setVLANs(sp, u, t)
}

func (b *planBuilder) setVLANs(sp *SwitchPort, untagged string, tagged []string) {
	switch {
	case len(tagged) > 0:
		sp.Mode, sp.AccessVLAN, sp.Allowed = PortTrunk, untagged, append([]string(nil), tagged...)
		b.sortVLANs(sp.Allowed)
	case untagged != "":
		sp.Mode, sp.AccessVLAN = PortAccess, untagged
	default:
		sp.Mode = PortUnused
	}
}

func (b *planBuilder) mgmt(port string) *MgmtPlan {
	m := b.dev.Mgmt
	if m == nil || m.IP == "" {
		return nil
	}
	mp := &MgmtPlan{Interface: port, VLAN: m.VLAN, Address: m.IP + "/24"}
	if v := b.f.VLANs[m.VLAN]; v != nil {
		if pfx, err := netip.ParsePrefix(v.Subnet); err == nil {
			mp.Address = m.IP + "/" + itoa(pfx.Bits())
		}
		mp.Gateway = v.Gateway
	}
	return mp
}

func (b *planBuilder) svis(plan *SwitchPlan) []*SVI {
	dev := b.dev.Name
	ports := b.typePorts(dev)
	byVLAN := map[string]*SVI{}
	get := func(v string) *SVI {
		if byVLAN[v] == nil {
			byVLAN[v] = &SVI{VLAN: v}
		}
		return byVLAN[v]
	}
	// Interfaces the design declares that are not ports: VLAN interfaces.
	for _, name := range model.SortedKeys(b.dev.Interfaces) {
		i := b.dev.Interfaces[name]
		if ports[name] != nil || name == plan.portMgmt() || i.VLAN == "" || i.IP == "" || b.f.VLANs[i.VLAN] == nil {
			continue
		}
		s := get(i.VLAN)
		if s.Address == "" {
			s.Address, s.L3 = i.IP, true
		}
	}
	// Gateways of routed VLANs the switch serves, in an L3 fabric.
	if b.routedFabric() {
		served := map[string]bool{}
		for _, p := range plan.Ports {
			if p.Edge || p.Mode == PortAccess {
				for _, v := range p.VLANList() {
					served[v] = true
				}
			}
		}
		for _, vn := range model.SortedKeys(b.f.VLANs) {
			v := b.f.VLANs[vn]
			if !v.Routed || !served[vn] {
				continue
			}
			s := get(vn)
			s.L3, s.Gateway = true, true
			if s.Address == "" && v.Gateway != "" {
				if pfx, err := netip.ParsePrefix(v.Subnet); err == nil {
					s.Address = v.Gateway + "/" + itoa(pfx.Bits())
				}
			}
		}
	}
	// IGMP queriers the design places on this switch.
	for _, vn := range model.SortedKeys(b.f.VLANs) {
		v := b.f.VLANs[vn]
		if v.IGMP == nil || !v.IGMP.Snooping || v.IGMP.Querier == "" {
			continue
		}
		q := v.IGMP.Querier
		switch {
		case q == dev:
			s := get(vn)
			s.Querier = true
			s.QuerierAddress = hostAddr(s.Address)
		case b.ownsAddress(dev, q):
			s := get(vn)
			s.Querier, s.QuerierAddress = true, q
		case byVLAN[vn] != nil && hostAddr(byVLAN[vn].Address) == q:
			byVLAN[vn].Querier, byVLAN[vn].QuerierAddress = true, q
		}
	}
	var out []*SVI
	for _, s := range byVLAN {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return b.vlanLess(out[i].VLAN, out[j].VLAN) })
	return out
}

func (p *SwitchPlan) portMgmt() string {
	if p.Mgmt == nil {
		return ""
	}
	return p.Mgmt.Interface
}

// ptp marks the ports that take part in the switch's PTP domain.
func (b *planBuilder) ptp(plan *SwitchPlan) {
	d := b.dev
	if d.PTP == nil || (d.PTP.Mode != "boundary" && d.PTP.Mode != "transparent") || d.PTP.Domain == "" {
		return
	}
	dom := b.f.PTP[d.PTP.Domain]
	var node *PTPNode
	if df := b.facts.PTP[d.PTP.Domain]; df != nil {
		for _, t := range df.Trees {
			if n := t.Nodes[d.Name]; n != nil {
				node = n
			}
		}
	}
	for _, p := range plan.Ports {
		if p.Mode == PortUnused || p.Link == nil {
			continue
		}
		peer := b.f.Devices[p.Peer.Device]
		switch {
		case peer != nil && peer.PTP != nil && peer.PTP.Mode != "none" && peer.PTP.Domain == d.PTP.Domain:
			p.PTP = true
		case dom != nil && dom.Grandmasters[p.Peer.Device] != nil:
			p.PTP = true
		default:
			for _, v := range p.VLANList() {
				if vl := b.f.VLANs[v]; vl != nil && vl.Purpose == "media" {
					p.PTP = true
				}
			}
		}
		if p.PTP && dom != nil && dom.Grandmasters[p.Peer.Device] != nil {
			p.PTPGrandmaster = true
		}
		if p.PTP && node != nil && node.Port == (Port{d.Name, p.Name}) {
			p.PTPSlave = true
		}
	}
}

func (b *planBuilder) maxMTU(vlans []string) int {
	m := 0
	for _, v := range vlans {
		if vl := b.f.VLANs[v]; vl != nil && vl.MTU > m {
			m = vl.MTU
		}
	}
	if m == 0 {
		m = 1500
	}
	return m
}

func (b *planBuilder) vlanLess(x, y string) bool {
	vx, vy := b.f.VLANs[x], b.f.VLANs[y]
	if vx != nil && vy != nil && vx.ID != vy.ID {
		return vx.ID < vy.ID
	}
	return x < y
}

func (b *planBuilder) sortVLANs(vs []string) {
	sort.Slice(vs, func(i, j int) bool { return b.vlanLess(vs[i], vs[j]) })
}

// NaturalLess orders port names as people read them: digit runs compare
// as numbers, so Ethernet2 < Ethernet10 and Ethernet1/2 < Ethernet1/10.
func NaturalLess(a, b string) bool {
	for a != "" && b != "" {
		ad, bd := isDigit(a[0]), isDigit(b[0])
		switch {
		case ad && bd:
			na, ra := leadingDigits(a)
			nb, rb := leadingDigits(b)
			ta, tb := strings.TrimLeft(na, "0"), strings.TrimLeft(nb, "0")
			if len(ta) != len(tb) {
				return len(ta) < len(tb)
			}
			if ta != tb {
				return ta < tb
			}
			a, b = ra, rb
		case a[0] != b[0]:
			return a[0] < b[0]
		default:
			a, b = a[1:], b[1:]
		}
	}
	return len(a) < len(b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func leadingDigits(s string) (string, string) {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return s[:i], s[i:]
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return string(buf[i:])
}
