package analysis

import (
	"sort"

	"github.com/avnet/avnet/internal/model"
)

// Port names one end of a link: a device and one of its interfaces.
type Port struct{ Device, Interface string }

func (p Port) String() string { return p.Device + ":" + p.Interface }

// ParsePort splits "device:interface".
func ParsePort(end string) Port {
	d, i := model.SplitEnd(end)
	return Port{d, i}
}

// Edge is a link seen from one of its ends.
type Edge struct {
	Link     *model.Link
	From, To Port
}

// Topology is the cabling of a design as a graph of devices.
type Topology struct {
	f *model.Facility
	// LinkAt is the link plugged into each port (the first one, in label
	// order, when a design plugs two: AV-L2-002 reports that).
	LinkAt map[Port]*model.Link
	// Adj lists each device's data-plane edges, sorted by link label for determinism.
	Adj map[string][]Edge
	// MgmtLinks are cables on management-only ports (out-of-band network).
	MgmtLinks []*model.Link
	// fwd marks the forwarders (switches), and swAdj is Adj restricted
	// to edges toward forwarders: path searches walk it alone.
	fwd   map[string]bool
	swAdj map[string][]Edge
}

// isMgmtPort reports whether the device type marks the port management-only.
func (t *Topology) isMgmtPort(p Port) bool {
	d := t.f.Devices[p.Device]
	if d == nil {
		return false
	}
	dt := t.f.DeviceTypes[d.Model]
	if dt == nil {
		return false
	}
	port := dt.Ports[p.Interface]
	return port != nil && port.MgmtOnly
}

func newTopology(f *model.Facility) *Topology {
	t := &Topology{f: f, LinkAt: map[Port]*model.Link{}, Adj: map[string][]Edge{}, fwd: map[string]bool{}, swAdj: map[string][]Edge{}}
	for name, d := range f.Devices {
		if d != nil && d.Role == "switch" {
			t.fwd[name] = true
		}
	}
	for _, label := range model.SortedKeys(f.Links) {
		l := f.Links[label]
		a, b := ParsePort(l.A), ParsePort(l.B)
		if _, ok := t.LinkAt[a]; !ok {
			t.LinkAt[a] = l
		}
		if _, ok := t.LinkAt[b]; !ok {
			t.LinkAt[b] = l
		}
		if a.Device == b.Device {
			continue // a loop cable carries nothing anywhere
		}
		if t.isMgmtPort(a) || t.isMgmtPort(b) {
			// Out-of-band management cabling (a switch's Management1,
			// mgmt0, eth0) never carries media or PTP: it stays out of
			// the data-plane graph.
			t.MgmtLinks = append(t.MgmtLinks, l)
			continue
		}
		t.Adj[a.Device] = append(t.Adj[a.Device], Edge{Link: l, From: a, To: b})
		t.Adj[b.Device] = append(t.Adj[b.Device], Edge{Link: l, From: b, To: a})
	}
	for dev, es := range t.Adj {
		sort.SliceStable(es, func(i, j int) bool { return es[i].Link.Label < es[j].Link.Label })
		for _, e := range es {
			if t.fwd[e.To.Device] {
				t.swAdj[dev] = append(t.swAdj[dev], e)
			}
		}
	}
	return t
}

// isForwarder reports whether frames cross the device from one link to
// another at layer 2: switches. Routers and firewalls route between their
// own interfaces, so at layer 2 they are endpoints whose interfaces name
// their VLANs, and multicast and PTP do not cross them.
func (t *Topology) isForwarder(dev string) bool { return t.fwd[dev] }

// IsSwitch is isForwarder for other packages.
func (t *Topology) IsSwitch(dev string) bool { return t.isForwarder(dev) }

// endpointVLANs returns the VLANs an endpoint's port carries: the VLANs of
// the design interface of that name; nil when the port is unknown.
func (t *Topology) endpointVLANs(p Port) []string {
	d := t.f.Devices[p.Device]
	if d == nil {
		return nil
	}
	if i := d.Interfaces[p.Interface]; i != nil {
		return i.AllVLANs()
	}
	return nil
}

// Carries reports whether the link carries the VLAN at layer 2: a link to
// an endpoint carries the endpoint interface's VLANs; a link between
// forwarders (a trunk) carries every VLAN unless its `vlans` restrict it,
// or the VLAN belongs to a plane other than both switches'.
func (t *Topology) Carries(l *model.Link, vlan string) bool {
	a, b := ParsePort(l.A), ParsePort(l.B)
	fa, fb := t.isForwarder(a.Device), t.isForwarder(b.Device)
	switch {
	case fa && fb:
		if len(l.VLANs) > 0 {
			return contains(l.VLANs, vlan)
		}
		v := t.f.VLANs[vlan]
		if v == nil || v.Plane == "" {
			return true
		}
		return t.devicePlaneOK(a.Device, v.Plane) && t.devicePlaneOK(b.Device, v.Plane)
	case fa:
		return contains(t.endpointVLANs(b), vlan) && restrictOK(l, vlan)
	case fb:
		return contains(t.endpointVLANs(a), vlan) && restrictOK(l, vlan)
	}
	// Two endpoints cabled together: they share whatever VLAN both name.
	return contains(t.endpointVLANs(a), vlan) && contains(t.endpointVLANs(b), vlan)
}

func (t *Topology) devicePlaneOK(dev, plane string) bool {
	d := t.f.Devices[dev]
	return d == nil || d.Plane == "" || d.Plane == plane
}

func restrictOK(l *model.Link, vlan string) bool {
	return len(l.VLANs) == 0 || contains(l.VLANs, vlan)
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// InterfaceInVLAN returns the device's interface on the VLAN, preferring
// the one cabled to the network; "" when it has none.
func (t *Topology) InterfaceInVLAN(dev, vlan string) string {
	d := t.f.Devices[dev]
	if d == nil {
		return ""
	}
	found := ""
	for _, name := range model.SortedKeys(d.Interfaces) {
		if !contains(d.Interfaces[name].AllVLANs(), vlan) {
			continue
		}
		if _, cabled := t.LinkAt[Port{dev, name}]; cabled {
			return name
		}
		if found == "" {
			found = name
		}
	}
	return found
}
