package diagram

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/model"
)

// The logical network draws every VLAN as a card (ID, name, subnet,
// gateway, MTU, IGMP, how many devices) between the devices that have an
// IP presence in it, above, and the switches that only carry it, below.
//
// Above: each routed interface, SVI, gateway or IGMP querier is a cell of
// its device's table (interface, address and what it does), joined to its
// VLAN: labels are cells, so they cannot overlap. Below: each switch is
// joined to the VLANs its port plan carries (analysis.SwitchPlan), thin
// and grey.

// l3If is an IP presence of a device in a VLAN (or on a routed link).
type l3If struct {
	dev, iface, addr string
	vlan             string // "" for a routed port
	roles            []string
	peer             analysis.Port // routed port: the far end
	cell             string
}

type logical struct {
	f     *model.Facility
	facts *analysis.Facts
	lang  string
	ifs   map[string][]*l3If // by device
	plans map[string]*analysis.SwitchPlan
}

func logicalDOT(f *model.Facility, facts *analysis.Facts, lang, title string) []byte {
	lg := &logical{f: f, facts: facts, lang: lang, ifs: map[string][]*l3If{}, plans: map[string]*analysis.SwitchPlan{}}
	lg.collect()
	return lg.dot(title)
}

func hostOf(cidr string) string {
	if i := strings.IndexByte(cidr, '/'); i >= 0 {
		return cidr[:i]
	}
	return cidr
}

// collect finds the IP presences worth drawing: switch SVIs and routed
// ports (from the port plan), and any interface that is a VLAN's gateway
// or querier, or belongs to a router or firewall.
func (lg *logical) collect() {
	f := lg.f
	gateways, queriers := map[string]string{}, map[string]string{} // address → VLAN
	for _, vn := range model.SortedKeys(f.VLANs) {
		v := f.VLANs[vn]
		if v.Gateway != "" {
			gateways[v.Gateway] = vn
		}
		if v.IGMP != nil && v.IGMP.Querier != "" {
			queriers[v.IGMP.Querier] = vn
		}
	}
	add := func(x *l3If) {
		x.cell = fmt.Sprintf("i%d", len(lg.ifs[x.dev]))
		lg.ifs[x.dev] = append(lg.ifs[x.dev], x)
	}
	for _, dn := range model.SortedKeys(f.Devices) {
		d := f.Devices[dn]
		if d.IsSwitch() {
			plan := lg.facts.SwitchPlan(dn)
			if plan == nil {
				continue
			}
			lg.plans[dn] = plan
			for _, s := range plan.SVIs {
				x := &l3If{dev: dn, iface: lg.sviName(d, s.VLAN), addr: s.Address, vlan: s.VLAN}
				if s.Gateway || (s.Address != "" && gateways[hostOf(s.Address)] == s.VLAN) {
					x.roles = append(x.roles, "vlan.gateway")
				}
				if s.Querier {
					x.roles = append(x.roles, "vlan.querier")
					if x.addr == "" {
						x.addr = s.QuerierAddress
					}
				}
				if len(x.roles) == 0 {
					x.roles = append(x.roles, "vlan.svi")
				}
				add(x)
			}
			for _, p := range plan.Ports {
				if p.Mode == analysis.PortRouted && p.Address != "" {
					add(&l3If{dev: dn, iface: p.Name, addr: p.Address, roles: []string{"vlan.routed"}, peer: p.Peer})
				}
			}
			continue
		}
		for _, in := range model.SortedKeys(d.Interfaces) {
			i := d.Interfaces[in]
			if i.IP == "" || i.VLAN == "" || f.VLANs[i.VLAN] == nil {
				continue
			}
			x := &l3If{dev: dn, iface: in, addr: i.IP, vlan: i.VLAN}
			if gateways[hostOf(i.IP)] == i.VLAN {
				x.roles = append(x.roles, "vlan.gateway")
			}
			if queriers[hostOf(i.IP)] == i.VLAN {
				x.roles = append(x.roles, "vlan.querier")
			}
			if len(x.roles) == 0 {
				if d.Role != "router" && d.Role != "firewall" {
					continue
				}
				x.roles = append(x.roles, "vlan.routed")
			}
			add(x)
		}
	}
}

// sviName is the design's name for a switch's VLAN interface, else "VLAN n".
func (lg *logical) sviName(d *model.Device, vlan string) string {
	for _, in := range model.SortedKeys(d.Interfaces) {
		i := d.Interfaces[in]
		if i.VLAN == vlan && i.IP != "" {
			if dt := lg.f.DeviceTypes[d.Model]; dt == nil || dt.Ports[in] == nil {
				return in
			}
		}
	}
	if v := lg.f.VLANs[vlan]; v != nil {
		return fmt.Sprintf("VLAN %d", v.ID)
	}
	return vlan
}

func (lg *logical) vlanColour(v *model.VLAN) colour {
	switch {
	case v.Plane != "":
		return planeColour(lg.f, v.Plane)
	case v.Purpose == "management":
		return mgmtColour
	}
	return itColour
}

// hosts counts the devices with an interface (or their management) in a VLAN.
func (lg *logical) hosts(vlan string) int {
	n := 0
	for _, dn := range model.SortedKeys(lg.f.Devices) {
		d := lg.f.Devices[dn]
		in := d.Mgmt != nil && d.Mgmt.IP != "" && d.Mgmt.VLAN == vlan
		for _, i := range d.Interfaces {
			if contains(i.AllVLANs(), vlan) {
				in = true
			}
		}
		if in {
			n++
		}
	}
	return n
}

func (lg *logical) vlanLabel(vn string) string {
	v := lg.f.VLANs[vn]
	c := lg.vlanColour(v)
	var b strings.Builder
	fmt.Fprintf(&b, `<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2" COLOR="%s" STYLE="ROUNDED">`, c.stroke)
	fmt.Fprintf(&b, `<TR><TD BGCOLOR="%s"><FONT COLOR="%s"><B>VLAN %d · %s</B></FONT></TD></TR>`, c.fill, c.stroke, v.ID, esc(vn))
	line := func(s string) {
		fmt.Fprintf(&b, `<TR><TD><FONT POINT-SIZE="%s">%s</FONT></TD></TR>`, fmtPt(cellFontSize), esc(s))
	}
	subnet := term(lg.lang, "vlan.noSubnet")
	if v.Subnet != "" {
		subnet = v.Subnet
		if pfx, err := netip.ParsePrefix(v.Subnet); err == nil && pfx.Addr().Is4() {
			subnet = pfx.String()
		}
	}
	line(subnet + " · " + v.Purpose)
	if v.Gateway != "" {
		line(term(lg.lang, "vlan.gateway") + " " + v.Gateway)
	} else {
		line(term(lg.lang, "vlan.nogw"))
	}
	var extra []string
	if v.MTU != 0 && v.MTU != 1500 {
		extra = append(extra, fmt.Sprintf("MTU %d", v.MTU))
	}
	if v.IGMP != nil && v.IGMP.Snooping {
		s := fmt.Sprintf("IGMPv%d snooping", v.IGMP.Version)
		if v.IGMP.Querier != "" {
			s += " · querier " + v.IGMP.Querier
		}
		extra = append(extra, s)
	}
	if len(extra) > 0 {
		line(strings.Join(extra, " · "))
	}
	n := lg.hosts(vn)
	word := term(lg.lang, "vlan.hosts")
	if n == 1 {
		word = term(lg.lang, "vlan.host")
	}
	line(fmt.Sprintf("%d %s", n, word))
	b.WriteString("</TABLE>")
	return b.String()
}

func (lg *logical) deviceLabel(dn string) string {
	d := lg.f.Devices[dn]
	ifs := lg.ifs[dn]
	fill, rounded := roleStyle(lg.f, d)
	style := ""
	if rounded {
		style = ` STYLE="ROUNDED"`
	}
	cols := max(len(ifs), 1)
	var b strings.Builder
	fmt.Fprintf(&b, `<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="1" CELLPADDING="2" COLOR="%s"%s>`, neutralColour.stroke, style)
	fmt.Fprintf(&b, `<TR><TD COLSPAN="%d" BGCOLOR="%s"><B>%s</B><BR/><FONT POINT-SIZE="%s">%s</FONT></TD></TR>`,
		cols, fill, esc(dn), fmtPt(cellFontSize), esc(term(lg.lang, "role."+d.Role)))
	if len(ifs) > 0 {
		b.WriteString("<TR>")
		for _, x := range ifs {
			c := itColour
			if v := lg.f.VLANs[x.vlan]; v != nil {
				c = lg.vlanColour(v)
			}
			var roles []string
			for _, r := range x.roles {
				roles = append(roles, term(lg.lang, r))
			}
			fmt.Fprintf(&b, `<TD PORT="%s" BGCOLOR="%s"><FONT COLOR="%s" POINT-SIZE="%s"><B>%s</B><BR/>%s<BR/>%s</FONT></TD>`,
				x.cell, c.fill, c.stroke, fmtPt(cellFontSize), esc(x.iface), esc(x.addr), esc(strings.Join(roles, ", ")))
		}
		b.WriteString("</TR>")
	}
	b.WriteString("</TABLE>")
	return b.String()
}

func (lg *logical) dot(title string) []byte {
	f := lg.f
	w := &dot{}
	header(w, "graph", "logical", title,
		a("rankdir", "TB"), a("splines", "spline"), af("nodesep", 0.15), af("ranksep", 0.6),
		a("newrank", "true"), a("outputorder", "edgesfirst"))
	w.defaults("node", a("shape", "plain"))

	// Devices with an IP presence, above the VLANs.
	var upper []string
	for _, dn := range model.SortedKeys(lg.ifs) {
		upper = append(upper, dn)
		w.node(dn, ah("label", lg.deviceLabel(dn)))
	}
	// The VLANs, by ID, at most five a row.
	vlans := model.SortedKeys(f.VLANs)
	sortVLANs(f, vlans)
	nrows := (len(vlans) + 4) / 5
	perRow := (len(vlans) + max(nrows, 1) - 1) / max(nrows, 1)
	var rows [][]string
	for i, vn := range vlans {
		if i%max(perRow, 1) == 0 {
			rows = append(rows, nil)
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], vn)
		w.node("vlan:"+vn, ah("label", lg.vlanLabel(vn)))
	}
	// Switches that only carry VLANs, below.
	var lower []string
	for _, dn := range model.SortedKeys(lg.plans) {
		if len(lg.ifs[dn]) == 0 && len(lg.plans[dn].VLANs) > 0 {
			lower = append(lower, dn)
			d := f.Devices[dn]
			fill, _ := roleStyle(f, d)
			w.node(dn, ah("label", fmt.Sprintf(`<TABLE BORDER="1" CELLBORDER="0" CELLPADDING="2" COLOR="%s"><TR><TD BGCOLOR="%s"><B>%s</B><BR/><FONT POINT-SIZE="%s">%s</FONT></TD></TR></TABLE>`,
				neutralColour.stroke, fill, esc(dn), fmtPt(cellFontSize), esc(term(lg.lang, "role."+d.Role)))))
		}
	}
	// Rank the layers: devices, VLAN rows, carriers.
	layer := func(anchor string, ids []string) {
		w.node(anchor, a("style", "invis"), a("shape", "point"), af("width", 0.01), af("height", 0.01), a("label", ""))
		qs := []string{q(anchor)}
		for _, id := range ids {
			qs = append(qs, q(id))
		}
		w.line("{rank=same; %s}", strings.Join(qs, "; "))
	}
	var anchors []string
	if len(upper) > 0 {
		layer("_upper", upper)
		anchors = append(anchors, "_upper")
	}
	for i, row := range rows {
		var ids []string
		for _, vn := range row {
			ids = append(ids, "vlan:"+vn)
		}
		name := fmt.Sprintf("_vlans%d", i)
		layer(name, ids)
		anchors = append(anchors, name)
	}
	// The legend sits with the carriers, where the page has room.
	lg.legend(w)
	layer("_lower", append(lower, "legend"))
	anchors = append(anchors, "_lower")
	for i := 1; i < len(anchors); i++ {
		w.edge("--", anchors[i-1], anchors[i], a("style", "invis"))
	}

	// IP presences.
	for _, dn := range upper {
		for _, x := range lg.ifs[dn] {
			var roles []string
			for _, r := range x.roles {
				roles = append(roles, term(lg.lang, r))
			}
			tip := fmt.Sprintf("%s:%s %s (%s)", dn, x.iface, x.addr, strings.Join(roles, ", "))
			if x.vlan == "" {
				// A routed port: joined to its peer, once per link.
				if x.peer.Device == "" || x.peer.Device < dn && len(lg.ifs[x.peer.Device]) > 0 {
					continue
				}
				peer := q(x.peer.Device)
				for _, y := range lg.ifs[x.peer.Device] {
					if y.iface == x.peer.Interface {
						peer += ":" + y.cell + ":s"
					}
				}
				w.line("%s:%s:s -- %s%s;", q(dn), x.cell, peer, attrList([]attr{a("color", itColour.stroke), af("penwidth", 1.4), a("tooltip", tip)}))
				continue
			}
			c := lg.vlanColour(f.VLANs[x.vlan])
			width := 1.4
			if contains(x.roles, "vlan.gateway") {
				width = 2.4
			}
			w.line("%s:%s:s -- %s:n%s;", q(dn), x.cell, q("vlan:"+x.vlan), attrList([]attr{a("color", c.stroke), af("penwidth", width), a("tooltip", tip)}))
		}
	}
	// Layer 2: what each switch carries.
	for _, dn := range model.SortedKeys(lg.plans) {
		has := map[string]bool{}
		for _, x := range lg.ifs[dn] {
			has[x.vlan] = true
		}
		for _, vn := range lg.plans[dn].VLANs {
			if has[vn] || f.VLANs[vn] == nil {
				continue
			}
			c := lg.vlanColour(f.VLANs[vn])
			as := []attr{a("color", c.stroke), af("penwidth", 0.8), a("style", "dashed"), a("tooltip", fmt.Sprintf("%s %s %s", vn, term(lg.lang, "vlan.carried"), dn))}
			if len(lg.ifs[dn]) > 0 {
				w.line("%s -- %s%s;", q(dn), q("vlan:"+vn), attrList(as))
			} else {
				w.line("%s:s -- %s%s;", q("vlan:"+vn), q(dn), attrList(as))
			}
		}
	}
	w.close()
	return w.bytes()
}

func (lg *logical) legend(w *dot) {
	var b strings.Builder
	fmt.Fprintf(&b, `<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2" COLOR="#9e9e9e"><TR><TD COLSPAN="2" ALIGN="LEFT"><B>%s</B></TD></TR>`, esc(term(lg.lang, "legend")))
	row := func(height int, text string) {
		fmt.Fprintf(&b, `<TR><TD WIDTH="28" HEIGHT="%d" FIXEDSIZE="TRUE" CELLPADDING="0" BGCOLOR="%s"></TD><TD ALIGN="LEFT"><FONT POINT-SIZE="%s">%s</FONT></TD></TR>`, height, itColour.stroke, fmtPt(cellFontSize+1), esc(text))
	}
	row(4, term(lg.lang, "vlan.gateway"))
	row(2, term(lg.lang, "vlan.svi")+", "+term(lg.lang, "vlan.querier")+", "+term(lg.lang, "vlan.routed"))
	fmt.Fprintf(&b, `<TR><TD><FONT COLOR="%s">- - - -</FONT></TD><TD ALIGN="LEFT"><FONT POINT-SIZE="%s">%s</FONT></TD></TR>`, itColour.stroke, fmtPt(cellFontSize+1), esc(term(lg.lang, "vlan.carried")))
	b.WriteString("</TABLE>")
	w.node("legend", ah("label", b.String()))
}

// sortVLANs orders VLAN names by ID, then name.
func sortVLANs(f *model.Facility, vs []string) {
	for i := 1; i < len(vs); i++ {
		for j := i; j > 0; j-- {
			a, b := f.VLANs[vs[j-1]], f.VLANs[vs[j]]
			if a.ID < b.ID || a.ID == b.ID && vs[j-1] <= vs[j] {
				break
			}
			vs[j-1], vs[j] = vs[j], vs[j-1]
		}
	}
}
