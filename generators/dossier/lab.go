package dossier

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// LabResultsSchema is the layout of the lab's results.json this package reads.
const LabResultsSchema = "avnet.dev/lab-results/v1"

// LabResults are the measurements of `avnet lab test` (results.json), as
// far as the dossier prints them: delivery of every flow leg to every
// receiver with the DSCP seen, the silence of the endpoints that did not
// subscribe, and the grandmaster each PTP tree elected with the clocks'
// offsets. The JSON names are those internal/lab writes.
type LabResults struct {
	Schema       string             `json:"schema"`
	Lab          string             `json:"lab"`
	Design       string             `json:"design"`
	DesignDigest string             `json:"design_digest"`
	Count        int                `json:"count"`
	Rate         float64            `json:"rate"`
	Passed       bool               `json:"passed"`
	Flows        []*LabFlow         `json:"flows"`
	PTP          []*LabPTP          `json:"ptp"`
	Notes        []string           `json:"notes,omitempty"`
	Timings      map[string]float64 `json:"timings,omitempty"`
}

// LabFlow is one flow's test.
type LabFlow struct {
	Flow     string    `json:"flow"`
	Essence  string    `json:"essence"`
	Class    string    `json:"class"`
	DSCP     int       `json:"dscp"`
	Passed   bool      `json:"passed"`
	Legs     []*LabLeg `json:"legs"`
	Problems []string  `json:"problems,omitempty"`
}

// LabLeg is one leg (plane) of a flow.
type LabLeg struct {
	Plane     string          `json:"plane,omitempty"`
	VLAN      string          `json:"vlan"`
	Group     string          `json:"group,omitempty"`
	Port      int             `json:"port"`
	Source    string          `json:"source,omitempty"`
	Sender    string          `json:"sender"`
	Sent      int             `json:"sent"`
	Receivers []*LabReception `json:"receivers"`
	Silent    []*LabBystander `json:"silent"`
	Passed    bool            `json:"passed"`
	Problems  []string        `json:"problems,omitempty"`
}

// LabReception is what one receiver got of a leg.
type LabReception struct {
	Receiver       string      `json:"receiver"`
	Interface      string      `json:"interface"`
	Received       int         `json:"received"`
	Lost           int         `json:"lost"`
	Late           int         `json:"late"`
	DSCP           map[int]int `json:"dscp,omitempty"`
	WrongInterface int         `json:"wrong_interface"`
	Expected       string      `json:"expected_unreachable,omitempty"`
	Passed         bool        `json:"passed"`
	Problem        string      `json:"problem,omitempty"`
}

// LabBystander is an endpoint that must not receive a leg.
type LabBystander struct {
	Device    string `json:"device"`
	Interface string `json:"interface"`
	Frames    int    `json:"frames"`
	Passed    bool   `json:"passed"`
}

// LabPTP is one PTP clock tree.
type LabPTP struct {
	Domain       string      `json:"domain"`
	DomainNumber int         `json:"domain_number"`
	Intended     string      `json:"intended"`
	Elected      string      `json:"elected,omitempty"`
	Clocks       []*LabClock `json:"clocks"`
	Passed       bool        `json:"passed"`
	Problem      string      `json:"problem,omitempty"`
	Converged    float64     `json:"converged_s,omitempty"`
	TimeLimit    float64     `json:"time_limit_s,omitempty"`
	ToleranceNs  float64     `json:"tolerance_ns,omitempty"`
	Locked       int         `json:"locked"`
	MaxOffsetNs  float64     `json:"max_offset_ns,omitempty"`
}

// LabClock is one clock as pmc reported it.
type LabClock struct {
	Device       string  `json:"device"`
	Kind         string  `json:"kind"`
	PortState    string  `json:"port_state,omitempty"`
	StepsRemoved int     `json:"steps_removed"`
	Locked       bool    `json:"locked"`
	LockedAfter  float64 `json:"locked_s,omitempty"`
	OffsetNs     float64 `json:"offset_ns"`
	MaxOffsetNs  float64 `json:"max_offset_ns,omitempty"`
	PathDelayNs  float64 `json:"path_delay_ns"`
	Samples      int     `json:"samples,omitempty"`
	Passed       bool    `json:"passed"`
	Problem      string  `json:"problem,omitempty"`
}

// ReadLabResults reads a results.json; a missing file is (nil, nil).
func ReadLabResults(path string) (*LabResults, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var r LabResults
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if r.Schema != LabResultsSchema {
		return nil, fmt.Errorf("%s: schema %q, want %q (run avnet lab test again with this avnet)", path, r.Schema, LabResultsSchema)
	}
	sort.SliceStable(r.Flows, func(i, j int) bool { return r.Flows[i].Flow < r.Flows[j].Flow })
	return &r, nil
}

// loadLab reads the lab results named by the build environment, if any.
func (b *builder) loadLab() {
	p := b.env.LabResults
	if p == "" {
		return
	}
	b.labPath = p
	b.lab, b.labErr = ReadLabResults(p)
	if b.lab != nil && b.lab.DesignDigest != "" && b.f.Dir != "" {
		if d, err := designDigest(b.f.Dir); err == nil && d != b.lab.DesignDigest {
			b.labStale = true
		}
	}
}

// designDigest is build.DesignDigest (this package cannot import
// internal/build, which imports the generators): the SHA-256 of the
// design's .cue files, names and contents, sorted by name.
func designDigest(dir string) (string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.cue"))
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	h := sha256.New()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", filepath.Base(f), len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
