package load

import (
	"fmt"
	"slices"
	"strings"

	"cuelang.org/go/cue"

	"github.com/avnet/avnet/internal/suggest"
)

// hintFor explains the common CUE messages in a student's terms; for an
// unknown field it names the allowed field closest to the typo.
func hintFor(msg string, path []string, unified cue.Value) string {
	switch {
	case strings.Contains(msg, "[0-9]{4}-(0[1-9]|1[0-2])"):
		return `write the date as "YYYY-MM-DD", like "2026-12-07"`
	case strings.Contains(msg, "field not allowed"):
		h := "this field is not part of the avnet design language here: check its spelling and where it is nested"
		if len(path) > 0 && unified.Exists() {
			bad := strings.Trim(path[len(path)-1], `"`)
			allowed := slices.DeleteFunc(fieldsAt(unified, path[:len(path)-1]), func(f string) bool { return f == bad })
			if len(allowed) > 0 {
				if c := suggest.Closest(bad, allowed); c != "" {
					return fmt.Sprintf("did you mean %q? %s", c, h)
				}
				return fmt.Sprintf("%s; allowed fields are %s", h, strings.Join(allowed, ", "))
			}
		}
		return h
	case strings.Contains(msg, "incompatible list lengths"):
		return "two files (or two places) give this list different contents; in CUE lists do not merge: write the whole list in one place"
	case strings.Contains(msg, "required field"):
		return "add the field; `avnet explain AV-SCHEMA-001` and DESIGN-LANGUAGE.md list what each entity needs"
	case strings.Contains(msg, "reference") && strings.Contains(msg, "not found"):
		return "this name is not defined in the design: check its spelling, or define it (a field or a let) in one of the design's files"
	case strings.Contains(msg, "incomplete value") || strings.Contains(msg, "non-concrete value"):
		return "this field is required: give it a concrete value"
	case strings.Contains(msg, "out of bound"):
		return "the value is outside the range the schema allows; pick a value inside the bound shown"
	case strings.Contains(msg, "empty disjunction") || strings.Contains(msg, "conflicting values"):
		return "the value is not one the schema accepts; the schema line below lists the accepted values"
	case strings.Contains(msg, "net.IP"):
		return "write an IPv4 address like 10.110.0.21, an interface address like 10.110.0.21/24, and a subnet like 10.110.0.0/24"
	case strings.Contains(msg, "does not match"):
		return "the value does not have the expected form (see the pattern in the schema line below)"
	case strings.Contains(msg, "expected"):
		return "CUE syntax error: check brackets, quotes, and that fields are written `name: value`"
	}
	return ""
}

// fieldsAt lists the field names the schema allows at path (regular and
// optional, not definitions), sorted.
func fieldsAt(v cue.Value, path []string) []string {
	sels := make([]cue.Selector, 0, len(path))
	for _, p := range path {
		sels = append(sels, cue.Str(strings.Trim(p, `"`)))
	}
	parent := v.LookupPath(cue.MakePath(sels...))
	if !parent.Exists() {
		return nil
	}
	it, err := parent.Fields(cue.Optional(true))
	if err != nil {
		return nil
	}
	var out []string
	for it.Next() {
		if it.Selector().IsString() {
			out = append(out, it.Selector().Unquoted())
		}
	}
	return out
}
