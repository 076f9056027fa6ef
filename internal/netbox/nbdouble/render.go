package nbdouble

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// render shows a stored object as the API does: the properties of its
// response schema, nested objects in their brief form.
func (s *Server) render(res *resource, id int) map[string]any {
	return s.project(res, id, s.spec.Doc.Components.Schemas[res.schema], 0)
}

// deref finds the object schema behind a property: a $ref, an allOf of
// one $ref (NetBox's way of making a reference nullable), a oneOf.
func deref(sr *openapi3.SchemaRef) *openapi3.Schema {
	if sr == nil || sr.Value == nil {
		return nil
	}
	v := sr.Value
	if len(v.Properties) == 0 {
		for _, l := range [][]*openapi3.SchemaRef{v.AllOf, v.OneOf, v.AnyOf} {
			for _, x := range l {
				if d := deref(x); d != nil && len(d.Properties) > 0 {
					return d
				}
			}
		}
	}
	return v
}

func isChoice(sch *openapi3.Schema) bool {
	if sch == nil || len(sch.Properties) != 2 {
		return false
	}
	_, v := sch.Properties["value"]
	_, l := sch.Properties["label"]
	return v && l
}

// choice writes NetBox's {value, label} for a stored choice.
func choice(sch *openapi3.Schema, v any) any {
	values := sch.Properties["value"].Value.Enum
	labels := sch.Properties["label"].Value.Enum
	label := fmt.Sprint(v)
	for i, x := range values {
		if fmt.Sprint(x) == fmt.Sprint(v) && i < len(labels) {
			label = fmt.Sprint(labels[i])
		}
	}
	return map[string]any{"value": v, "label": label}
}

func (s *Server) project(res *resource, id int, sr *openapi3.SchemaRef, depth int) map[string]any {
	if depth > 0 && s.memo != nil {
		k := memoKey{res.endpoint, id, sr}
		if m, ok := s.memo[k]; ok {
			return m
		}
		m := s.project1(res, id, sr, depth)
		s.memo[k] = m
		return m
	}
	return s.project1(res, id, sr, depth)
}

func (s *Server) project1(res *resource, id int, sr *openapi3.SchemaRef, depth int) map[string]any {
	o := res.objects[id]
	sch := deref(sr)
	out := map[string]any{}
	if o == nil || sch == nil {
		return out
	}
	for name, prop := range sch.Properties {
		if v, ok := s.value(res, id, o, name, prop, depth); ok {
			out[name] = v
		}
	}
	s.fillRequired(out, sch)
	return out
}

func (s *Server) value(res *resource, id int, o obj, name string, prop *openapi3.SchemaRef, depth int) (any, bool) {
	psch := deref(prop)
	switch name {
	case "id":
		return id, true
	case "url":
		return fmt.Sprintf("%s/api/%s/%d/", s.URL, res.endpoint, id), true
	case "display_url":
		return fmt.Sprintf("%s/%s/%d/", s.URL, strings.TrimSuffix(res.endpoint, "s"), id), true
	case "display":
		return res.display(s, o), true
	}
	if depth > 3 {
		return nil, false
	}
	if fk := res.fks[name]; fk.target != "" {
		rid, ok := o[name].(int)
		if !ok {
			return nil, true
		}
		return s.project(s.res[fk.target], rid, prop, depth+1), true
	}
	if target := res.lists[name]; target != "" {
		var items *openapi3.SchemaRef
		if psch != nil {
			items = psch.Items
		}
		out := []any{}
		for _, rid := range asInts(o[name]) {
			out = append(out, s.project(s.res[target], rid, items, depth+1))
		}
		return out, true
	}
	switch {
	case name == "tags" && res.taggable:
		out := []any{}
		for _, rid := range asInts(o["tags"]) {
			out = append(out, s.project(s.res["extras/tags"], rid, psch.Items, depth+1))
		}
		return out, true
	case name == "custom_fields":
		// Unset custom fields are null in real NetBox, which the document
		// does not allow (quirks.go): the double leaves them out.
		out := map[string]any{}
		if m, ok := o["custom_fields"].(map[string]any); ok {
			for k, v := range m {
				if v != nil {
					out[k] = v
				}
			}
		}
		return out, true
	}
	if v, ok := s.computed(res, id, o, name, prop, depth); ok {
		return v, true
	}
	v, ok := o[name]
	if !ok {
		return nil, false
	}
	if isChoice(psch) {
		if v == nil || v == "" {
			return nil, false // the document has no blank choice: see quirks.go
		}
		return choice(psch, v), true
	}
	return v, true
}

// computed are the read-only fields NetBox derives.
func (s *Server) computed(res *resource, id int, o obj, name string, prop *openapi3.SchemaRef, depth int) (any, bool) {
	schemas := s.spec.Doc.Components.Schemas
	ifs := s.res["dcim/interfaces"]
	switch res.endpoint + "." + name {
	case "dcim/interfaces.cable":
		if c, _ := s.cableOf(id); c != 0 {
			return s.project(s.res["dcim/cables"], c, prop, depth+1), true
		}
		return nil, true
	case "dcim/interfaces.link_peers":
		if c, peer := s.cableOf(id); c != 0 && peer != 0 {
			return []any{s.project(ifs, peer, schemas["BriefInterface"], depth+1)}, true
		}
		return []any{}, true
	case "dcim/interfaces.link_peers_type":
		if c, _ := s.cableOf(id); c != 0 {
			return "dcim.interface", true
		}
		return nil, true
	case "dcim/interfaces._occupied":
		c, _ := s.cableOf(id)
		return c != 0, true
	case "dcim/interfaces.count_ipaddresses":
		n := 0
		for _, a := range s.res["ipam/ip-addresses"].objects {
			if a["assigned_object_type"] == "dcim.interface" && a["assigned_object_id"] == id {
				n++
			}
		}
		return n, true
	case "ipam/ip-addresses.assigned_object":
		if o["assigned_object_type"] == "dcim.interface" {
			return s.project(ifs, asInt(o["assigned_object_id"]), schemas["BriefInterface"], depth+1), true
		}
		return nil, true
	case "ipam/ip-addresses.family", "ipam/prefixes.family":
		return map[string]any{"value": 4, "label": "IPv4"}, true
	case "ipam/prefixes.scope", "ipam/vlan-groups.scope":
		switch o["scope_type"] {
		case "dcim.site":
			return s.project(s.res["dcim/sites"], asInt(o["scope_id"]), schemas["BriefSite"], depth+1), true
		case "dcim.location":
			return s.project(s.res["dcim/locations"], asInt(o["scope_id"]), schemas["BriefLocation"], depth+1), true
		}
		return nil, true
	case "ipam/vlan-groups.vid_ranges":
		// The document's shape: a list of IntegerRange, each a list of
		// [low, high] pairs. Real NetBox sends the pairs (quirks.go).
		if r, ok := o["vid_ranges"].([]any); ok {
			return []any{r}, true
		}
		return []any{}, true
	case "ipam/vlan-groups.utilization":
		return "0.00", true
	case "dcim/cables.a_terminations", "dcim/cables.b_terminations":
		side := name[:1]
		out := []any{}
		for _, t := range terminations(o) {
			if t.side == side {
				out = append(out, map[string]any{"object_type": "dcim.interface", "object_id": t.id,
					"object": s.project(ifs, t.id, schemas["BriefInterface"], depth+1)})
			}
		}
		return out, true
	case "dcim/devices.primary_ip":
		if ip, ok := o["primary_ip4"].(int); ok {
			return s.project(s.res["ipam/ip-addresses"], ip, prop, depth+1), true
		}
		return nil, true
	case "dcim/devices.interface_count":
		return len(s.interfacesOf(id)), true
	case "dcim/device-types.interface_template_count":
		n := 0
		for _, t := range s.res["dcim/interface-templates"].objects {
			if t["device_type"] == id {
				n++
			}
		}
		return n, true
	case "dcim/device-types.device_count", "dcim/device-roles.device_count", "dcim/platforms.device_count":
		n := 0
		field := map[string]string{"dcim/device-types": "device_type", "dcim/device-roles": "role", "dcim/platforms": "platform"}[res.endpoint]
		for _, d := range s.res["dcim/devices"].objects {
			if d[field] == id {
				n++
			}
		}
		return n, true
	case "extras/config-contexts.data_path":
		return "", true
	case "extras/custom-fields.data_type":
		return "object", true
	}
	return nil, false
}

// fillRequired gives every required property missing from out a value
// that fits its schema (a count of 0, an empty list, null when nullable).
func (s *Server) fillRequired(out map[string]any, sch *openapi3.Schema) {
	for _, name := range sch.Required {
		if _, ok := out[name]; ok {
			continue
		}
		out[name] = s.zero(sch.Properties[name], 0)
	}
}

func (s *Server) zero(sr *openapi3.SchemaRef, depth int) any {
	if sr == nil || sr.Value == nil {
		return nil
	}
	v := sr.Value
	if v.Nullable {
		return nil
	}
	d := deref(sr)
	if d != v && d != nil {
		v = d
		if v.Nullable {
			return nil
		}
	}
	if len(v.Enum) > 0 {
		return v.Enum[0]
	}
	switch {
	case v.Type.Is("object") || len(v.Properties) > 0:
		m := map[string]any{}
		if isChoice(v) {
			return map[string]any{"value": s.zero(v.Properties["value"], depth+1), "label": s.zero(v.Properties["label"], depth+1)}
		}
		if depth < 4 {
			for _, r := range v.Required {
				m[r] = s.zero(v.Properties[r], depth+1)
			}
		}
		return m
	case v.Type.Is("array"):
		return []any{}
	case v.Type.Is("string"):
		switch v.Format {
		case "date-time":
			return "2025-06-01T12:00:00.000000Z"
		case "date":
			return "2025-06-01"
		case "uri":
			return s.URL + "/"
		}
		return ""
	case v.Type.Is("integer"), v.Type.Is("number"):
		if v.Min != nil && *v.Min > 0 {
			return *v.Min
		}
		return 0
	case v.Type.Is("boolean"):
		return false
	}
	return nil
}
