package netbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
)

// RecordsFormat names the layout of records.json.
const RecordsFormat = "avnet-netbox-records/1"

// Records is records.json: every object avnet would create in an empty
// NetBox, in dependency order, each body in the shape of the NetBox 4.x
// API's create request. References are written as the local id of an
// earlier record (the id NetBox gives it replaces it on import); Refs says
// which record each one names.
type Records struct {
	Format  string   `json:"format"`
	NetBox  string   `json:"netbox"`
	Site    string   `json:"site"`
	Tag     string   `json:"tag"`
	Records []Record `json:"records"`
}

// Record is one API call: a create (POST endpoint), or, when Update is
// set, a partial update (PATCH endpoint/<id>) of an earlier record that
// needed later objects (a device's primary IP).
type Record struct {
	ID       int               `json:"id"`
	Endpoint string            `json:"endpoint"`
	Key      string            `json:"key"`
	Update   int               `json:"update,omitempty"`
	Body     map[string]any    `json:"body"`
	Refs     map[string]string `json:"refs,omitempty"`
}

// NetBoxVersion is the NetBox API version avnet writes for.
const NetBoxVersion = "4.3"

// BuildRecords turns a state into records.json's records.
func BuildRecords(s *State) (*Records, error) {
	out := &Records{Format: RecordsFormat, NetBox: NetBoxVersion, Site: s.Site, Tag: Tag}
	ids := map[string]int{}
	resolve := func(r Ref) (int, bool) {
		id, ok := ids[indexKey(r.Kind, r.Key)]
		return id, ok
	}
	add := func(o *Object, body map[string]any, update int) error {
		rb, err := renderBody(body, resolve)
		if err != nil {
			return fmt.Errorf("%s %s: %w", o.Kind.Type, o.Key, err)
		}
		id := len(out.Records) + 1
		out.Records = append(out.Records, Record{ID: id, Endpoint: o.Kind.Endpoint, Key: o.Key, Update: update, Body: rb, Refs: refNames(body)})
		if update == 0 {
			ids[indexKey(o.Kind, o.Key)] = id
		}
		return nil
	}
	for _, o := range s.Objects {
		if err := add(o, o.Body, 0); err != nil {
			return nil, err
		}
	}
	for _, o := range s.Objects {
		if len(o.Late) > 0 {
			if err := add(o, o.Late, ids[indexKey(o.Kind, o.Key)]); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// JSON returns records.json, indented, with a final newline.
func (r *Records) JSON() []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(r)
	return buf.Bytes()
}

// renderBody writes a body in the API's shape, with references resolved
// to ids; an unresolved reference is an error.
func renderBody(body map[string]any, resolve func(Ref) (int, bool)) (map[string]any, error) {
	out := make(map[string]any, len(body))
	for k, v := range body {
		rv, err := renderValue(v, resolve)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", k, err)
		}
		out[k] = rv
	}
	return out, nil
}

func renderValue(v any, resolve func(Ref) (int, bool)) (any, error) {
	switch x := v.(type) {
	case Ref:
		id, ok := resolve(x)
		if !ok {
			return nil, fmt.Errorf("%s does not exist", x)
		}
		return id, nil
	case Refs:
		ids := make([]any, 0, len(x))
		for _, r := range x {
			id, ok := resolve(r)
			if !ok {
				return nil, fmt.Errorf("%s does not exist", r)
			}
			ids = append(ids, id)
		}
		return ids, nil
	case Terms:
		ts := make([]any, 0, len(x))
		for _, r := range x {
			id, ok := resolve(r)
			if !ok {
				return nil, fmt.Errorf("%s does not exist", r)
			}
			ts = append(ts, map[string]any{"object_type": r.Kind.Type, "object_id": id})
		}
		return ts, nil
	case Tags:
		ts := make([]any, 0, len(x))
		for _, s := range x {
			ts = append(ts, map[string]any{"name": s, "slug": s})
		}
		return ts, nil
	case Slugs:
		ss := make([]any, 0, len(x))
		for _, s := range x {
			ss = append(ss, s)
		}
		return ss, nil
	}
	return v, nil
}

// refNames says, for each reference field of a body, which record it names.
func refNames(body map[string]any) map[string]string {
	out := map[string]string{}
	for k, v := range body {
		switch x := v.(type) {
		case Ref:
			out[k] = x.Kind.Endpoint + " " + x.Key
		case Refs:
			for i, r := range x {
				out[fmt.Sprintf("%s[%d]", k, i)] = r.Kind.Endpoint + " " + r.Key
			}
		case Terms:
			for i, r := range x {
				out[fmt.Sprintf("%s[%d]", k, i)] = r.Kind.Endpoint + " " + r.Key
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// sortedFields returns a body's field names in order.
func sortedFields(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
