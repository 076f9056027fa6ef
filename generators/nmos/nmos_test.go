package nmos_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/avnet/avnet/generators/gentest"
	"github.com/avnet/avnet/generators/nmos"
	"github.com/avnet/avnet/internal/schemacheck"
)

const archives = "../sdp/testdata/designs"

// schemas returns ../shared/nmos, or skips when the copy is absent.
func schemas(t *testing.T) string {
	t.Helper()
	dir := schemacheck.NMOSDir()
	if dir == "" {
		t.Skip("the AMWA NMOS schemas are not in ../shared/nmos beside the project (set AVNET_NMOS_SCHEMAS): NMOS validation skipped")
	}
	return dir
}

// Every resource of every design validates against AMWA IS-04 v1.3.2
// (as a Registration API request) and every staged request against
// IS-05 v1.1.2; senders name flows that exist, flows sources.
func TestSchemas(t *testing.T) {
	dir := schemas(t)
	post := filepath.Join(dir, "is-04", "APIs", "schemas", "registrationapi-resource-post-request.json")
	stage := filepath.Join(dir, "is-05", "APIs", "schemas", "receiver-stage-schema.json")
	set := schemacheck.NewSet()
	total := 0
	for _, d := range gentest.Designs(t, archives) {
		t.Run(d.Name, func(t *testing.T) {
			f, facts := d.Loaded(t)
			files := gentest.Generate(t, nmos.Generator, f, facts, nil)
			var reqs []map[string]any
			if b := files[nmos.IS04File]; b != nil {
				if err := json.Unmarshal(b, &reqs); err != nil {
					t.Fatal(err)
				}
			}
			ids := map[string]string{}
			for i, r := range reqs {
				b, _ := json.Marshal(r)
				if err := set.ValidateJSON(post, b); err != nil {
					t.Errorf("%s request %d (%s): %v", nmos.IS04File, i, r["type"], err)
				}
				data := r["data"].(map[string]any)
				ids[data["id"].(string)] = r["type"].(string)
				total++
				for field, want := range map[string]string{"flow_id": "flow", "source_id": "source", "device_id": "device", "node_id": "node"} {
					if ref, ok := data[field].(string); ok && ids[ref] != want {
						t.Errorf("%s %s: %s %s is not a %s registered before it", r["type"], data["label"], field, ref, want)
					}
				}
			}
			for name, b := range files {
				if !strings.HasPrefix(name, nmos.IS05Dir) {
					continue
				}
				if err := set.ValidateJSON(stage, b); err != nil {
					t.Errorf("%s: %v", name, err)
				}
				var s map[string]any
				_ = json.Unmarshal(b, &s)
				if ids[s["sender_id"].(string)] != "sender" {
					t.Errorf("%s: sender_id %v is no sender", name, s["sender_id"])
				}
				total++
			}
		})
	}
	if total == 0 {
		t.Fatal("no resource was generated")
	}
	// The schemas can fail.
	if err := set.ValidateJSON(post, []byte(`{"type":"sender","data":{"id":"x"}}`)); err == nil {
		t.Error("IS-04's schema accepted a sender with no fields: the check proves nothing")
	}
}

// The flagship: one sender per flow with both ST 2022-7 legs bound, and
// every leg of a redundant flow staged with its group.
func TestFlagship(t *testing.T) {
	f, facts, skip := gentest.Vetted(t, filepath.Join("..", "..", "designs", "chaine-tv-ip"))
	if skip != "" {
		t.Skip(skip)
	}
	r, err := nmos.Build(f, facts)
	if err != nil {
		t.Fatal(err)
	}
	senders, receivers := 0, 0
	for _, q := range r.Requests {
		switch q.Type {
		case "sender":
			senders++
		case "receiver":
			receivers++
		}
	}
	if senders == 0 || receivers != len(r.Staged) {
		t.Fatalf("%d senders, %d receivers, %d staged requests", senders, receivers, len(r.Staged))
	}
	redundant := 0
	for _, s := range r.Staged {
		params := s.Body["transport_params"].([]any)
		sdpText := s.Body["transport_file"].(map[string]any)["data"].(string)
		if len(params) == 2 {
			redundant++
			for _, p := range params {
				g, _ := p.(map[string]any)["multicast_ip"].(string)
				if g == "" || !strings.Contains(sdpText, g) {
					t.Errorf("%s: leg group %q is not in its SDP", s.File, g)
				}
			}
		}
	}
	if redundant == 0 {
		t.Error("no ST 2022-7 receiver staged with both legs")
	}
}

func TestGolden(t *testing.T) {
	f, facts, skip := gentest.Vetted(t, filepath.Join("..", "..", "designs", "lab-minimal"))
	if skip != "" {
		t.Skip(skip)
	}
	gentest.Golden(t, "lab-minimal", gentest.Generate(t, nmos.Generator, f, facts, nil))
}

func TestDeterministic(t *testing.T) { gentest.Deterministic(t, archives, nmos.Generator) }

// IDs are UUIDv5 of the names: stable, and distinct per design.
func TestID(t *testing.T) {
	a, b := nmos.ID("d", "sender", "cam-1/video"), nmos.ID("d", "sender", "cam-1/video")
	if a != b || a[14] != '5' || a == nmos.ID("e", "sender", "cam-1/video") {
		t.Errorf("ID not a stable per-design UUIDv5: %s %s", a, b)
	}
}
