package nbdouble

import (
	"fmt"
	"net/netip"
	"strings"
)

// onDelete is what happens to an object when the object it refers to is
// deleted, as NetBox's models declare it.
type onDelete int

const (
	protect onDelete = iota // the delete is refused (409)
	setNull                 // the reference is cleared
	cascade                 // the referring object is deleted too
)

type fk struct {
	target   string // endpoint
	onDelete onDelete
}

// resource is one endpoint the double serves.
type resource struct {
	endpoint string // "dcim/devices"
	objType  string // "dcim.device"
	schema   string // response schema
	taggable bool
	// fks are single references; lists are many-to-many references
	// (removed from the list when the target goes).
	fks   map[string]fk
	lists map[string]string
	// unique lists NetBox's uniqueness constraints (stored field names).
	unique [][]string
	// filters are the list filters the double implements.
	filters map[string]filter
	// display names an object in "display".
	display func(s *Server, o obj) string
	// check enforces rules beyond uniqueness and references.
	check func(s *Server, o obj, id int) error

	objects map[int]obj
	order   []int
	next    int
	uniq    []map[string]int // per constraint: values → id (nil: to rebuild)
}

// obj is a stored object: its writable fields, references as ids.
type obj = map[string]any

// filter reports whether o matches one of the values.
type filter func(s *Server, o obj, values []string) bool

func field(name string) filter {
	return func(s *Server, o obj, values []string) bool {
		for _, v := range values {
			if fmt.Sprint(o[name]) == v {
				return true
			}
		}
		return false
	}
}

func idField(name string) filter {
	return func(s *Server, o obj, values []string) bool {
		for _, v := range values {
			if id, ok := o[name].(int); ok && fmt.Sprint(id) == v {
				return true
			}
			if v == "null" && o[name] == nil {
				return true
			}
		}
		return false
	}
}

func tagFilter(s *Server, o obj, values []string) bool {
	tags, _ := o["tags"].([]int)
	for _, id := range tags {
		t := s.res["extras/tags"].objects[id]
		for _, v := range values {
			if t != nil && t["slug"] == v {
				return true
			}
		}
	}
	return false
}

// deviceSite is the site of a device-bound object's device.
func deviceSite(s *Server, deviceID any) any {
	id, ok := deviceID.(int)
	if !ok {
		return nil
	}
	if d := s.res["dcim/devices"].objects[id]; d != nil {
		return d["site"]
	}
	return nil
}

func nameDisplay(s *Server, o obj) string { return fmt.Sprint(o["name"]) }

func newResources() map[string]*resource {
	slugName := func(endpoint, typ, schema string, fks map[string]fk) *resource {
		return &resource{endpoint: endpoint, objType: typ, schema: schema, taggable: true, fks: fks,
			unique:  [][]string{{"name"}, {"slug"}},
			filters: map[string]filter{"slug": field("slug"), "name": field("name"), "tag": tagFilter},
			display: nameDisplay}
	}
	all := []*resource{
		{endpoint: "extras/tags", objType: "extras.tag", schema: "Tag", unique: [][]string{{"name"}, {"slug"}},
			filters: map[string]filter{"slug": field("slug"), "name": field("name")}, display: nameDisplay},
		{endpoint: "extras/custom-fields", objType: "extras.customfield", schema: "CustomField", unique: [][]string{{"name"}},
			filters: map[string]filter{"name": field("name")}, display: nameDisplay},
		{endpoint: "extras/config-contexts", objType: "extras.configcontext", schema: "ConfigContext", unique: [][]string{{"name"}},
			lists: map[string]string{"sites": "dcim/sites", "roles": "dcim/device-roles", "locations": "dcim/locations", "device_types": "dcim/device-types", "platforms": "dcim/platforms"},
			filters: map[string]filter{"name": field("name"), "site_id": func(s *Server, o obj, values []string) bool {
				sites, _ := o["sites"].([]int)
				for _, id := range sites {
					for _, v := range values {
						if fmt.Sprint(id) == v {
							return true
						}
					}
				}
				return false
			}}, display: nameDisplay},
		slugName("dcim/sites", "dcim.site", "Site", nil),
		{endpoint: "dcim/locations", objType: "dcim.location", schema: "Location", taggable: true,
			fks:     map[string]fk{"site": {"dcim/sites", cascade}, "parent": {"dcim/locations", cascade}},
			unique:  [][]string{{"site", "parent", "name"}, {"site", "parent", "slug"}},
			filters: map[string]filter{"site_id": idField("site"), "slug": field("slug"), "name": field("name"), "tag": tagFilter},
			display: nameDisplay},
		slugName("dcim/manufacturers", "dcim.manufacturer", "Manufacturer", nil),
		slugName("dcim/platforms", "dcim.platform", "Platform", map[string]fk{"manufacturer": {"dcim/manufacturers", protect}}),
		slugName("dcim/device-roles", "dcim.devicerole", "DeviceRole", nil),
		{endpoint: "dcim/device-types", objType: "dcim.devicetype", schema: "DeviceType", taggable: true,
			fks:     map[string]fk{"manufacturer": {"dcim/manufacturers", protect}, "default_platform": {"dcim/platforms", setNull}},
			unique:  [][]string{{"manufacturer", "model"}, {"manufacturer", "slug"}},
			filters: map[string]filter{"slug": field("slug"), "tag": tagFilter},
			display: func(s *Server, o obj) string { return fmt.Sprint(o["model"]) }},
		{endpoint: "dcim/interface-templates", objType: "dcim.interfacetemplate", schema: "InterfaceTemplate",
			fks:     map[string]fk{"device_type": {"dcim/device-types", cascade}},
			unique:  [][]string{{"device_type", "name"}},
			filters: map[string]filter{"device_type_id": idField("device_type"), "name": field("name")},
			display: nameDisplay},
		slugName("ipam/roles", "ipam.role", "Role", nil),
		{endpoint: "ipam/vlan-groups", objType: "ipam.vlangroup", schema: "VLANGroup", taggable: true,
			unique: [][]string{{"scope_type", "scope_id", "name"}, {"scope_type", "scope_id", "slug"}},
			filters: map[string]filter{"slug": field("slug"), "name": field("name"), "tag": tagFilter,
				"scope_type": field("scope_type"), "scope_id": idField("scope_id")},
			display: nameDisplay, check: checkScope},
		{endpoint: "ipam/vlans", objType: "ipam.vlan", schema: "VLAN", taggable: true,
			fks:     map[string]fk{"group": {"ipam/vlan-groups", protect}, "site": {"dcim/sites", protect}, "role": {"ipam/roles", setNull}},
			unique:  [][]string{{"group", "vid"}, {"group", "name"}},
			filters: map[string]filter{"group_id": idField("group"), "name": field("name"), "tag": tagFilter},
			display: func(s *Server, o obj) string { return fmt.Sprintf("%v (%v)", o["name"], o["vid"]) }},
		{endpoint: "ipam/prefixes", objType: "ipam.prefix", schema: "Prefix", taggable: true,
			fks:    map[string]fk{"vlan": {"ipam/vlans", protect}, "role": {"ipam/roles", setNull}},
			unique: [][]string{{"vrf", "prefix"}},
			filters: map[string]filter{"prefix": field("prefix"), "tag": tagFilter, "site_id": func(s *Server, o obj, values []string) bool {
				return o["scope_type"] == "dcim.site" && idField("scope_id")(s, o, values)
			}},
			display: func(s *Server, o obj) string { return fmt.Sprint(o["prefix"]) }, check: checkPrefix},
		{endpoint: "dcim/devices", objType: "dcim.device", schema: "DeviceWithConfigContext", taggable: true,
			fks: map[string]fk{"device_type": {"dcim/device-types", protect}, "role": {"dcim/device-roles", protect},
				"site": {"dcim/sites", protect}, "location": {"dcim/locations", protect}, "platform": {"dcim/platforms", setNull},
				"primary_ip4": {"ipam/ip-addresses", setNull}, "primary_ip6": {"ipam/ip-addresses", setNull}, "oob_ip": {"ipam/ip-addresses", setNull}},
			unique:  [][]string{{"site", "tenant", "name"}},
			filters: map[string]filter{"site_id": idField("site"), "name": field("name"), "tag": tagFilter},
			display: nameDisplay, check: checkDevice},
		{endpoint: "dcim/interfaces", objType: "dcim.interface", schema: "Interface", taggable: true,
			fks:    map[string]fk{"device": {"dcim/devices", cascade}, "untagged_vlan": {"ipam/vlans", setNull}, "parent": {"dcim/interfaces", setNull}, "lag": {"dcim/interfaces", setNull}, "bridge": {"dcim/interfaces", setNull}},
			lists:  map[string]string{"tagged_vlans": "ipam/vlans"},
			unique: [][]string{{"device", "name"}},
			filters: map[string]filter{"device_id": idField("device"), "name": field("name"), "tag": tagFilter,
				"site_id": func(s *Server, o obj, values []string) bool {
					return idField("site")(s, obj{"site": deviceSite(s, o["device"])}, values)
				}},
			display: nameDisplay, check: checkInterface},
		{endpoint: "ipam/ip-addresses", objType: "ipam.ipaddress", schema: "IPAddress", taggable: true,
			filters: map[string]filter{"tag": tagFilter, "address": func(s *Server, o obj, values []string) bool {
				a, err := netip.ParsePrefix(fmt.Sprint(o["address"]))
				if err != nil {
					return false
				}
				for _, v := range values {
					if v == a.String() || v == a.Addr().String() {
						return true
					}
				}
				return false
			}, "device_id": func(s *Server, o obj, values []string) bool {
				if o["assigned_object_type"] != "dcim.interface" {
					return false
				}
				i := s.res["dcim/interfaces"].objects[asInt(o["assigned_object_id"])]
				return i != nil && idField("device")(s, i, values)
			}},
			display: func(s *Server, o obj) string { return fmt.Sprint(o["address"]) }, check: checkIP},
		{endpoint: "dcim/cables", objType: "dcim.cable", schema: "Cable", taggable: true,
			filters: map[string]filter{"label": field("label"), "tag": tagFilter, "site_id": func(s *Server, o obj, values []string) bool {
				for _, t := range terminations(o) {
					if i := s.res["dcim/interfaces"].objects[t.id]; i != nil && idField("site")(s, obj{"site": deviceSite(s, i["device"])}, values) {
						return true
					}
				}
				return false
			}},
			display: func(s *Server, o obj) string {
				if l, _ := o["label"].(string); l != "" {
					return l
				}
				return "#" + fmt.Sprint(o["id"])
			}, check: checkCable},
	}
	out := map[string]*resource{}
	for _, r := range all {
		r.objects = map[int]obj{}
		r.next = 1
		if r.fks == nil {
			r.fks = map[string]fk{}
		}
		out[r.endpoint] = r
	}
	return out
}

func asInt(v any) int {
	switch x := v.(type) {
	case int:
		return x
	case float64:
		return int(x)
	}
	return 0
}

// validationError is a 400 with NetBox's {"field": ["message"]} body.
type validationError struct {
	field, msg string
}

func (e *validationError) Error() string { return e.field + ": " + e.msg }

func checkScope(s *Server, o obj, id int) error {
	st, _ := o["scope_type"].(string)
	if st == "" {
		if o["scope_id"] != nil {
			return &validationError{"scope_type", "A scope type is required when a scope ID is given."}
		}
		return nil
	}
	target := map[string]string{"dcim.site": "dcim/sites", "dcim.location": "dcim/locations"}[st]
	if target == "" {
		return &validationError{"scope_type", fmt.Sprintf("the double implements scopes dcim.site and dcim.location, not %q", st)}
	}
	if s.res[target].objects[asInt(o["scope_id"])] == nil {
		return &validationError{"scope_id", fmt.Sprintf("Related object not found using the provided numeric ID: %v", o["scope_id"])}
	}
	return nil
}

func checkPrefix(s *Server, o obj, id int) error {
	p, err := netip.ParsePrefix(fmt.Sprint(o["prefix"]))
	if err != nil {
		return &validationError{"prefix", "Enter a valid IPv4 or IPv6 address with optional mask."}
	}
	if p.Masked() != p {
		return &validationError{"prefix", fmt.Sprintf("%s is not a network: use %s", p, p.Masked())}
	}
	return checkScope(s, o, id)
}

func checkDevice(s *Server, o obj, id int) error {
	if loc, ok := o["location"].(int); ok {
		if l := s.res["dcim/locations"].objects[loc]; l != nil && l["site"] != o["site"] {
			return &validationError{"location", fmt.Sprintf("Location %v does not belong to site %v.", l["name"], o["site"])}
		}
	}
	if ip, ok := o["primary_ip4"].(int); ok {
		a := s.res["ipam/ip-addresses"].objects[ip]
		if a == nil || a["assigned_object_type"] != "dcim.interface" {
			return &validationError{"primary_ip4", "The specified IP address is not assigned to this device."}
		}
		i := s.res["dcim/interfaces"].objects[asInt(a["assigned_object_id"])]
		if i == nil || i["device"] != id {
			return &validationError{"primary_ip4", "The specified IP address is not assigned to this device."}
		}
	}
	return nil
}

func checkInterface(s *Server, o obj, id int) error {
	mode, _ := o["mode"].(string)
	if mode == "" && (o["untagged_vlan"] != nil || len(asInts(o["tagged_vlans"])) > 0) {
		return &validationError{"untagged_vlan", "An interface without an 802.1Q mode cannot have VLANs."}
	}
	if mode != "tagged" && len(asInts(o["tagged_vlans"])) > 0 {
		return &validationError{"tagged_vlans", fmt.Sprintf("Cannot assign tagged VLANs to an interface in mode %q.", mode)}
	}
	return nil
}

func checkIP(s *Server, o obj, id int) error {
	a, err := netip.ParsePrefix(fmt.Sprint(o["address"]))
	if err != nil {
		return &validationError{"address", "Enter a valid IPv4 or IPv6 address with mask."}
	}
	// ENFORCE_GLOBAL_UNIQUE (NetBox's default): one host address per VRF.
	for oid, other := range s.res["ipam/ip-addresses"].objects {
		if oid == id || other["vrf"] != o["vrf"] {
			continue
		}
		if b, err := netip.ParsePrefix(fmt.Sprint(other["address"])); err == nil && b.Addr() == a.Addr() {
			return &validationError{"address", fmt.Sprintf("Duplicate IP address found in global table: %s", other["address"])}
		}
	}
	t, _ := o["assigned_object_type"].(string)
	switch {
	case t == "" && o["assigned_object_id"] == nil:
	case t == "dcim.interface":
		if s.res["dcim/interfaces"].objects[asInt(o["assigned_object_id"])] == nil {
			return &validationError{"assigned_object_id", fmt.Sprintf("Related object not found using the provided numeric ID: %v", o["assigned_object_id"])}
		}
	default:
		return &validationError{"assigned_object_type", fmt.Sprintf("the double implements assignment to dcim.interface, not %q", t)}
	}
	// NetBox refuses to move the primary IP of a device off the device.
	for did, d := range s.res["dcim/devices"].objects {
		if d["primary_ip4"] == id {
			i := s.res["dcim/interfaces"].objects[asInt(o["assigned_object_id"])]
			if t != "dcim.interface" || i == nil || i["device"] != did {
				return &validationError{"interface", "Cannot reassign IP address while it is designated as the primary IP for the parent object"}
			}
		}
	}
	return nil
}

type term struct {
	side string
	id   int
}

func terminations(o obj) []term {
	var out []term
	for _, side := range []string{"a", "b"} {
		l, _ := o[side+"_terminations"].([]any)
		for _, t := range l {
			m, _ := t.(map[string]any)
			out = append(out, term{side, asInt(m["object_id"])})
		}
	}
	return out
}

func checkCable(s *Server, o obj, id int) error {
	for _, side := range []string{"a", "b"} {
		l, _ := o[side+"_terminations"].([]any)
		for _, t := range l {
			m, _ := t.(map[string]any)
			if m["object_type"] != "dcim.interface" {
				return &validationError{side + "_terminations", fmt.Sprintf("the double implements interface terminations, not %v", m["object_type"])}
			}
			if s.res["dcim/interfaces"].objects[asInt(m["object_id"])] == nil {
				return &validationError{side + "_terminations", fmt.Sprintf("Related object not found using the provided numeric ID: %v", m["object_id"])}
			}
		}
		if len(l) == 0 {
			return &validationError{side + "_terminations", "This field is required."}
		}
	}
	for cid, c := range s.res["dcim/cables"].objects {
		if cid == id {
			continue
		}
		for _, t := range terminations(c) {
			for _, u := range terminations(o) {
				if t.id == u.id {
					i := s.res["dcim/interfaces"].objects[u.id]
					return &validationError{"a_terminations", fmt.Sprintf("Duplicate termination found for dcim.interface %v: cable #%d", i["name"], cid)}
				}
			}
		}
	}
	return nil
}

func asInts(v any) []int {
	l, _ := v.([]int)
	return l
}

// cableOf returns the cable plugged into an interface and the interface
// at its other end (0 when none).
func (s *Server) cableOf(iface int) (int, int) {
	if s.cables == nil {
		s.cables = map[int][2]int{}
		for cid, c := range s.res["dcim/cables"].objects {
			ts := terminations(c)
			for i, t := range ts {
				peer := 0
				for j, u := range ts {
					if j != i && u.side != t.side {
						peer = u.id
					}
				}
				s.cables[t.id] = [2]int{cid, peer}
			}
		}
	}
	c := s.cables[iface]
	return c[0], c[1]
}

func titleWord(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
