package nbdouble

import (
	"fmt"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// requestSchema returns the create request schema of an endpoint.
func (s *Server) requestSchema(res *resource) *openapi3.Schema {
	pi := s.spec.Doc.Paths.Value("/api/" + res.endpoint + "/")
	if pi == nil || pi.Post == nil || pi.Post.RequestBody == nil {
		return nil
	}
	mt := pi.Post.RequestBody.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return nil
	}
	return mt.Schema.Value
}

// isRefSchema reports whether a request property takes a reference to
// another object (an id or a Brief…Request object).
func isRefSchema(sr *openapi3.SchemaRef) bool {
	if sr == nil {
		return false
	}
	if strings.Contains(sr.Ref, "/Brief") || strings.Contains(sr.Ref, "/Nested") {
		return true
	}
	if sr.Value == nil {
		return false
	}
	for _, l := range [][]*openapi3.SchemaRef{sr.Value.OneOf, sr.Value.AllOf, sr.Value.AnyOf} {
		for _, x := range l {
			if isRefSchema(x) {
				return true
			}
		}
	}
	return false
}

// write creates (id 0) or updates an object from a request body.
func (s *Server) write(res *resource, id int, in map[string]any) (int, error) {
	o := obj{}
	if id != 0 {
		for k, v := range res.objects[id] {
			o[k] = v
		}
	}
	req := s.requestSchema(res)
	for _, name := range sortedKeys(in) {
		v := in[name]
		switch {
		case name == "tags" && res.taggable:
			ids, err := s.resolveList(s.res["extras/tags"], v)
			if err != nil {
				return 0, &validationError{"tags", err.Error()}
			}
			o["tags"] = ids
		case name == "tags" && res.endpoint == "extras/config-contexts":
			slugs := []string{}
			l, _ := v.([]any)
			for _, x := range l {
				slug := fmt.Sprint(x)
				if s.findBy(s.res["extras/tags"], map[string]any{"slug": slug}) == 0 {
					return 0, &validationError{"tags", fmt.Sprintf("Object with slug=%s does not exist.", slug)}
				}
				slugs = append(slugs, slug)
			}
			o["tags"] = slugs
		case name == "custom_fields":
			cf, err := s.customFields(res, o["custom_fields"], v)
			if err != nil {
				return 0, err
			}
			o["custom_fields"] = cf
		case res.fks[name].target != "":
			if v == nil {
				o[name] = nil
				continue
			}
			rid, err := s.resolve(s.res[res.fks[name].target], v)
			if err != nil {
				return 0, &validationError{name, err.Error()}
			}
			o[name] = rid
		case res.lists[name] != "":
			ids, err := s.resolveList(s.res[res.lists[name]], v)
			if err != nil {
				return 0, &validationError{name, err.Error()}
			}
			o[name] = ids
		case name == "scope_id" || name == "assigned_object_id":
			if v == nil {
				o[name] = nil
			} else {
				o[name] = asInt(v)
			}
		case req != nil && isRefSchema(req.Properties[name]):
			if v != nil {
				return 0, &notImplemented{fmt.Sprintf("the double does not implement the reference %s of %s", name, res.endpoint)}
			}
			o[name] = nil
		default:
			o[name] = v
		}
	}
	if id == 0 {
		s.defaults(res, o)
	}
	if err := s.unique(res, o, id); err != nil {
		return 0, err
	}
	if res.check != nil {
		if err := res.check(s, o, id); err != nil {
			return 0, err
		}
	}
	if id == 0 {
		id = res.next
		res.next++
		res.order = append(res.order, id)
		o["id"] = id
		o["created"] = "2025-06-01T12:00:00.000000Z"
	}
	o["last_updated"] = "2025-06-01T12:00:00.000000Z"
	res.objects[id] = o
	s.indexUnique(res, o, id)
	s.cables = nil
	if res.endpoint == "dcim/devices" && in["device_type"] != nil && len(s.interfacesOf(id)) == 0 {
		s.instantiate(id, o)
	}
	return id, nil
}

// defaults fills what NetBox fills on create.
func (s *Server) defaults(res *resource, o obj) {
	set := func(k string, v any) {
		if _, ok := o[k]; !ok {
			o[k] = v
		}
	}
	switch res.endpoint {
	case "dcim/sites", "dcim/locations", "dcim/devices", "ipam/vlans", "ipam/prefixes", "ipam/ip-addresses":
		set("status", "active")
	case "dcim/cables":
		set("status", "connected")
	case "dcim/interfaces":
		set("enabled", true)
		set("mgmt_only", false)
		set("mark_connected", false)
	case "dcim/interface-templates":
		set("enabled", true)
		set("mgmt_only", false)
	case "extras/config-contexts":
		set("is_active", true)
		set("weight", 1000.0)
	case "ipam/vlan-groups":
		set("vid_ranges", []any{[]any{1.0, 4094.0}})
	case "dcim/device-types":
		set("u_height", 1.0)
	}
	if res.taggable {
		set("tags", []int{})
	}
}

// customFields merges custom field data, as NetBox does on PATCH, after
// checking that each field exists for the object's type.
func (s *Server) customFields(res *resource, old any, v any) (map[string]any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, &validationError{"custom_fields", "Invalid data format. Custom field data must be passed as a dictionary."}
	}
	out := map[string]any{}
	if om, ok := old.(map[string]any); ok {
		for k, x := range om {
			out[k] = x
		}
	}
	for k, x := range m {
		if !s.customFieldFor(res.objType, k) {
			return nil, &validationError{"custom_fields", fmt.Sprintf("Unknown field name '%s' in custom field data.", k)}
		}
		out[k] = x
	}
	return out, nil
}

func (s *Server) customFieldFor(objType, name string) bool {
	for _, cf := range s.res["extras/custom-fields"].objects {
		if cf["name"] != name {
			continue
		}
		l, _ := cf["object_types"].([]any)
		for _, t := range l {
			if t == objType {
				return true
			}
		}
	}
	return false
}

func (s *Server) customFieldNames(objType string) []string {
	var out []string
	for _, cf := range s.res["extras/custom-fields"].objects {
		l, _ := cf["object_types"].([]any)
		for _, t := range l {
			if t == objType {
				out = append(out, fmt.Sprint(cf["name"]))
			}
		}
	}
	sort.Strings(out)
	return out
}

// resolve turns a reference (an id, or an object of attributes) into an id.
func (s *Server) resolve(target *resource, v any) (int, error) {
	switch x := v.(type) {
	case float64:
		id := int(x)
		if target.objects[id] == nil {
			return 0, fmt.Errorf("Related object not found using the provided numeric ID: %d", id)
		}
		return id, nil
	case map[string]any:
		if id := s.findBy(target, x); id != 0 {
			return id, nil
		}
		return 0, fmt.Errorf("Related object not found using the provided attributes: %v", x)
	}
	return 0, fmt.Errorf("Related objects must be referenced by numeric ID or by dictionary of attributes. Received an unrecognized value: %v", v)
}

func (s *Server) resolveList(target *resource, v any) ([]int, error) {
	l, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("Expected a list of items but got type %T.", v)
	}
	out := []int{}
	for _, x := range l {
		id, err := s.resolve(target, x)
		if err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, nil
}

// findBy returns the one object whose fields equal attrs (0 if none or several).
func (s *Server) findBy(res *resource, attrs map[string]any) int {
	found := 0
	for _, id := range res.order {
		o := res.objects[id]
		match := true
		for k, v := range attrs {
			ov := o[k]
			if sub, ok := v.(map[string]any); ok {
				if t := res.fks[k].target; t != "" {
					match = match && ov == s.findBy(s.res[t], sub) && ov != 0
					continue
				}
			}
			if fmt.Sprint(ov) != fmt.Sprint(v) {
				match = false
			}
		}
		if match {
			if found != 0 {
				return 0
			}
			found = id
		}
	}
	return found
}

// unique enforces the resource's uniqueness constraints (a null equals a
// null, as NetBox's conditional constraints make it). Each constraint
// keeps an index of its values, rebuilt after deletes.
func (s *Server) unique(res *resource, o obj, id int) error {
	if res.uniq == nil {
		res.uniq = make([]map[string]int, len(res.unique))
		for i, fields := range res.unique {
			res.uniq[i] = map[string]int{}
			for oid, other := range res.objects {
				res.uniq[i][uniqueKey(other, fields)] = oid
			}
		}
	}
	for i, fields := range res.unique {
		k := uniqueKey(o, fields)
		if oid, ok := res.uniq[i][k]; ok && oid != id && res.objects[oid] != nil && uniqueKey(res.objects[oid], fields) == k {
			var parts []string
			for _, f := range fields {
				parts = append(parts, fmt.Sprintf("%s=%v", f, o[f]))
			}
			return &validationError{"__all__", fmt.Sprintf("%s with this %s already exists (#%d).", res.objType, strings.Join(parts, ", "), oid)}
		}
	}
	return nil
}

// indexUnique records an object's values once it is stored.
func (s *Server) indexUnique(res *resource, o obj, id int) {
	if res.uniq == nil {
		return
	}
	for i, fields := range res.unique {
		res.uniq[i][uniqueKey(o, fields)] = id
	}
}

func uniqueKey(o obj, fields []string) string {
	var b strings.Builder
	for _, f := range fields {
		fmt.Fprint(&b, o[f])
		b.WriteByte(0)
	}
	return b.String()
}

func (s *Server) interfacesOf(device int) []int {
	var out []int
	ifs := s.res["dcim/interfaces"]
	for _, id := range ifs.order {
		if ifs.objects[id]["device"] == device {
			out = append(out, id)
		}
	}
	return out
}

// instantiate makes a new device's interfaces from its type's templates,
// as NetBox does.
func (s *Server) instantiate(device int, d obj) {
	tpl := s.res["dcim/interface-templates"]
	ifs := s.res["dcim/interfaces"]
	for _, tid := range tpl.order {
		t := tpl.objects[tid]
		if t["device_type"] != d["device_type"] {
			continue
		}
		id := ifs.next
		ifs.next++
		ifs.order = append(ifs.order, id)
		ifs.objects[id] = obj{"id": id, "device": device, "name": t["name"], "type": t["type"], "enabled": t["enabled"],
			"mgmt_only": t["mgmt_only"], "mark_connected": false, "tags": []int{}, "description": "",
			"created": "2025-06-01T12:00:00.000000Z", "last_updated": "2025-06-01T12:00:00.000000Z"}
		s.indexUnique(ifs, ifs.objects[id], id)
	}
}

// delete deletes an object with what NetBox deletes with it, or refuses
// when another object protects it.
func (s *Server) delete(res *resource, id int) error {
	doomed := map[string]map[int]bool{}
	var mark func(r *resource, id int)
	mark = func(r *resource, id int) {
		if doomed[r.endpoint] == nil {
			doomed[r.endpoint] = map[int]bool{}
		}
		if doomed[r.endpoint][id] {
			return
		}
		doomed[r.endpoint][id] = true
		for _, other := range s.res {
			for f, k := range other.fks {
				if k.target != r.endpoint || k.onDelete != cascade {
					continue
				}
				for oid, o := range other.objects {
					if o[f] == id {
						mark(other, oid)
					}
				}
			}
		}
		if r.endpoint == "dcim/interfaces" {
			// IP addresses go with their interface (a generic relation),
			// and so does the cable plugged into it.
			for oid, o := range s.res["ipam/ip-addresses"].objects {
				if o["assigned_object_type"] == "dcim.interface" && o["assigned_object_id"] == id {
					mark(s.res["ipam/ip-addresses"], oid)
				}
			}
			if c, _ := s.cableOf(id); c != 0 {
				mark(s.res["dcim/cables"], c)
			}
		}
	}
	mark(res, id)
	var blockers []string
	for _, other := range s.res {
		for f, k := range other.fks {
			if k.onDelete != protect {
				continue
			}
			for oid, o := range other.objects {
				if doomed[other.endpoint][oid] {
					continue
				}
				if rid, ok := o[f].(int); ok && doomed[k.target][rid] {
					blockers = append(blockers, fmt.Sprintf("%s #%d", other.objType, oid))
				}
			}
		}
		for oid, o := range other.objects {
			if doomed[other.endpoint][oid] {
				continue
			}
			if st := o["scope_type"]; st != nil {
				target := map[any]string{"dcim.site": "dcim/sites", "dcim.location": "dcim/locations"}[st]
				if doomed[target][asInt(o["scope_id"])] {
					blockers = append(blockers, fmt.Sprintf("%s #%d", other.objType, oid))
				}
			}
		}
	}
	if len(blockers) > 0 {
		sort.Strings(blockers)
		return &conflictError{fmt.Sprintf("Unable to delete object. %d dependent objects were found: %s", len(blockers), strings.Join(blockers, ", "))}
	}
	for _, other := range s.res {
		for oid, o := range other.objects {
			if doomed[other.endpoint][oid] {
				continue
			}
			for f, k := range other.fks {
				if k.onDelete == setNull {
					if rid, ok := o[f].(int); ok && doomed[k.target][rid] {
						o[f] = nil
					}
				}
			}
			for f, target := range other.lists {
				if ids, ok := o[f].([]int); ok {
					keep := []int{}
					for _, x := range ids {
						if !doomed[target][x] {
							keep = append(keep, x)
						}
					}
					o[f] = keep
				}
			}
			if other.taggable && doomed["extras/tags"] != nil {
				keep := []int{}
				for _, x := range asInts(o["tags"]) {
					if !doomed["extras/tags"][x] {
						keep = append(keep, x)
					}
				}
				o["tags"] = keep
			}
		}
	}
	s.cables = nil
	for endpoint, ids := range doomed {
		r := s.res[endpoint]
		r.uniq = nil
		for id := range ids {
			delete(r.objects, id)
		}
		keep := r.order[:0]
		for _, id := range r.order {
			if !ids[id] {
				keep = append(keep, id)
			}
		}
		r.order = keep
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
