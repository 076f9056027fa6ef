// Package vet is the `avnet vet` stage: load a design, derive its facts and
// run the rule suite. `avnet build` calls it first and refuses to build a
// design with errors.
package vet

import (
	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/load"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
	"github.com/avnet/avnet/internal/rules/suite"
)

// Outcome is a vetted design. Facility and Facts are nil when CUE itself
// rejected the design (the Diagnostics then say why).
type Outcome struct {
	Dir         string
	Facility    *model.Facility
	Facts       *analysis.Facts
	Diagnostics []diag.Diagnostic
}

// HasErrors reports whether a finding of error severity remains after waivers.
func (o *Outcome) HasErrors() bool {
	e, _, _ := diag.Count(o.Diagnostics)
	return e > 0
}

// Design vets the design in dir.
func Design(dir string) (*Outcome, error) {
	res, err := load.Dir(dir, load.Options{})
	if err != nil {
		return nil, err
	}
	out := &Outcome{Dir: dir, Diagnostics: res.Diagnostics}
	if res.Facility == nil {
		return out, nil
	}
	out.Facility = res.Facility
	out.Facts = analysis.Analyze(res.Facility)
	ds, err := rules.Run(suite.All(), out.Facility, out.Facts)
	if err != nil {
		return nil, err
	}
	out.Diagnostics = append(out.Diagnostics, ds...)
	diag.Sort(out.Diagnostics)
	return out, nil
}

// Waivers reports each waiver of the design and how many findings it matched.
func (o *Outcome) Waivers() []diag.WaiverUse {
	if o.Facility == nil {
		return nil
	}
	var out []diag.WaiverUse
	for _, id := range model.SortedKeys(o.Facility.Waivers) {
		w := o.Facility.Waivers[id]
		n := 0
		for _, d := range o.Diagnostics {
			if d.RuleID == id && d.Waived != "" {
				n++
			}
		}
		out = append(out, diag.WaiverUse{Rule: id, Reason: w.Reason, Severity: w.Severity, Scope: w.Scope, Matched: n})
	}
	return out
}
