package load

import (
	"fmt"
	"os"
	"regexp"
	"slices"

	"cuelang.org/go/cue"
	"path/filepath"
	"strings"

	cueerrors "cuelang.org/go/cue/errors"
	"cuelang.org/go/cue/token"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/suggest"
)

// fromCUE turns every CUE error into a diagnostic. The primary position is
// the first one in the user's design; positions in the embedded schema
// become related notes that show the constraint the value broke. With an
// empty rule, the error is classified: a broken schema constraint is
// AV-SCHEMA-001, anything else (syntax, undefined reference, a conflict
// between the user's own values) AV-CUE-001.
func fromCUE(err error, rule string, rel func(string) string, designDir string, unified, design cue.Value) []diag.Diagnostic {
	var out []diag.Diagnostic
	seen := map[string]bool{}
	alts := map[string]*disjunction{} // path → the alternatives a value failed, merged below
	// A pattern alternative of an enumeration ("M" | "ST" | =~"^U[0-9]+$")
	// fails as its own error: held here, it joins the enumeration's
	// finding if there is one at the same place.
	patterns := map[string]pendingPattern{}
	for _, e := range cueerrors.Errors(err) {
		var primary diag.Pos
		var related []diag.Related
		for _, p := range cueerrors.Positions(e) {
			dp := toPos(p, rel)
			if !dp.IsValid() {
				continue
			}
			inSchema := strings.HasPrefix(dp.Filename, SchemaPrefix)
			inDesign := !inSchema && isUnder(p.Filename(), designDir)
			switch {
			case inDesign && !primary.IsValid():
				primary = dp
			case inSchema:
				related = append(related, diag.Related{Pos: dp, Message: "the schema's constraint"})
			case dp != primary:
				related = append(related, diag.Related{Pos: dp, Message: "also involved"})
			}
		}
		format, args := e.Msg()
		msg := fmt.Sprintf(format, args...)
		cuePath := e.Path()
		if len(cuePath) > 0 && cuePath[0] == "#Facility" {
			cuePath = cuePath[1:]
		}
		path := strings.Join(cuePath, ".")
		if strings.Contains(msg, "errors in empty disjunction") {
			continue // the header of the alternatives that follow
		}
		if m := conflictRE.FindStringSubmatch(msg); m != nil && primary.IsValid() && len(related) > 0 {
			key := primary.String() + " " + path
			d := alts[key]
			if d == nil {
				d = &disjunction{pos: primary, path: path, related: related[:1]}
				alts[key] = d
			}
			d.pairs = append(d.pairs, [2]string{m[1], m[2]})
			continue
		}
		var nameHintFor string
		if strings.Contains(msg, "field not allowed") {
			// A map key that is not a valid name is a field no pattern
			// constraint allows: say which characters names may hold, at
			// the key.
			if i, m, h, ok := badKey(cuePath); ok {
				cuePath = cuePath[:i+1]
				path = strings.Join(cuePath, ".")
				msg, nameHintFor, related = m, h, nil
				if design.Exists() {
					if p := closestDesignPos(design, cuePath, rel); p.IsValid() {
						primary = p
					}
				}
			}
		} else if m, h, ok := explainString(msg, cuePath); ok {
			msg, nameHintFor, related = m, h, nil
		}
		if !primary.IsValid() && design.Exists() {
			// A missing required field has no position of its own: point
			// at the entity the user wrote that lacks it.
			primary = closestDesignPos(design, cuePath, rel)
		}
		if m := packagesRE.FindStringSubmatch(msg); m != nil {
			if d, ok := mixedPackages(m, designDir, rel); ok {
				out = append(out, d)
				continue
			}
		}
		if !primary.IsValid() {
			primary = diag.Pos{Filename: rel(designDir)}
		}
		id := rule
		if id == "" {
			id = classify(msg, related)
		}
		if strings.HasPrefix(msg, "incomplete value ") && strings.Contains(msg, " | ") {
			alts := strings.Split(strings.TrimPrefix(msg, "incomplete value "), " | ")
			msg = fmt.Sprintf("required field %s is missing", cuePath[len(cuePath)-1])
			related = nil
			if len(alts) > 0 {
				msg += "; accepted values are " + strings.Join(alts, ", ")
			}
		}
		msg = strings.TrimPrefix(msg, "#Facility.")
		if path != "" && !strings.HasPrefix(msg, path) {
			msg = path + ": " + msg
		}
		if nameHintFor != "" {
			id = SchemaRule
		}
		key := primary.String() + msg
		if seen[key] {
			continue
		}
		seen[key] = true
		d := diag.Diagnostic{
			RuleID:   id,
			Severity: diag.Error,
			Pos:      primary,
			Message:  msg,
			Related:  dedupRelated(related),
			Hint:     hintFor(msg, cuePath, unified),
		}
		if nameHintFor != "" {
			d.Hint = nameHintFor
			out = append(out, d)
			continue
		}
		if m := boundRE.FindStringSubmatch(msg); m != nil {
			patterns[primary.String()+" "+path] = pendingPattern{pattern: m[1], d: d}
			continue
		}
		out = append(out, d)
	}
	for key, p := range patterns {
		if d := alts[key]; d != nil {
			d.patterns = append(d.patterns, p.pattern)
			continue
		}
		out = append(out, p.d)
	}
	for _, d := range alts {
		out = append(out, d.diagnostic())
	}
	diag.Sort(out)
	return out
}

var packagesRE = regexp.MustCompile(`^found packages "([^"]+)" \(([^)]+)\) and "([^"]+)" \(([^)]+)\)`)

// mixedPackages explains two package names in one design at the package
// clause of the second file.
func mixedPackages(m []string, designDir string, rel func(string) string) (diag.Diagnostic, bool) {
	file := filepath.Join(designDir, m[4])
	line, col := packageClause(file)
	if line == 0 {
		return diag.Diagnostic{}, false
	}
	return diag.Diagnostic{
		RuleID: SyntaxRule, Severity: diag.Error,
		Pos:     diag.Pos{Filename: rel(file), Line: line, Column: col},
		Message: fmt.Sprintf("%s declares package %q but %s declares package %q", m[4], m[3], m[2], m[1]),
		Hint:    fmt.Sprintf("every file of a design belongs to one package: write `package %s` here", m[1]),
	}, true
}

// packageClause finds the line and column of a file's package clause.
func packageClause(file string) (int, int) {
	b, err := os.ReadFile(file)
	if err != nil {
		return 0, 0
	}
	for i, l := range strings.Split(string(b), "\n") {
		if j := strings.Index(l, "package "); j >= 0 && strings.TrimSpace(l[:j]) == "" {
			return i + 1, j + 1
		}
	}
	return 0, 0
}

// closestDesignPos returns where the user wrote the deepest existing
// ancestor of path.
func closestDesignPos(design cue.Value, path []string, rel func(string) string) diag.Pos {
	for n := len(path); n > 0; n-- {
		sels := make([]cue.Selector, 0, n)
		for _, p := range path[:n] {
			sels = append(sels, cue.Str(unquoteSel(p)))
		}
		v := design.LookupPath(cue.MakePath(sels...))
		if p := v.Pos(); v.Exists() && p.IsValid() {
			return toPos(p, rel)
		}
	}
	return diag.Pos{}
}

// conflictRE reads CUE's report of one failed alternative; a value of the
// wrong type adds "(mismatched types string and int)", which is not part of
// the alternative.
var conflictRE = regexp.MustCompile(`^conflicting values (.+?) and (.+?)(?: \(mismatched types \S+ and \S+\))?$`)

// kindWords names CUE's basic types as a user reads them, for a value
// that may be of either type ("8M" or 8000000).
var kindWords = map[string]string{"int": "a whole number", "number": "a number", "float": "a decimal number", "string": "a string", "bool": "true or false"}

// patternWords says in words what a schema pattern accepts, where a user
// would otherwise be shown the regular expression.
var patternWords = map[string]string{
	`^[0-9]+(\.[0-9]+)?[kMG]$`: `a string with a k, M or G suffix ("8M", "1.5G")`,
}

// aliases are values users write for what the schema names otherwise,
// too far apart for a did-you-mean.
var aliases = map[string]struct{ use, why string }{
	"scte-35":  {"scte-104", "SCTE 35 splice information travels in ancillary data as SCTE 104 messages (SMPTE ST 2010)"},
	"teletext": {"op-47", "teletext subtitles travel in HD ancillary data as OP-47 (SMPTE RDD 8)"},
	"captions": {"cea-708", "HD closed captions travel as CEA-708 caption distribution packets (SMPTE ST 334-1)"},
}

// boundRE is a string that fails a regular expression of the schema.
var boundRE = regexp.MustCompile(`invalid value .+ \(out of bound =~"(.+)"\)$`)

type pendingPattern struct {
	pattern string
	d       diag.Diagnostic
}

// disjunction gathers CUE's one-error-per-alternative report of a value
// that matches none of an enumeration into one finding that lists the
// accepted values and suggests the closest.
type disjunction struct {
	pos      diag.Pos
	path     string
	related  []diag.Related
	pairs    [][2]string
	patterns []string // regular expressions the value could also have matched
}

func (d *disjunction) diagnostic() diag.Diagnostic {
	// The user's value is the one side common to every pair.
	count := map[string]int{}
	for _, p := range d.pairs {
		count[p[0]]++
		if p[1] != p[0] {
			count[p[1]]++
		}
	}
	given := ""
	for v, n := range count {
		if n == len(d.pairs) && (given == "" || v < given) {
			given = v
		}
	}
	var accepted []string
	for _, p := range d.pairs {
		for _, v := range p {
			if v != given && !slices.Contains(accepted, v) {
				accepted = append(accepted, v)
			}
		}
	}
	slices.Sort(accepted)
	msg := fmt.Sprintf("%s: %s is not an accepted value", d.path, given)
	if len(d.pairs) == 1 && len(d.patterns) == 0 {
		msg = fmt.Sprintf("%s: conflicting values %s and %s", d.path, d.pairs[0][0], d.pairs[0][1])
	}
	for i, a := range accepted {
		if w, ok := kindWords[a]; ok {
			accepted[i] = w
		}
	}
	hint := "accepted values are " + strings.Join(accepted, ", ")
	for _, p := range d.patterns {
		p = strings.ReplaceAll(p, `\\`, `\`)
		if w, ok := patternWords[p]; ok {
			hint += ", or " + w
		} else {
			hint += ", or a value matching " + p
		}
	}
	var plain []string
	for _, a := range accepted {
		plain = append(plain, strings.Trim(a, `"`))
	}
	if a, ok := aliases[strings.Trim(given, `"`)]; ok && slices.Contains(plain, a.use) {
		hint = fmt.Sprintf("write %q: %s; %s", a.use, a.why, hint)
	} else if c := suggest.Closest(strings.Trim(given, `"`), plain); c != "" && len(d.pairs) > 1 {
		hint = fmt.Sprintf("did you mean %q? %s", c, hint)
	}
	// No related note: the schema line is the map that holds the entity,
	// not the enumeration, and the hint already lists the accepted values.
	return diag.Diagnostic{RuleID: SchemaRule, Severity: diag.Error, Pos: d.pos, Message: msg, Hint: hint}
}

func classify(msg string, related []diag.Related) string {
	if len(related) > 0 && related[0].Message == "the schema's constraint" ||
		strings.Contains(msg, "field not allowed") || strings.Contains(msg, "incomplete value") {
		return SchemaRule
	}
	for _, r := range related {
		if r.Message == "the schema's constraint" {
			return SchemaRule
		}
	}
	return SyntaxRule
}

func toPos(p token.Pos, rel func(string) string) diag.Pos {
	if !p.IsValid() || p.Filename() == "" {
		return diag.Pos{}
	}
	return diag.Pos{Filename: rel(p.Filename()), Line: p.Line(), Column: p.Column()}
}

func isUnder(file, dir string) bool {
	r, err := filepath.Rel(dir, file)
	return err == nil && !strings.HasPrefix(r, "..")
}

func dedupRelated(rs []diag.Related) []diag.Related {
	seen := map[diag.Pos]bool{}
	var out []diag.Related
	for _, r := range rs {
		if seen[r.Pos] {
			continue
		}
		seen[r.Pos] = true
		out = append(out, r)
	}
	return out
}
