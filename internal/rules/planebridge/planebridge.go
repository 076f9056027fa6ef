package planebridge

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

// Rule is AV-RED-003.
var Rule = &rules.Rule{
	ID:       "AV-RED-003",
	Name:     "planebridge",
	Doc:      rules.ExtractDoc(doc, "planebridge"),
	Standard: "JT-NM TR-1001-1:2020 (media nodes shall not bridge or forward between networks); SMPTE ST 2022-7:2019 (independent paths)",
	Severity: diag.Error,
	Run:      run,
}

// evidence is why a forwarder belongs to a plane.
type evidence struct {
	why  string
	link string // label, "" when not a link
}

type checker struct {
	pass *rules.Pass
	f    *model.Facility
	topo *analysis.Topology
}

func run(pass *rules.Pass) error {
	c := &checker{pass: pass, f: pass.Facility, topo: pass.Facts.Topology}
	c.links()
	for _, dn := range model.SortedKeys(c.f.Devices) {
		if c.forwarder(dn) && !c.f.Devices[dn].PlaneGateway {
			c.device(dn)
		}
	}
	return nil
}

func (c *checker) forwarder(dev string) bool {
	d := c.f.Devices[dev]
	if d == nil {
		return false
	}
	switch d.Role {
	case "switch", "router", "firewall":
		return true
	}
	if t := c.f.DeviceTypes[d.Model]; t != nil {
		switch t.Kind {
		case "switch", "router", "firewall":
			return true
		}
	}
	return false
}

// mgmt reports whether a port is out-of-band management.
func (c *checker) mgmt(p analysis.Port) bool {
	d := c.f.Devices[p.Device]
	if d == nil {
		return false
	}
	if d.Mgmt != nil && d.Mgmt.Interface != "" && d.Mgmt.Interface == p.Interface {
		return true
	}
	if t := c.f.DeviceTypes[d.Model]; t != nil {
		if pt := t.Ports[p.Interface]; pt != nil && pt.MgmtOnly {
			return true
		}
	}
	return false
}

// crossLink reports whether a link ties forwarders of two different planes.
func (c *checker) crossLink(l *model.Link) (a, b analysis.Port, ok bool) {
	a, b = analysis.ParsePort(l.A), analysis.ParsePort(l.B)
	if !c.forwarder(a.Device) || !c.forwarder(b.Device) || c.mgmt(a) || c.mgmt(b) {
		return a, b, false
	}
	da, db := c.f.Devices[a.Device], c.f.Devices[b.Device]
	if da.Plane == "" || db.Plane == "" || da.Plane == db.Plane {
		return a, b, false
	}
	return a, b, true
}

// links reports cables between forwarders of different planes.
func (c *checker) links() {
	f := c.f
	for _, label := range model.SortedKeys(f.Links) {
		l := f.Links[label]
		a, b, ok := c.crossLink(l)
		if !ok {
			continue
		}
		da, db := f.Devices[a.Device], f.Devices[b.Device]
		if da.PlaneGateway || db.PlaneGateway {
			continue
		}
		carried := "untagged frames, spanning-tree BPDUs and PTP messages cross it"
		if len(l.VLANs) > 0 {
			carried = fmt.Sprintf("it carries vlans [%s] between them", strings.Join(l.VLANs, ", "))
		}
		c.pass.Report(diag.Diagnostic{
			Pos:     f.PosOf("links", label),
			Subject: "link " + label,
			Message: fmt.Sprintf("link %s joins %s (plane %s) and %s (plane %s): the planes are no longer separate networks: %s",
				label, a, da.Plane, b, db.Plane, carried),
			Related: []diag.Related{
				{Pos: f.PosOf("devices", a.Device, "plane"), Message: fmt.Sprintf("%s is on plane %s", a.Device, da.Plane)},
				{Pos: f.PosOf("devices", b.Device, "plane"), Message: fmt.Sprintf("%s is on plane %s", b.Device, db.Plane)},
			},
			Hint: fmt.Sprintf("remove link %s; if the planes must exchange control traffic, do it through a router or firewall declared planeGateway: true", label),
		})
	}
}

// device reports a forwarder that carries VLANs of two planes.
func (c *checker) device(dn string) {
	f := c.f
	d := f.Devices[dn]
	planes := map[string][]evidence{}
	add := func(p string, e evidence) {
		for _, x := range planes[p] {
			if x.why == e.why {
				return
			}
		}
		planes[p] = append(planes[p], e)
	}
	if d.Plane != "" {
		add(d.Plane, evidence{why: "its plane"})
	}
	for _, in := range model.SortedKeys(d.Interfaces) {
		i := d.Interfaces[in]
		if i.Plane != "" {
			add(i.Plane, evidence{why: fmt.Sprintf("interface %s", in)})
			continue
		}
		for _, vn := range i.AllVLANs() {
			if v := f.VLANs[vn]; v != nil && v.Plane != "" {
				add(v.Plane, evidence{why: fmt.Sprintf("vlan %s on interface %s", vn, in)})
			}
		}
	}
	for _, e := range c.topo.Adj[dn] {
		if c.mgmt(e.From) || c.mgmt(e.To) {
			continue
		}
		if _, _, cross := c.crossLink(e.Link); cross {
			continue // reported on the link
		}
		peer := f.Devices[e.To.Device]
		if peer == nil || peer.PlaneGateway {
			continue
		}
		l := e.Link
		switch {
		case c.forwarder(e.To.Device) && peer.Plane != "":
			add(peer.Plane, evidence{why: fmt.Sprintf("link %s to %s of plane %s", l.Label, e.To.Device, peer.Plane), link: l.Label})
		case c.forwarder(e.To.Device):
			for _, vn := range l.VLANs {
				if v := f.VLANs[vn]; v != nil && v.Plane != "" {
					add(v.Plane, evidence{why: fmt.Sprintf("vlan %s on link %s to %s", vn, l.Label, e.To.Device), link: l.Label})
				}
			}
		default:
			i := peer.Interfaces[e.To.Interface]
			if i == nil {
				continue
			}
			if i.Plane != "" {
				add(i.Plane, evidence{why: fmt.Sprintf("%s on link %s", e.To, l.Label), link: l.Label})
				continue
			}
			for _, vn := range i.AllVLANs() {
				v := f.VLANs[vn]
				if v == nil || v.Plane == "" || (len(l.VLANs) > 0 && !slices.Contains(l.VLANs, vn)) {
					continue
				}
				add(v.Plane, evidence{why: fmt.Sprintf("vlan %s of %s on link %s", vn, e.To, l.Label), link: l.Label})
			}
		}
	}
	if len(planes) < 2 {
		return
	}
	names := make([]string, 0, len(planes))
	for p := range planes {
		names = append(names, p)
	}
	sort.Strings(names)
	var parts []string
	var related []diag.Related
	var foreign []string
	for _, p := range names {
		var whys []string
		for k, e := range planes[p] {
			if k == 3 {
				whys = append(whys, fmt.Sprintf("%d more", len(planes[p])-3))
				break
			}
			whys = append(whys, e.why)
			if e.link != "" && len(related) < 4 {
				related = append(related, diag.Related{Pos: f.PosOf("links", e.link), Message: fmt.Sprintf("link %s brings plane %s to %s", e.link, p, dn)})
			}
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", p, strings.Join(whys, "; ")))
		if p != d.Plane {
			foreign = append(foreign, p)
		}
	}
	hint := fmt.Sprintf("keep %s in one plane: move the cables that bring plane %s to a switch of that plane, or declare %s planeGateway: true if it is a deliberate, filtered gateway", dn, strings.Join(foreign, ", "), dn)
	if d.Plane == "" {
		hint = fmt.Sprintf("use one %s per plane, or declare %s planeGateway: true if it is a deliberate, filtered gateway between the planes", role(d.Role), dn)
	}
	c.pass.Report(diag.Diagnostic{
		Pos:     f.PosOf("devices", dn, "plane"),
		Subject: "device " + dn,
		Message: fmt.Sprintf("%s %s forwards between %d planes: %s", role(d.Role), dn, len(names), strings.Join(parts, ", ")),
		Related: related,
		Hint:    hint,
	})
}

func role(r string) string {
	if r == "" {
		return "device"
	}
	return r
}
