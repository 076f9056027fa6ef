package ptpgrandmasters

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-PTP-003.
var Rule = &rules.Rule{
	ID:       "AV-PTP-003",
	Name:     "ptpgrandmasters",
	Doc:      rules.ExtractDoc(doc, "ptpgrandmasters"),
	Standard: "IEEE 1588-2008 §9.3 (best master clock algorithm, §9.3.4 dataset comparison)",
	Severity: diag.Warning,
	Run:      run,
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	for _, dn := range model.SortedKeys(f.PTP) {
		dom := f.PTP[dn]
		var gms []string
		for _, g := range model.SortedKeys(dom.Grandmasters) {
			if f.Devices[g] != nil {
				gms = append(gms, g)
			}
		}
		members := 0
		for _, name := range model.SortedKeys(f.Devices) {
			if d := f.Devices[name]; d.PTP != nil && d.PTP.Domain == dn && d.PTP.Mode != "none" {
				members++
			}
		}
		subject := "ptp " + dn
		switch {
		case len(gms) == 0 && members == 0:
			continue // declared but unused
		case len(gms) == 0:
			pass.Reportf(f.PosOf("ptp", dn, "grandmasters"), subject,
				fmt.Sprintf("declare two grandmasters under ptp.%s.grandmasters, with priority1 1 and 2", quote(dn)),
				"ptp %s has no grandmaster for its %d device(s): the best master clock algorithm elects whichever clock announces the best dataset, often a free-running camera or switch", dn, members)
			continue
		case len(gms) == 1:
			pass.Report(diag.Diagnostic{
				Pos:     f.PosOf("ptp", dn, "grandmasters"),
				Subject: subject, Entities: gms,
				Message: fmt.Sprintf("ptp %s has 1 grandmaster (%s): when it fails or loses its GNSS reference, its %d device(s) free-run or elect a lesser clock", dn, gms[0], members),
				Related: []diag.Related{{Pos: f.PosOf("devices", gms[0]), Message: gms[0] + " is declared here"}},
				Hint:    fmt.Sprintf("add a second grandmaster with priority1 above %s's %d (the backup), on its own power and antenna", gms[0], dom.Grandmasters[gms[0]].Priority1),
			})
			continue
		}
		reach := map[string]map[string]bool{}
		for _, g := range gms {
			reach[g] = reachable(pass, g)
		}
		reportLone(pass, dn, gms, reach)
		reportTies(pass, dn, dom, gms, reach)
	}
	return nil
}

// reachable returns the devices PTP messages from gm reach: through
// switches, not through endpoints, routers or firewalls (PTP multicast is
// not routed).
func reachable(pass *rules.Pass, gm string) map[string]bool {
	seen := map[string]bool{gm: true}
	queue := []string{gm}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if cur != gm && !pass.Facts.Topology.IsSwitch(cur) {
			continue
		}
		for _, e := range pass.Facts.Topology.Adj[cur] {
			if n := e.To.Device; !seen[n] {
				seen[n] = true
				queue = append(queue, n)
			}
		}
	}
	return seen
}

// reportLone warns about the domain's devices that only one grandmaster reaches.
func reportLone(pass *rules.Pass, dn string, gms []string, reach map[string]map[string]bool) {
	f := pass.Facility
	lone := map[string][]string{}
	isGM := map[string]bool{}
	for _, g := range gms {
		isGM[g] = true
	}
	for _, name := range model.SortedKeys(f.Devices) {
		d := f.Devices[name]
		if isGM[name] || d.PTP == nil || d.PTP.Domain != dn || d.PTP.Mode == "none" {
			continue
		}
		var by []string
		for _, g := range gms {
			if reach[g][name] {
				by = append(by, g)
			}
		}
		if len(by) == 1 {
			lone[by[0]] = append(lone[by[0]], name)
		}
	}
	for _, gm := range gms {
		devs := lone[gm]
		if len(devs) == 0 {
			continue
		}
		planes := map[string]bool{}
		for _, n := range devs {
			if p := f.Devices[n].Plane; p != "" {
				planes[p] = true
			}
		}
		where := ""
		if len(planes) == 1 {
			for p := range planes {
				where = " on plane " + p
			}
		}
		var others []string
		for _, g := range gms {
			if g != gm {
				others = append(others, g)
			}
		}
		pass.Report(diag.Diagnostic{
			Pos:     f.PosOf("ptp", dn, "grandmasters", gm),
			Subject: "ptp " + dn, Entities: gms,
			Message: fmt.Sprintf("only grandmaster %s of ptp %s reaches %d device(s)%s (%s); %s cannot reach them, so when %s fails they lose their master",
				gm, dn, len(devs), where, list(devs, 4), strings.Join(others, ", "), gm),
			Hint: fmt.Sprintf("cable %s into that part of the network too (a grandmaster with a port on each plane serves both), or add a grandmaster there", strings.Join(others, " or ")),
		})
	}
}

// reportTies warns about grandmasters that compete for the same devices
// with the same priority1.
func reportTies(pass *rules.Pass, dn string, dom *model.PTPDomain, gms []string, reach map[string]map[string]bool) {
	f := pass.Facility
	compete := func(a, b string) bool {
		if reach[a][b] {
			return true
		}
		for n := range reach[a] {
			if n != a && reach[b][n] {
				return true
			}
		}
		return false
	}
	for j, g := range gms {
		for _, first := range gms[:j] {
			a, b := dom.Grandmasters[first], dom.Grandmasters[g]
			if a.Priority1 != b.Priority1 || !compete(first, g) {
				continue
			}
			p := a.Priority1
			tail := "the best master clock algorithm then compares clockClass, accuracy, variance and priority2"
			if a.ClockClass == b.ClockClass && a.Priority2 == b.Priority2 {
				tail = fmt.Sprintf("with clockClass %d and priority2 %d equal too, the clock identities (MAC addresses) decide which one leads", a.ClockClass, a.Priority2)
			}
			pass.Report(diag.Diagnostic{
				Pos:     f.PosOf("ptp", dn, "grandmasters", g, "priority1"),
				Subject: "ptp " + dn, Entities: []string{first, g},
				Message: fmt.Sprintf("grandmasters %s and %s of ptp %s share priority1 %d: %s", first, g, dn, p, tail),
				Related: []diag.Related{{Pos: f.PosOf("ptp", dn, "grandmasters", first, "priority1"), Message: fmt.Sprintf("%s's priority1 is %d here", first, a.Priority1)}},
				Hint:    fmt.Sprintf("give the primary the lowest priority1 and the backup the next (e.g. %s: priority1 %d, %s: priority1 %d)", first, max(p-1, 0), g, p),
			})
			break
		}
	}
}

func list(xs []string, n int) string {
	if len(xs) <= n {
		return strings.Join(xs, ", ")
	}
	return strings.Join(xs[:n], ", ") + fmt.Sprintf(", … %d more", len(xs)-n)
}

func quote(s string) string {
	if model.PathKey(s) == s {
		return s
	}
	return fmt.Sprintf("%q", s)
}
