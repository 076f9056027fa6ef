package load

import "github.com/avnet/avnet/internal/diag"

// RuleInfos documents the two finding IDs the loader itself reports, so
// `avnet rules` and `avnet explain` cover them like any rule.
func RuleInfos() []diag.RuleInfo {
	return []diag.RuleInfo{
		{
			ID: SyntaxRule, Name: "cuesyntax", Severity: diag.Error,
			Title:    "The design is not valid CUE",
			Standard: "CUE language specification (cuelang.org/docs/reference/spec)",
			Doc: `The design is not valid CUE

avnet could not parse or evaluate the design's CUE files: a syntax error
(a missing brace or quote, a field written without its colon), two files
with different package names in one directory, or a reference to a name
that does not exist.

How to fix: go to the position printed, and compare with the examples in
'avnet init'. Every file of a design starts with the same "package" line.`,
		},
		{
			ID: SchemaRule, Name: "cueschema", Severity: diag.Error,
			Title:    "The design does not satisfy the avnet schema",
			Standard: "avnet design language (DESIGN-LANGUAGE.md), schema #Facility",
			Doc: `The design does not satisfy the avnet schema

A value breaks the design language: a field name that does not exist
(often a typo, or a field nested at the wrong level), a value outside its
range (a VLAN ID above 4094, a DSCP above 63), a word the schema does not
know (a role, an essence, a link medium), an address that is not an IPv4
address, or a required field left out.

How to fix: the message names the field's path and the value; the related
line shows the schema's constraint, which lists the accepted values.`,
		},
	}
}
