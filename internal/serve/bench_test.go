package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/avnet/avnet/generators/gentest"
)

// BudgetEnv makes BenchmarkSaveToUpdate fail when the flagship's findings
// take longer than the 300 ms from save to page: set it on an
// otherwise idle machine (a busy one measures the neighbours).
const BudgetEnv = "AVNET_SERVE_BUDGET"

// BenchmarkSaveToUpdate measures, through the real watcher, the time from
// writing a design file to the state a page receives: findings-ms is when
// the new findings are published (the page shows them), render-ms when the
// diagrams, tables and dossier of that save are. flagship-x4 is the
// flagship replicated four times (scaledDesign).
func BenchmarkSaveToUpdate(b *testing.B) {
	for _, tc := range []struct {
		name string
		n    int
	}{{"flagship", 1}, {"flagship-x4", 4}} {
		b.Run(tc.name, func(b *testing.B) {
			dir := gentest.CopyDesign(b, flagship)
			if tc.n > 1 {
				dir = scaledDesign(b, flagship, tc.n)
			}
			s, err := New(Options{Dir: dir, Addr: "127.0.0.1:0"})
			if err != nil {
				b.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			ready := make(chan struct{})
			go s.Run(ctx, func(string) { close(ready) })
			<-ready
			c, stop := s.Subscribe()
			defer stop()
			until := func(ok func(*State) bool) {
				deadline := time.After(5 * time.Minute)
				for !ok(s.State()) {
					select {
					case <-c:
					case <-deadline:
						b.Fatalf("no such state; last %+v", s.State().Phase)
					}
				}
			}
			until(func(st *State) bool { return st.Phase == "ok" })
			files, _ := filepath.Glob(filepath.Join(dir, "*.cue"))
			orig, err := os.ReadFile(files[0])
			if err != nil {
				b.Fatal(err)
			}
			var findings, render []float64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				src := s.State().Source
				t0 := time.Now()
				if err := os.WriteFile(files[0], fmt.Appendf(append([]byte{}, orig...), "\n// save %d\n", i), 0o644); err != nil {
					b.Fatal(err)
				}
				until(func(st *State) bool { return st.Source > src && st.Phase != "loading" })
				findings = append(findings, ms(time.Since(t0)))
				until(func(st *State) bool { return st.Source > src && st.Phase == "ok" })
				render = append(render, ms(time.Since(t0)))
			}
			b.StopTimer()
			f, r := median(findings), median(render)
			b.ReportMetric(f, "findings-ms")
			b.ReportMetric(r, "render-ms")
			b.ReportMetric(0, "ns/op")
			if os.Getenv(BudgetEnv) != "" && tc.n == 1 && f > 300 {
				b.Errorf("findings %.0f ms after a save on the flagship; the budget is 300 ms", f)
			}
		})
	}
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2]
}
