package diag

import (
	"encoding/json"
	"io"
)

// JSONSchema identifies the layout of `avnet vet --json`. It changes only
// when a field is removed or changes meaning; new fields keep the version.
const JSONSchema = "avnet.dev/vet/v1"

// Report is the document printed by `avnet vet --json`.
type Report struct {
	Schema      string       `json:"schema"`
	Design      string       `json:"design"`
	Summary     Counts       `json:"summary"`
	Diagnostics []Diagnostic `json:"diagnostics"`
	Waivers     []WaiverUse  `json:"waivers"`
}

// Counts are the totals by severity, after waivers.
type Counts struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
	Waived   int `json:"waived"`
}

// WaiverUse is one waiver of the design and how many findings it matched.
type WaiverUse struct {
	Rule     string   `json:"rule"`
	Reason   string   `json:"reason"`
	Severity string   `json:"severity"`
	Scope    []string `json:"scope,omitempty"`
	Matched  int      `json:"matched"`
}

// NewReport builds the JSON document.
func NewReport(design string, ds []Diagnostic, waivers []WaiverUse) Report {
	e, w, i := Count(ds)
	r := Report{Schema: JSONSchema, Design: design, Diagnostics: ds, Waivers: waivers,
		Summary: Counts{Errors: e, Warnings: w, Infos: i}}
	for _, d := range ds {
		if d.Waived != "" {
			r.Summary.Waived++
		}
	}
	if r.Diagnostics == nil {
		r.Diagnostics = []Diagnostic{}
	}
	if r.Waivers == nil {
		r.Waivers = []WaiverUse{}
	}
	return r
}

// PrintJSON writes the report, indented, with a final newline.
func PrintJSON(w io.Writer, r Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
