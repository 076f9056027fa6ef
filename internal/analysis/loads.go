package analysis

import (
	"sort"
	"strconv"

	"github.com/avnet/avnet/internal/model"
)

// LinkDir is one direction of a link: traffic leaving From.
type LinkDir struct {
	Label string
	From  Port
}

// Load is what crosses one link direction.
type Load struct {
	Link *model.Link
	From Port
	To   Port
	// Bps is the sum of the legs' planning wire rates (L1).
	Bps      float64
	Capacity float64
	// Legs crossing this direction, sorted by flow name then plane.
	Legs []LegRef
}

// LegRef names a flow leg.
type LegRef struct {
	Flow  string
	Plane string
	Bps   float64
}

// Percent is the load in percent of line rate; 0 when the speed is unknown.
func (l *Load) Percent() float64 {
	if l.Capacity == 0 {
		return 0
	}
	return 100 * l.Bps / l.Capacity
}

// HasEssence reports whether a leg of the given essence crosses this direction.
func (l *Load) HasEssence(f *model.Facility, essence string) bool {
	for _, r := range l.Legs {
		if fl := f.Flows[r.Flow]; fl != nil && fl.Essence == essence {
			return true
		}
	}
	return false
}

func (a *analyzer) loads() {
	for _, name := range model.SortedKeys(a.facts.Flows) {
		ff := a.facts.Flows[name]
		if ff.RateErr != nil {
			continue
		}
		untagged := ff.Rate.Bitrate.L1
		// Between two switches frames carry an 802.1Q tag: 4 more octets each.
		tagged := untagged + 4*8*ff.Rate.PacketsPerSecond
		for _, leg := range ff.Legs {
			for _, e := range leg.edges() {
				bps := untagged
				if a.topo.isForwarder(e.From.Device) && a.topo.isForwarder(e.To.Device) {
					bps = tagged
				}
				k := LinkDir{Label: e.Link.Label, From: e.From}
				ld := a.facts.Loads[k]
				if ld == nil {
					ld = &Load{Link: e.Link, From: e.From, To: e.To, Capacity: model.SpeedBps(e.Link.Speed)}
					a.facts.Loads[k] = ld
				}
				ld.Bps += bps
				ld.Legs = append(ld.Legs, LegRef{Flow: name, Plane: leg.Plane, Bps: bps})
			}
		}
	}
}

// edges lists the link directions a leg loads: the multicast tree once,
// or every delivery path for a unicast leg.
func (l *Leg) edges() []Edge {
	if !l.Unicast {
		return l.Tree
	}
	var out []Edge
	for _, d := range l.Deliveries {
		out = append(out, d.Path...)
	}
	return out
}

// LoadsSorted returns every loaded link direction, worst first (ties by label and direction).
func (f *Facts) LoadsSorted() []*Load {
	out := make([]*Load, 0, len(f.Loads))
	for _, l := range f.Loads {
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool {
		pi, pj := out[i].Percent(), out[j].Percent()
		if pi != pj {
			return pi > pj
		}
		if out[i].Link.Label != out[j].Link.Label {
			return out[i].Link.Label < out[j].Link.Label
		}
		return out[i].From.String() < out[j].From.String()
	})
	return out
}

// PortLoad returns the traffic leaving (tx) and entering (rx) a port.
func (f *Facts) PortLoad(p Port) (tx, rx *Load) {
	l := f.Topology.LinkAt[p]
	if l == nil {
		return nil, nil
	}
	tx = f.Loads[LinkDir{Label: l.Label, From: p}]
	rx = f.Loads[LinkDir{Label: l.Label, From: otherEnd(l, p)}]
	return tx, rx
}

// FormatBps prints a bit rate exactly enough for comparisons and reports.
func FormatBps(bps float64) string { return strconv.FormatFloat(bps, 'f', 0, 64) + " b/s" }
