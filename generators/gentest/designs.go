// Package gentest holds what the media generators' tests share: the designs
// they run on (small archives, the `avnet init` starter, the shipped
// designs), golden-file comparison, and throwaway network namespaces for
// the real consumers (ffprobe, ptp4l). It is imported by tests only.
package gentest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/load"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules/ruletest"
	"github.com/avnet/avnet/internal/scaffold"
	"github.com/avnet/avnet/internal/vet"
)

// The designs every generator test runs on: the small archives in
// testdata/designs (the ptp and iptv generators' tests use them too, with a
// copy of this file), the starter design of `avnet init`, and the example
// designs shipped in designs/ once they vet without errors.

var flagships = []string{"chaine-tv-ip", "lab-minimal"}

// Design is one design the tests run on.
type Design struct {
	Name string
	// open loads the design afresh, or says why the tests must skip it.
	Open func(t *testing.T) (f *model.Facility, facts *analysis.Facts, skip string)
}

// load loads the design afresh, for tests that change the model.
func (d Design) Load(t *testing.T) (*model.Facility, *analysis.Facts) {
	t.Helper()
	f, facts, skip := d.Open(t)
	if skip != "" {
		t.Skip(skip)
	}
	return f, facts
}

// Designs lists the archives in dir, the `avnet init` starter and the shipped designs.
func Designs(t *testing.T, archives string) []Design {
	t.Helper()
	var out []Design
	files, _ := filepath.Glob(filepath.Join(archives, "*.txtar"))
	sort.Strings(files)
	for _, a := range files {
		out = append(out, Design{Name: strings.TrimSuffix(filepath.Base(a), ".txtar"), Open: func(t *testing.T) (*model.Facility, *analysis.Facts, string) {
			res, _ := ruletest.Load(t, a)
			return res.Facility, analysis.Analyze(res.Facility), ""
		}})
	}
	out = append(out, Design{Name: "init", Open: func(t *testing.T) (*model.Facility, *analysis.Facts, string) {
		dir := filepath.Join(t.TempDir(), "studio")
		if _, err := scaffold.Write(dir, scaffold.Options{Name: "Studio"}); err != nil {
			t.Fatal(err)
		}
		res, err := load.Dir(dir, load.Options{Cwd: dir})
		if err != nil {
			t.Fatal(err)
		}
		if res.Facility == nil {
			t.Fatalf("the avnet init design does not load: %v", res.Diagnostics)
		}
		return res.Facility, analysis.Analyze(res.Facility), ""
	}})
	for _, name := range flagships {
		dir := filepath.Join("..", "..", "designs", name)
		if cue, _ := filepath.Glob(filepath.Join(dir, "*.cue")); len(cue) == 0 {
			continue
		}
		out = append(out, Design{Name: name, Open: func(t *testing.T) (*model.Facility, *analysis.Facts, string) { return Vetted(t, dir) }})
	}
	return out
}

type loadedDesign struct {
	f     *model.Facility
	facts *analysis.Facts
	skip  string
}

var cache sync.Map // design name -> *loadedDesign

// loaded returns a load of d shared by the tests that do not change the model.
func (d Design) Loaded(t *testing.T) (*model.Facility, *analysis.Facts) {
	t.Helper()
	v, ok := cache.Load(d.Name)
	if !ok {
		l := &loadedDesign{}
		l.f, l.facts, l.skip = d.Open(t)
		v, _ = cache.LoadOrStore(d.Name, l)
	}
	l := v.(*loadedDesign)
	if l.skip != "" {
		t.Skip(l.skip)
	}
	return l.f, l.facts
}

// vetted loads a design directory the way `avnet build` does; while the
// design still has errors (it is being written) the tests skip it.
// Vetted loads and vets a design directory.
func Vetted(t *testing.T, dir string) (*model.Facility, *analysis.Facts, string) {
	t.Helper()
	out, err := vet.Design(dir)
	if err != nil {
		t.Fatal(err)
	}
	if out.Facility == nil || out.HasErrors() {
		var b strings.Builder
		diag.PrintText(&b, out.Diagnostics, diag.TextOptions{})
		return nil, nil, fmt.Sprintf("%s does not vet yet, so build would refuse it:\n%s", dir, b.String())
	}
	return out.Facility, out.Facts, ""
}

// generate runs g on a design and returns its files.
// Generate runs one generator into memory.
func Generate(t *testing.T, g *gen.Generator, f *model.Facility, facts *analysis.Facts, env *gen.Env) map[string][]byte {
	t.Helper()
	sink := gen.NewMemSink()
	ctx := context.Background()
	if env != nil {
		ctx = gen.WithEnv(ctx, env)
	}
	if err := g.Generate(ctx, f, facts, sink.For(g.Name)); err != nil {
		t.Fatalf("generator %s: %v", g.Name, err)
	}
	return sink.Files
}

// golden compares files with testdata/golden/<design>/, byte for byte;
// AVNET_UPDATE=1 rewrites the directory instead.
// Golden compares files with testdata/golden/<design>, or rewrites them with AVNET_UPDATE=1.
func Golden(t *testing.T, design string, files map[string][]byte) {
	t.Helper()
	dir := filepath.Join("testdata", "golden", design)
	if os.Getenv("AVNET_UPDATE") != "" {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
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
	want := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		want[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	for name, got := range files {
		w, ok := want[name]
		switch {
		case !ok:
			t.Errorf("%s: generated but not in %s; review it and run AVNET_UPDATE=1 go test ./generators/...", name, dir)
		case !bytes.Equal(w, got):
			t.Errorf("%s differs from %s (run AVNET_UPDATE=1 go test ./generators/... and review the diff):\n%s", name, dir, LineDiff(string(w), string(got)))
		}
	}
	for name := range want {
		if _, ok := files[name]; !ok {
			t.Errorf("%s: in %s but no longer generated; run AVNET_UPDATE=1 go test ./generators/...", name, dir)
		}
	}
}

// lineDiff shows the first differing lines of two texts.
// LineDiff shows the first differing lines.
func LineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	n := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "  line %d:\n    want %q\n    got  %q\n", i+1, wl, gl)
			if n++; n == 5 {
				break
			}
		}
	}
	return b.String()
}

// Find returns the named design of the archives in dir.
func Find(t *testing.T, archives, name string) Design {
	t.Helper()
	for _, d := range Designs(t, archives) {
		if d.Name == name {
			return d
		}
	}
	t.Fatalf("no design %s in %s", name, archives)
	return Design{}
}

// Deterministic runs g twice, on two loads of every design, and requires
// byte-identical files.
func Deterministic(t *testing.T, archives string, g *gen.Generator) {
	for _, d := range Designs(t, archives) {
		t.Run(d.Name, func(t *testing.T) {
			f1, facts1 := d.Loaded(t)
			f2, facts2 := d.Load(t)
			a := Generate(t, g, f1, facts1, nil)
			b := Generate(t, g, f2, facts2, nil)
			if len(a) != len(b) {
				t.Fatalf("first run wrote %d files, second %d", len(a), len(b))
			}
			for name := range a {
				if !bytes.Equal(a[name], b[name]) {
					t.Errorf("%s differs between two runs:\n%s", name, LineDiff(string(a[name]), string(b[name])))
				}
			}
		})
	}
}

// CopyDesign copies the design in from (its .cue files) into a fresh
// directory of the same name that the test may edit, and returns it.
func CopyDesign(t testing.TB, from string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), filepath.Base(from))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(from, "*.cue"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no design in %s: %v", from, err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
