package serve

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/cue/load"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/vet"
)

// scaledDesign writes a design n times the size of the one in from: the
// design is evaluated once (comprehensions expanded) and its rooms,
// devices, cables, VLANs, flows and PTP domains are written n times, each
// copy with its names prefixed ("c2-cam-1"), its VLAN IDs moved by 1000,
// its private addresses and multicast groups moved to their own second
// octet and its public ones to their own /29. Facility-wide parts (the
// facility block, planes, QoS, device types, users, waivers) are written
// once. The output is deterministic: one file per copy, keys sorted.
func scaledDesign(t testing.TB, from string, n int) string {
	t.Helper()
	insts := load.Instances([]string{"."}, &load.Config{Dir: from})
	if insts[0].Err != nil {
		t.Fatal(insts[0].Err)
	}
	v := cuecontext.New().BuildInstance(insts[0])
	b, err := v.MarshalJSON()
	if err != nil {
		t.Fatalf("export %s: %v", from, err)
	}
	var design map[string]any
	if err := json.Unmarshal(b, &design); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), filepath.Base(from)+"-x"+strconv.Itoa(n))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, coll := range []string{"rooms", "vlans", "ptp", "devices", "links", "flows"} {
		for k := range asMap(design[coll]) {
			names[k] = true
		}
	}
	for k := 0; k < n; k++ {
		var out strings.Builder
		out.WriteString("package " + insts[0].PkgName + "\n\n")
		keys := make([]string, 0, len(design))
		for key := range design {
			keys = append(keys, key)
		}
		sort.Strings(keys)
		for _, key := range keys {
			val := design[key]
			switch key {
			case "rooms", "vlans", "ptp", "devices", "links", "flows":
				val = copyOf(key, val, k, names)
			default:
				if k > 0 {
					continue
				}
				if key == "facility" {
					// n copies cost n times the budget.
					if bud := asMap(asMap(val)["budget"]); bud != nil {
						if l, ok := bud["limit"].(float64); ok {
							bud["limit"] = l * float64(n)
						}
					}
				}
			}
			js, err := json.MarshalIndent(val, "", "\t")
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&out, "%q: %s\n", key, js)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("copy%d.cue", k+1)), []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// Fields whose string value names an entity of the copy.
var refFields = map[string]bool{"sender": true, "receivers": true, "a": true, "b": true, "vlan": true, "vlans": true, "room": true, "domain": true}

var ipRE = regexp.MustCompile(`^(\d+)\.(\d+)\.(\d+)\.(\d+)(/\d+)?$`)

func prefixOf(k int) string {
	if k == 0 {
		return ""
	}
	return fmt.Sprintf("c%d-", k+1)
}

// copyOf is collection coll of copy k: names prefixed, VLAN IDs moved.
func copyOf(coll string, v any, k int, names map[string]bool) any {
	out := map[string]any{}
	for name, e := range asMap(v) {
		ne := copyVal(e, k, names, "")
		if em := asMap(ne); coll == "vlans" && em != nil {
			if id, ok := em["id"].(float64); ok {
				em["id"] = id + float64(1000*k)
			}
		}
		out[prefixOf(k)+name] = ne
	}
	return out
}

// copyVal renames and renumbers one value of copy k; field is the name of
// the field that holds it.
func copyVal(v any, k int, names map[string]bool, field string) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		if field == "mgmt" && x["vlan"] == nil {
			x["vlan"] = "mgmt" // the schema's default names a VLAN each copy has
		}
		for key, val := range x {
			nk := key
			if field == "grandmasters" {
				nk = prefixOf(k) + key
			}
			out[nk] = copyVal(val, k, names, key)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = copyVal(e, k, names, field)
		}
		return out
	case string:
		if m := ipRE.FindStringSubmatch(x); m != nil {
			return renumber(m, k)
		}
		if refFields[field] {
			if names[x] {
				return prefixOf(k) + x
			}
			if dev, port, ok := strings.Cut(x, ":"); ok && names[dev] {
				return prefixOf(k) + dev + ":" + port
			}
		}
		return x
	}
	return v
}

// renumber moves an address of copy k: private and multicast ones by 10×k
// in the second octet, public ones by k /29 blocks.
func renumber(m []string, k int) string {
	o := [4]int{}
	for i := range o {
		o[i], _ = strconv.Atoi(m[i+1])
	}
	switch {
	case o[0] == 239 && o[1] == 255: // Dante's range: its third octet
		o[2] += k
	case o[0] == 10 || o[0] == 239:
		o[1] += 10 * k
	default:
		o[3] += 8 * k
	}
	return fmt.Sprintf("%d.%d.%d.%d%s", o[0], o[1], o[2], o[3], m[5])
}

// The scaled flagship vets clean and is four times the flagship.
func TestScaledDesign(t *testing.T) {
	dir := scaledDesign(t, flagship, 4)
	out, err := vet.Design(dir)
	if err != nil {
		t.Fatal(err)
	}
	if out.HasErrors() || out.Facility == nil {
		var b strings.Builder
		diag.PrintText(&b, out.Diagnostics, diag.TextOptions{})
		t.Fatalf("the scaled design has errors:\n%.6000s", b.String())
	}
	one, err := vet.Design(flagship)
	if err != nil {
		t.Fatal(err)
	}
	for what, n := range map[string][2]int{
		"devices": {len(one.Facility.Devices), len(out.Facility.Devices)},
		"flows":   {len(one.Facility.Flows), len(out.Facility.Flows)},
		"links":   {len(one.Facility.Links), len(out.Facility.Links)},
	} {
		if n[1] != 4*n[0] {
			t.Errorf("%s: %d, want 4 × %d", what, n[1], n[0])
		}
	}
}
