package rules

import (
	"fmt"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
)

// Run applies every rule of suite to the facility and returns the findings,
// sorted, with the design's waivers applied: a waived finding is kept (the
// dossier prints it with its reason) but marked, and re-levelled or
// silenced as the waiver says.
func Run(suite []*Rule, f *model.Facility, facts *analysis.Facts) ([]diag.Diagnostic, error) {
	var out []diag.Diagnostic
	for _, r := range suite {
		pass := &Pass{Rule: r, Facility: f, Facts: facts, report: func(d diag.Diagnostic) { out = append(out, d) }}
		if err := runOne(r, pass); err != nil {
			return out, err
		}
	}
	out = applyWaivers(out, f, suite)
	diag.Sort(out)
	return out, nil
}

// runOne turns a rule's panic into an error naming the rule: a bug in one
// rule must not crash `avnet vet` without saying where.
func runOne(r *Rule, p *Pass) (err error) {
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("internal error in rule %s (%s): %v; please report it with the design", r.ID, r.Name, x)
		}
	}()
	return r.Run(p)
}
