package waivers

import (
	_ "embed"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
	"github.com/avnet/avnet/internal/suggest"
)

//go:embed doc.go
var doc string

// Rule is AV-WAIVER-001. Its Run checks each scope entry against the
// design's names; rules.Run reports the waivers that matched no finding.
var Rule = &rules.Rule{
	ID:       rules.WaiverRuleID,
	Name:     "waivers",
	Doc:      rules.ExtractDoc(doc, "waivers"),
	Standard: "ISO/IEC 27001:2022 A.5.36",
	Severity: diag.Warning,
	Run:      run,
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	names := designNames(f)
	for _, id := range model.SortedKeys(f.Waivers) {
		for i, s := range f.Waivers[id].Scope {
			if names[s] || isSubject(s, names) {
				continue
			}
			hint := fmt.Sprintf("name a device, link (cable label), flow, VLAN or PTP domain that a finding of %s is about", id)
			if c := suggest.Closest(s, sortedNames(names)); c != "" {
				hint = fmt.Sprintf("did you mean %q? %s", c, hint)
			}
			pass.Report(diag.Diagnostic{
				Pos:     f.PosOf("waivers", id, "scope", strconv.Itoa(i)),
				Subject: "waiver " + id,
				Message: fmt.Sprintf("scope entry %q of the waiver for %s names nothing in the design", s, id),
				Hint:    hint,
			})
		}
	}
	return nil
}

// isSubject accepts a scope entry written as a finding's subject
// ("ptp lab", "link C-101") whose name part exists.
func isSubject(s string, names map[string]bool) bool {
	for _, n := range rules.SubjectNames(s) {
		if !names[n] {
			return false
		}
	}
	return len(rules.SubjectNames(s)) > 0
}

// designNames is every name a finding's subject or entities can carry.
func designNames(f *model.Facility) map[string]bool {
	names := map[string]bool{}
	add := func(keys []string) {
		for _, k := range keys {
			names[k] = true
		}
	}
	add(model.SortedKeys(f.Devices))
	add(model.SortedKeys(f.Links))
	add(model.SortedKeys(f.Flows))
	add(model.SortedKeys(f.VLANs))
	add(model.SortedKeys(f.PTP))
	add(model.SortedKeys(f.Rooms))
	add(model.SortedKeys(f.Shares))
	add(model.SortedKeys(f.Users))
	add(model.SortedKeys(f.Groups))
	add(model.SortedKeys(f.QoS.Classes))
	return names
}

func sortedNames(names map[string]bool) []string { return slices.Sorted(maps.Keys(names)) }
