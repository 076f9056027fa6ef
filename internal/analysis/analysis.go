// Package analysis derives facts from a design once, for rules and
// generators to share: the cabling graph, the bit rate and path of every
// flow leg with multicast replication, the load of every link direction,
// and the PTP clock tree of every domain.
//
// Everything here is deterministic: maps are walked in sorted order and
// ties are broken by name, so the same design always gives the same facts.
package analysis

import (
	"github.com/avnet/avnet/internal/model"
)

// Facts is everything derived from a Facility.
type Facts struct {
	Facility *model.Facility
	Topology *Topology
	Flows    map[string]*FlowFacts
	// Loads per link direction; see LoadsSorted for a deterministic order.
	Loads map[LinkDir]*Load
	PTP   map[string]*PTPDomainFacts
}

type analyzer struct {
	f     *model.Facility
	topo  *Topology
	facts *Facts
	// searches caches path searches by first hop (see search).
	searches map[searchKey]*shortest
	// mediaVLANs are the media VLANs in name order; carries caches
	// carriesMedia by link.
	mediaVLANs []string
	carries    map[*model.Link]bool
}

// Analyze computes the facts of f.
func Analyze(f *model.Facility) *Facts {
	a := &analyzer{f: f, topo: newTopology(f)}
	a.facts = &Facts{Facility: f, Topology: a.topo, Flows: map[string]*FlowFacts{}, Loads: map[LinkDir]*Load{}, PTP: map[string]*PTPDomainFacts{}}
	a.flows()
	a.loads()
	a.ptp()
	return a.facts
}
