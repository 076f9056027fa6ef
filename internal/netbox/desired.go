package netbox

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/model"
)

// Ref points at another object by kind and natural key: an object of the
// design, or one that already exists in NetBox (a manufacturer someone
// else created).
type Ref struct {
	Kind *Kind
	Key  string
}

func (r Ref) String() string { return r.Kind.Type + " " + r.Key }

// Refs is a list of references (an interface's tagged VLANs, a config
// context's sites).
type Refs []Ref

// Terms are a cable's terminations on one side: interfaces.
type Terms []Ref

// Tags are tag slugs written as NetBox's nested tags ({name, slug}); the
// tags must be objects of the state.
type Tags []string

// Slugs are tag slugs written as plain strings (a config context's tags,
// which are its assignment rule, not its own tags).
type Slugs []string

// Object is one NetBox object as avnet wants it.
type Object struct {
	Kind *Kind
	// Key is the natural key: slug, name, "device:interface", VLAN
	// "group/name", an IP address without its mask, a cable label.
	Key string
	// Body holds the fields avnet sets, in the API's request shape except
	// that references are Ref, Refs, Terms or Tags values.
	Body map[string]any
	// Late fields refer to objects that come later in dependency order
	// (a device's primary IP): set once they exist.
	Late map[string]any
}

// State is everything avnet wants in NetBox for one design.
type State struct {
	// Site is the slug of the design's site; Name its name.
	Site, SiteName string
	// Owner is the slug of the design's own tag (DesignTag), carried by
	// the site and every object in it besides the avnet tag.
	Owner   string
	Objects []*Object
	index   map[string]*Object
}

func indexKey(k *Kind, key string) string { return k.Type + "\x00" + key }

// Get returns the object of kind k with key, or nil.
func (s *State) Get(k *Kind, key string) *Object { return s.index[indexKey(k, key)] }

// Count returns the number of objects of each kind.
func (s *State) Count() map[*Kind]int {
	out := map[*Kind]int{}
	for _, o := range s.Objects {
		out[o.Kind]++
	}
	return out
}

// Desired computes every object avnet wants in NetBox for the design, in
// dependency order. It is pure: the same design gives the same state.
func Desired(f *model.Facility, facts *analysis.Facts) (*State, error) {
	b := &builder{f: f, facts: facts, s: &State{index: map[string]*Object{}}, plans: map[string]*analysis.SwitchPlan{}}
	for _, name := range model.SortedKeys(f.Devices) {
		if f.Devices[name].IsSwitch() {
			if p := facts.SwitchPlan(name); p != nil {
				b.plans[name] = p
			}
		}
	}
	b.site()
	b.tags()
	b.customFields()
	b.addSite()
	b.locations()
	b.catalog()
	b.vlans()
	b.devices()
	b.cables()
	b.configContexts()
	if len(b.errs) > 0 {
		return nil, fmt.Errorf("netbox records: %s", strings.Join(b.errs, "; "))
	}
	sort.SliceStable(b.s.Objects, func(i, j int) bool { return b.s.Objects[i].Kind.order < b.s.Objects[j].Kind.order })
	return b.s, nil
}

type builder struct {
	f     *model.Facility
	facts *analysis.Facts
	s     *State
	plans map[string]*analysis.SwitchPlan
	errs  []string

	ptpTags map[string]string // PTP domain → tag slug
	groups  map[string]string // plane ("" for none) → VLAN group slug
	ifaces  map[string]*ifacePlan
	ips     map[string]string // host → interface key that holds it
}

func (b *builder) add(k *Kind, key string, body map[string]any) *Object {
	if prev := b.s.index[indexKey(k, key)]; prev != nil {
		b.errs = append(b.errs, fmt.Sprintf("two %s objects have the key %q", k.Type, key))
		return prev
	}
	if k.Taggable {
		own := Tags{Tag}
		if k.SiteScoped || k == KindSite {
			own = append(own, b.s.Owner)
		}
		if t, ok := body["tags"].(Tags); ok {
			body["tags"] = append(own, t...)
		} else {
			body["tags"] = own
		}
	}
	o := &Object{Kind: k, Key: key, Body: body}
	b.s.Objects = append(b.s.Objects, o)
	b.s.index[indexKey(k, key)] = o
	return o
}

func (b *builder) site() {
	name := strings.TrimSpace(b.f.Info.Name)
	if name == "" {
		name = b.f.Package
	}
	slug := shortSlug(Slugify(name), 50)
	if slug == "" {
		slug = shortSlug(Slugify(b.f.Package), 50)
	}
	if slug == "" {
		slug = "avnet-site"
	}
	b.s.Site, b.s.SiteName = slug, clip(name, 100)
	b.s.Owner = DesignTag(b.f)
}

// DesignTagPrefix starts the tag that says which design owns an object.
const DesignTagPrefix = Prefix + "-design-"

// DesignTag is the tag of the design's own objects: the design's CUE
// package and facility name, hashed, so that two designs with the same
// facility name (the same NetBox site) never take each other's objects.
func DesignTag(f *model.Facility) string {
	h := sha256.Sum256([]byte(f.Package + "\x00" + f.Info.Name))
	return shortSlug(DesignTagPrefix+shortSlug(Slugify(f.Package), 60), 87) + "-" + hex.EncodeToString(h[:6])
}

func (b *builder) siteRef() Ref { return Ref{KindSite, b.s.Site} }

func (b *builder) tags() {
	b.add(KindTag, Tag, map[string]any{
		"name": Tag, "slug": Tag, "color": "ff5722",
		"description": "Managed by avnet: only `avnet netbox apply` changes or deletes these objects",
	})
	b.add(KindTag, b.s.Owner, map[string]any{
		"name": b.s.Owner, "slug": b.s.Owner, "color": "ff9800",
		"description": clip(fmt.Sprintf("Owned by the avnet design %s (facility %s): another design never changes or prunes them", b.f.Package, b.s.SiteName), 200),
	})
	b.ptpTags = map[string]string{}
	for _, d := range model.SortedKeys(b.f.PTP) {
		slug := shortSlug(fmt.Sprintf("%s-%s-ptp-%s", Prefix, b.s.Site, Slugify(d)), 100)
		b.ptpTags[d] = slug
		b.add(KindTag, slug, map[string]any{
			"name": slug, "slug": slug, "color": "ffc107",
			"description": clip(fmt.Sprintf("Devices of PTP domain %s at %s: the config context %s applies to them", d, b.s.SiteName, slug), 200),
		})
	}
}

// FlowsField is the JSON custom field that lists media flows on devices
// (what they send and receive) and on multicast prefixes (the groups).
const FlowsField = "avnet_flows"

func (b *builder) customFields() {
	b.add(KindCustomField, FlowsField, map[string]any{
		"name": FlowsField, "label": "Media flows", "type": "json",
		"object_types": []any{"dcim.device", "ipam.prefix"},
		"description":  "Managed by avnet: the flows a device sends and receives, or the multicast groups of a range",
		"ui_editable":  "no",
		"group_name":   "avnet",
	})
}

func (b *builder) addSite() {
	body := map[string]any{"name": b.s.SiteName, "slug": b.s.Site, "status": "active"}
	if s := strings.TrimSpace(b.f.Info.Site); s != "" {
		body["physical_address"] = clip(s, 200)
	}
	if c := b.f.Info.Context; c != nil && c.Client != "" {
		body["description"] = clip(c.Client, 200)
	}
	b.add(KindSite, b.s.Site, body)
}

func (b *builder) locations() {
	floors := map[string]string{}
	for _, name := range model.SortedKeys(b.f.Rooms) {
		r := b.f.Rooms[name]
		if r.Floor == "" || floors[r.Floor] != "" {
			continue
		}
		slug := shortSlug("floor-"+Slugify(r.Floor), 100)
		floors[r.Floor] = slug
		b.add(KindLocation, slug, map[string]any{"name": clip(r.Floor, 100), "slug": slug, "site": b.siteRef(), "status": "active"})
	}
	for _, name := range model.SortedKeys(b.f.Rooms) {
		r := b.f.Rooms[name]
		body := map[string]any{"name": clip(name, 100), "slug": roomSlug(name), "site": b.siteRef(), "status": "active", "description": clip(r.Description, 200)}
		if r.Floor != "" {
			body["parent"] = Ref{KindLocation, floors[r.Floor]}
		} else {
			body["parent"] = nil
		}
		b.add(KindLocation, roomSlug(name), body)
	}
}

func roomSlug(name string) string { return shortSlug(Slugify(name), 100) }

// catalog writes manufacturers, platforms, device roles, and the device
// types the design uses with their interface templates.
func (b *builder) catalog() {
	used := map[string]bool{}
	roles := map[string]bool{}
	platforms := map[string]bool{}
	for _, d := range b.f.Devices {
		used[d.Model] = true
		roles[d.Role] = true
		if d.Platform != "" {
			platforms[d.Platform] = true
		}
	}
	manufacturers := map[string]string{}
	for slug := range used {
		if t := b.f.DeviceTypes[slug]; t != nil {
			manufacturers[Slugify(t.Manufacturer)] = t.Manufacturer
		}
	}
	for _, slug := range model.SortedKeys(manufacturers) {
		b.add(KindManufacturer, slug, map[string]any{"name": clip(manufacturers[slug], 100), "slug": slug})
	}
	for _, p := range model.SortedKeys(platforms) {
		name, maker := p, ""
		if n, ok := platformNames[p]; ok {
			name, maker = n[0], n[1]
		}
		body := map[string]any{"name": name, "slug": p}
		if m := Slugify(maker); m != "" && manufacturers[m] != "" {
			body["manufacturer"] = Ref{KindManufacturer, m}
		}
		b.add(KindPlatform, p, body)
	}
	for _, r := range model.SortedKeys(roles) {
		b.add(KindDeviceRole, r, map[string]any{"name": r, "slug": r, "color": roleColor(r), "vm_role": false})
	}
	for _, slug := range model.SortedKeys(used) {
		t := b.f.DeviceTypes[slug]
		if t == nil {
			b.errs = append(b.errs, fmt.Sprintf("device type %q is not in the catalog", slug))
			continue
		}
		body := map[string]any{"manufacturer": Ref{KindManufacturer, Slugify(t.Manufacturer)}, "model": clip(t.Model, 100), "slug": slug}
		if t.PartNumber != "" {
			body["part_number"] = clip(t.PartNumber, 50)
		}
		if t.UHeight > 0 {
			body["u_height"] = t.UHeight
		}
		if t.Source != "" {
			body["description"] = clip(t.Source, 200)
		}
		b.add(KindDeviceType, slug, body)
		names := model.SortedKeys(t.Ports)
		sort.SliceStable(names, func(i, j int) bool { return analysis.NaturalLess(names[i], names[j]) })
		for _, pn := range names {
			p := t.Ports[pn]
			b.add(KindInterfaceTemplate, slug+":"+pn, map[string]any{
				"device_type": Ref{KindDeviceType, slug}, "name": pn,
				"type": InterfaceType(p.Speed, p.Media), "mgmt_only": p.MgmtOnly,
			})
		}
	}
}

// vlans writes IPAM roles, one VLAN group per plane (and one for the
// VLANs of no plane), the VLANs, their prefixes and the multicast ranges.
func (b *builder) vlans() {
	roles := map[string]bool{}
	for _, v := range b.f.VLANs {
		roles[v.Purpose] = true
	}
	groups := b.multicastRanges()
	if len(groups) > 0 {
		roles["multicast"] = true
	}
	for _, r := range model.SortedKeys(roles) {
		b.add(KindIPAMRole, r, map[string]any{"name": r, "slug": r})
	}
	planes := map[string]bool{}
	for _, v := range b.f.VLANs {
		planes[v.Plane] = true
	}
	b.groups = map[string]string{}
	for _, p := range model.SortedKeys(planes) {
		name, slug := "plane "+p, shortSlug(b.s.Site+"-"+Slugify(p), 100)
		desc := fmt.Sprintf("VLANs of plane %s", p)
		if p == "" {
			name, slug, desc = "common", shortSlug(b.s.Site+"-common", 100), "VLANs of no plane"
		}
		b.groups[p] = slug
		b.add(KindVLANGroup, slug, map[string]any{
			"name": clip(name, 100), "slug": slug, "scope_type": "dcim.site", "scope_id": b.siteRef(),
			"description": clip(desc+" at "+b.s.SiteName, 200),
		})
	}
	for _, name := range b.vlanOrder() {
		v := b.f.VLANs[name]
		b.add(KindVLAN, b.vlanKey(name), map[string]any{
			"vid": v.ID, "name": clip(name, 64), "group": Ref{KindVLANGroup, b.groups[v.Plane]},
			"role": Ref{KindIPAMRole, v.Purpose}, "status": "active", "description": clip(v.Description, 200),
		})
	}
	for _, name := range b.vlanOrder() {
		v := b.f.VLANs[name]
		pfx, err := netip.ParsePrefix(v.Subnet)
		if err != nil {
			continue
		}
		p := pfx.Masked().String()
		b.add(KindPrefix, p, map[string]any{
			"prefix": p, "status": "active", "role": Ref{KindIPAMRole, v.Purpose}, "vlan": Ref{KindVLAN, b.vlanKey(name)},
			"scope_type": "dcim.site", "scope_id": b.siteRef(), "description": clip("VLAN "+name, 200),
		})
	}
	for _, g := range groups {
		b.add(KindPrefix, g.prefix, map[string]any{
			"prefix": g.prefix, "status": "active", "role": Ref{KindIPAMRole, "multicast"},
			"scope_type": "dcim.site", "scope_id": b.siteRef(), "is_pool": true,
			"description":   clip(g.description(), 200),
			"custom_fields": map[string]any{FlowsField: g.flows},
		})
	}
}

func (b *builder) vlanOrder() []string {
	names := model.SortedKeys(b.f.VLANs)
	sort.SliceStable(names, func(i, j int) bool { return b.f.VLANs[names[i]].ID < b.f.VLANs[names[j]].ID })
	return names
}

func (b *builder) vlanKey(name string) string {
	v := b.f.VLANs[name]
	if v == nil {
		return name
	}
	return b.groups[v.Plane] + "/" + name
}

func (b *builder) vlanRef(name string) any {
	if name == "" || b.f.VLANs[name] == nil {
		return nil
	}
	return Ref{KindVLAN, b.vlanKey(name)}
}

type mcastRange struct {
	prefix string
	planes map[string]bool
	flows  []any
}

func (g *mcastRange) description() string {
	var ps []string
	for p := range g.planes {
		if p != "" {
			ps = append(ps, p)
		}
	}
	sort.Strings(ps)
	s := fmt.Sprintf("Multicast groups of %d flow legs", len(g.flows))
	if len(ps) > 0 {
		s += ", plane " + strings.Join(ps, ", ")
	}
	return s
}

// multicastRanges groups the flows' multicast groups by /16: one prefix
// per range with the legs it holds.
func (b *builder) multicastRanges() []*mcastRange {
	byPrefix := map[string]*mcastRange{}
	for _, name := range model.SortedKeys(b.f.Flows) {
		fl := b.f.Flows[name]
		legs := fl.Legs()
		for _, plane := range model.SortedKeys(legs) {
			a, err := netip.ParseAddr(legs[plane])
			if err != nil || !a.IsMulticast() || !a.Is4() {
				continue
			}
			p, _ := a.Prefix(16)
			key := p.String()
			g := byPrefix[key]
			if g == nil {
				g = &mcastRange{prefix: key, planes: map[string]bool{}}
				byPrefix[key] = g
			}
			g.planes[plane] = true
			leg := map[string]any{"flow": name, "group": legs[plane], "port": fl.Port, "essence": fl.Essence, "sender": fl.Sender}
			if plane != "" {
				leg["plane"] = plane
			}
			g.flows = append(g.flows, leg)
		}
	}
	var out []*mcastRange
	for _, k := range model.SortedKeys(byPrefix) {
		out = append(out, byPrefix[k])
	}
	return out
}

// ifacePlan is what avnet wants of one interface.
type ifacePlan struct {
	device, name string
	typ          string
	mgmtOnly     bool
	enabled      bool
	description  string
	mode         string // "", "access", "tagged"
	untagged     string
	tagged       []string
	mtu          int // 0: leave as is
	switchPort   bool
	address      string
}

func (b *builder) devices() {
	b.ifaces = map[string]*ifacePlan{}
	b.ips = map[string]string{}
	flows := b.deviceFlows()
	var devIfaces [][]*ifacePlan
	for _, name := range model.SortedKeys(b.f.Devices) {
		d := b.f.Devices[name]
		body := map[string]any{
			"name": clip(name, 64), "device_type": Ref{KindDeviceType, d.Model}, "role": Ref{KindDeviceRole, d.Role},
			"site": b.siteRef(), "status": "active", "description": clip(d.Description, 200),
		}
		if d.Platform != "" {
			body["platform"] = Ref{KindPlatform, d.Platform}
		} else {
			body["platform"] = nil
		}
		if d.Room != "" && b.f.Rooms[d.Room] != nil {
			body["location"] = Ref{KindLocation, roomSlug(d.Room)}
		} else {
			body["location"] = nil
		}
		if d.PTP != nil && d.PTP.Mode != "none" && b.ptpTags[d.PTP.Domain] != "" {
			body["tags"] = Tags{b.ptpTags[d.PTP.Domain]}
		}
		if fl := flows[name]; fl != nil {
			body["custom_fields"] = map[string]any{FlowsField: fl}
		} else {
			// {} rather than null: the OpenAPI document allows no null
			// custom field value, and a device that lost its flows must
			// lose them in NetBox too.
			body["custom_fields"] = map[string]any{FlowsField: map[string]any{}}
		}
		b.add(KindDevice, name, body)
		devIfaces = append(devIfaces, b.interfaces(name))
	}
	for _, list := range devIfaces {
		for _, ip := range list {
			b.addInterface(ip)
		}
	}
	for _, list := range devIfaces {
		for _, ip := range list {
			b.addAddress(ip.device+":"+ip.name, ip.address, "")
		}
	}
	// Management addresses, and the device's primary IP.
	for _, name := range model.SortedKeys(b.f.Devices) {
		d := b.f.Devices[name]
		if d.Mgmt == nil || d.Mgmt.IP == "" {
			continue
		}
		addr := d.Mgmt.IP + "/32"
		if v := b.f.VLANs[d.Mgmt.VLAN]; v != nil {
			if p, err := netip.ParsePrefix(v.Subnet); err == nil {
				addr = fmt.Sprintf("%s/%d", d.Mgmt.IP, p.Bits())
			}
		}
		iface := b.mgmtInterface(name)
		key := ""
		if iface != "" {
			key = name + ":" + iface
		}
		host := b.addAddress(key, addr, "management")
		if host == "" {
			continue
		}
		if holder := b.ips[host]; strings.HasPrefix(holder, name+":") {
			b.s.Get(KindDevice, name).Late = map[string]any{"primary_ip4": Ref{KindIPAddress, host}}
		}
	}
}

// mgmtInterface is the interface that holds a device's management address:
// mgmt.interface, the switch plan's management port, or the interface in
// the management VLAN.
func (b *builder) mgmtInterface(dev string) string {
	d := b.f.Devices[dev]
	if d.Mgmt.Interface != "" {
		return d.Mgmt.Interface
	}
	if p := b.plans[dev]; p != nil && p.Mgmt != nil && p.Mgmt.Interface != "" {
		return p.Mgmt.Interface
	}
	for _, n := range model.SortedKeys(d.Interfaces) {
		if d.Interfaces[n].VLAN == d.Mgmt.VLAN && d.Interfaces[n].IP == "" {
			return n
		}
	}
	return ""
}

// interfaces lists the interfaces of a device: its type's ports, the
// ports its cables use and the ones the design declares.
func (b *builder) interfaces(dev string) []*ifacePlan {
	d := b.f.Devices[dev]
	var ports map[string]*model.Port
	if t := b.f.DeviceTypes[d.Model]; t != nil {
		ports = t.Ports
	}
	names := map[string]bool{}
	for n := range ports {
		names[n] = true
	}
	for n := range d.Interfaces {
		names[n] = true
	}
	linkAt := map[string]*model.Link{}
	for _, label := range model.SortedKeys(b.f.Links) {
		l := b.f.Links[label]
		for _, end := range []string{l.A, l.B} {
			if dv, i := model.SplitEnd(end); dv == dev {
				names[i] = true
				if linkAt[i] == nil {
					linkAt[i] = l
				}
			}
		}
	}
	if d.Mgmt != nil && d.Mgmt.Interface != "" {
		names[d.Mgmt.Interface] = true
	}
	plan := b.plans[dev]
	byPort := map[string]*analysis.SwitchPort{}
	if plan != nil {
		for _, p := range plan.Ports {
			byPort[p.Name] = p
		}
	}
	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Slice(sorted, func(i, j int) bool { return analysis.NaturalLess(sorted[i], sorted[j]) })

	var out []*ifacePlan
	for _, n := range sorted {
		ip := &ifacePlan{device: dev, name: n, enabled: true}
		decl := d.Interfaces[n]
		l := linkAt[n]
		switch p := ports[n]; {
		case p != nil:
			ip.typ, ip.mgmtOnly = InterfaceType(p.Speed, p.Media), p.MgmtOnly
		case l != nil:
			ip.typ = LinkInterfaceType(l.Speed, l.Medium)
		case decl != nil && decl.Speed != "":
			ip.typ = baseT(decl.Speed)
		default:
			ip.typ = "virtual"
		}
		if decl != nil {
			ip.description, ip.address = decl.Description, decl.IP
		}
		if ip.description == "" && l != nil {
			here := dev + ":" + n
			peer := l.B
			if l.B == here {
				peer = l.A
			}
			ip.description = l.Label + " " + peer
		}
		if sp := byPort[n]; sp != nil {
			ip.switchPort = true
			ip.mtu = sp.MTU
			switch sp.Mode {
			case analysis.PortAccess:
				ip.mode, ip.untagged = "access", sp.AccessVLAN
			case analysis.PortTrunk:
				ip.mode, ip.untagged = "tagged", sp.AccessVLAN
				for _, v := range sp.Allowed {
					if v != sp.AccessVLAN {
						ip.tagged = append(ip.tagged, v)
					}
				}
			case analysis.PortRouted:
				if ip.address == "" {
					ip.address = sp.Address
				}
			case analysis.PortUnused:
				ip.enabled = false
			}
			if sp.Link == nil && decl == nil {
				ip.description = ""
			}
		} else if decl != nil && !d.IsSwitch() {
			switch {
			case len(decl.VLANs) > 0:
				ip.mode, ip.untagged = "tagged", decl.VLAN
				for _, v := range decl.VLANs {
					if v != decl.VLAN {
						ip.tagged = append(ip.tagged, v)
					}
				}
			case decl.VLAN != "":
				ip.mode, ip.untagged = "access", decl.VLAN
			}
		}
		if d.IsSwitch() && ip.mgmtOnly {
			ip.mode, ip.untagged, ip.tagged = "", "", nil
		}
		out = append(out, ip)
	}
	return out
}

func (b *builder) addInterface(ip *ifacePlan) {
	key := ip.device + ":" + ip.name
	b.ifaces[key] = ip
	body := map[string]any{
		"device": Ref{KindDevice, ip.device}, "name": clip(ip.name, 64), "type": ip.typ,
		"enabled": ip.enabled, "mgmt_only": ip.mgmtOnly, "description": clip(ip.description, 200),
	}
	if ip.mode != "" {
		body["mode"] = ip.mode
		body["untagged_vlan"] = b.vlanRef(ip.untagged)
		var tagged Refs
		for _, v := range ip.tagged {
			if r, ok := b.vlanRef(v).(Ref); ok {
				tagged = append(tagged, r)
			}
		}
		if ip.mode == "tagged" {
			body["tagged_vlans"] = append(Refs{}, tagged...)
		} else {
			body["tagged_vlans"] = Refs{}
		}
	} else {
		body["mode"] = nil
		body["untagged_vlan"] = nil
		body["tagged_vlans"] = Refs{}
	}
	if ip.switchPort {
		if ip.mtu > 0 {
			body["mtu"] = ip.mtu
		} else {
			body["mtu"] = nil
		}
	}
	b.add(KindInterface, key, body)
}

// addAddress adds an IP address on an interface ("" for none) and returns
// its key (the host address), or "" when another interface holds it.
func (b *builder) addAddress(iface, addr, role string) string {
	if addr == "" {
		return ""
	}
	p, err := netip.ParsePrefix(addr)
	if err != nil {
		return ""
	}
	host := p.Addr().String()
	if prev, ok := b.ips[host]; ok {
		if prev == "" && iface != "" {
			// Attach an unassigned address once its interface is known.
			b.ips[host] = iface
			o := b.s.Get(KindIPAddress, host)
			o.Body["assigned_object_type"], o.Body["assigned_object_id"] = KindInterface.Type, Ref{KindInterface, iface}
		}
		return host
	}
	b.ips[host] = iface
	body := map[string]any{"address": p.String(), "status": "active"}
	if iface != "" && b.ifaces[iface] != nil {
		body["assigned_object_type"], body["assigned_object_id"] = KindInterface.Type, Ref{KindInterface, iface}
	} else {
		b.ips[host] = ""
		body["assigned_object_type"], body["assigned_object_id"] = nil, nil
	}
	if role != "" {
		body["description"] = role
	}
	b.add(KindIPAddress, host, body)
	return host
}

// deviceFlows lists, per device, the flows it sends and receives.
func (b *builder) deviceFlows() map[string]map[string]any {
	sends := map[string][]any{}
	receives := map[string][]any{}
	for _, name := range model.SortedKeys(b.f.Flows) {
		fl := b.f.Flows[name]
		leg := map[string]any{"flow": name, "essence": fl.Essence, "port": fl.Port, "class": fl.Class}
		legs := fl.Legs()
		if len(legs) == 1 && legs[""] != "" {
			leg["group"] = legs[""]
		} else if len(legs) > 0 {
			g := map[string]any{}
			for p, a := range legs {
				g[p] = a
			}
			leg["groups"] = g
		}
		sends[fl.Sender] = append(sends[fl.Sender], leg)
		for _, r := range fl.Receivers {
			receives[r] = append(receives[r], name)
		}
	}
	out := map[string]map[string]any{}
	for d, s := range sends {
		out[d] = map[string]any{"sends": s}
	}
	for d, r := range receives {
		if out[d] == nil {
			out[d] = map[string]any{}
		}
		out[d]["receives"] = r
	}
	return out
}

// cables writes one cable per link, coloured by the plane it carries.
func (b *builder) cables() {
	for _, label := range model.SortedKeys(b.f.Links) {
		l := b.f.Links[label]
		a, bb := b.ifaceKey(l.A), b.ifaceKey(l.B)
		if a == "" || bb == "" {
			b.errs = append(b.errs, fmt.Sprintf("cable %s: an end is not an interface of a device", label))
			continue
		}
		body := map[string]any{
			"a_terminations": Terms{{KindInterface, a}}, "b_terminations": Terms{{KindInterface, bb}},
			"status": "connected", "label": clip(label, 100),
			"type": CableType(l.Medium),
		}
		// A cable of no plane keeps whatever colour it has: the document
		// allows no blank colour (^[0-9a-f]{6}$) though NetBox does.
		if c := PlaneColors[b.linkPlane(l)]; c != "" {
			body["color"] = c
		}
		if l.LengthM > 0 {
			body["length"], body["length_unit"] = l.LengthM, "m"
		} else {
			body["length"], body["length_unit"] = nil, nil
		}
		if l.Rationale != "" {
			body["description"] = clip(l.Rationale, 200)
		}
		b.add(KindCable, label, body)
	}
}

func (b *builder) ifaceKey(end string) string {
	d, i := model.SplitEnd(end)
	if b.ifaces[d+":"+i] == nil {
		return ""
	}
	return d + ":" + i
}

// linkPlane is the one plane of the VLANs a cable carries, or of the
// interfaces it joins; "" when there are none or several.
func (b *builder) linkPlane(l *model.Link) string {
	planes := map[string]bool{}
	vlans := append([]string(nil), l.VLANs...)
	for _, end := range []string{l.A, l.B} {
		if ip := b.ifaces[b.ifaceKey(end)]; ip != nil {
			vlans = append(vlans, ip.untagged)
			vlans = append(vlans, ip.tagged...)
		}
		d, i := model.SplitEnd(end)
		if dev := b.f.Devices[d]; dev != nil && dev.Interfaces[i] != nil && dev.Interfaces[i].Plane != "" {
			planes[dev.Interfaces[i].Plane] = true
		}
	}
	for _, v := range vlans {
		if vl := b.f.VLANs[v]; vl != nil && vl.Plane != "" {
			planes[vl.Plane] = true
		}
	}
	if len(planes) != 1 {
		return ""
	}
	for p := range planes {
		return p
	}
	return ""
}

// configContexts writes the QoS context (for the site's switches) and one
// PTP context per domain (for the devices tagged with the domain's tag).
func (b *builder) configContexts() {
	if len(b.f.QoS.Classes) > 0 && b.s.Get(KindDeviceRole, "switch") != nil {
		classes := map[string]any{}
		for _, n := range model.SortedKeys(b.f.QoS.Classes) {
			c := b.f.QoS.Classes[n]
			dscp := make([]any, len(c.DSCP))
			for i, v := range c.DSCP {
				dscp[i] = v
			}
			cl := map[string]any{"dscp": dscp, "queue": c.Queue, "scheduling": c.Scheduling}
			if c.Weight > 0 {
				cl["weight"] = c.Weight
			}
			if c.Description != "" {
				cl["description"] = c.Description
			}
			classes[n] = cl
		}
		name := shortSlug(fmt.Sprintf("%s-%s-qos", Prefix, b.s.Site), 100)
		b.add(KindConfigContext, name, map[string]any{
			"name": name, "weight": 1000, "is_active": true,
			"description": clip("Managed by avnet: QoS of the switches of "+b.s.SiteName, 200),
			"sites":       Refs{b.siteRef()}, "roles": Refs{{KindDeviceRole, "switch"}}, "tags": Slugs{},
			"data": map[string]any{"avnet": map[string]any{"qos": map[string]any{"trust": b.f.QoS.Trust, "classes": classes}}},
		})
	}
	for _, dn := range model.SortedKeys(b.f.PTP) {
		d := b.f.PTP[dn]
		gms := map[string]any{}
		for _, g := range model.SortedKeys(d.Grandmasters) {
			gm := d.Grandmasters[g]
			gms[g] = map[string]any{"priority1": gm.Priority1, "priority2": gm.Priority2, "clockClass": gm.ClockClass}
		}
		slug := b.ptpTags[dn]
		b.add(KindConfigContext, slug, map[string]any{
			"name": slug, "weight": 1000, "is_active": true,
			"description": clip(fmt.Sprintf("Managed by avnet: PTP domain %s of %s", dn, b.s.SiteName), 200),
			"sites":       Refs{b.siteRef()}, "roles": Refs{}, "tags": Slugs{slug},
			"data": map[string]any{"avnet": map[string]any{"ptp": map[string]any{
				"name": dn, "profile": d.Profile, "domain": d.Domain,
				"logAnnounceInterval": d.LogAnnounceInterval, "logSyncInterval": d.LogSyncInterval,
				"logMinDelayReqInterval": d.LogMinDelayReqInterval, "announceReceiptTimeout": d.AnnounceReceiptTimeout,
				"transport": d.Transport, "delayMechanism": d.DelayMechanism, "grandmasters": gms,
			}}},
		})
	}
}
