package danglingref

import (
	_ "embed"
	"fmt"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
	"github.com/avnet/avnet/internal/suggest"
)

//go:embed doc.go
var doc string

// Rule is AV-REF-001.
var Rule = &rules.Rule{
	ID:       "AV-REF-001",
	Name:     "danglingref",
	Doc:      rules.ExtractDoc(doc, "danglingref"),
	Standard: "avnet design language (DESIGN-LANGUAGE.md): references by name",
	Severity: diag.Error,
	Run:      run,
}

// checker reports references of one kind against the names that exist.
type checker struct {
	pass  *rules.Pass
	f     *model.Facility
	names []string
	known map[string]bool
	kind  string
}

func (c checker) check(name, subject string, path ...string) {
	if c.known[name] {
		return
	}
	hint := fmt.Sprintf("declare %s %q, or refer to an existing one", c.kind, name)
	if s := suggest.Closest(name, c.names); s != "" {
		hint = fmt.Sprintf("did you mean %q?", s)
	} else if len(c.names) > 0 && len(c.names) <= 12 {
		hint += fmt.Sprintf(" (existing: %q)", c.names)
	}
	c.pass.Reportf(c.f.PosOf(path...), subject, hint, "%s %q does not exist", c.kind, name)
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	ref := func(kind string, names []string) checker {
		known := make(map[string]bool, len(names))
		for _, n := range names {
			known[n] = true
		}
		return checker{pass: pass, f: f, names: names, known: known, kind: kind}
	}
	devices := ref("device", model.SortedKeys(f.Devices))
	vlans := ref("VLAN", model.SortedKeys(f.VLANs))
	planes := ref("plane", f.Planes)
	rooms := ref("room", model.SortedKeys(f.Rooms))
	types := ref("device type", model.SortedKeys(f.DeviceTypes))
	domains := ref("PTP domain", model.SortedKeys(f.PTP))
	classes := ref("QoS class", model.SortedKeys(f.QoS.Classes))
	groups := ref("group", model.SortedKeys(f.Groups))
	users := ref("user", model.SortedKeys(f.Users))

	for _, name := range model.SortedKeys(f.VLANs) {
		if v := f.VLANs[name]; v.Plane != "" {
			planes.check(v.Plane, "vlan "+name, "vlans", name, "plane")
		}
	}
	for _, name := range model.SortedKeys(f.Devices) {
		d := f.Devices[name]
		subj := "device " + name
		types.check(d.Model, subj, "devices", name, "model")
		if d.Room != "" {
			rooms.check(d.Room, subj, "devices", name, "room")
		}
		if d.Plane != "" {
			planes.check(d.Plane, subj, "devices", name, "plane")
		}
		if d.Mgmt != nil && d.Mgmt.IP != "" {
			vlans.check(d.Mgmt.VLAN, subj, "devices", name, "mgmt", "vlan")
		}
		if d.PTP != nil && d.PTP.Domain != "" {
			domains.check(d.PTP.Domain, subj, "devices", name, "ptp", "domain")
		}
		for _, in := range model.SortedKeys(d.Interfaces) {
			i := d.Interfaces[in]
			if i.VLAN != "" {
				vlans.check(i.VLAN, subj, "devices", name, "interfaces", in, "vlan")
			}
			for k, v := range i.VLANs {
				vlans.check(v, subj, "devices", name, "interfaces", in, "vlans", fmt.Sprint(k))
			}
			if i.Plane != "" {
				planes.check(i.Plane, subj, "devices", name, "interfaces", in, "plane")
			}
		}
		if w := d.Workstation; w != nil {
			for k, u := range w.Users {
				users.check(u, subj, "devices", name, "workstation", "users", fmt.Sprint(k))
			}
		}
	}
	for _, label := range model.SortedKeys(f.Links) {
		l := f.Links[label]
		for side, end := range map[string]string{"a": l.A, "b": l.B} {
			dev, _ := model.SplitEnd(end)
			devices.check(dev, "link "+label, "links", label, side)
		}
		for k, v := range l.VLANs {
			vlans.check(v, "link "+label, "links", label, "vlans", fmt.Sprint(k))
		}
	}
	for _, name := range model.SortedKeys(f.Flows) {
		fl := f.Flows[name]
		subj := "flow " + name
		devices.check(fl.Sender, subj, "flows", name, "sender")
		for k, r := range fl.Receivers {
			devices.check(r, subj, "flows", name, "receivers", fmt.Sprint(k))
		}
		classes.check(fl.Class, subj, "flows", name, "class")
		for _, p := range model.SortedKeys(fl.Groups) {
			planes.check(p, subj, "flows", name, "groups", p)
		}
	}
	for _, dn := range model.SortedKeys(f.PTP) {
		for _, gm := range model.SortedKeys(f.PTP[dn].Grandmasters) {
			devices.check(gm, "ptp "+dn, "ptp", dn, "grandmasters", gm)
		}
	}
	for _, un := range model.SortedKeys(f.Users) {
		for k, g := range f.Users[un].Groups {
			groups.check(g, "user "+un, "users", un, "groups", fmt.Sprint(k))
		}
	}
	for _, sn := range model.SortedKeys(f.Shares) {
		s := f.Shares[sn]
		devices.check(s.Server, "share "+sn, "shares", sn, "server")
		for _, g := range model.SortedKeys(s.Access) {
			groups.check(g, "share "+sn, "shares", sn, "access", g)
		}
	}
	return nil
}
