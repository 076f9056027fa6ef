package diagram

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/model"
)

// The physical topology draws every device in its room and every cable.
//
// A facility is a few switches cabled to many endpoints spread over many
// rooms; drawn as such, every cable crosses the page and the drawing is
// either unreadable or ten pages wide. So the drawing has two parts:
//
//   - the network core (switches, routers, firewalls), boxed by room and
//     plane, with the cables between network devices;
//   - the rooms below, each boxed with its endpoints. Each switch that
//     serves a room has a connector in it, a small tag in the plane's
//     colour, joined to the switch by one bundle line; each cable runs
//     from its endpoint to that connector, inside the room.
//
// A cable's label and speed are a cell of its endpoint's table (for a
// cable between network devices, of its lower end), where the cable is
// plugged: labels never overlap and sit next to the port they describe.

// linkKind says how a cable is drawn.
type linkKind int

const (
	coreLink   linkKind = iota // between two network devices, in the core
	stubLink                   // network device to endpoint, through a connector
	directLink                 // between two endpoints (a point-to-point circuit)
)

// physLink is a cable placed in the drawing.
type physLink struct {
	l    *model.Link
	kind linkKind
	// parent is the upper end (the switch of an endpoint, the spine of a
	// leaf); child holds the label cell.
	parent, child analysis.Port
	plane         string
	mgmt          bool
	// top: the parent is drawn above the child (always, except for the
	// management cables of the core, whose parent is drawn below).
	top  bool
	cell string // the child's table cell for this cable ("c3")
}

// physical is the physical topology, or with load set the load map.
type physical struct {
	f      *model.Facility
	facts  *analysis.Facts
	lang   string
	links  []*physLink
	byDev  map[string][]*physLink // cables whose label cell the device holds
	load   bool
	thresh float64
}

func newPhysical(f *model.Facility, facts *analysis.Facts, lang string, load bool) *physical {
	p := &physical{f: f, facts: facts, lang: lang, byDev: map[string][]*physLink{}, load: load, thresh: f.Info.Planning.LinkThreshold}
	if p.thresh <= 0 {
		p.thresh = 90
	}
	// A network device's "height": how many network devices it reaches
	// over data cables; a spine reaches more than a leaf.
	netNeighbours := map[string]map[string]bool{}
	degree := map[string]int{}
	for _, label := range model.SortedKeys(f.Links) {
		l := f.Links[label]
		a, b := analysis.ParsePort(l.A), analysis.ParsePort(l.B)
		degree[a.Device]++
		degree[b.Device]++
		if isMgmtLink(f, facts, l) || !p.isNet(a.Device) || !p.isNet(b.Device) {
			continue
		}
		for _, x := range [][2]string{{a.Device, b.Device}, {b.Device, a.Device}} {
			if netNeighbours[x[0]] == nil {
				netNeighbours[x[0]] = map[string]bool{}
			}
			netNeighbours[x[0]][x[1]] = true
		}
	}
	for _, label := range model.SortedKeys(f.Links) {
		l := f.Links[label]
		pl := &physLink{l: l, plane: linkPlane(f, l), mgmt: isMgmtLink(f, facts, l)}
		a, b := analysis.ParsePort(l.A), analysis.ParsePort(l.B)
		pl.parent, pl.child = a, b
		na, nb := p.isNet(a.Device), p.isNet(b.Device)
		swap := false
		switch {
		case na != nb:
			pl.kind = stubLink
			swap = nb
		case na && pl.mgmt && p.isMgmtPort(a) != p.isMgmtPort(b):
			// The device whose management port it is hangs below.
			swap = p.isMgmtPort(a)
		case na && p.isSwitch(a.Device) != p.isSwitch(b.Device):
			// A firewall or router hangs below its switch.
			swap = p.isSwitch(b.Device)
		case na:
			ca, cb := len(netNeighbours[a.Device]), len(netNeighbours[b.Device])
			swap = cb > ca || (cb == ca && b.Device < a.Device)
		default:
			pl.kind = directLink
			da, db := degree[a.Device], degree[b.Device]
			swap = db > da || (db == da && b.Device < a.Device)
		}
		if swap {
			pl.parent, pl.child = b, a
		}
		// Management cables of the core hang below (toward the management
		// switch); everything else rises to its parent.
		pl.top = pl.kind != coreLink || !pl.mgmt
		pl.cell = fmt.Sprintf("c%d", len(p.byDev[pl.child.Device]))
		p.links = append(p.links, pl)
		p.byDev[pl.child.Device] = append(p.byDev[pl.child.Device], pl)
	}
	return p
}

func (p *physical) isSwitch(dev string) bool {
	d := p.f.Devices[dev]
	return d != nil && d.IsSwitch()
}

func (p *physical) isNet(dev string) bool {
	d := p.f.Devices[dev]
	return d != nil && isNetwork(d)
}

// isNetwork reports whether a device belongs to the network core:
// switches, routers and firewalls.
func isNetwork(d *model.Device) bool {
	switch d.Role {
	case "switch", "router", "firewall":
		return true
	}
	return false
}

func (p *physical) isMgmtPort(pt analysis.Port) bool {
	d := p.f.Devices[pt.Device]
	if d == nil {
		return false
	}
	if d.Mgmt != nil && d.Mgmt.Interface == pt.Interface {
		return true
	}
	if dt := p.f.DeviceTypes[d.Model]; dt != nil {
		if port := dt.Ports[pt.Interface]; port != nil && port.MgmtOnly {
			return true
		}
	}
	return false
}

// worst returns the busiest direction of a cable, nil when no flow crosses it.
func (p *physical) worst(l *model.Link) *analysis.Load {
	var w *analysis.Load
	for _, end := range []string{l.A, l.B} {
		ld := p.facts.Loads[analysis.LinkDir{Label: l.Label, From: analysis.ParsePort(end)}]
		if ld != nil && (w == nil || ld.Percent() > w.Percent()) {
			w = ld
		}
	}
	return w
}

var loadColours = map[string]colour{
	"load.none": {"#a0a0a0", "#f4f4f4"},
	"load.low":  {"#2e7d32", "#e6f4e7"},
	"load.mid":  {"#d98200", "#fff1d6"},
	"load.high": {"#c62828", "#fde4e4"},
}

// loadLevel classes a load: none, under 50 %, up to the planning
// threshold, beyond it.
func (p *physical) loadLevel(ld *analysis.Load) string {
	switch {
	case ld == nil || ld.Bps == 0:
		return "load.none"
	case ld.Percent() < 50:
		return "load.low"
	case ld.Percent() < p.thresh:
		return "load.mid"
	}
	return "load.high"
}

// percent prints a load: one decimal under 10 %, none above; in French
// with a decimal comma and a space before the sign.
func percent(v float64, lang string) string {
	var s string
	if v < 9.95 {
		s = fmt.Sprintf("%.1f", v)
	} else {
		s = fmt.Sprintf("%.0f", math.Round(v))
	}
	if lang == "en" {
		return s + "%"
	}
	return strings.ReplaceAll(s, ".", ",") + " %"
}

func (p *physical) linkColour(pl *physLink) colour {
	if p.load {
		return loadColours[p.loadLevel(p.worst(pl.l))]
	}
	if pl.mgmt {
		return mgmtColour
	}
	return planeColour(p.f, pl.plane)
}

// cellLines is what a cable's cell says: its label, its speed and on the
// load map the busiest direction's load.
func (p *physical) cellLines(pl *physLink) []string {
	lines := []string{pl.l.Label, pl.l.Speed}
	if p.load {
		if ld := p.worst(pl.l); ld != nil && ld.Bps > 0 {
			lines[1] += " · " + percent(ld.Percent(), p.lang)
		}
	}
	return lines
}

// nodeLabel is a device's table: its name and role, and a cell per cable
// it holds the label of, above (cables rising to their switch) or below.
func (p *physical) nodeLabel(d *model.Device) string {
	var top, bottom []*physLink
	for _, pl := range p.cellOrder(d.Name) {
		if pl.top {
			top = append(top, pl)
		} else {
			bottom = append(bottom, pl)
		}
	}
	cols := lcm(max(len(top), 1), max(len(bottom), 1))
	fill, rounded := roleStyle(p.f, d)
	style := ""
	if rounded {
		style = ` STYLE="ROUNDED"`
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="1" CELLPADDING="2" COLOR="%s"%s>`, neutralColour.stroke, style)
	row := func(pls []*physLink) {
		if len(pls) == 0 {
			return
		}
		b.WriteString("<TR>")
		span := cols / len(pls)
		for _, pl := range pls {
			c := p.linkColour(pl)
			lines := p.cellLines(pl)
			fmt.Fprintf(&b, `<TD PORT="%s" COLSPAN="%d" BGCOLOR="%s"><FONT COLOR="%s" POINT-SIZE="%s"><B>%s</B><BR/>%s</FONT></TD>`,
				pl.cell, span, c.fill, c.stroke, fmtPt(cellFontSize), esc(lines[0]), esc(lines[1]))
		}
		b.WriteString("</TR>")
	}
	row(top)
	name := d.Name
	if d.Quantity > 1 {
		name += fmt.Sprintf(" ×%d", d.Quantity)
	}
	fmt.Fprintf(&b, `<TR><TD COLSPAN="%d" BGCOLOR="%s"><B>%s</B><BR/><FONT POINT-SIZE="%s">%s</FONT></TD></TR>`,
		cols, fill, esc(name), fmtPt(cellFontSize), esc(term(p.lang, "role."+d.Role)))
	row(bottom)
	b.WriteString("</TABLE>")
	return b.String()
}

// cellOrder lists a device's cells: the planes in the design's order,
// then the IT network, then management, by label within each.
func (p *physical) cellOrder(dev string) []*physLink {
	out := append([]*physLink(nil), p.byDev[dev]...)
	rank := func(pl *physLink) int {
		if pl.mgmt {
			return len(p.f.Planes) + 1
		}
		for i, x := range p.f.Planes {
			if x == pl.plane {
				return i
			}
		}
		return len(p.f.Planes)
	}
	sort.SliceStable(out, func(i, j int) bool {
		ri, rj := rank(out[i]), rank(out[j])
		if ri != rj {
			return ri < rj
		}
		return out[i].l.Label < out[j].l.Label
	})
	return out
}

// cellFontSize is the size of cable cells and role lines.
const cellFontSize = 9

func fmtPt(v float64) string { return strings.TrimSuffix(fmt.Sprintf("%.1f", v), ".0") }

func lcm(a, b int) int {
	g, x := a, b
	for x != 0 {
		g, x = x, g%x
	}
	return a / g * b
}

// roomLabel names a room box: its name and the start of its description.
func roomLabel(f *model.Facility, room string) string {
	r := f.Rooms[room]
	if r == nil || r.Description == "" {
		return room
	}
	d := r.Description
	if i := strings.IndexAny(d, ":(,;"); i > 0 {
		d = d[:i]
	}
	d = strings.TrimSpace(d)
	if n := []rune(d); len(n) > 34 {
		d = string(n[:33]) + "…"
	}
	return room + " — " + d
}

// rooms lists the rooms in name order with their devices, sorted;
// devices without a known room come last under "".
func rooms(f *model.Facility) ([]string, map[string][]string) {
	members := map[string][]string{}
	for _, name := range model.SortedKeys(f.Devices) {
		room := f.Devices[name].Room
		if f.Rooms[room] == nil {
			room = ""
		}
		members[room] = append(members[room], name)
	}
	var order []string
	for _, r := range model.SortedKeys(f.Rooms) {
		if len(members[r]) > 0 {
			order = append(order, r)
		}
	}
	if len(members[""]) > 0 {
		order = append(order, "")
	}
	return order, members
}

// devicePlane is a network device's plane: its own, else the plane all
// its data cables share; "" for the IT network.
func (p *physical) devicePlane(d *model.Device) string {
	if d.Plane != "" {
		return d.Plane
	}
	plane := ""
	for _, pl := range p.links {
		if pl.mgmt || (pl.parent.Device != d.Name && pl.child.Device != d.Name) {
			continue
		}
		if pl.plane == "" || (plane != "" && pl.plane != plane) {
			return ""
		}
		plane = pl.plane
	}
	return plane
}

// netBox is a cluster of the core: a room's network devices on one plane.
type netBox struct {
	label   string
	devices []string
}

// roomBox is a room's endpoints and the connectors of the switches that
// serve them, laid out in rows.
type roomBox struct {
	room       string
	label      string
	devices    []string
	connectors []string // network devices with a stub into the room
	cols, rows int
	cables     int
	w, h       float64 // estimated size in points
	shelf      int
}

func (p *physical) netBoxes() []*netBox {
	order, members := rooms(p.f)
	var out []*netBox
	for _, room := range order {
		byPlane := map[string][]string{}
		for _, dev := range members[room] {
			if d := p.f.Devices[dev]; isNetwork(d) {
				pl := p.devicePlane(d)
				byPlane[pl] = append(byPlane[pl], dev)
			}
		}
		// Planes in the design's order, then the IT network.
		var planes []string
		for _, pl := range p.f.Planes {
			if byPlane[pl] != nil {
				planes = append(planes, pl)
			}
		}
		for _, pl := range model.SortedKeys(byPlane) {
			if pl != "" && !contains(planes, pl) {
				planes = append(planes, pl)
			}
		}
		if byPlane[""] != nil {
			planes = append(planes, "")
		}
		for _, pl := range planes {
			label := room + " — " + term(p.lang, "group.itnetwork")
			if pl != "" {
				label = room + " — " + term(p.lang, "group.network") + " " + term(p.lang, "plane") + " " + pl
			} else if len(planes) == 1 {
				label = room + " — " + term(p.lang, "group.network")
			}
			if room == "" {
				label = ""
			}
			out = append(out, &netBox{label: label, devices: byPlane[pl]})
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// estimated sizes, in points, of what Graphviz will draw.
func textWidth(s string, size float64, bold bool) float64 {
	k := 0.55
	if bold {
		k = 0.6
	}
	return k * size * float64(len([]rune(s)))
}

func (p *physical) nodeWidth(dev string) float64 {
	d := p.f.Devices[dev]
	w := max(textWidth(dev, fontSize, true), textWidth(term(p.lang, "role."+d.Role), cellFontSize, false))
	cells := 0.0
	for _, pl := range p.byDev[dev] {
		lines := p.cellLines(pl)
		cells += max(textWidth(lines[0], cellFontSize, true), textWidth(lines[1], cellFontSize, false)) + 6
	}
	return max(w, cells) + 10
}

func (p *physical) roomBoxes() []*roomBox {
	order, members := rooms(p.f)
	var out []*roomBox
	for _, room := range order {
		rb := &roomBox{room: room, label: roomLabel(p.f, room)}
		conn := map[string]bool{}
		for _, dev := range members[room] {
			if isNetwork(p.f.Devices[dev]) {
				continue
			}
			rb.devices = append(rb.devices, dev)
			for _, pl := range p.byDev[dev] {
				if pl.kind == stubLink {
					conn[pl.parent.Device] = true
				}
				rb.cables++
			}
		}
		if len(rb.devices) == 0 {
			continue
		}
		rb.connectors = p.sortConnectors(sortedStrings(conn))
		n := len(rb.devices)
		// About 3 columns for 2 rows: a room reads as a landscape block.
		rb.cols = int(math.Ceil(math.Sqrt(float64(n) * 1.6)))
		rb.cols = min(max(rb.cols, 1), n)
		rb.rows = (n + rb.cols - 1) / rb.cols
		rb.cols = (n + rb.rows - 1) / rb.rows
		widest := 0.0
		for _, d := range rb.devices {
			widest = max(widest, p.nodeWidth(d))
		}
		rb.w = max(float64(rb.cols)*(widest+12)+16, textWidth(rb.label, clusterSize, true)+16)
		rb.h = float64(rb.rows)*62 + 60
		out = append(out, rb)
	}
	return out
}

// sortConnectors orders connectors: planes in the design's order, then the
// IT network, then management, by name within each.
func (p *physical) sortConnectors(devs []string) []string {
	rank := func(dev string) int {
		d := p.f.Devices[dev]
		pl := p.devicePlane(d)
		for i, x := range p.f.Planes {
			if x == pl {
				return i
			}
		}
		if d.Role == "switch" && d.Mgmt != nil && p.mgmtOnly(dev) {
			return len(p.f.Planes) + 1
		}
		return len(p.f.Planes)
	}
	sort.SliceStable(devs, func(i, j int) bool {
		ri, rj := rank(devs[i]), rank(devs[j])
		if ri != rj {
			return ri < rj
		}
		return devs[i] < devs[j]
	})
	return devs
}

// mgmtOnly reports whether every cable of a device is a management cable
// (an out-of-band management switch).
func (p *physical) mgmtOnly(dev string) bool {
	n := 0
	for _, pl := range p.links {
		if pl.parent.Device == dev || pl.child.Device == dev {
			if !pl.mgmt {
				return false
			}
			n++
		}
	}
	return n > 0
}

// shelfGuess is the number of shelves that should make the drawing about
// as wide as an A4 landscape page for its height, from estimated sizes;
// Render tries it and its neighbours with the real layout.
func (p *physical) shelfGuess() int {
	boxes := p.roomBoxes()
	if len(boxes) == 0 {
		return 0
	}
	area, widest, total := 0.0, 0.0, 0.0
	for _, b := range boxes {
		area += b.w * b.h
		widest = max(widest, b.w)
		total += b.w
	}
	target := max(widest, math.Sqrt(area*1.9))
	return min(max(int(math.Ceil(total/target)), 1), len(boxes))
}

// shelves packs the room boxes on n rows (shelves) below the core: rooms
// with the most cables first (then by name), each on the narrowest shelf
// so far, so the shelves come out about as wide as each other.
func shelves(boxes []*roomBox, n int) int {
	if len(boxes) == 0 {
		return 0
	}
	n = min(max(n, 1), len(boxes))
	sorted := append([]*roomBox(nil), boxes...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].cables != sorted[j].cables {
			return sorted[i].cables > sorted[j].cables
		}
		return sorted[i].room < sorted[j].room
	})
	widths := make([]float64, n)
	for _, b := range sorted {
		best := 0
		for i, w := range widths {
			if w < widths[best] {
				best = i
			}
		}
		b.shelf = best
		widths[best] += b.w
	}
	return n
}

// dot writes the drawing with the rooms on n shelves (0: the estimate).
func (p *physical) dot(name, title string, n int) []byte {
	w := &dot{}
	header(w, "graph", name, title,
		a("rankdir", "TB"), a("splines", "spline"), af("nodesep", 0.08), af("ranksep", 0.22),
		a("newrank", "true"), a("outputorder", "edgesfirst"), a("remincross", "true"))
	w.defaults("node", a("shape", "plain"))

	// The core.
	for i, nb := range p.netBoxes() {
		if nb.label != "" {
			w.cluster(fmt.Sprintf("cluster_net%d", i), nb.label, "rounded,dashed", "#757575")
		}
		for _, dev := range nb.devices {
			w.node(dev, ah("label", p.nodeLabel(p.f.Devices[dev])))
		}
		if nb.label != "" {
			w.close()
		}
	}

	// The rooms, on shelves below the core.
	boxes := p.roomBoxes()
	if n <= 0 {
		n = p.shelfGuess()
	}
	n = shelves(boxes, n)
	for i, rb := range boxes {
		if rb.room != "" {
			w.cluster(fmt.Sprintf("cluster_room%d", i), rb.label, "rounded", "#9e9e9e")
		}
		for _, c := range rb.connectors {
			w.node(connectorID(rb.room, c), ah("label", p.connectorLabel(c)))
		}
		for _, dev := range rb.devices {
			w.node(dev, ah("label", p.nodeLabel(p.f.Devices[dev])))
		}
		if rb.room != "" {
			w.close()
		}
	}

	// Ends that name no device still appear, so every cable is drawn.
	known := map[string]bool{}
	for d := range p.f.Devices {
		known[d] = true
	}
	var unknown []string
	for _, pl := range p.links {
		for _, d := range []string{pl.parent.Device, pl.child.Device} {
			if !known[d] {
				known[d] = true
				unknown = append(unknown, d)
			}
		}
	}
	sort.Strings(unknown)
	for _, d := range unknown {
		w.node(d, ah("label", p.nodeLabel(&model.Device{Name: d, Role: "?"})))
	}

	// Shelves: an invisible chain of anchors, one per row of each shelf,
	// each ranked with the connectors or endpoints of that row.
	depth := make([]int, n)
	for _, rb := range boxes {
		depth[rb.shelf] = max(depth[rb.shelf], rb.rows)
	}
	prev := ""
	for s := 0; s < n; s++ {
		for r := 0; r <= depth[s]; r++ {
			anchor := fmt.Sprintf("_shelf%d_%d", s, r)
			w.node(anchor, a("style", "invis"), a("label", ""), af("width", 0.01), af("height", 0.01), a("shape", "point"))
			if prev != "" {
				w.edge("--", prev, anchor, a("style", "invis"))
			}
			prev = anchor
			ids := []string{q(anchor)}
			for _, rb := range boxes {
				if rb.shelf != s {
					continue
				}
				if r == 0 {
					for _, c := range rb.connectors {
						ids = append(ids, q(connectorID(rb.room, c)))
					}
					continue
				}
				for i, dev := range rb.devices {
					if i/rb.cols == r-1 {
						ids = append(ids, q(dev))
					}
				}
			}
			w.line("{rank=same; %s}", strings.Join(ids, "; "))
		}
	}

	// Bundles: one line from each switch to its connector in each room.
	for _, rb := range boxes {
		for _, c := range rb.connectors {
			var cables []*physLink
			for _, dev := range rb.devices {
				for _, pl := range p.byDev[dev] {
					if pl.kind == stubLink && pl.parent.Device == c {
						cables = append(cables, pl)
					}
				}
			}
			col, width, style := p.bundleStyle(cables)
			as := []attr{a("color", col.stroke), af("penwidth", width), a("tooltip", p.bundleTooltip(c, rb, cables))}
			if style != "" {
				as = append(as, a("style", style))
			}
			w.edge("--", c, connectorID(rb.room, c), as...)
		}
	}

	// Cables.
	for _, pl := range p.links {
		c := p.linkColour(pl)
		as := []attr{a("color", c.stroke), af("penwidth", penWidth(pl.l.Speed)), a("tooltip", p.tooltip(pl))}
		if pl.mgmt {
			as = append(as, a("style", "dashed"))
		}
		if p.load {
			if ld := p.worst(pl.l); ld == nil || ld.Bps == 0 {
				as = append(as, a("style", "dotted"))
			}
		}
		child := q(pl.child.Device) + ":" + pl.cell
		switch {
		case pl.kind == stubLink:
			room := p.f.Devices[pl.child.Device].Room
			if p.f.Rooms[room] == nil {
				room = ""
			}
			w.line("%s:s -- %s:n%s;", q(connectorID(room, pl.parent.Device)), child, attrList(as))
		case pl.top:
			w.line("%s -- %s:n%s;", q(pl.parent.Device), child, attrList(as))
		default:
			w.line("%s:s -- %s%s;", child, q(pl.parent.Device), attrList(as))
		}
	}
	p.legend(w)
	w.close()
	return w.bytes()
}

func connectorID(room, dev string) string { return room + "/" + dev }

// connectorLabel is the tag of a switch in a room.
func (p *physical) connectorLabel(dev string) string {
	var c colour
	if p.load {
		c = colour{"#616161", "#f4f4f4"}
	} else if p.mgmtOnly(dev) {
		c = mgmtColour
	} else {
		c = planeColour(p.f, p.devicePlane(p.f.Devices[dev]))
	}
	return fmt.Sprintf(`<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" STYLE="ROUNDED" COLOR="%s" BGCOLOR="%s"><TR><TD><FONT COLOR="%s" POINT-SIZE="%s">▲ %s</FONT></TD></TR></TABLE>`,
		c.stroke, c.fill, c.stroke, fmtPt(cellFontSize), esc(dev))
}

// bundleStyle is the colour, width and style of a bundle: its cables'
// colour (on the load map the worst load's), a width that grows with the
// number of cables, dashed for management and dotted when unloaded.
func (p *physical) bundleStyle(cables []*physLink) (colour, float64, string) {
	if len(cables) == 0 {
		return neutralColour, 1, ""
	}
	c := p.linkColour(cables[0])
	mgmt := true
	level := ""
	for _, pl := range cables {
		if !pl.mgmt {
			mgmt = false
		}
		if p.load {
			l := p.loadLevel(p.worst(pl.l))
			if levelRank(l) > levelRank(level) {
				level = l
			}
		}
	}
	style := ""
	switch {
	case p.load:
		c = loadColours[level]
		if level == "load.none" {
			style = "dotted"
		}
	case mgmt:
		style = "dashed"
	}
	return c, math.Round((1.5+math.Sqrt(float64(len(cables))))*10) / 10, style
}

func levelRank(l string) int {
	switch l {
	case "load.none":
		return 1
	case "load.low":
		return 2
	case "load.mid":
		return 3
	case "load.high":
		return 4
	}
	return 0
}

func (p *physical) bundleTooltip(dev string, rb *roomBox, cables []*physLink) string {
	var labels []string
	for _, pl := range cables {
		labels = append(labels, pl.l.Label)
	}
	room := rb.room
	if room == "" {
		room = term(p.lang, "room.none")
	}
	return fmt.Sprintf("%s → %s: %s", dev, room, strings.Join(labels, ", "))
}

func (p *physical) tooltip(pl *physLink) string {
	s := fmt.Sprintf("%s: %s — %s, %s", pl.l.Label, pl.l.A, pl.l.B, pl.l.Speed)
	if pl.l.Medium != "" {
		s += " " + pl.l.Medium
	}
	if pl.l.LengthM > 0 {
		s += fmt.Sprintf(" %g m", pl.l.LengthM)
	}
	if p.load {
		if ld := p.worst(pl.l); ld != nil && ld.Bps > 0 {
			s += fmt.Sprintf(", %s %s → %s", percent(ld.Percent(), p.lang), ld.From, ld.To)
		}
	}
	return s
}

// legend is a table of the colours used.
func (p *physical) legend(w *dot) {
	type entry struct {
		c      colour
		text   string
		dashed bool
	}
	var es []entry
	if p.load {
		for _, k := range []string{"load.low", "load.mid", "load.high", "load.none"} {
			text := term(p.lang, k)
			if k == "load.mid" || k == "load.high" {
				text += " (" + percent(p.thresh, p.lang) + ")"
			}
			es = append(es, entry{c: loadColours[k], text: text})
		}
	} else {
		used := map[string]bool{}
		mgmt, other := false, false
		for _, pl := range p.links {
			switch {
			case pl.mgmt:
				mgmt = true
			case pl.plane == "":
				other = true
			default:
				used[pl.plane] = true
			}
		}
		for _, pl := range p.f.Planes {
			if used[pl] {
				es = append(es, entry{c: planeColour(p.f, pl), text: term(p.lang, "plane") + " " + pl})
				delete(used, pl)
			}
		}
		for _, pl := range sortedStrings(used) {
			es = append(es, entry{c: planeColour(p.f, pl), text: term(p.lang, "plane") + " " + pl})
		}
		if other {
			key := "link.other"
			if len(p.f.Planes) == 0 {
				key = "link.data"
			}
			es = append(es, entry{c: itColour, text: term(p.lang, key)})
		}
		if mgmt {
			es = append(es, entry{c: mgmtColour, text: term(p.lang, "link.mgmt"), dashed: true})
		}
	}
	if len(es) == 0 {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2" COLOR="#9e9e9e"><TR><TD COLSPAN="2" ALIGN="LEFT"><B>%s</B></TD></TR>`, esc(term(p.lang, "legend")))
	for _, e := range es {
		fmt.Fprintf(&b, `<TR><TD WIDTH="28" HEIGHT="4" FIXEDSIZE="TRUE" CELLPADDING="0" BGCOLOR="%s"></TD><TD ALIGN="LEFT"><FONT POINT-SIZE="%s">%s</FONT></TD></TR>`, e.c.stroke, fmtPt(cellFontSize+1), esc(e.text))
	}
	fmt.Fprintf(&b, `<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT POINT-SIZE="%s">%s</FONT></TD></TR>`, fmtPt(cellFontSize), esc(term(p.lang, "legend.connector")))
	b.WriteString("</TABLE>")
	w.node("legend", ah("label", b.String()))
}
