package vet

import (
	"testing"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/load"
	"github.com/avnet/avnet/internal/rules"
	"github.com/avnet/avnet/internal/rules/suite"
)

var designs = []string{"../../designs/chaine-tv-ip", "../../designs/lab-minimal"}

// The shipped designs vet clean: no errors and no warnings left unwaived.
func TestShippedDesignsAreClean(t *testing.T) {
	for _, d := range designs {
		out, err := Design(d)
		if err != nil {
			t.Fatal(err)
		}
		if e, w, _ := diag.Count(out.Diagnostics); e+w > 0 {
			var b = new(stringsBuilder)
			diag.PrintText(b, out.Diagnostics, diag.TextOptions{})
			t.Errorf("%s: %d errors, %d warnings:\n%s", d, e, w, b)
		}
	}
}

type stringsBuilder struct{ b []byte }

func (s *stringsBuilder) Write(p []byte) (int, error) { s.b = append(s.b, p...); return len(p), nil }
func (s *stringsBuilder) String() string              { return string(s.b) }

// BenchmarkVetFlagship measures load + analysis + every rule on the flagship.
func BenchmarkVetFlagship(b *testing.B) {
	for b.Loop() {
		out, err := Design(designs[0])
		if err != nil || out.Facility == nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadFlagship isolates the CUE part (load, unify, decode).
func BenchmarkLoadFlagship(b *testing.B) {
	for b.Loop() {
		if _, err := load.Dir(designs[0], load.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalysisAndRulesFlagship is the validator without CUE: the
// issue's budget is 50 ms for analysis plus all rules.
func BenchmarkAnalysisAndRulesFlagship(b *testing.B) {
	res, err := load.Dir(designs[0], load.Options{})
	if err != nil || res.Facility == nil {
		b.Fatal(err)
	}
	for b.Loop() {
		facts := analysis.Analyze(res.Facility)
		if _, err := rules.Run(suite.All(), res.Facility, facts); err != nil {
			b.Fatal(err)
		}
	}
}
