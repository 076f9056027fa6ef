package vet

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/avnet/avnet/bench/scalegen/campus"
	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
	"github.com/avnet/avnet/internal/rules/suite"
)

// Two generated campuses, the second with exactly twice the rooms,
// endpoints and flows of the first (the 2 spines per plane stay).
const smallCampus, largeCampus = 12, 20

// maxGrowth is the most a step's allocations may grow when the design
// doubles: n log n stays well under it, a quadratic step gives about 4.
const maxGrowth = 2.5

// minAllocs is the count below which a step is a fixed cost, not compared.
const minAllocs = 2000

// TestScaleLinear fails when analysis or a rule becomes quadratic again:
// it counts the heap allocations of each step on a campus and on one twice
// its size (allocations are deterministic, unlike time). A quadratic loop
// that allocates nothing cannot be seen this way; the bench/scale.sh
// figures are the check for those.
func TestScaleLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("loads two generated campuses")
	}
	small, large := loadCampus(t, smallCampus), loadCampus(t, largeCampus)
	if s, l := len(small.Flows), len(large.Flows); l != 2*s {
		t.Fatalf("campus sizes: %d and %d flows, want a doubling", s, l)
	}
	compare := func(step string, run func(*model.Facility, *analysis.Facts)) {
		t.Helper()
		var fs, fl *analysis.Facts
		if step != "analysis" {
			fs, fl = analysis.Analyze(small), analysis.Analyze(large)
		}
		a, b := allocs(func() { run(small, fs) }), allocs(func() { run(large, fl) })
		if b < minAllocs {
			return
		}
		g := float64(b) / float64(max(a, 1))
		t.Logf("%s: %d → %d allocations (×%.2f)", step, a, b, g)
		if g > maxGrowth {
			t.Errorf("%s: %d allocations for %d flows, %d for %d: ×%.2f when the design doubles (quadratic?)",
				step, a, len(small.Flows), b, len(large.Flows), g)
		}
	}
	compare("analysis", func(f *model.Facility, _ *analysis.Facts) { analysis.Analyze(f) })
	for _, r := range suite.All() {
		compare("rule "+r.ID, func(f *model.Facility, facts *analysis.Facts) {
			if _, err := rules.Run([]*rules.Rule{r}, f, facts); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func allocs(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.Mallocs - before.Mallocs
}

// loadCampus generates and loads a campus, which must vet clean.
func loadCampus(t *testing.T, switches int) *model.Facility {
	t.Helper()
	dir := t.TempDir()
	for name, b := range campus.Generate(switches) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, err := Design(dir)
	if err != nil {
		t.Fatal(err)
	}
	if e, w, _ := diag.Count(out.Diagnostics); e+w > 0 || out.Facility == nil {
		t.Fatalf("campus of %d switches: %d errors, %d warnings: %v", switches, e, w, out.Diagnostics[:min(3, len(out.Diagnostics))])
	}
	return out.Facility
}

// BenchmarkVetCampus vets a generated campus of AVNET_CAMPUS switches
// (default 50), for profiles: go test -run '^$' -bench VetCampus
// -cpuprofile cpu.out ./internal/vet/ (bench/scale.sh measures the sizes).
func BenchmarkVetCampus(b *testing.B) {
	n := 50
	if s := os.Getenv("AVNET_CAMPUS"); s != "" {
		fmt.Sscan(s, &n)
	}
	dir := b.TempDir()
	for name, src := range campus.Generate(n) {
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		out, err := Design(dir)
		if err != nil || out.Facility == nil {
			b.Fatal(err, out.Diagnostics)
		}
	}
}
