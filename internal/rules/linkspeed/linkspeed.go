package linkspeed

import (
	_ "embed"
	"fmt"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-L2-003.
var Rule = &rules.Rule{
	ID:       "AV-L2-003",
	Name:     "linkspeed",
	Doc:      rules.ExtractDoc(doc, "linkspeed"),
	Standard: "IEEE 802.3 (per-rate PHY clauses; clause 28/73 auto-negotiation)",
	Severity: diag.Error,
	Run:      run,
}

// limit is one thing that caps an end's speed.
type limit struct {
	speed string
	what  string // "sw-1:eth0 is a 1G port of nvidia-sn2010"
	pos   diag.Pos
	where string // related message
}

// end is what is known about one side of a link.
type end struct {
	name     string // "sw-1:eth0"
	limits   []limit
	declared *limit // the interface's own speed field, if any
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	for _, label := range model.SortedKeys(f.Links) {
		l := f.Links[label]
		rate := model.SpeedBps(l.Speed)
		if rate == 0 {
			continue
		}
		ends := []end{describe(f, l.A), describe(f, l.B)}

		// The lowest cap of both ends, and every cap below the link's rate.
		var low *limit
		var related []diag.Related
		for _, e := range ends {
			for i := range e.limits {
				lm := &e.limits[i]
				if model.SpeedBps(lm.speed) >= rate {
					continue
				}
				related = append(related, diag.Related{Pos: lm.pos, Message: lm.where})
				if low == nil || model.SpeedBps(lm.speed) < model.SpeedBps(low.speed) {
					low = lm
				}
			}
		}
		if low != nil {
			pass.Report(diag.Diagnostic{
				Pos:     f.PosOf("links", label, "speed"),
				Subject: "link " + label,
				Message: fmt.Sprintf("link runs at %s but %s", l.Speed, low.what),
				Related: related,
				Hint:    fmt.Sprintf("set speed: %q (the fastest both ends support), or connect the cable to a port that supports %s", low.speed, l.Speed),
			})
			continue
		}
		a, b := ends[0].declared, ends[1].declared
		if a != nil && b != nil && a.speed != b.speed {
			pass.Report(diag.Diagnostic{
				Pos:     f.PosOf("links", label),
				Subject: "link " + label,
				Message: fmt.Sprintf("the two ends disagree: %s is declared %s, %s is declared %s", ends[0].name, a.speed, ends[1].name, b.speed),
				Related: []diag.Related{{Pos: a.pos, Message: a.where}, {Pos: b.pos, Message: b.where}},
				Hint:    fmt.Sprintf("declare the same speed on both interfaces (the link runs at %s)", l.Speed),
			})
		}
	}
	return nil
}

// describe finds the limits on one "device:interface" end.
func describe(f *model.Facility, e string) end {
	dev, iface := model.SplitEnd(e)
	out := end{name: e}
	d := f.Devices[dev]
	if d == nil {
		return out // AV-REF-001
	}
	if t := f.DeviceTypes[d.Model]; t != nil {
		if p := t.Ports[iface]; p != nil && p.Speed != "" {
			out.limits = append(out.limits, limit{
				speed: p.Speed,
				what:  fmt.Sprintf("%s is a %s port (%s)", e, p.Speed, d.Model),
				pos:   f.PosOf("devices", dev, "model"),
				where: fmt.Sprintf("%s's model is %s: its port %s supports at most %s", dev, d.Model, iface, p.Speed),
			})
		}
	}
	if i := d.Interfaces[iface]; i != nil && i.Speed != "" {
		lm := limit{
			speed: i.Speed,
			what:  fmt.Sprintf("%s is declared %s", e, i.Speed),
			pos:   f.PosOf("devices", dev, "interfaces", iface, "speed"),
			where: fmt.Sprintf("%s's speed is declared %s here", e, i.Speed),
		}
		out.limits = append(out.limits, lm)
		out.declared = &lm
	}
	return out
}
