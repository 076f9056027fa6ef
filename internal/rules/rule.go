// Package rules is avnet's validator framework, modelled on
// golang.org/x/tools/go/analysis: a Rule is a value with a stable ID, a
// name equal to its package name, documentation that cites the standard it
// enforces, a default severity and a Run function over the model.
package rules

import (
	"fmt"
	"github.com/avnet/avnet/internal/plural"
	"regexp"
	"strings"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
)

// Rule is one check of the rulebook.
type Rule struct {
	// ID is stable forever: designs waive it, tests and the dossier cite it.
	ID string
	// Name equals the rule's package name.
	Name string
	// Doc: first line is the title; the rest explains why and how to fix.
	Doc string
	// Standard cites the clause enforced ("SMPTE ST 2110-21:2022 §6.5").
	Standard string
	Severity diag.Severity
	Run      func(*Pass) error
}

// Title is the first line of Doc.
func (r *Rule) Title() string {
	t, _, _ := strings.Cut(r.Doc, "\n")
	return strings.TrimSpace(t)
}

var (
	idRE   = regexp.MustCompile(`^AV-[A-Z0-9]+-[0-9]{3}$`)
	nameRE = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
)

// Validate checks a suite: well-formed unique IDs and names, a doc, a standard, a Run.
func Validate(suite []*Rule) error {
	ids := map[string]bool{}
	names := map[string]bool{}
	for _, r := range suite {
		switch {
		case !idRE.MatchString(r.ID):
			return fmt.Errorf("rule %q: ID %q does not match AV-FAMILY-NNN", r.Name, r.ID)
		case !nameRE.MatchString(r.Name):
			return fmt.Errorf("rule %s: name %q must be a lowercase Go package name", r.ID, r.Name)
		case ids[r.ID]:
			return fmt.Errorf("rule %s: duplicate ID", r.ID)
		case names[r.Name]:
			return fmt.Errorf("rule %s: duplicate name %q", r.ID, r.Name)
		case r.Title() == "":
			return fmt.Errorf("rule %s: empty Doc", r.ID)
		case r.Standard == "":
			return fmt.Errorf("rule %s: no standard cited", r.ID)
		case r.Run == nil:
			return fmt.Errorf("rule %s: no Run", r.ID)
		case r.Severity != diag.Error && r.Severity != diag.Warning && r.Severity != diag.Info:
			return fmt.Errorf("rule %s: default severity must be error, warning or info", r.ID)
		}
		ids[r.ID] = true
		names[r.Name] = true
	}
	return nil
}

// Pass is what a rule sees: the design, the derived facts, and a way to report.
type Pass struct {
	Rule     *Rule
	Facility *model.Facility
	Facts    *analysis.Facts
	report   func(diag.Diagnostic)
}

// Report records a finding; the rule's ID and default severity are filled in.
func (p *Pass) Report(d diag.Diagnostic) {
	d.RuleID = p.Rule.ID
	if d.Severity == diag.Off {
		d.Severity = p.Rule.Severity
	}
	p.report(d)
}

// Reportf reports a finding at pos with a formatted message.
func (p *Pass) Reportf(pos diag.Pos, subject, hint, format string, args ...any) {
	p.Report(diag.Diagnostic{Pos: pos, Subject: subject, Hint: hint, Message: fmt.Sprintf(format, args...)})
}

// Plural is the "s" of an English plural when n is not 1, for messages.
func Plural(n int) string {
	return plural.Of(n, "", "s")
}

// ExtractDoc returns the package comment of a rule's doc.go, as
// go/analysis does, so the documentation lives in one place.
func ExtractDoc(src, name string) string {
	start := strings.Index(src, "/*")
	end := strings.Index(src, "*/")
	if start < 0 || end < start {
		panic(fmt.Sprintf("rule %s: doc.go has no /* */ package comment", name))
	}
	body := strings.TrimSpace(src[start+2 : end])
	prefix := "Package " + name + " "
	if !strings.HasPrefix(body, prefix) {
		panic(fmt.Sprintf("rule %s: doc.go comment must start with %q", name, prefix))
	}
	body = strings.TrimPrefix(body, prefix)
	// "Package vlanid defines ..." style first word is dropped; the title follows a colon.
	if _, after, ok := strings.Cut(body, ": "); ok && !strings.Contains(body[:len(body)-len(after)], "\n") {
		body = after
	}
	body = strings.TrimSpace(body)
	if body != "" && body[0] >= 'a' && body[0] <= 'z' {
		body = strings.ToUpper(body[:1]) + body[1:]
	}
	return body
}
