package netbox_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/generators/netbox"
	nb "github.com/avnet/avnet/internal/netbox"
	"github.com/avnet/avnet/internal/netbox/nbdouble"
	"github.com/avnet/avnet/internal/vet"
)

var designs = []string{"chaine-tv-ip", "lab-minimal"}

func generate(t *testing.T, name string) []byte {
	t.Helper()
	out, err := vet.Design(filepath.Join("..", "..", "designs", name))
	if err != nil {
		t.Fatal(err)
	}
	if out.Facility == nil || out.HasErrors() {
		t.Fatalf("designs/%s does not vet", name)
	}
	sink := gen.NewMemSink()
	if err := netbox.Generator.Generate(context.Background(), out.Facility, out.Facts, sink.For("netbox")); err != nil {
		t.Fatal(err)
	}
	if len(sink.Files) != 1 || sink.Files[netbox.File] == nil {
		t.Fatalf("files %v, want %s alone", sink.Names(), netbox.File)
	}
	return sink.Files[netbox.File]
}

// TestDeterministic: the same design gives the same bytes.
func TestDeterministic(t *testing.T) {
	for _, name := range designs {
		if a, b := generate(t, name), generate(t, name); !bytes.Equal(a, b) {
			t.Errorf("%s: two runs differ", name)
		}
	}
}

// TestRecordsMatchOpenAPI validates every record against the request
// schema of its endpoint in NetBox's OpenAPI document (as shipped in
// go-netbox): creates against POST, the late updates against PATCH. Each
// reference names an earlier record of the right endpoint.
func TestRecordsMatchOpenAPI(t *testing.T) {
	spec, err := nbdouble.LoadSpec()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range designs {
		t.Run(name, func(t *testing.T) {
			var recs nb.Records
			if err := json.Unmarshal(generate(t, name), &recs); err != nil {
				t.Fatal(err)
			}
			if recs.Format != nb.RecordsFormat || recs.Tag != nb.Tag || len(recs.Records) == 0 {
				t.Fatalf("header %q %q, %d records", recs.Format, recs.Tag, len(recs.Records))
			}
			byID := map[int]nb.Record{}
			for i, r := range recs.Records {
				if r.ID != i+1 {
					t.Fatalf("record %d has id %d", i+1, r.ID)
				}
				byID[r.ID] = r
				path, method := "/api/"+r.Endpoint+"/", "POST"
				if r.Update != 0 {
					path, method = "/api/"+r.Endpoint+"/{id}/", "PATCH"
				}
				pi := spec.Doc.Paths.Value(path)
				if pi == nil || pi.GetOperation(method) == nil {
					t.Fatalf("%s %s is not in the OpenAPI document", method, path)
				}
				schema := pi.GetOperation(method).RequestBody.Value.Content.Get("application/json").Schema.Value
				var body any
				b, _ := json.Marshal(r.Body)
				_ = json.Unmarshal(b, &body)
				if err := schema.VisitJSON(body, openapi3.VisitAsRequest(), openapi3.MultiErrors()); err != nil {
					t.Errorf("record %d (%s %s): %v", r.ID, r.Endpoint, r.Key, firstLines(err))
				}
				for field, target := range r.Refs {
					ep, key, _ := strings.Cut(target, " ")
					val := lookup(r.Body, field)
					tr, ok := byID[int(toFloat(val))]
					if !ok || tr.Endpoint != ep || tr.Key != key || tr.ID >= r.ID {
						t.Errorf("record %d (%s %s): %s = %v does not name an earlier %s", r.ID, r.Endpoint, r.Key, field, val, target)
					}
				}
			}
		})
	}
}

// lookup reads "field" or "field[i]" (a list of ids or of terminations).
func lookup(body map[string]any, field string) any {
	name, idx, ok := strings.Cut(field, "[")
	v := body[name]
	if !ok {
		return v
	}
	var i int
	fmt.Sscanf(idx, "%d]", &i)
	l, _ := v.([]any)
	if i >= len(l) {
		return nil
	}
	if m, ok := l[i].(map[string]any); ok {
		return m["object_id"]
	}
	return l[i]
}

func toFloat(v any) float64 {
	f, _ := v.(float64)
	return f
}

func firstLines(err error) string {
	s := err.Error()
	lines := strings.Split(s, "\n")
	if len(lines) > 6 {
		lines = lines[:6]
	}
	return strings.Join(lines, "\n")
}
