// Package model holds a design as plain Go values: what internal/load
// decodes from CUE, and what analysis, rules and generators read.
//
// Every collection is a map in the design; here each entity also carries its
// Name and its source position so diagnostics can point at the user's file.
// Sorted accessors give generators a deterministic order.
package model

import (
	"sort"

	"github.com/avnet/avnet/internal/diag"
)

// Pos is re-exported so model users need not import diag for positions.
type Pos = diag.Pos

// Facility is a whole design.
type Facility struct {
	// Dir is the design directory as given by the user; Package its CUE package name.
	Dir     string `json:"-"`
	Package string `json:"-"`

	Info        FacilityInfo           `json:"facility"`
	Planes      []string               `json:"planes"`
	Rooms       map[string]*Room       `json:"rooms"`
	VLANs       map[string]*VLAN       `json:"vlans"`
	Routing     *Routing               `json:"routing,omitempty"`
	QoS         QoS                    `json:"qos"`
	PTP         map[string]*PTPDomain  `json:"ptp"`
	DeviceTypes map[string]*DeviceType `json:"deviceTypes"`
	Devices     map[string]*Device     `json:"devices"`
	Links       map[string]*Link       `json:"links"`
	Flows       map[string]*Flow       `json:"flows"`
	Users       map[string]*User       `json:"users"`
	Groups      map[string]*Group      `json:"groups"`
	Shares      map[string]*Share      `json:"shares"`
	Waivers     map[string]*Waiver     `json:"waivers"`
	Lab         *Lab                   `json:"lab,omitempty"`

	// Positions maps a CUE path ("devices.\"cam-1\".model") to where the
	// user wrote it. Filled by load; see PosOf.
	Positions map[string]Pos `json:"-"`
}

// PosOf returns where the value at path was written, falling back to the
// closest enclosing path the user wrote, so a diagnostic always points
// somewhere useful.
func (f *Facility) PosOf(path ...string) Pos {
	for n := len(path); n > 0; n-- {
		if p, ok := f.Positions[PathKey(path[:n]...)]; ok {
			return p
		}
	}
	return Pos{Filename: f.Dir}
}

// PathKey builds the key used by Positions: labels joined by dots, each
// label quoted when it is not a plain identifier.
func PathKey(labels ...string) string {
	var b []byte
	for i, l := range labels {
		if i > 0 {
			b = append(b, '.')
		}
		if isIdent(l) {
			b = append(b, l...)
		} else {
			b = append(b, '"')
			b = append(b, l...)
			b = append(b, '"')
		}
	}
	return string(b)
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || r == '$' || r == '#' && i == 0:
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case r >= '0' && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// SortedKeys returns the keys of any name-keyed map in order.
func SortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

type FacilityInfo struct {
	Name        string            `json:"name"`
	Language    string            `json:"language"`
	Site        string            `json:"site,omitempty"`
	Authors     []Author          `json:"authors,omitempty"`
	Session     string            `json:"session,omitempty"`
	Revisions   []Revision        `json:"revisions,omitempty"`
	Budget      *Budget           `json:"budget,omitempty"`
	Context     *Context          `json:"context,omitempty"`
	Planning    Planning          `json:"planning"`
	Rationale   map[string]string `json:"rationale,omitempty"`
	Services    Services          `json:"services"`
	Credentials *Credentials      `json:"credentials,omitempty"`
}

// Author is someone the dossier names on its cover.
type Author struct {
	Name string `json:"name"`
	// Role is "candidate", "tutor" or "organisation".
	Role string `json:"role"`
}

// Revision is one version of the dossier.
type Revision struct {
	Version string `json:"version"`
	// Date is "YYYY-MM-DD", as the design wrote it.
	Date    string `json:"date"`
	Summary string `json:"summary"`
}

// LastRevision returns the dossier's current version, nil when the design lists none.
func (i *FacilityInfo) LastRevision() *Revision {
	if len(i.Revisions) == 0 {
		return nil
	}
	return &i.Revisions[len(i.Revisions)-1]
}

// Services are the management-plane services devices use.
type Services struct {
	NTP    []string `json:"ntp,omitempty"`
	Syslog []string `json:"syslog,omitempty"`
	DNS    []string `json:"dns,omitempty"`
	Domain string   `json:"domain,omitempty"`
}

type Budget struct {
	Currency string                 `json:"currency"`
	Limit    float64                `json:"limit"`
	Items    map[string]*BudgetItem `json:"items,omitempty"`
}

type BudgetItem struct {
	Price    float64 `json:"price"`
	Quantity int     `json:"quantity"`
	Category string  `json:"category"`
}

type Context struct {
	Summary     string   `json:"summary,omitempty"`
	Client      string   `json:"client,omitempty"`
	Needs       []string `json:"needs,omitempty"`
	Constraints []string `json:"constraints,omitempty"`
	Scope       string   `json:"scope,omitempty"`
}

type Planning struct {
	LinkThreshold  float64 `json:"linkThreshold"`
	DanteThreshold float64 `json:"danteThreshold"`
}

type Room struct {
	Name        string `json:"-"`
	Description string `json:"description,omitempty"`
	Site        string `json:"site,omitempty"`
	Floor       string `json:"floor,omitempty"`
}

// Lab is how the design runs in containerlab (generators/clab).
type Lab struct {
	// Images by platform ("eos"…) and "endpoint".
	Images map[string]*LabImage `json:"images,omitempty"`
}

// LabImage overrides a platform's containerlab kind, image and port naming.
type LabImage struct {
	Kind       string         `json:"kind,omitempty"`
	Image      string         `json:"image,omitempty"`
	Interfaces *LabInterfaces `json:"interfaces,omitempty"`
}

// LabInterfaces names the image's eth<k> Pattern with {n} = k + First - 1.
type LabInterfaces struct {
	Pattern string `json:"pattern"`
	First   int    `json:"first"`
}
