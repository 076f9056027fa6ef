package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/scaffold"
)

// starter writes a fresh `avnet init` design and returns its directory.
func starter(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "studio")
	if _, err := scaffold.Write(dir, scaffold.Options{}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// fileGen writes one file per device, so tests see real per-device output.
var fileGen = &gen.Generator{Name: "fake", PerDevice: true, Generate: func(ctx context.Context, f *model.Facility, _ *analysis.Facts, s gen.Sink) error {
	for _, d := range model.SortedKeys(f.Devices) {
		if !gen.EnvFrom(ctx).WantDevice(d) {
			continue
		}
		if err := s.Write("fake/"+d+".txt", []byte("device "+d+" model "+f.Devices[d].Model+"\n")); err != nil {
			return err
		}
	}
	return nil
}}

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestBuildIsDeterministic(t *testing.T) {
	design := starter(t)
	outA, outB := t.TempDir(), t.TempDir()
	for _, out := range []string{outA, outB} {
		if _, err := Build(context.Background(), design, Options{Out: out, Generators: []*gen.Generator{fileGen}}); err != nil {
			t.Fatal(err)
		}
	}
	a, b := readTree(t, filepath.Join(outA, "studio")), readTree(t, filepath.Join(outB, "studio"))
	if diff := cmp.Diff(a, b); diff != "" {
		t.Fatalf("two builds differ:\n%s", diff)
	}
	m, err := ReadManifest(filepath.Join(outA, "studio"))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Files) != 5 || m.Files[0].Generator != "fake" || m.Files[0].SHA256 == "" {
		t.Errorf("manifest = %+v, want 5 files by generator fake with their SHA-256", m.Files)
	}
}

// A generator failing half way leaves the previous tree exactly as it was
// and no temporary directory behind.
func TestFailedBuildKeepsPreviousOutput(t *testing.T) {
	design := starter(t)
	out := t.TempDir()
	if _, err := Build(context.Background(), design, Options{Out: out, Generators: []*gen.Generator{fileGen}}); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, out)
	boom := errors.New("disk on fire")
	failing := &gen.Generator{Name: "failing", Generate: func(ctx context.Context, f *model.Facility, _ *analysis.Facts, s gen.Sink) error {
		if err := s.Write("half/written.txt", []byte("partial")); err != nil {
			return err
		}
		return boom
	}}
	_, err := Build(context.Background(), design, Options{Out: out, Generators: []*gen.Generator{fileGen, failing}})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the generator's error", err)
	}
	if diff := cmp.Diff(before, readTree(t, out)); diff != "" {
		t.Fatalf("failed build changed the output tree:\n%s", diff)
	}
}

// A design with errors is refused and nothing is written.
func TestBuildRefusesDesignWithErrors(t *testing.T) {
	design := starter(t)
	if err := os.WriteFile(filepath.Join(design, "broken.cue"), []byte("package studio\nflows: \"x\": {sender: \"nobody\", essence: \"st2110-30\", audio: channels: 2, group: \"239.1.1.1\", class: \"audio\", receivers: []}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	res, err := Build(context.Background(), design, Options{Out: out, Generators: []*gen.Generator{fileGen}})
	if !errors.Is(err, ErrDesignHasErrors) || res == nil || !res.Vet.HasErrors() {
		t.Fatalf("err = %v, want ErrDesignHasErrors with the findings", err)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Fatalf("refused build wrote %d entries", len(entries))
	}
}

// A partial build (--device) updates only that device's files and keeps the rest.
func TestPartialBuildKeepsOtherArtifacts(t *testing.T) {
	design := starter(t)
	out := t.TempDir()
	if _, err := Build(context.Background(), design, Options{Out: out, Generators: []*gen.Generator{fileGen}}); err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), design, Options{Out: out, Devices: []string{"cam-1"}, Generators: []*gen.Generator{fileGen}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != 1 || len(res.Manifest.Files) != 5 {
		t.Errorf("partial build wrote %d files, manifest lists %d; want 1 and 5", res.Written, len(res.Manifest.Files))
	}
	if _, err := Build(context.Background(), design, Options{Out: out, Devices: []string{"cam-9"}, Generators: []*gen.Generator{fileGen}}); err == nil {
		t.Error("--device with an unknown device succeeded")
	}
}

// `avnet lab test` results live in the output tree; a rebuild keeps them
// (and leaves them out of the manifest, since the build did not make them).
func TestRebuildKeepsLabResults(t *testing.T) {
	design := starter(t)
	out := t.TempDir()
	if _, err := Build(context.Background(), design, Options{Out: out, Generators: []*gen.Generator{fileGen}}); err != nil {
		t.Fatal(err)
	}
	results := filepath.Join(out, "studio", LabDir, "results.json")
	if err := os.MkdirAll(filepath.Dir(results), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(results, []byte(`{"passed": true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), design, Options{Out: out, Generators: []*gen.Generator{fileGen}})
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(results); err != nil || string(b) != `{"passed": true}` {
		t.Fatalf("lab results after a rebuild: %q, %v", b, err)
	}
	for _, f := range res.Manifest.Files {
		if filepath.Dir(f.Path) == LabDir {
			t.Errorf("manifest lists lab result %s", f.Path)
		}
	}
}
