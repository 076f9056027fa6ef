package netbox

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// FieldChange is one field that apply changes on an existing object.
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// resolver gives the NetBox id of a referenced object, and the natural
// key of an existing object from its id (for readable diffs).
type resolver interface {
	id(r Ref) (int, bool)
}

// diffBody compares the fields avnet sets with an existing object and
// returns the fields that differ and the body of the PATCH that fixes them.
func diffBody(body map[string]any, e Obj, res resolver) ([]FieldChange, map[string]any) {
	var changes []FieldChange
	patch := map[string]any{}
	for _, f := range sortedFields(body) {
		want := body[f]
		have, present := e[f]
		switch w := want.(type) {
		case Tags:
			missing := false
			haveSlugs := tagSlugs(have)
			for _, s := range w {
				if !haveSlugs[s] {
					missing = true
				}
			}
			if missing {
				union := Tags{}
				seen := map[string]bool{}
				for _, s := range append(sortedKeys(haveSlugs), w...) {
					if !seen[s] {
						seen[s] = true
						union = append(union, s)
					}
				}
				patch[f] = union
				changes = append(changes, FieldChange{f, strings.Join(sortedKeys(haveSlugs), ", "), strings.Join(union, ", ")})
			}
			continue
		case map[string]any:
			if f == "custom_fields" {
				hm, _ := have.(map[string]any)
				sub := map[string]any{}
				for _, k := range sortedFields(w) {
					if !jsonEqual(w[k], hm[k]) {
						sub[k] = w[k]
						changes = append(changes, FieldChange{f + "." + k, short(hm[k]), short(w[k])})
					}
				}
				if len(sub) > 0 {
					patch[f] = sub
				}
				continue
			}
		}
		if !present && want == nil {
			continue
		}
		if equalField(want, have, res) {
			continue
		}
		patch[f] = want
		changes = append(changes, FieldChange{f, showHave(have), showWant(want, res)})
	}
	return changes, patch
}

// equalField compares a wanted value with what NetBox returned.
func equalField(want, have any, res resolver) bool {
	switch w := want.(type) {
	case nil:
		return isEmpty(have)
	case Ref:
		id, ok := res.id(w)
		return ok && refID(have) == id
	case Refs:
		var ids []int
		for _, r := range w {
			id, ok := res.id(r)
			if !ok {
				return false
			}
			ids = append(ids, id)
		}
		return sameInts(ids, refIDs(have))
	case Terms:
		var want []string
		for _, r := range w {
			id, ok := res.id(r)
			if !ok {
				return false
			}
			want = append(want, fmt.Sprintf("%s:%d", r.Kind.Type, id))
		}
		var got []string
		hl, _ := have.([]any)
		for _, t := range hl {
			m, _ := t.(map[string]any)
			got = append(got, fmt.Sprintf("%v:%d", m["object_type"], refID(m["object_id"])))
		}
		return sameStrings(want, got)
	case Slugs:
		var got []string
		hl, _ := have.([]any)
		for _, t := range hl {
			switch x := t.(type) {
			case string:
				got = append(got, x)
			case map[string]any:
				got = append(got, fmt.Sprint(x["slug"]))
			}
		}
		return sameStrings(w, got)
	case string:
		h := choiceValue(have)
		if h == nil {
			return w == ""
		}
		hs, ok := h.(string)
		if !ok {
			return false
		}
		if isColor(w) {
			return strings.EqualFold(w, hs)
		}
		return w == hs
	case bool:
		hb, ok := have.(bool)
		return ok && hb == w
	case int, float64:
		hf, ok := number(choiceValue(have))
		wf, _ := number(w)
		return ok && math.Abs(hf-wf) < 1e-9
	}
	if wl, ok := want.([]any); ok && allStrings(wl) {
		hl, _ := have.([]any)
		return allStrings(hl) && sameStrings(toStrings(wl), toStrings(hl))
	}
	return jsonEqual(want, have)
}

// choiceValue unwraps NetBox's {value, label} choice fields.
func choiceValue(v any) any {
	if m, ok := v.(map[string]any); ok {
		if val, ok := m["value"]; ok {
			return val
		}
	}
	return v
}

func isEmpty(v any) bool {
	switch x := choiceValue(v).(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

func isColor(s string) bool {
	if len(s) != 6 {
		return false
	}
	_, err := strconv.ParseUint(s, 16, 32)
	return err == nil
}

// refID reads an id from a nested object ({"id": 3, …}) or a plain number.
func refID(v any) int {
	switch x := v.(type) {
	case map[string]any:
		return refID(x["id"])
	case float64:
		return int(x)
	case int:
		return x
	case json.Number:
		n, _ := x.Int64()
		return int(n)
	}
	return 0
}

func refIDs(v any) []int {
	l, _ := v.([]any)
	out := make([]int, 0, len(l))
	for _, x := range l {
		out = append(out, refID(x))
	}
	return out
}

func tagSlugs(v any) map[string]bool {
	out := map[string]bool{}
	l, _ := v.([]any)
	for _, t := range l {
		switch x := t.(type) {
		case map[string]any:
			if s, ok := x["slug"].(string); ok {
				out[s] = true
			}
		case string:
			out[x] = true
		}
	}
	return out
}

func hasTag(o Obj, slug string) bool { return tagSlugs(o["tags"])[slug] }

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int32:
		return float64(x), true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case string:
		f, err := strconv.ParseFloat(x, 64)
		return f, err == nil
	}
	return 0, false
}

func sameInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	a, b = append([]int(nil), a...), append([]int(nil), b...)
	sort.Ints(a)
	sort.Ints(b)
	return reflect.DeepEqual(a, b)
}

func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	a, b = append([]string(nil), a...), append([]string(nil), b...)
	sort.Strings(a)
	sort.Strings(b)
	return reflect.DeepEqual(a, b)
}

func allStrings(l []any) bool {
	for _, x := range l {
		if _, ok := x.(string); !ok {
			return false
		}
	}
	return true
}

func toStrings(l []any) []string {
	out := make([]string, len(l))
	for i, x := range l {
		out[i], _ = x.(string)
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// jsonEqual compares two JSON values after a round trip through
// encoding/json, so that 3 and 3.0 or two key orders are equal.
func jsonEqual(a, b any) bool {
	return reflect.DeepEqual(normJSON(a), normJSON(b))
}

func normJSON(v any) any {
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

// short shows a JSON value on one line, cut when long.
func short(v any) string {
	if v == nil {
		return "null"
	}
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	b, _ := json.Marshal(v)
	s := string(b)
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}

func showHave(v any) string {
	switch x := v.(type) {
	case map[string]any:
		if val, ok := x["value"]; ok {
			return short(val)
		}
		for _, k := range []string{"display", "name", "slug", "address", "prefix"} {
			if s, ok := x[k].(string); ok {
				return s
			}
		}
	case []any:
		var parts []string
		for _, e := range x {
			parts = append(parts, showHave(e))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return short(v)
}

func showWant(v any, res resolver) string {
	switch x := v.(type) {
	case Ref:
		return x.Key
	case Refs:
		var parts []string
		for _, r := range x {
			parts = append(parts, r.Key)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case Terms:
		var parts []string
		for _, r := range x {
			parts = append(parts, r.Key)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case Tags:
		return strings.Join(x, ", ")
	case Slugs:
		return "[" + strings.Join(x, ", ") + "]"
	}
	return short(v)
}
