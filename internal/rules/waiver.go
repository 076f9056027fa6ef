package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/suggest"
)

// WaiverRuleID is the rule that reports waivers which waive nothing. Its
// documentation and its static check (scope entries that name nothing in
// the design) live in internal/rules/waivers; whether a waiver matched a
// finding can only be known here, once every rule of the suite has run.
const WaiverRuleID = "AV-WAIVER-001"

// SubjectNames returns the entity names a finding's subject carries:
// "ptp lab" → lab, "link C-101" → C-101, "ptp a, ptp b" → a, b. A subject
// with no name ("facility", "routing") gives none.
func SubjectNames(subject string) []string {
	var out []string
	for _, part := range strings.Split(subject, ", ") {
		if _, name, ok := strings.Cut(part, " "); ok && name != "" {
			out = append(out, name)
		}
	}
	return out
}

// waiverCovers reports whether the waiver applies to finding d: a waiver
// without a scope covers every finding of its rule; otherwise one scope
// entry must be the finding's subject as printed ("ptp lab") or the name
// of an entity the finding is about ("lab", or "gm-lab" for a finding
// about lab's grandmaster gm-lab).
func waiverCovers(w *model.Waiver, d *diag.Diagnostic) bool {
	if len(w.Scope) == 0 {
		return true
	}
	for _, s := range w.Scope {
		if s == d.Subject || slices.Contains(SubjectNames(d.Subject), s) || slices.Contains(d.Entities, s) {
			return true
		}
	}
	return false
}

// applyWaivers marks the findings each waiver covers and, when the suite
// includes AV-WAIVER-001, reports every waiver that covered nothing: a
// waiver written for a finding that has since been fixed, scoped to a
// name that is misspelt, or keyed by a rule ID that does not exist would
// otherwise silence nothing without anyone noticing.
func applyWaivers(ds []diag.Diagnostic, f *model.Facility, suite []*Rule) []diag.Diagnostic {
	matched := map[string]int{}
	for i := range ds {
		w, ok := f.Waivers[ds[i].RuleID]
		if !ok || !waiverCovers(w, &ds[i]) {
			continue
		}
		sev, _ := diag.ParseSeverity(w.Severity) // the schema allows only valid names
		ds[i].Waived = w.Reason
		ds[i].Severity = sev
		matched[ds[i].RuleID]++
	}
	var report *Rule
	ids := make([]string, 0, len(suite))
	for _, r := range suite {
		ids = append(ids, r.ID)
		if r.ID == WaiverRuleID {
			report = r
		}
	}
	if report == nil {
		return ds
	}
	for _, id := range model.SortedKeys(f.Waivers) {
		if matched[id] > 0 {
			continue
		}
		w := f.Waivers[id]
		d := diag.Diagnostic{RuleID: report.ID, Severity: report.Severity, Pos: f.PosOf("waivers", id), Subject: "waiver " + id}
		switch {
		case !slices.Contains(ids, id):
			d.Message = fmt.Sprintf("the waiver for %s waives nothing: no rule has that ID", id)
			if s := suggest.Closest(id, ids); s != "" {
				d.Hint = fmt.Sprintf("did you mean %s? `avnet rules` lists every rule ID", s)
			} else {
				d.Hint = "`avnet rules` lists every rule ID; remove the waiver or key it by one of them"
			}
		case len(w.Scope) > 0:
			d.Pos = f.PosOf("waivers", id, "scope")
			d.Message = fmt.Sprintf("the waiver for %s matches no finding in its scope (%s): it waives nothing", id, strings.Join(w.Scope, ", "))
			d.Hint = fmt.Sprintf("a scope entry names a device, link (cable label), flow, VLAN or PTP domain of a finding of %s; run `avnet vet --json` to see each finding's subject, or remove the waiver if the finding is fixed", id)
		default:
			d.Message = fmt.Sprintf("the waiver for %s matches no finding: the design no longer breaks that rule", id)
			d.Hint = "remove the waiver: it would silence a future finding nobody has reviewed"
		}
		ds = append(ds, d)
	}
	return ds
}
