package netbox_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/netbox"
	"github.com/avnet/avnet/internal/netbox/nbdouble"
)

// mutations records the requests that change NetBox.
type mutations struct {
	mu   sync.Mutex
	reqs []string
}

func (m *mutations) hook(r *http.Request, body []byte) *nbdouble.Fault {
	if r.Method != http.MethodGet {
		m.mu.Lock()
		m.reqs = append(m.reqs, r.Method+" "+r.URL.Path)
		m.mu.Unlock()
	}
	return nil
}

func (m *mutations) list() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.reqs...)
}

// TestSyncFlagship syncs the flagship into an empty NetBox, against the
// OpenAPI document's shapes and against the real ones: everything is
// made, and a second apply changes nothing.
func TestSyncFlagship(t *testing.T) {
	for _, real := range []bool{false, true} {
		t.Run(fmt.Sprintf("realShapes=%v", real), func(t *testing.T) {
			f, facts := design(t, flagship)
			s := state(t, f, facts)
			d := double(t, real)
			c := client(t, d, netbox.RetryPolicy{})
			start := time.Now()
			p, rep := sync_(t, c, s, false)
			elapsed := time.Since(start)
			st := c.Stats()
			t.Logf("first sync of %s: %d objects, %d changes in %s, %d API requests (%d tries), %d answers go-netbox's models could not decode",
				flagship, len(s.Objects), len(p.Changes), elapsed.Round(time.Millisecond), st.Requests, st.Attempts, st.Drift)
			if len(rep.Done) != len(p.Changes) {
				t.Errorf("apply did %d of %d changes", len(rep.Done), len(p.Changes))
			}
			if c := p.Counts(); c.Update != 0 || c.Delete != 0 || c.Create != len(s.Objects) {
				t.Errorf("plan on an empty NetBox: %+v, want %d creates only", c, len(s.Objects))
			}
			checkFlagship(t, d)

			m := &mutations{}
			d.SetFault(m.hook)
			p2, _ := sync_(t, c, s, true)
			if !p2.Empty() {
				t.Errorf("second apply planned %d changes:\n%s", len(p2.Changes), describe(p2))
			}
			if got := m.list(); len(got) != 0 {
				t.Errorf("second apply changed NetBox: %q", got)
			}
		})
	}
}

// checkFlagship looks at a few objects NetBox now holds.
func checkFlagship(t *testing.T, d *nbdouble.Server) {
	t.Helper()
	find := func(endpoint string, match func(o map[string]any) bool) map[string]any {
		for _, o := range d.Objects(endpoint) {
			if match(o) {
				return o
			}
		}
		t.Fatalf("%s: not found", endpoint)
		return nil
	}
	str := func(v any) string {
		if m, ok := v.(map[string]any); ok {
			if val, ok := m["value"]; ok {
				return fmt.Sprint(val)
			}
			for _, k := range []string{"name", "display"} {
				if s, ok := m[k]; ok {
					return fmt.Sprint(s)
				}
			}
		}
		return fmt.Sprint(v)
	}
	iface := func(dev, name string) map[string]any {
		return find("dcim/interfaces", func(o map[string]any) bool { return str(o["device"]) == dev && o["name"] == name })
	}
	for _, endpoint := range d.Endpoints() {
		for _, o := range d.Objects(endpoint) {
			tags, ok := o["tags"].([]any)
			if !ok {
				continue // NetBox cannot tag custom fields, config contexts, templates
			}
			has := false
			for _, tg := range tags {
				if tg.(map[string]any)["slug"] == netbox.Tag {
					has = true
				}
			}
			if !has {
				t.Errorf("%s %v has no %q tag", endpoint, o["display"], netbox.Tag)
			}
		}
	}
	cases := []struct{ dev, name, typ, mode, untagged string }{
		{"leaf-r1", "Ethernet1", "25gbase-x-sfp28", "access", "media-red"},
		{"leaf-r1", "Ethernet49/1", "100gbase-x-qsfp28", "tagged", "<nil>"},
		{"leaf-r1", "Management1", "1000base-t", "<nil>", "<nil>"},
		{"sw-core", "TenGigabitEthernet1/1/1", "10gbase-x-sfpp", "tagged", "<nil>"},
	}
	for _, c := range cases {
		o := iface(c.dev, c.name)
		if got := str(o["type"]); got != c.typ {
			t.Errorf("%s:%s type %s, want %s", c.dev, c.name, got, c.typ)
		}
		if got := str(o["mode"]); got != c.mode {
			t.Errorf("%s:%s mode %s, want %s", c.dev, c.name, got, c.mode)
		}
		if got := str(o["untagged_vlan"]); got != c.untagged {
			t.Errorf("%s:%s untagged VLAN %s, want %s", c.dev, c.name, got, c.untagged)
		}
	}
	if o := iface("leaf-r1", "Management1"); o["mgmt_only"] != true {
		t.Errorf("leaf-r1:Management1 is not management-only")
	}
	if o := iface("leaf-r1", "Ethernet49/1"); len(o["tagged_vlans"].([]any)) != 1 {
		t.Errorf("leaf-r1:Ethernet49/1 tagged VLANs %v, want media-red", o["tagged_vlans"])
	}
	for label, color := range map[string]string{"R-001": "f44336", "B-001": "2196f3"} {
		c := find("dcim/cables", func(o map[string]any) bool { return o["label"] == label })
		if c["color"] != color {
			t.Errorf("cable %s colour %v, want %s", label, c["color"], color)
		}
	}
	ip := find("ipam/ip-addresses", func(o map[string]any) bool { return o["address"] == "10.110.0.1/24" })
	if ao, _ := ip["assigned_object"].(map[string]any); ao == nil || ao["name"] != "Vlan110" {
		t.Errorf("10.110.0.1/24 assigned to %v, want spine-r:Vlan110", ip["assigned_object"])
	}
	dev := find("dcim/devices", func(o map[string]any) bool { return o["name"] == "leaf-r1" })
	if str(dev["primary_ip4"]) != "10.10.10.12/24" {
		t.Errorf("leaf-r1 primary IP %v, want 10.10.10.12/24", dev["primary_ip4"])
	}
	mc := find("ipam/prefixes", func(o map[string]any) bool { return o["prefix"] == "239.110.0.0/16" })
	if str(mc["role"]) != "multicast" {
		t.Errorf("239.110.0.0/16 role %v, want multicast", mc["role"])
	}
	if fl, _ := mc["custom_fields"].(map[string]any)[netbox.FlowsField].([]any); len(fl) == 0 {
		t.Errorf("239.110.0.0/16 lists no flows")
	}
	groups := map[string]bool{}
	for _, g := range d.Objects("ipam/vlan-groups") {
		groups[fmt.Sprint(g["name"])] = true
	}
	if !groups["plane red"] || !groups["plane blue"] {
		t.Errorf("VLAN groups %v, want one per plane", groups)
	}
	ctxs := map[string]bool{}
	for _, c := range d.Objects("extras/config-contexts") {
		ctxs[fmt.Sprint(c["name"])] = true
	}
	if len(ctxs) != 2 {
		t.Errorf("config contexts %v, want QoS and PTP media", ctxs)
	}
}

// TestChangeOneVLAN: a VLAN whose ID changes is one update, field by field.
func TestChangeOneVLAN(t *testing.T) {
	f, facts := design(t, flagship)
	d := double(t, false)
	c := client(t, d, netbox.RetryPolicy{})
	sync_(t, c, state(t, f, facts), false)

	f.VLANs["control"].ID = 21
	s := state(t, f, analysis.Analyze(f))
	p := plan(t, c, s, true)
	if len(p.Changes) != 1 {
		t.Fatalf("plan has %d changes, want 1:\n%s", len(p.Changes), describe(p))
	}
	ch := p.Changes[0]
	want := netbox.FieldChange{Field: "vid", Old: "20", New: "21"}
	if ch.Action != netbox.Update || ch.Type != "ipam.vlan" || len(ch.Fields) != 1 || ch.Fields[0] != want {
		t.Fatalf("change %s %+v, want update ipam.vlan vid 20 → 21", ch.Describe(), ch.Fields)
	}
	m := &mutations{}
	d.SetFault(m.hook)
	if _, err := netbox.Apply(context.Background(), c, p, nil); err != nil {
		t.Fatal(err)
	}
	if got := m.list(); len(got) != 1 || !strings.HasPrefix(got[0], "PATCH /api/ipam/vlans/") {
		t.Errorf("apply sent %q, want one PATCH of the VLAN", got)
	}
	if p := plan(t, c, s, true); !p.Empty() {
		t.Errorf("after apply, plan has changes:\n%s", describe(p))
	}
}

// seedForeign makes objects by hand, without the avnet tag: a
// manufacturer and a device role the design also uses, and a device at
// the site with an interface, an address and a cable to an avnet switch.
func seedForeign(t *testing.T, d *nbdouble.Server, site int) map[string]int {
	t.Helper()
	ids := map[string]int{}
	seed := func(name, endpoint string, body map[string]any) int {
		id, err := d.Seed(endpoint, body)
		if err != nil {
			t.Fatalf("seed %s: %v", name, err)
		}
		ids[name] = id
		return id
	}
	if site == 0 {
		seed("manufacturer", "dcim/manufacturers", map[string]any{"name": "Arista", "slug": "arista", "description": "made by hand"})
		return ids
	}
	m := seed("maker", "dcim/manufacturers", map[string]any{"name": "Acme", "slug": "acme"})
	dt := seed("type", "dcim/device-types", map[string]any{"manufacturer": m, "model": "Box", "slug": "acme-box"})
	role := seed("role", "dcim/device-roles", map[string]any{"name": "Hand-made", "slug": "hand-made", "color": "000000"})
	dev := seed("device", "dcim/devices", map[string]any{"name": "console-hand", "device_type": dt, "role": role, "site": site})
	ifc := seed("interface", "dcim/interfaces", map[string]any{"device": dev, "name": "eth0", "type": "1000base-t"})
	seed("ip", "ipam/ip-addresses", map[string]any{"address": "192.0.2.99/24", "assigned_object_type": "dcim.interface", "assigned_object_id": ifc})
	return ids
}

// TestPruneAndForeign: with --prune, removing a device from the design
// deletes it and what avnet made for it, and nothing without the tag.
func TestPruneAndForeign(t *testing.T) {
	f, facts := design(t, flagship)
	d := double(t, false)
	c := client(t, d, netbox.RetryPolicy{})
	foreign := seedForeign(t, d, 0)
	p, _ := sync_(t, c, state(t, f, facts), true)
	if len(p.Foreign) != 1 || p.Foreign[0].Type != "dcim.manufacturer" || p.Foreign[0].Key != "arista" {
		t.Errorf("foreign objects %+v, want the hand-made manufacturer arista", p.Foreign)
	}
	site := 0
	for _, o := range d.Objects("dcim/sites") {
		site = int(o["id"].(int))
	}
	for k, v := range seedForeign(t, d, site) {
		foreign[k] = v
	}
	before := d.Dump()

	// Remove a workstation and its cable from the design.
	const gone = "pc-admin"
	delete(f.Devices, gone)
	var cables []string
	for label, l := range f.Links {
		if strings.HasPrefix(l.A, gone+":") || strings.HasPrefix(l.B, gone+":") {
			cables = append(cables, label)
			delete(f.Links, label)
		}
	}
	s := state(t, f, analysis.Analyze(f))
	p = plan(t, c, s, true)
	var deletes []string
	for _, ch := range p.Changes {
		if ch.Action == netbox.Delete {
			deletes = append(deletes, ch.Type+" "+ch.Key)
		}
	}
	want := []string{"dcim.cable " + cables[0], "dcim.interface " + gone + ":eth0", "dcim.device " + gone}
	if strings.Join(deletes, ",") != strings.Join(want, ",") {
		t.Errorf("deletes %q, want %q\n%s", deletes, want, describe(p))
	}
	m := &mutations{}
	d.SetFault(m.hook)
	if _, err := netbox.Apply(context.Background(), c, p, nil); err != nil {
		t.Fatal(err)
	}
	after := d.Dump()
	for endpoint, objs := range before {
		for _, o := range objs {
			if len(tagsOf(o)) > 0 && tagsOf(o)[netbox.Tag] {
				continue
			}
			if _, untaggable := o["tags"]; !untaggable {
				continue
			}
			id := o["id"].(int)
			for _, r := range m.list() {
				if strings.HasPrefix(r, "PATCH /api/"+endpoint+"/"+fmt.Sprint(id)+"/") || strings.HasPrefix(r, "DELETE /api/"+endpoint+"/"+fmt.Sprint(id)+"/") {
					if endpoint == "dcim/interfaces" && adoptable(before, o) {
						continue
					}
					t.Errorf("%s: %s has no avnet tag", r, o["display"])
				}
			}
		}
	}
	for name, id := range foreign {
		endpoint := map[string]string{"manufacturer": "dcim/manufacturers", "maker": "dcim/manufacturers", "type": "dcim/device-types",
			"role": "dcim/device-roles", "device": "dcim/devices", "interface": "dcim/interfaces", "ip": "ipam/ip-addresses"}[name]
		b, a := findID(before[endpoint], id), findID(after[endpoint], id)
		if a == nil {
			t.Errorf("the hand-made %s #%d was deleted", name, id)
			continue
		}
		if fmt.Sprint(b["tags"], b["description"], b["name"]) != fmt.Sprint(a["tags"], a["description"], a["name"]) {
			t.Errorf("the hand-made %s #%d changed: %v → %v", name, id, b, a)
		}
	}
	if p := plan(t, c, s, true); !p.Empty() {
		t.Errorf("after prune, plan has changes:\n%s", describe(p))
	}
}

func tagsOf(o map[string]any) map[string]bool {
	out := map[string]bool{}
	l, _ := o["tags"].([]any)
	for _, t := range l {
		out[fmt.Sprint(t.(map[string]any)["slug"])] = true
	}
	return out
}

// adoptable: an untagged interface of an avnet device (NetBox made it
// from the device type's templates).
func adoptable(dump map[string][]map[string]any, o map[string]any) bool {
	dev, _ := o["device"].(map[string]any)
	if dev == nil {
		return false
	}
	d := findID(dump["dcim/devices"], dev["id"].(int))
	return d != nil && tagsOf(d)[netbox.Tag] && len(tagsOf(o)) == 0
}

func findID(objs []map[string]any, id int) map[string]any {
	for _, o := range objs {
		if o["id"] == id {
			return o
		}
	}
	return nil
}

// TestForeignDevice: a device of the design's name made by hand is not
// touched, nor given interfaces, addresses or cables.
func TestForeignDevice(t *testing.T) {
	f, facts := design(t, "lab-minimal")
	s := state(t, f, facts)
	d := double(t, false)
	c := client(t, d, netbox.RetryPolicy{})
	sync_(t, c, s, false)
	devs := d.Objects("dcim/devices")
	var victim map[string]any
	for _, o := range devs {
		if o["name"] == "host-1" {
			victim = o
		}
	}
	// Someone takes the tag off host-1: it is theirs now.
	if _, err := d.Seed("extras/tags", map[string]any{"name": "theirs", "slug": "theirs"}); err != nil {
		t.Fatal(err)
	}
	cl := netboxPatch(t, c, netbox.KindDevice, victim["id"].(int), map[string]any{"tags": []any{map[string]any{"name": "theirs", "slug": "theirs"}}, "description": "changed by hand"})
	_ = cl
	p := plan(t, c, s, true)
	for _, ch := range p.Changes {
		if strings.Contains(ch.Key, "host-1") {
			t.Errorf("plan touches %s", ch.Describe())
		}
	}
	found := false
	for _, fo := range p.Foreign {
		if fo.Type == "dcim.device" && fo.Key == "host-1" {
			found = true
		}
	}
	if !found {
		t.Errorf("host-1 is not reported as not avnet's: %+v", p.Foreign)
	}
}

func netboxPatch(t *testing.T, c *netbox.Client, k *netbox.Kind, id int, body map[string]any) map[string]any {
	t.Helper()
	o, err := c.Update(context.Background(), k, id, body)
	if err != nil {
		t.Fatal(err)
	}
	return o
}
