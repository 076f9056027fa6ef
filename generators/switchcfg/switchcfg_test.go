package switchcfg_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/generators/switchcfg"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/vet"
)

// testPassword is the administrator password the tests put in the
// environment; it must never appear in an artifact.
const testPassword = "Tr0ub4dor&3-avnet-test"

// design is a design the tests build: a directory, or a txtar archive
// under testdata.
type design struct {
	name string
	dir  string // a design directory
	ar   string // or a txtar archive
}

func designs(t *testing.T) []design {
	t.Helper()
	var out []design
	for _, name := range []string{"chaine-tv-ip", "lab-minimal"} {
		dir := filepath.Join("..", "..", "designs", name)
		if files, _ := filepath.Glob(filepath.Join(dir, "*.cue")); len(files) > 0 {
			out = append(out, design{name: name, dir: dir})
		}
	}
	archives, _ := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	for _, a := range archives {
		out = append(out, design{name: strings.TrimSuffix(filepath.Base(a), ".txtar"), ar: a})
	}
	return out
}

func (d design) path(t *testing.T) string {
	t.Helper()
	if d.dir != "" {
		return d.dir
	}
	ar, err := txtar.ParseFile(d.ar)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), d.name)
	for _, f := range ar.Files {
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// build vets a design and runs the configs generator on it.
func build(t *testing.T, d design, getenv func(string) (string, bool)) (map[string][]byte, error) {
	t.Helper()
	out, err := vet.Design(d.path(t))
	if err != nil {
		t.Fatal(err)
	}
	if out.Facility == nil || out.HasErrors() {
		var b strings.Builder
		for _, dg := range out.Diagnostics {
			if dg.Severity == diag.Error {
				b.WriteString(dg.Pos.String() + ": " + dg.Message + "\n")
			}
		}
		t.Fatalf("design %s does not vet:\n%s", d.name, b.String())
	}
	sink := gen.NewMemSink()
	ctx := gen.WithEnv(context.Background(), &gen.Env{Lang: "fr", Version: "test", Getenv: getenv})
	err = switchcfg.Generator.Generate(ctx, out.Facility, out.Facts, sink.For("configs"))
	return sink.Files, err
}

func withPassword(name string) (string, bool) {
	if strings.HasSuffix(name, "PASSWORD") {
		return testPassword, true
	}
	return "", false
}

func mustBuild(t *testing.T, d design) map[string][]byte {
	t.Helper()
	files, err := build(t, d, withPassword)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("design %s: no configuration generated", d.name)
	}
	return files
}

// TestGolden compares every generated file with testdata/golden/<design>/;
// AVNET_UPDATE=1 rewrites the goldens, to be reviewed in the diff.
func TestGolden(t *testing.T) {
	for _, d := range designs(t) {
		t.Run(d.name, func(t *testing.T) {
			files := mustBuild(t, d)
			dir := filepath.Join("testdata", "golden", d.name)
			if os.Getenv("AVNET_UPDATE") != "" {
				os.RemoveAll(dir)
				for name, data := range files {
					p := filepath.Join(dir, filepath.FromSlash(name))
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(p, data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			var want []string
			filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
				if err == nil && !e.IsDir() {
					rel, _ := filepath.Rel(dir, p)
					want = append(want, filepath.ToSlash(rel))
				}
				return nil
			})
			var got []string
			for name := range files {
				got = append(got, name)
			}
			sort.Strings(want)
			sort.Strings(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("generated files differ from the goldens (-want +got); run with AVNET_UPDATE=1 and review:\n%s", diff)
			}
			for _, name := range got {
				w, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
				if diff := cmp.Diff(string(w), string(files[name])); diff != "" {
					t.Errorf("%s differs from its golden (-want +got):\n%s", name, diff)
				}
			}
		})
	}
}

// Two builds of the same design give the same bytes.
func TestDeterministic(t *testing.T) {
	for _, d := range designs(t) {
		a, b := mustBuild(t, d), mustBuild(t, d)
		for name := range a {
			if !bytes.Equal(a[name], b[name]) {
				t.Errorf("%s: %s differs between two builds", d.name, name)
			}
		}
	}
}

func requireRoot(t *testing.T, programs ...string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root")
	}
	for _, p := range programs {
		if _, err := exec.LookPath(p); err != nil {
			t.Skipf("%s is not installed", p)
		}
	}
}
