package diagram

import (
	"fmt"
	"sort"
	"strings"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/model"
)

// The PTP diagram draws each domain's clock trees (one per plane: planes
// are separate networks) as the analysis derives them: the grandmaster
// elected by the best master clock algorithm at the top, then the
// boundary (or transparent, or PTP-unaware) switches, each edge labelled
// by the child's slave port, and below each switch the clocks that follow
// it, listed in one table rather than one node each. Standby grandmasters
// are drawn on their own, with their priorities.

func ptpDOT(f *model.Facility, facts *analysis.Facts, lang, title string) []byte {
	w := &dot{}
	header(w, "digraph", "ptp", title,
		a("rankdir", "TB"), a("splines", "spline"), af("nodesep", 0.2), af("ranksep", 0.45),
		a("newrank", "true"), a("outputorder", "edgesfirst"))
	w.defaults("node", a("shape", "plain"))
	w.defaults("edge", a("arrowhead", "none"))
	for di, dn := range model.SortedKeys(facts.PTP) {
		df := facts.PTP[dn]
		dom := df.Domain
		w.cluster(fmt.Sprintf("cluster_domain%d", di), ptpDomainLabel(dom, lang), "rounded", "#8d6e00")
		for ti, t := range sortTrees(f, df.Trees) {
			prefix := fmt.Sprintf("d%d_t%d_", di, ti)
			plane := treePlane(f, t)
			label := fmt.Sprintf("%s %d", term(lang, "ptp.tree"), ti+1)
			if plane != "" {
				label += " — " + term(lang, "plane") + " " + plane
			}
			col := planeColour(f, plane)
			if plane == "" {
				col = clockColour
			}
			w.cluster(fmt.Sprintf("cluster_d%d_t%d", di, ti), label, "rounded,dashed", col.stroke)
			ptpTree(w, f, dom, t, prefix, col, lang)
			w.close()
		}
		w.close()
	}
	ptpLegend(w, lang)
	w.close()
	return w.bytes()
}

func ptpDomainLabel(dom *model.PTPDomain, lang string) string {
	parts := []string{term(lang, "ptp.domain") + " " + dom.Name}
	if dom.Profile != "" {
		parts = append(parts, strings.ToUpper(strings.ReplaceAll(dom.Profile, "st", "ST ")))
	}
	parts = append(parts, fmt.Sprintf("domainNumber %d", dom.Domain))
	if dom.DelayMechanism != "" {
		parts = append(parts, dom.DelayMechanism)
	}
	if dom.Transport != "" {
		parts = append(parts, dom.Transport)
	}
	return strings.Join(parts, " · ")
}

// sortTrees orders a domain's trees by plane, in the design's plane
// order; trees of no plane come last, in the analysis's order.
func sortTrees(f *model.Facility, trees []*analysis.PTPTree) []*analysis.PTPTree {
	out := append([]*analysis.PTPTree(nil), trees...)
	rank := func(t *analysis.PTPTree) int {
		p := treePlane(f, t)
		for i, x := range f.Planes {
			if x == p {
				return i
			}
		}
		return len(f.Planes)
	}
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i]) < rank(out[j]) })
	return out
}

// treePlane is the plane of a tree's switches, "" when they have none or differ.
func treePlane(f *model.Facility, t *analysis.PTPTree) string {
	plane := ""
	for _, n := range model.SortedKeys(t.Nodes) {
		d := f.Devices[n]
		if d == nil || !d.IsSwitch() || d.Plane == "" {
			continue
		}
		if plane != "" && plane != d.Plane {
			return ""
		}
		plane = d.Plane
	}
	return plane
}

func ptpTree(w *dot, f *model.Facility, dom *model.PTPDomain, t *analysis.PTPTree, prefix string, col colour, lang string) {
	id := func(dev string) string { return prefix + dev }
	standby := map[string]bool{}
	for _, c := range t.Candidates {
		if c != t.Grandmaster {
			standby[c] = true
		}
	}
	// Clocks that follow each switch (or the grandmaster), listed together.
	followers := map[string][]string{}
	var orphans []string
	for _, n := range model.SortedKeys(t.Nodes) {
		node := t.Nodes[n]
		switch {
		case n == t.Grandmaster, standby[n]:
		case node.Role == "slave" && node.Parent != "":
			followers[node.Parent] = append(followers[node.Parent], n)
		case node.Parent == "" && t.Grandmaster != "":
			orphans = append(orphans, n)
		}
	}
	if t.Grandmaster == "" {
		orphans = model.SortedKeys(t.Nodes)
	}
	for _, n := range model.SortedKeys(t.Nodes) {
		node := t.Nodes[n]
		if t.Grandmaster != "" && node.Role == "slave" && !standby[n] {
			continue
		}
		if t.Grandmaster == "" {
			continue
		}
		w.node(id(n), ah("label", ptpNodeLabel(f, dom, node, standby[n], col, lang)))
	}
	for _, parent := range model.SortedKeys(followers) {
		fs := followers[parent]
		w.node(id(parent)+"/slaves", ah("label", slaveTable(t, fs, col, lang)))
		w.edge("->", id(parent), id(parent)+"/slaves", a("color", col.stroke), af("penwidth", 1.2))
	}
	for _, n := range model.SortedKeys(t.Nodes) {
		node := t.Nodes[n]
		if t.Grandmaster == "" || node.Parent == "" || (node.Role == "slave" && !standby[n]) {
			continue
		}
		w.line("%s -> %s:port:n%s;", q(id(node.Parent)), q(id(n)), attrList([]attr{a("color", col.stroke), af("penwidth", 2)}))
	}
	if len(orphans) > 0 {
		var b strings.Builder
		fmt.Fprintf(&b, `<TABLE BORDER="1" CELLBORDER="0" CELLPADDING="2" COLOR="%s"><TR><TD><B>%s</B></TD></TR>`, neutralColour.stroke, esc(term(lang, "ptp.noGM")))
		for _, o := range orphans {
			fmt.Fprintf(&b, `<TR><TD><FONT POINT-SIZE="%s">%s (%s)</FONT></TD></TR>`, fmtPt(cellFontSize), esc(o), esc(term(lang, "ptp."+t.Nodes[o].Role)))
		}
		b.WriteString("</TABLE>")
		w.node(prefix+"orphans", ah("label", b.String()))
	}
}

func ptpNodeLabel(f *model.Facility, dom *model.PTPDomain, node *analysis.PTPNode, standby bool, col colour, lang string) string {
	role := node.Role
	if standby {
		role = "standby"
	}
	fill := col.fill
	switch role {
	case "grandmaster", "standby":
		fill = clockColour.fill
	case "unaware":
		fill = "#eeeeee"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="1" CELLPADDING="2" COLOR="%s">`, neutralColour.stroke)
	if node.Parent != "" {
		port := node.Port.Interface
		if port == "" {
			port = "?"
		}
		fmt.Fprintf(&b, `<TR><TD PORT="port" BGCOLOR="%s"><FONT COLOR="%s" POINT-SIZE="%s">%s · %s %d</FONT></TD></TR>`,
			col.fill, col.stroke, fmtPt(cellFontSize), esc(port), esc(term(lang, "ptp.steps")), node.StepsRemoved)
	} else {
		b.WriteString(`<TR><TD PORT="port"></TD></TR>`)
	}
	detail := esc(term(lang, "ptp."+role))
	if gm := dom.Grandmasters[node.Device]; gm != nil {
		detail += fmt.Sprintf("<BR/>priority1 %d · priority2 %d · clockClass %d", gm.Priority1, gm.Priority2, gm.ClockClass)
	}
	fmt.Fprintf(&b, `<TR><TD BGCOLOR="%s"><B>%s</B><BR/><FONT POINT-SIZE="%s">%s</FONT></TD></TR>`, fill, esc(node.Device), fmtPt(cellFontSize), detail)
	b.WriteString("</TABLE>")
	return b.String()
}

// slaveTable lists the clocks that follow one parent, a few per row.
func slaveTable(t *analysis.PTPTree, devs []string, col colour, lang string) string {
	const perRow = 4
	cols := min(len(devs), perRow)
	var b strings.Builder
	fmt.Fprintf(&b, `<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2" COLOR="%s" STYLE="ROUNDED">`, col.stroke)
	word := term(lang, "ptp.slaves")
	if len(devs) == 1 {
		word = term(lang, "ptp.slave")
	}
	fmt.Fprintf(&b, `<TR><TD COLSPAN="%d" BGCOLOR="%s"><FONT POINT-SIZE="%s"><B>%d %s</B></FONT></TD></TR>`, cols, col.fill, fmtPt(cellFontSize), len(devs), esc(word))
	for i, d := range devs {
		if i%perRow == 0 {
			b.WriteString("<TR>")
		}
		fmt.Fprintf(&b, `<TD ALIGN="LEFT"><FONT POINT-SIZE="%s">%s</FONT></TD>`, fmtPt(cellFontSize), esc(d))
		if i%perRow == perRow-1 || i == len(devs)-1 {
			if i == len(devs)-1 && i%perRow != perRow-1 && len(devs) > perRow {
				fmt.Fprintf(&b, `<TD COLSPAN="%d"></TD>`, perRow-1-i%perRow)
			}
			b.WriteString("</TR>")
		}
	}
	b.WriteString("</TABLE>")
	return b.String()
}

func ptpLegend(w *dot, lang string) {
	var b strings.Builder
	fmt.Fprintf(&b, `<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2" COLOR="#9e9e9e"><TR><TD COLSPAN="2" ALIGN="LEFT"><B>%s</B></TD></TR>`, esc(term(lang, "legend")))
	for _, e := range []struct{ fill, key string }{
		{clockColour.fill, "ptp.grandmaster"}, {clockColour.fill, "ptp.standby"}, {palette[0].fill, "ptp.boundary"},
		{palette[0].fill, "ptp.transparent"}, {"#eeeeee", "ptp.unaware"},
	} {
		fmt.Fprintf(&b, `<TR><TD WIDTH="28" BGCOLOR="%s" BORDER="1" COLOR="%s"> </TD><TD ALIGN="LEFT"><FONT POINT-SIZE="%s">%s</FONT></TD></TR>`, e.fill, neutralColour.stroke, fmtPt(cellFontSize+1), esc(term(lang, e.key)))
	}
	fmt.Fprintf(&b, `<TR><TD WIDTH="28" BORDER="1" COLOR="%s" STYLE="ROUNDED"> </TD><TD ALIGN="LEFT"><FONT POINT-SIZE="%s">%s</FONT></TD></TR>`, neutralColour.stroke, fmtPt(cellFontSize+1), esc(term(lang, "ptp.slaves")))
	fmt.Fprintf(&b, `<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT POINT-SIZE="%s">%s</FONT></TD></TR>`, fmtPt(cellFontSize+1), esc(term(lang, "ptp.portNote")))
	b.WriteString("</TABLE>")
	w.node("legend", ah("label", b.String()))
}
