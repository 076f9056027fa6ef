package nbdouble

// Known differences between go-netbox's OpenAPI document (NetBox 4.3.0)
// and what a real NetBox 4.3 sends. The double checks its answers against
// the document, then, with Options.RealShapes, rewrites them to the real
// shape, so that the sync is tested against both. The fixtures in
// ../testdata/real/ are answers of the real shape.
//
//  1. VLAN groups, vid_ranges: the document types it as a list of
//     IntegerRange, each itself a list of [low, high] pairs, three levels
//     ([[[1, 4094]]]); NetBox's IntegerRangeSerializer sends one level of
//     pairs ([[1, 4094]]). go-netbox's VLANGroup.VidRanges ([][][]int32)
//     fails to decode the real answer (go-netbox issue #222).
//  2. Blank choice fields: NetBox's ChoiceField sends null for a blank
//     choice (an interface without 802.1Q mode, a cable without type or
//     length unit); the document types those fields as a {value, label}
//     object that is not nullable, and its enum of labels has no blank.
//  3. Custom fields: NetBox sends every custom field of the object's type,
//     null when unset; the document's custom_fields is an object whose
//     values ({}) are not nullable.
//  4. Config contexts, data_file: null when the context is not synced from
//     a data source; the document requires a BriefDataFile object.
//
// go-netbox's generated models also refuse a required string that is
// empty (a config context's data_path is "" in real answers): avnet reads
// answers as plain JSON and counts such answers (Client.Stats().Drift).
var blankChoices = map[string][]string{
	"dcim/interfaces": {"mode", "duplex", "poe_mode", "poe_type", "rf_role", "rf_channel"},
	"dcim/cables":     {"type", "length_unit"},
	"dcim/devices":    {"face", "airflow"},
}

// Quirks names the differences realShapes applies, for reports.
var Quirks = []string{
	"ipam/vlan-groups vid_ranges: [[low, high], …] instead of the document's [[[low, high], …]]",
	"blank choice fields (interface mode, duplex, PoE; cable type, length unit; device face, airflow) are null instead of absent",
	"custom_fields lists every custom field of the object type, null when unset",
	"extras/config-contexts data_file: null instead of a BriefDataFile object",
}

// realShapes rewrites a checked answer (one object or a page) to the
// shape real NetBox 4.3 sends.
func (s *Server) realShapes(res *resource, out any) any {
	endpoint := res.endpoint
	m, ok := out.(map[string]any)
	if !ok {
		return out
	}
	if results, ok := m["results"].([]any); ok {
		for _, r := range results {
			s.realShapes(res, r)
		}
		return m
	}
	if endpoint == "ipam/vlan-groups" {
		if l, ok := m["vid_ranges"].([]any); ok {
			flat := []any{}
			for _, r := range l {
				if pairs, ok := r.([]any); ok {
					flat = append(flat, pairs...)
				}
			}
			m["vid_ranges"] = flat
		}
	}
	if cf, ok := m["custom_fields"].(map[string]any); ok {
		for _, n := range s.customFieldNames(res.objType) {
			if _, ok := cf[n]; !ok {
				cf[n] = nil
			}
		}
	}
	if endpoint == "extras/config-contexts" {
		m["data_file"] = nil
	}
	for _, f := range blankChoices[endpoint] {
		if _, ok := m[f]; !ok {
			m[f] = nil
		}
	}
	return m
}
