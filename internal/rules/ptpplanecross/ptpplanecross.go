package ptpplanecross

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

// Rule is AV-PTP-005.
var Rule = &rules.Rule{
	ID:       "AV-PTP-005",
	Name:     "ptpplanecross",
	Doc:      rules.ExtractDoc(doc, "ptpplanecross"),
	Standard: "SMPTE ST 2022-7:2019 §5; JT-NM TR-1001-1:2020 (separate networks)",
	Severity: diag.Error,
	Run:      run,
}

// crossing is one place where PTP joins the planes.
type crossing struct {
	kind    string // "link", "bridge", "mixed"
	key     string // link label or device name
	planes  []string
	via     []string // neighbours or VLANs that show the crossing
	domains []string
	gm      string
}

type checker struct {
	pass *rules.Pass
	f    *model.Facility
	topo *analysis.Topology
	// vlanPlanes caches the planes a switch's endpoint ports carry.
	vlanPlanes map[string]map[string][]string
}

func run(pass *rules.Pass) error {
	c := &checker{pass: pass, f: pass.Facility, topo: pass.Facts.Topology, vlanPlanes: map[string]map[string][]string{}}
	if len(c.f.Planes) < 2 && !c.anyTwoPlanes() {
		return nil
	}
	found := map[string]*crossing{}
	var order []string
	add := func(cr *crossing, dn string) {
		id := cr.kind + "\x00" + cr.key
		if prev := found[id]; prev != nil {
			if prev.domains[len(prev.domains)-1] != dn {
				prev.domains = append(prev.domains, dn)
			}
			return
		}
		cr.domains = []string{dn}
		found[id] = cr
		order = append(order, id)
	}
	for _, dn := range model.SortedKeys(pass.Facts.PTP) {
		for _, t := range pass.Facts.PTP[dn].Trees {
			for _, cr := range c.tree(t) {
				add(cr, dn)
			}
		}
	}
	for _, id := range order {
		c.report(found[id])
	}
	return nil
}

// anyTwoPlanes reports whether the design uses two planes somewhere, even
// without listing them in `planes`.
func (c *checker) anyTwoPlanes() bool {
	seen := map[string]bool{}
	for _, v := range c.f.VLANs {
		if v.Plane != "" {
			seen[v.Plane] = true
		}
	}
	for _, d := range c.f.Devices {
		if d.Plane != "" {
			seen[d.Plane] = true
		}
	}
	return len(seen) >= 2
}

// forwards reports whether PTP crosses the device from link to link:
// switches do; routers and firewalls route, and PTP multicast is not routed.
func (c *checker) forwards(name string) bool { return c.topo.IsSwitch(name) }

// endpointPlanes returns plane -> VLANs (or interface names) seen on the
// device's links to endpoints.
func (c *checker) endpointPlanes(dev string) map[string][]string {
	if m, ok := c.vlanPlanes[dev]; ok {
		return m
	}
	m := map[string][]string{}
	for _, e := range c.topo.Adj[dev] {
		od := c.f.Devices[e.To.Device]
		if od == nil || c.topo.IsSwitch(e.To.Device) {
			continue
		}
		in := od.Interfaces[e.To.Interface]
		if in == nil {
			continue
		}
		if in.Plane != "" {
			m[in.Plane] = appendOnce(m[in.Plane], e.To.String())
			continue
		}
		for _, vn := range in.AllVLANs() {
			if v := c.f.VLANs[vn]; v != nil && v.Plane != "" {
				m[v.Plane] = appendOnce(m[v.Plane], "vlan "+vn)
			}
		}
	}
	c.vlanPlanes[dev] = m
	return m
}

// planeOf is a forwarder's plane: declared, or derived from the VLANs of
// its endpoint ports when they all belong to one plane.
func (c *checker) planeOf(dev string) string {
	d := c.f.Devices[dev]
	if d == nil {
		return ""
	}
	if d.Plane != "" {
		return d.Plane
	}
	if !c.topo.IsSwitch(dev) {
		return ""
	}
	m := c.endpointPlanes(dev)
	if len(m) == 1 {
		for p := range m {
			return p
		}
	}
	return ""
}

func (c *checker) tree(t *analysis.PTPTree) []*crossing {
	var out []*crossing
	inTree := map[string]bool{}
	for _, n := range model.SortedKeys(t.Nodes) {
		if c.forwards(n) {
			inTree[n] = true
		}
	}
	// A switch that serves both planes on its own endpoint ports.
	for _, n := range model.SortedKeys(inTree) {
		if c.f.Devices[n].Plane != "" {
			continue
		}
		m := c.endpointPlanes(n)
		if len(m) < 2 {
			continue
		}
		planes := model.SortedKeys(m)
		var via []string
		for _, p := range planes {
			via = append(via, fmt.Sprintf("%s: %s", p, strings.Join(m[p], ", ")))
		}
		out = append(out, &crossing{kind: "mixed", key: n, planes: planes, via: via, gm: t.Grandmaster})
	}
	// Links between forwarders of different planes, and plane-less
	// forwarders between planes.
	for _, n := range model.SortedKeys(inTree) {
		pn := c.planeOf(n)
		neighbourPlanes := map[string][]string{}
		for _, e := range c.topo.Adj[n] {
			o := e.To.Device
			if !inTree[o] {
				continue
			}
			po := c.planeOf(o)
			if po != "" {
				neighbourPlanes[po] = appendOnce(neighbourPlanes[po], o)
			}
			if pn != "" && po != "" && pn != po && n < o {
				out = append(out, &crossing{kind: "link", key: e.Link.Label, planes: []string{pn, po},
					via: []string{e.From.String(), e.To.String()}, gm: t.Grandmaster})
			}
		}
		if pn == "" && len(neighbourPlanes) >= 2 && len(c.endpointPlanes(n)) < 2 {
			planes := model.SortedKeys(neighbourPlanes)
			var via []string
			for _, p := range planes {
				via = append(via, fmt.Sprintf("%s: %s", p, strings.Join(neighbourPlanes[p], ", ")))
			}
			out = append(out, &crossing{kind: "bridge", key: n, planes: planes, via: via, gm: t.Grandmaster})
		}
	}
	return out
}

func (c *checker) report(cr *crossing) {
	f := c.f
	doms := "ptp " + strings.Join(cr.domains, ", ptp ")
	effect := "a grandmaster failure, a rogue master or a loop on one plane re-times the other, and both legs of every ST 2022-7 flow fail together"
	if cr.gm != "" {
		effect = fmt.Sprintf("one clock tree (grandmaster %s) now times both planes: %s", cr.gm, effect)
	}
	switch cr.kind {
	case "link":
		l := f.Links[cr.key]
		c.pass.Report(diag.Diagnostic{
			Pos:     f.PosOf("links", cr.key),
			Subject: "link " + cr.key,
			Message: fmt.Sprintf("link %s %s -> %s joins plane %s to plane %s inside the clock tree of %s: %s",
				cr.key, cr.via[0], cr.via[1], cr.planes[0], cr.planes[1], doms, effect),
			Related: []diag.Related{
				{Pos: f.PosOf("devices", devOf(cr.via[0]), "plane"), Message: fmt.Sprintf("%s is on plane %s", devOf(cr.via[0]), cr.planes[0])},
				{Pos: f.PosOf("devices", devOf(cr.via[1]), "plane"), Message: fmt.Sprintf("%s is on plane %s", devOf(cr.via[1]), cr.planes[1])},
			},
			Hint: fmt.Sprintf("remove link %s, or carry only non-media VLANs on it (vlans: [...]) and disable PTP on both of its ports (%s %s)", cr.key, l.A, l.B),
		})
	case "bridge":
		c.pass.Report(diag.Diagnostic{
			Pos:     f.PosOf("devices", cr.key),
			Subject: "device " + cr.key,
			Message: fmt.Sprintf("%s has no plane and links the planes of %s (%s): it carries %s from one plane to the other; %s",
				cr.key, strings.Join(cr.planes, " and "), strings.Join(cr.via, "; "), doms, effect),
			Hint: fmt.Sprintf("give each plane its own switches: split %s into one switch per plane, or disable PTP towards one of the planes", cr.key),
		})
	case "mixed":
		c.pass.Report(diag.Diagnostic{
			Pos:     f.PosOf("devices", cr.key),
			Subject: "device " + cr.key,
			Message: fmt.Sprintf("switch %s serves both planes (%s) and is in the clock tree of %s: %s",
				cr.key, strings.Join(cr.via, "; "), doms, effect),
			Hint: fmt.Sprintf("cable each plane to its own switch, or set devices.%s.plane and move the other plane's ports away", quote(cr.key)),
		})
	}
}

func devOf(port string) string {
	d, _ := model.SplitEnd(port)
	return d
}

func appendOnce(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	xs = append(xs, x)
	sort.Strings(xs)
	return xs
}

func quote(s string) string {
	if model.PathKey(s) == s {
		return s
	}
	return fmt.Sprintf("%q", s)
}
