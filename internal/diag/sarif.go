package diag

import (
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
)

// RuleInfo describes a rule for SARIF's tool.driver.rules.
type RuleInfo struct {
	ID, Name, Title, Doc, Standard string
	Severity                       Severity
}

// SARIF 2.1.0 (OASIS, errata 01), the subset editors and code-scanning
// services read: one run, the rules, results with locations, related
// locations, and suppressions for waived findings.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
	Properties           map[string]any `json:"properties,omitempty"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID           string             `json:"ruleId"`
	RuleIndex        int                `json:"ruleIndex"`
	Level            string             `json:"level"`
	Message          sarifText          `json:"message"`
	Locations        []sarifLocation    `json:"locations"`
	RelatedLocations []sarifLocation    `json:"relatedLocations,omitempty"`
	Suppressions     []sarifSuppression `json:"suppressions,omitempty"`
}

type sarifLocation struct {
	ID               int           `json:"id,omitempty"`
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifText    `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification"`
}

func sarifLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "note"
	}
	return "none"
}

func sarifLoc(p Pos, msg string) sarifLocation {
	l := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: filepath.ToSlash(p.Filename)}}}
	if p.Line > 0 {
		l.PhysicalLocation.Region = &sarifRegion{StartLine: p.Line, StartColumn: p.Column}
	}
	if msg != "" {
		l.Message = &sarifText{Text: msg}
	}
	return l
}

// PrintSARIF writes diagnostics as a SARIF 2.1.0 log. Rules that appear in
// results but not in rules (CUE's own findings) are added so every ruleIndex is valid.
func PrintSARIF(w io.Writer, version string, rules []RuleInfo, ds []Diagnostic) error {
	index := map[string]int{}
	var srules []sarifRule
	add := func(r RuleInfo) {
		if _, ok := index[r.ID]; ok {
			return
		}
		index[r.ID] = len(srules)
		full := r.Doc
		if full == "" {
			full = r.Title
		}
		sr := sarifRule{ID: r.ID, Name: r.Name, ShortDescription: sarifText{r.Title}, FullDescription: sarifText{full},
			DefaultConfiguration: sarifConfig{sarifLevel(r.Severity)}}
		if r.Standard != "" {
			sr.Properties = map[string]any{"standard": r.Standard}
		}
		srules = append(srules, sr)
	}
	for _, r := range rules {
		add(r)
	}
	results := []sarifResult{}
	for _, d := range ds {
		add(RuleInfo{ID: d.RuleID, Name: strings.ToLower(strings.ReplaceAll(d.RuleID, "-", "")), Title: d.RuleID, Severity: Error})
		msg := d.Message
		if d.Hint != "" {
			msg += "\nhint: " + d.Hint
		}
		res := sarifResult{RuleID: d.RuleID, RuleIndex: index[d.RuleID], Level: sarifLevel(d.Severity),
			Message: sarifText{msg}, Locations: []sarifLocation{sarifLoc(d.Pos, "")}}
		for i, r := range d.Related {
			l := sarifLoc(r.Pos, r.Message)
			l.ID = i + 1
			res.RelatedLocations = append(res.RelatedLocations, l)
		}
		if d.Waived != "" {
			res.Suppressions = []sarifSuppression{{Kind: "inSource", Justification: d.Waived}}
		}
		results = append(results, res)
	}
	log := sarifLog{
		Schema:  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool:    sarifTool{Driver: sarifDriver{Name: "avnet", Version: version, InformationURI: "https://github.com/avnet/avnet", Rules: srules}},
			Results: results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}
