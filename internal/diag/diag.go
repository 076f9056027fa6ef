// Package diag defines avnet's diagnostics: a finding at a source position,
// with related positions and a hint that says how to fix it.
package diag

import (
	"fmt"
	"sort"
)

// Severity orders findings; a design with errors does not build.
type Severity int

const (
	Off Severity = iota
	Info
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "info"
	}
	return "off"
}

// MarshalText makes severities read as words in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText is the inverse of MarshalText.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// ParseSeverity accepts the names printed by String.
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "info":
		return Info, nil
	case "off":
		return Off, nil
	}
	return Off, fmt.Errorf("severity %q is not supported. Supported severities are %q", s, []string{"error", "warning", "info", "off"})
}

// Pos is a position in a design file. Filename is relative to the working
// directory when printed. A zero Pos means "the design as a whole".
type Pos struct {
	Filename string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
}

func (p Pos) IsValid() bool { return p.Filename != "" }

func (p Pos) String() string {
	if !p.IsValid() {
		return "-"
	}
	if p.Line == 0 {
		return p.Filename
	}
	return fmt.Sprintf("%s:%d:%d", p.Filename, p.Line, p.Column)
}

// Related points at another place that explains the finding.
type Related struct {
	Pos     Pos    `json:"pos"`
	Message string `json:"message"`
}

// Diagnostic is one finding.
type Diagnostic struct {
	RuleID   string    `json:"rule"`
	Severity Severity  `json:"severity"`
	Pos      Pos       `json:"pos"`
	Message  string    `json:"message"`
	Related  []Related `json:"related,omitempty"`
	Hint     string    `json:"hint,omitempty"`
	// Subject names the entity the finding is about ("device cam-1",
	// "link C-101"); waivers with a scope match on it.
	Subject string `json:"subject,omitempty"`
	// Entities are the names of the other design entities the finding is
	// about (a PTP domain's grandmaster devices, a link's end devices), so
	// a waiver's scope can name any of them; the subject's own name
	// always matches. Not printed: the subject says what the finding is about.
	Entities []string `json:"-"`
	// Waived carries the reason of the design's waiver for this finding;
	// the waiver also set Severity (Off when it silences the finding).
	Waived string `json:"waived,omitempty"`
}

// Sort orders diagnostics by file, line, column, rule and message so output is stable.
func Sort(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Pos.Filename != b.Pos.Filename {
			return a.Pos.Filename < b.Pos.Filename
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Column != b.Pos.Column {
			return a.Pos.Column < b.Pos.Column
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		return a.Message < b.Message
	})
}

// Count returns the number of diagnostics at each severity (silenced ones are Off).
func Count(ds []Diagnostic) (errors, warnings, infos int) {
	for _, d := range ds {
		switch d.Severity {
		case Error:
			errors++
		case Warning:
			warnings++
		case Info:
			infos++
		}
	}
	return
}
