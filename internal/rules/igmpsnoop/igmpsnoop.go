package igmpsnoop

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
	"github.com/avnet/avnet/internal/suggest"
)

//go:embed doc.go
var doc string

// Rule is AV-MC-005.
var Rule = &rules.Rule{
	ID:       "AV-MC-005",
	Name:     "igmpsnoop",
	Doc:      rules.ExtractDoc(doc, "igmpsnoop"),
	Standard: "RFC 4541 §2.1.1 (snooping needs queriers / multicast routers); RFC 3376 §6.6.2, §8.4",
	Severity: diag.Error,
	Run:      run,
}

var multicast = netip.MustParsePrefix("224.0.0.0/4")

// demand is the multicast a VLAN delivers to receivers.
type demand struct {
	flows     map[string]bool
	receivers []analysis.Port
	seen      map[analysis.Port]bool
	legs      map[string]float64 // leg name → bps
	firstFlow string
}

func (d *demand) bps() float64 {
	t := 0.0
	for _, b := range d.legs {
		t += b
	}
	return t
}

func (d *demand) summary() string {
	fl := sortedSet(d.flows)
	s := strings.Join(fl, ", ")
	if len(fl) > 3 {
		s = fmt.Sprintf("%s and %d more", strings.Join(fl[:3], ", "), len(fl)-3)
	}
	return fmt.Sprintf("%d receiver port(s) of %d flow(s): %s", len(d.receivers), len(fl), s)
}

type checker struct {
	pass *rules.Pass
	f    *model.Facility
	topo *analysis.Topology
	// byAddr indexes who holds each address, built on first use.
	byAddr map[string][]holder
}

// holder is a device that holds an address: on its management port
// (iface "") or on a design interface.
type holder struct{ dev, iface string }

// holders returns, by address, the devices that hold it in device then
// interface order, each device's management address before its interfaces'
// (the order a querier address is looked up in).
func (c *checker) holders() map[string][]holder {
	if c.byAddr != nil {
		return c.byAddr
	}
	c.byAddr = map[string][]holder{}
	for _, dn := range model.SortedKeys(c.f.Devices) {
		dev := c.f.Devices[dn]
		if dev.Mgmt != nil && dev.Mgmt.IP != "" {
			c.byAddr[dev.Mgmt.IP] = append(c.byAddr[dev.Mgmt.IP], holder{dn, ""})
		}
		for _, in := range model.SortedKeys(dev.Interfaces) {
			a := hostAddr(dev.Interfaces[in].IP)
			// Only the first interface of a device with the address counts.
			if hs := c.byAddr[a]; len(hs) > 0 && hs[len(hs)-1].dev == dn && hs[len(hs)-1].iface != "" {
				continue
			}
			c.byAddr[a] = append(c.byAddr[a], holder{dn, in})
		}
	}
	return c.byAddr
}

func run(pass *rules.Pass) error {
	c := &checker{pass: pass, f: pass.Facility, topo: pass.Facts.Topology}
	demands := c.demands()
	for _, vn := range model.SortedKeys(demands) {
		c.check(vn, c.f.VLANs[vn], demands[vn])
	}
	return nil
}

func (c *checker) demands() map[string]*demand {
	out := map[string]*demand{}
	for _, name := range model.SortedKeys(c.pass.Facts.Flows) {
		ff := c.pass.Facts.Flows[name]
		bps := 0.0
		if ff.RateErr == nil {
			bps = ff.Rate.Bitrate.L1
		}
		for _, leg := range ff.Legs {
			a, err := netip.ParseAddr(leg.Group)
			if err != nil || !a.Is4() || !multicast.Contains(a) {
				continue
			}
			for _, dl := range leg.Deliveries {
				if dl.Port.Interface == "" {
					continue
				}
				vn := portVLAN(c.f, dl.Port, leg.VLAN)
				if c.f.VLANs[vn] == nil {
					continue
				}
				d := out[vn]
				if d == nil {
					d = &demand{flows: map[string]bool{}, legs: map[string]float64{}, seen: map[analysis.Port]bool{}, firstFlow: name}
					out[vn] = d
				}
				d.flows[name] = true
				d.legs[name+"/"+leg.Plane] = bps
				if !d.seen[dl.Port] {
					d.seen[dl.Port] = true
					d.receivers = append(d.receivers, dl.Port)
				}
			}
		}
	}
	return out
}

func (c *checker) check(vn string, v *model.VLAN, d *demand) {
	f := c.f
	subj := "vlan " + vn
	related := []diag.Related{{Pos: f.PosOf("flows", d.firstFlow, "receivers"), Message: fmt.Sprintf("flow %s has receivers in vlan %s here", d.firstFlow, vn)}}
	flood := ""
	if b := d.bps(); b > 0 {
		flood = fmt.Sprintf(": %s of multicast would reach every port of the VLAN", rate(b))
	}
	switch {
	case v.IGMP == nil:
		hintBlock := fmt.Sprintf("add igmp: {snooping: true, version: 3, querier: %q} to vlan %s", c.querierExample(vn, v), vn)
		c.pass.Report(diag.Diagnostic{
			Pos: f.PosOf("vlans", vn), Subject: subj, Related: related, Hint: hintBlock,
			Message: fmt.Sprintf("vlan %s delivers multicast to %s, but declares no igmp block: without IGMP snooping the switches flood every group to every port%s", vn, d.summary(), flood),
		})
		return
	case !v.IGMP.Snooping:
		c.pass.Report(diag.Diagnostic{
			Pos: f.PosOf("vlans", vn, "igmp", "snooping"), Subject: subj, Related: related,
			Hint:    fmt.Sprintf("set igmp.snooping to true on vlan %s, with a querier", vn),
			Message: fmt.Sprintf("vlan %s delivers multicast to %s, but IGMP snooping is off: the switches flood every group to every port%s", vn, d.summary(), flood),
		})
		return
	}
	mrouter := f.Routing != nil && f.Routing.Mode == "l3" && f.Routing.PIM != nil && v.Routed
	if v.IGMP.Querier == "" {
		if mrouter {
			return // the PIM router's SVI queries
		}
		c.pass.Report(diag.Diagnostic{
			Pos: f.PosOf("vlans", vn, "igmp"), Subject: subj, Related: related,
			Hint:    fmt.Sprintf("set igmp.querier of vlan %s to %q (or to the name of a switch that carries the VLAN)", vn, c.querierExample(vn, v)),
			Message: fmt.Sprintf("vlan %s snoops IGMP for %s, but has no querier nor multicast router: hosts stop reporting without General Queries, and the switches age their memberships out after 260 s (RFC 3376 §8.4), cutting or flooding the streams", vn, d.summary()),
		})
		return
	}
	start, ok := c.querier(vn, v, related)
	if !ok || start == "" || mrouter {
		return
	}
	c.islands(vn, v, d, start, related)
}

// querier validates igmp.querier and returns the forwarder it queries
// from ("" when that is unknown, e.g. the gateway).
func (c *checker) querier(vn string, v *model.VLAN, related []diag.Related) (string, bool) {
	f := c.f
	q := v.IGMP.Querier
	pos := f.PosOf("vlans", vn, "igmp", "querier")
	subj := "vlan " + vn
	fail := func(hint, format string, args ...any) (string, bool) {
		c.pass.Report(diag.Diagnostic{Pos: pos, Subject: subj, Related: related, Hint: hint, Message: fmt.Sprintf(format, args...)})
		return "", false
	}
	// The example walks every device: only a finding pays for it.
	example := func() string { return c.querierExample(vn, v) }
	if a, err := netip.ParseAddr(q); err == nil {
		if p, err := netip.ParsePrefix(v.Subnet); err == nil && !p.Contains(a) {
			return "", false // AV-IP-004
		}
		if q == v.Gateway {
			return "", true
		}
		for _, h := range c.holders()[q] {
			dev := f.Devices[h.dev]
			if h.iface == "" {
				if dev.Mgmt.VLAN == vn {
					return c.home(h.dev, vn), true
				}
				continue
			}
			if !slices.Contains(dev.Interfaces[h.iface].AllVLANs(), vn) {
				return fail(fmt.Sprintf("use an address in vlan %s, e.g. %q", vn, example()),
					"querier %s of vlan %s is the address of %s:%s, which is not in vlan %s: its queries never reach the VLAN", q, vn, h.dev, h.iface, vn)
			}
			return c.home(h.dev, vn), true
		}
		return fail(fmt.Sprintf("set the querier to %q, or give the querying device that address", example()),
			"querier %s of vlan %s is no address of the design (not the gateway %s, nor an interface in the VLAN): no device would send the General Queries", q, vn, orNone(v.Gateway))
	}
	dev := f.Devices[q]
	if dev == nil {
		hint := fmt.Sprintf("set the querier to %q or to a switch that carries vlan %s", example(), vn)
		if s := suggest.Closest(q, model.SortedKeys(f.Devices)); s != "" {
			hint = fmt.Sprintf("did you mean %q?", s)
		}
		return fail(hint, "querier %q of vlan %s is neither an IPv4 address nor a device", q, vn)
	}
	if isForwarder(dev) {
		for _, e := range c.topo.Adj[q] {
			if c.topo.Carries(e.Link, vn) {
				return q, true
			}
		}
		return fail(fmt.Sprintf("choose a switch that carries vlan %s, or carry the VLAN to %s", vn, q),
			"querier %s of vlan %s is a %s that carries no link in vlan %s: its queries never reach the receivers", q, vn, dev.Role, vn)
	}
	if c.topo.InterfaceInVLAN(q, vn) == "" {
		return fail(fmt.Sprintf("choose a switch that carries vlan %s, or a device with an interface in it", vn),
			"querier %s of vlan %s has no interface in vlan %s: its queries never reach the receivers", q, vn, vn)
	}
	return c.home(q, vn), true
}

// home is the forwarder a device queries from: itself, or the switch its
// interface in the VLAN is cabled to.
func (c *checker) home(dev, vn string) string {
	if isForwarder(c.f.Devices[dev]) {
		return dev
	}
	in := c.topo.InterfaceInVLAN(dev, vn)
	p := analysis.Port{Device: dev, Interface: in}
	l := c.topo.LinkAt[p]
	if l == nil {
		return ""
	}
	o := other(l, p)
	if !isForwarder(c.f.Devices[o.Device]) {
		return ""
	}
	return o.Device
}

// islands reports receivers the querier cannot reach at layer 2.
func (c *checker) islands(vn string, v *model.VLAN, d *demand, start string, related []diag.Related) {
	comp := map[string]bool{start: true}
	queue := []string{start}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, e := range c.topo.Adj[cur] {
			n := e.To.Device
			if comp[n] || !isForwarder(c.f.Devices[n]) || !c.topo.Carries(e.Link, vn) {
				continue
			}
			comp[n] = true
			queue = append(queue, n)
		}
	}
	var lost []string
	sws := map[string]bool{}
	for _, p := range d.receivers {
		l := c.topo.LinkAt[p]
		if l == nil {
			continue
		}
		o := other(l, p)
		if !isForwarder(c.f.Devices[o.Device]) || comp[o.Device] {
			continue
		}
		lost = append(lost, p.String())
		sws[o.Device] = true
	}
	if len(lost) == 0 {
		return
	}
	sort.Strings(lost)
	c.pass.Report(diag.Diagnostic{
		Pos: c.f.PosOf("vlans", vn, "igmp", "querier"), Subject: "vlan " + vn, Related: related,
		Hint: fmt.Sprintf("give each separate part of the network its own VLAN with its own querier (a VLAN per plane), or join the switches %s to %s", strings.Join(sortedSet(sws), ", "), start),
		Message: fmt.Sprintf("querier %s of vlan %s (on %s) does not reach receivers %s on %s: that part of the VLAN is a separate L2 domain without a querier",
			v.IGMP.Querier, vn, start, strings.Join(lost, ", "), strings.Join(sortedSet(sws), ", ")),
	})
}

// querierExample proposes a querier: a forwarder's address in the VLAN,
// else the gateway, else the first switch that carries the VLAN.
func (c *checker) querierExample(vn string, v *model.VLAN) string {
	// A switch or router interface (an SVI) with an address in the VLAN.
	for _, dn := range model.SortedKeys(c.f.Devices) {
		d := c.f.Devices[dn]
		if !isForwarder(d) {
			continue
		}
		for _, in := range model.SortedKeys(d.Interfaces) {
			if i := d.Interfaces[in]; i.IP != "" && slices.Contains(i.AllVLANs(), vn) {
				return hostAddr(i.IP)
			}
		}
	}
	if v.Gateway != "" {
		return v.Gateway
	}
	for _, dn := range model.SortedKeys(c.f.Devices) {
		if !isForwarder(c.f.Devices[dn]) {
			continue
		}
		for _, e := range c.topo.Adj[dn] {
			if c.topo.Carries(e.Link, vn) {
				return dn
			}
		}
	}
	return "<switch>"
}

func isForwarder(d *model.Device) bool {
	return d != nil && (d.Role == "switch" || d.Role == "router" || d.Role == "firewall")
}

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

func other(l *model.Link, p analysis.Port) analysis.Port {
	a, b := analysis.ParsePort(l.A), analysis.ParsePort(l.B)
	if a == p {
		return b
	}
	return a
}

func hostAddr(cidr string) string {
	s, _, _ := strings.Cut(cidr, "/")
	return s
}

func orNone(s string) string {
	if s == "" {
		return "none declared"
	}
	return s
}

func rate(v float64) string {
	if v >= 1e9 {
		return fmt.Sprintf("%.2f Gb/s", v/1e9)
	}
	return fmt.Sprintf("%.1f Mb/s", v/1e6)
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
