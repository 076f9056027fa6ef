package disjointpaths

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-RED-001.
var Rule = &rules.Rule{
	ID:       "AV-RED-001",
	Name:     "disjointpaths",
	Doc:      rules.ExtractDoc(doc, "disjointpaths"),
	Standard: "SMPTE ST 2022-7:2019 (seamless protection switching over independent paths)",
	Severity: diag.Error,
	Run:      run,
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	for _, name := range model.SortedKeys(pass.Facts.Flows) {
		ff := pass.Facts.Flows[name]
		if !ff.Flow.Redundant() || len(ff.Legs) < 2 {
			continue
		}
		for i, a := range ff.Legs {
			for _, b := range ff.Legs[i+1:] {
				check(pass, f, name, a, b)
			}
		}
	}
	return nil
}

func check(pass *rules.Pass, f *model.Facility, flow string, a, b *analysis.Leg) {
	la, lb := links(a), links(b)
	sa, sb := switches(f, a), switches(f, b)
	var shLinks, shSwitches []string
	for l := range la {
		if lb[l] != nil {
			shLinks = append(shLinks, l)
		}
	}
	for s := range sa {
		if sb[s] {
			shSwitches = append(shSwitches, s)
		}
	}
	if len(shLinks) == 0 && len(shSwitches) == 0 {
		return
	}
	sort.Strings(shLinks)
	sort.Strings(shSwitches)
	var parts []string
	var related []diag.Related
	if len(shSwitches) > 0 {
		parts = append(parts, fmt.Sprintf("%s %s", plural(len(shSwitches), "switch", "switches"), strings.Join(shSwitches, ", ")))
		for _, s := range shSwitches {
			related = append(related, diag.Related{Pos: f.PosOf("devices", s), Message: fmt.Sprintf("%s carries both legs", s)})
		}
	}
	if len(shLinks) > 0 {
		var ls []string
		for _, l := range shLinks {
			lk := la[l]
			ls = append(ls, fmt.Sprintf("%s (%s <-> %s)", l, lk.A, lk.B))
			related = append(related, diag.Related{Pos: f.PosOf("links", l), Message: fmt.Sprintf("link %s carries both legs", l)})
		}
		parts = append(parts, fmt.Sprintf("%s %s", plural(len(shLinks), "link", "links"), strings.Join(ls, ", ")))
	}
	pass.Report(diag.Diagnostic{
		Pos:     f.PosOf("flows", flow, "protection"),
		Subject: "flow " + flow,
		Message: fmt.Sprintf("the %s and %s legs of ST 2022-7 flow %s both cross %s: one failure there loses both copies, so the flow is not protected",
			planeName(a.Plane), planeName(b.Plane), flow, strings.Join(parts, " and ")),
		Related: related,
		Hint:    fmt.Sprintf("cable the %s and %s interfaces of the sender and receivers to separate switches of their own plane, and do not join the planes", planeName(a.Plane), planeName(b.Plane)),
	})
}

// links are the cables of a leg's multicast tree, by label.
func links(l *analysis.Leg) map[string]*model.Link {
	out := map[string]*model.Link{}
	for _, e := range l.Tree {
		out[e.Link.Label] = e.Link
	}
	return out
}

// switches are the forwarders on a leg's paths.
func switches(f *model.Facility, l *analysis.Leg) map[string]bool {
	out := map[string]bool{}
	for _, dl := range l.Deliveries {
		for _, e := range dl.Path {
			for _, d := range []string{e.From.Device, e.To.Device} {
				if dev := f.Devices[d]; dev != nil && (dev.Role == "switch" || dev.Role == "router" || dev.Role == "firewall") {
					out[d] = true
				}
			}
		}
	}
	return out
}

func planeName(p string) string {
	if p == "" {
		return "(single-plane)"
	}
	return p
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
