package dossier

import (
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/model"
)

// Switch positions in the topology.
const (
	posSpine      = "spine"
	posLeaf       = "leaf"
	posCore       = "core"
	posAccess     = "access"
	posOOB        = "oob"
	posStandalone = "standalone"
)

// swInfo is a switch's place in the topology.
type swInfo struct {
	name, plane, position string
	// peers are the switches it has data links to, sorted.
	peers []string
	// trunks are its data links to other switches.
	trunks []*model.Link
}

// topology classifies every switch: spine, leaf, core, access, out-of-band.
func (b *builder) topology() map[string]*swInfo {
	f, topo := b.f, b.facts.Topology
	out := map[string]*swInfo{}
	for _, n := range b.switches() {
		si := &swInfo{name: n, plane: f.Devices[n].Plane}
		seen := map[string]bool{}
		for _, e := range topo.Adj[n] {
			if topo.IsSwitch(e.To.Device) && !seen[e.Link.Label] {
				seen[e.Link.Label] = true
				si.trunks = append(si.trunks, e.Link)
				if !contains(si.peers, e.To.Device) {
					si.peers = append(si.peers, e.To.Device)
				}
			}
		}
		sort.Strings(si.peers)
		out[n] = si
	}
	for _, si := range out {
		endpoints := 0
		for _, e := range topo.Adj[si.name] {
			if !topo.IsSwitch(e.To.Device) {
				endpoints++
			}
		}
		switch {
		case b.mgmtOnlySwitch(si.name):
			si.position = posOOB
		case si.plane != "" && len(si.peers) >= 2 && len(si.trunks) >= endpoints:
			si.position = posSpine
		case si.plane == "" && len(si.peers) >= 2:
			si.position = posCore
		case len(si.peers) == 0:
			si.position = posStandalone
		default:
			si.position = posAccess
		}
	}
	for _, si := range out {
		if si.position != posAccess || si.plane == "" {
			continue
		}
		for _, p := range si.peers {
			if out[p] != nil && out[p].position == posSpine {
				si.position = posLeaf
			}
		}
	}
	return out
}

// mgmtOnlySwitch reports whether every VLAN the switch carries is a management VLAN.
func (b *builder) mgmtOnlySwitch(n string) bool {
	p := b.plan(n)
	if p == nil || len(p.VLANs) == 0 {
		return false
	}
	for _, v := range p.VLANs {
		if vl := b.f.VLANs[v]; vl == nil || vl.Purpose != "management" {
			return false
		}
	}
	return true
}

func (b *builder) positionName(p string) string {
	switch p {
	case posSpine:
		return "spine"
	case posLeaf:
		return "leaf"
	case posCore:
		return b.tr("cœur", "core")
	case posAccess:
		return b.tr("accès / distribution", "access / distribution")
	case posOOB:
		return b.tr("gestion hors bande", "out-of-band management")
	}
	return b.tr("autonome", "standalone")
}

// modelName is "Manufacturer Model" of a device's type.
func (b *builder) modelName(d *model.Device) string {
	if t := b.f.DeviceTypes[d.Model]; t != nil {
		if strings.HasPrefix(t.Model, t.Manufacturer) {
			return t.Model
		}
		return t.Manufacturer + " " + t.Model
	}
	return d.Model
}

func (b *builder) manufacturer(d *model.Device) string {
	if t := b.f.DeviceTypes[d.Model]; t != nil {
		return t.Manufacturer
	}
	return ""
}

var platformNames = map[string]string{"eos": "Arista EOS", "nxos": "Cisco NX-OS", "iosxe": "Cisco IOS XE", "linux": "Linux (Open vSwitch + FRR)"}

func platformName(p string) string {
	if n, ok := platformNames[p]; ok {
		return n
	}
	return p
}

// planeName prints a plane; "" is the network outside the media planes.
func (b *builder) planeName(p string) string {
	switch p {
	case "":
		return b.tr("hors plan", "no plane")
	case "red":
		return b.tr("rouge (red)", "red")
	case "blue":
		return b.tr("bleu (blue)", "blue")
	}
	return p
}

// Chapter 3: network architecture.
func (b *builder) chNetwork() *Chapter {
	c := b.chapter("network")
	f := b.f
	topo := b.topology()

	s := b.section(c, b.tr("Schéma physique", "Physical diagram"))
	s.add(para(b.tr("Les équipements et les câbles qui les relient, avec le débit de chaque lien.", "The devices and the cables between them, with the speed of each link.")))
	s.add(b.figure("physical", b.tr("Schéma physique du réseau", "Physical network diagram")))

	s = b.section(c, b.tr("Schéma logique", "Logical diagram"))
	s.add(para(b.tr("Les VLAN, leurs sous-réseaux et les équipements qui y ont une interface.", "The VLANs, their subnets and the devices that have an interface in them.")))
	s.add(b.figure("logical", b.tr("Schéma logique du réseau", "Logical network diagram")))

	s = b.section(c, b.tr("Topologie", "Topology"))
	s.add(b.topologyParagraphs(topo)...)
	t := &Table{Head: []string{b.t("h.switch"), b.t("h.plane"), b.t("h.position"), b.t("h.model"), b.t("h.platform"), b.t("h.room"), b.t("h.uplinks")}, Class: "small"}
	for _, n := range b.switches() {
		d, si := f.Devices[n], topo[n]
		var ups []Rich
		for _, l := range si.trunks {
			ups = append(ups, append(b.cableLink(l.Label), Span{Text: " " + l.Speed}))
		}
		t.Rows = append(t.Rows, row(cellRich(b.devLink(n)), cell(b.planeName(d.Plane)), cell(b.positionName(si.position)), cell(b.modelName(d)), cell(platformName(d.Platform)), cell(d.Room), cellRich(join(ups, ", "))))
	}
	s.add(tableBlock(t))

	if len(f.Planes) > 0 {
		s = b.section(c, b.tr("Plans média", "Media planes"))
		s.add(b.planeBlocks(topo)...)
	}

	s = b.section(c, b.tr("Liaisons entre commutateurs", "Links between switches"))
	t = &Table{Head: []string{b.t("h.cable"), b.t("h.enda"), b.t("h.endb"), b.t("h.speed"), b.t("h.medium"), b.t("h.vlans")}}
	for _, label := range model.SortedKeys(f.Links) {
		l := f.Links[label]
		a, z := analysis.ParsePort(l.A), analysis.ParsePort(l.B)
		if !b.facts.Topology.IsSwitch(a.Device) || !b.facts.Topology.IsSwitch(z.Device) {
			continue
		}
		vl := b.carriedVLANs(l)
		var vr []Rich
		for _, v := range vl {
			vr = append(vr, b.vlanLink(v))
		}
		t.Rows = append(t.Rows, row(cellRich(b.cableLink(label)), cellRich(b.portLink(a)), cellRich(b.portLink(z)), cell(l.Speed), cell(b.mediumName(l.Medium)), cellRich(join(vr, ", "))))
	}
	if len(t.Rows) == 0 {
		s.add(para(b.tr("Aucun câble ne relie deux commutateurs.", "No cable links two switches.")))
	} else {
		s.add(tableBlock(t))
	}

	s = b.section(c, b.tr("Plan de câblage", "Cabling plan"))
	s.add(para(b.tr("Chaque câble porte son étiquette aux deux extrémités ; la recette (chapitre 12) vérifie chacun d'eux.",
		"Every cable bears its label at both ends; the acceptance test (chapter 12) checks each of them.")))
	t = &Table{Head: []string{b.t("h.cable"), b.t("h.enda"), b.t("h.endb"), b.t("h.speed"), b.t("h.medium"), b.t("h.length")}, Align: []string{"", "", "", "num", "", "num"}, Class: "small"}
	for _, label := range model.SortedKeys(f.Links) {
		l := f.Links[label]
		length := ""
		if l.LengthM > 0 {
			length = b.num(l.LengthM, 0) + nbsp + "m"
		}
		r := row(cellRich(code(label)), cellRich(b.portLink(analysis.ParsePort(l.A))), cellRich(b.portLink(analysis.ParsePort(l.B))), cell(l.Speed), cell(b.mediumName(l.Medium)), cell(length))
		r.ID = b.ids.of("cable", label)
		t.Rows = append(t.Rows, r)
	}
	s.add(tableBlock(t))
	return c
}

// carriedVLANs lists the VLANs a link carries, by VLAN ID.
func (b *builder) carriedVLANs(l *model.Link) []string {
	var out []string
	for _, v := range model.SortedKeys(b.f.VLANs) {
		if b.facts.Topology.Carries(l, v) {
			out = append(out, v)
		}
	}
	b.sortVLANs(out)
	return out
}

func (b *builder) sortVLANs(vs []string) {
	sort.SliceStable(vs, func(i, j int) bool {
		a, c := b.f.VLANs[vs[i]], b.f.VLANs[vs[j]]
		if a == nil || c == nil {
			return vs[i] < vs[j]
		}
		return a.ID < c.ID
	})
}

// topologyParagraphs describe each plane and the rest of the network.
func (b *builder) topologyParagraphs(topo map[string]*swInfo) []Block {
	f := b.f
	var out []Block
	planes := append([]string(nil), f.Planes...)
	planes = append(planes, "")
	for _, p := range planes {
		var spines, leaves, cores, access, oob, alone []string
		var makers []string
		var upSpeeds []string
		for _, n := range b.switches() {
			si := topo[n]
			if si.plane != p {
				continue
			}
			d := f.Devices[n]
			m := b.manufacturer(d)
			if d.Platform != "" {
				m += " (" + platformName(d.Platform) + ")"
			}
			if m != "" && !contains(makers, m) {
				makers = append(makers, m)
			}
			switch si.position {
			case posSpine:
				spines = append(spines, n)
			case posLeaf:
				leaves = append(leaves, n)
				for _, l := range si.trunks {
					if !contains(upSpeeds, l.Speed) {
						upSpeeds = append(upSpeeds, l.Speed)
					}
				}
			case posCore:
				cores = append(cores, n)
			case posAccess:
				access = append(access, n)
			case posOOB:
				oob = append(oob, n)
			default:
				alone = append(alone, n)
			}
		}
		if len(spines)+len(leaves)+len(cores)+len(access)+len(oob)+len(alone) == 0 {
			continue
		}
		var parts []string
		if p != "" {
			parts = append(parts, b.tr("Plan %s", "%s plane", b.planeName(p)))
		} else if len(f.Planes) > 0 {
			parts = append(parts, b.tr("Réseau hors plans média", "Network outside the media planes"))
		} else {
			parts = append(parts, b.tr("Réseau", "Network"))
		}
		var desc []string
		if len(spines) > 0 {
			d := b.tr("architecture leaf-spine : %s spine (%s) et %s leaf (%s)", "leaf-spine architecture: %s spine (%s) and %s leaf (%s)",
				b.int(len(spines)), strings.Join(spines, ", "), b.int(len(leaves)), strings.Join(leaves, ", "))
			if len(upSpeeds) > 0 {
				d += b.tr(", liens montants en %s", ", %s uplinks", strings.Join(upSpeeds, "/"))
			}
			desc = append(desc, d)
		}
		if len(cores) > 0 {
			desc = append(desc, b.tr("cœur %s", "core %s", strings.Join(cores, ", ")))
		}
		if len(access) > 0 {
			desc = append(desc, b.tr("commutateurs d'accès %s", "access switches %s", strings.Join(access, ", ")))
		}
		if len(oob) > 0 {
			desc = append(desc, b.tr("gestion hors bande %s", "out-of-band management %s", strings.Join(oob, ", ")))
		}
		if len(alone) > 0 {
			desc = append(desc, b.tr("commutateurs autonomes %s", "standalone switches %s", strings.Join(alone, ", ")))
		}
		text := parts[0] + " : " + strings.Join(desc, " ; ")
		if b.lang == "en" {
			text = parts[0] + ": " + strings.Join(desc, "; ")
		}
		if len(makers) > 0 {
			text += b.tr(". Constructeur : %s.", ". Vendor: %s.", strings.Join(makers, ", "))
		} else {
			text += "."
		}
		out = append(out, para(text))
	}
	if r := f.Routing; r != nil && r.Mode == "l3" {
		text := b.tr("Fabrique routée (routing.mode l3) : chaque lien entre commutateurs est routé", "Routed fabric (routing.mode l3): every link between switches is routed")
		if r.OSPF != nil {
			text += b.tr(", OSPF aire %s", ", OSPF area %s", r.OSPF.Area)
		}
		if r.PIM != nil {
			text += b.tr(", multicast routé par PIM (plage SSM %s)", ", multicast routed by PIM (SSM range %s)", r.PIM.SSMRange)
			if r.PIM.RP != "" {
				text += b.tr(", point de rendez-vous %s", ", rendezvous point %s", r.PIM.RP)
			}
		}
		out = append(out, para(text+"."))
	} else {
		out = append(out, para(b.tr("Commutation de niveau 2 (routing.mode l2) : chaque VLAN est un seul domaine de diffusion, le multicast y est distribué par IGMP snooping, sans routage PIM ; le routage entre VLAN se fait hors des commutateurs média (pare-feu ou routeur).",
			"Layer-2 switching (routing.mode l2): each VLAN is a single broadcast domain in which IGMP snooping distributes multicast, without PIM routing; routing between VLANs happens outside the media switches (firewall or router).")))
	}
	return out
}

// planeBlocks describe the media planes and their separation.
func (b *builder) planeBlocks(topo map[string]*swInfo) []Block {
	f, tp := b.f, b.facts.Topology
	var out []Block
	t := &Table{Head: []string{b.t("h.plane"), b.tr("Commutateurs", "Switches"), b.t("h.vlans"), b.tr("Extrémités raccordées", "Connected endpoints")}, Align: []string{"", "", "", "num"}}
	for _, p := range f.Planes {
		var sws []string
		ends := map[string]bool{}
		for _, n := range b.switches() {
			if topo[n].plane != p {
				continue
			}
			sws = append(sws, n)
			for _, e := range tp.Adj[n] {
				if !tp.IsSwitch(e.To.Device) {
					ends[e.To.Device] = true
				}
			}
		}
		var vl []Rich
		var vnames []string
		for _, v := range model.SortedKeys(f.VLANs) {
			if f.VLANs[v].Plane == p {
				vnames = append(vnames, v)
			}
		}
		b.sortVLANs(vnames)
		for _, v := range vnames {
			vl = append(vl, b.vlanLink(v))
		}
		t.Rows = append(t.Rows, row(cell(b.planeName(p)), cellRich(b.devLinks(sws)), cellRich(join(vl, ", ")), cell(b.int(len(ends)))))
	}
	out = append(out, tableBlock(t))

	// Separation: no data link between switches of two planes.
	var bridges []string
	for _, label := range model.SortedKeys(f.Links) {
		l := f.Links[label]
		a, z := analysis.ParsePort(l.A), analysis.ParsePort(l.B)
		da, dz := f.Devices[a.Device], f.Devices[z.Device]
		if da == nil || dz == nil || !da.IsSwitch() || !dz.IsSwitch() {
			continue
		}
		if da.Plane != "" && dz.Plane != "" && da.Plane != dz.Plane {
			bridges = append(bridges, label)
		}
	}
	dual := b.dualHomed()
	if len(f.Planes) >= 2 {
		if len(bridges) == 0 {
			out = append(out, note("ok", b.tr("Aucun câble de données ne relie deux plans : les plans sont physiquement séparés (seuls leurs ports de gestion hors bande aboutissent sur le réseau de gestion). Une panne, une tempête de diffusion ou une erreur de configuration dans un plan ne peut pas atteindre l'autre.",
				"No data cable links two planes: the planes are physically separate (only their out-of-band management ports reach the management network). A failure, a broadcast storm or a configuration error in one plane cannot reach the other.")))
		} else {
			out = append(out, note("warn", b.tr("Câbles entre plans : %s.", "Cables between planes: %s.", strings.Join(bridges, ", "))))
		}
		out = append(out, paraRich(append(txt(b.tr("%s extrémités ont une interface sur chacun des plans %s (émission et réception ST 2022-7) : ", "%s endpoints have an interface on each of the planes %s (ST 2022-7 sending and receiving): ",
			b.int(len(dual)), strings.Join(f.Planes, ", "))), b.devLinks(dual)...)))
	}
	return out
}

// dualHomed lists the endpoints cabled to every media plane.
func (b *builder) dualHomed() []string {
	f, tp := b.f, b.facts.Topology
	var out []string
	for _, n := range model.SortedKeys(f.Devices) {
		d := f.Devices[n]
		if d.IsSwitch() {
			continue
		}
		planes := map[string]bool{}
		for _, in := range model.SortedKeys(d.Interfaces) {
			l := tp.LinkAt[analysis.Port{Device: n, Interface: in}]
			if l == nil {
				continue
			}
			i := d.Interfaces[in]
			p := i.Plane
			if v := f.VLANs[i.VLAN]; p == "" && v != nil {
				p = v.Plane
			}
			if p != "" {
				planes[p] = true
			}
		}
		if len(f.Planes) >= 2 && len(planes) >= len(f.Planes) {
			out = append(out, n)
		}
	}
	return out
}

// Chapter 4: VLAN and IP addressing plans.
func (b *builder) chAddressing() *Chapter {
	c := b.chapter("addressing")
	f := b.f
	vlans := model.SortedKeys(f.VLANs)
	b.sortVLANs(vlans)

	s := b.section(c, b.tr("Plan VLAN", "VLAN plan"))
	t := &Table{Head: []string{b.t("h.id"), b.t("h.vlan"), b.t("h.purpose"), b.t("h.subnet"), b.t("h.gateway"), b.t("h.mtu"), b.t("h.plane"), b.t("h.igmp"), b.t("h.description")},
		Align: []string{"num", "", "", "", "", "num", "", "", ""}, Class: "small"}
	for _, vn := range vlans {
		v := f.VLANs[vn]
		gw := v.Gateway
		if gw == "" {
			gw = b.tr("aucune (non routé)", "none (not routed)")
		}
		r := row(cell(strconv.Itoa(v.ID)), codeCell(vn), cell(b.purposeName(v.Purpose)), codeCell(v.Subnet), cell(gw), cell(strconv.Itoa(v.MTU)), cell(b.planeOrDash(v.Plane)), cell(b.igmpSummary(v)), cell(oneLine(v.Description)))
		r.ID = b.ids.of("vlan", vn)
		t.Rows = append(t.Rows, r)
	}
	s.add(tableBlock(t))

	s = b.section(c, b.tr("Plan d'adressage IP", "IP addressing plan"))
	s.add(para(b.tr("Toutes les adresses que la conception attribue, par VLAN, dans l'ordre des adresses. Les interfaces sans adresse reçoivent la leur du serveur DHCP du VLAN.",
		"Every address the design assigns, by VLAN, in address order. Interfaces without an address get theirs from the VLAN's DHCP server.")))
	for _, vn := range vlans {
		v := f.VLANs[vn]
		hosts := b.hostsIn(vn)
		title := fmt.Sprintf("VLAN %d %s", v.ID, vn)
		if v.Subnet != "" {
			title += " — " + v.Subnet
		}
		s.add(heading("", title))
		if pfx, err := netip.ParsePrefix(v.Subnet); err == nil {
			capacity := hostCapacity(pfx)
			used := 0
			for _, h := range hosts {
				if h.addr.IsValid() {
					used++
				}
			}
			s.add(para(b.t("addr.assigned", used, capacity, b.pct(100*float64(used)/float64(max(capacity, 1))))))
		}
		if len(hosts) == 0 {
			s.add(para(b.tr("Aucune interface déclarée dans ce VLAN.", "No interface declared in this VLAN.")))
			continue
		}
		t := &Table{Head: []string{b.t("h.address"), b.t("h.device"), b.t("h.interface"), b.t("h.description")}, Class: "small"}
		for _, h := range hosts {
			a := h.text
			t.Rows = append(t.Rows, row(codeCell(a), cellRich(b.devLink(h.device)), codeCell(h.iface), cell(h.note)))
		}
		s.add(tableBlock(t))
	}

	s = b.section(c, b.tr("Services d'infrastructure", "Infrastructure services"))
	sv := f.Info.Services
	s.add(kvBlock([]KV{
		kv("NTP", orDash(strings.Join(sv.NTP, ", "))),
		kv("Syslog", orDash(strings.Join(sv.Syslog, ", "))),
		kv("DNS", orDash(strings.Join(sv.DNS, ", "))),
		kv(b.tr("Domaine", "Domain"), orDash(sv.Domain)),
	}))
	s.add(para(b.tr("Les commutateurs joignent ces services par le réseau de gestion (leur configuration, en annexe, les déclare dans la VRF de gestion).",
		"The switches reach these services over the management network (their configuration, in the annexes, declares them in the management VRF).")))
	return c
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func (b *builder) planeOrDash(p string) string {
	if p == "" {
		return "—"
	}
	return b.planeName(p)
}

func (b *builder) igmpSummary(v *model.VLAN) string {
	if v.IGMP == nil {
		return "—"
	}
	s := "v" + strconv.Itoa(v.IGMP.Version)
	if v.IGMP.Snooping {
		s += ", snooping"
	}
	if v.IGMP.Querier != "" {
		s += ", querier " + v.IGMP.Querier
	}
	return s
}

// host is one address of the addressing plan.
type host struct {
	addr          netip.Addr
	text          string
	device, iface string
	note          string
}

// hostsIn lists the addresses of a VLAN: interfaces, management
// addresses, and interfaces without an address (DHCP) last.
func (b *builder) hostsIn(vlan string) []host {
	f := b.f
	var out []host
	seen := map[string]bool{}
	for _, dn := range model.SortedKeys(f.Devices) {
		d := f.Devices[dn]
		for _, in := range model.SortedKeys(d.Interfaces) {
			i := d.Interfaces[in]
			if !contains(i.AllVLANs(), vlan) {
				continue
			}
			h := host{device: dn, iface: in, note: oneLine(i.Description)}
			if i.IP != "" {
				if p, err := netip.ParsePrefix(i.IP); err == nil {
					h.addr = p.Addr()
				}
				h.text = i.IP
			} else if d.Mgmt != nil && d.Mgmt.Interface == in && d.Mgmt.VLAN == vlan {
				h.addr, _ = netip.ParseAddr(d.Mgmt.IP)
				h.text = d.Mgmt.IP
				h.note = strings.TrimSpace(b.tr("gestion", "management") + " " + h.note)
			} else {
				h.text = b.tr("DHCP", "DHCP")
			}
			if h.note == "" && h.addr.IsValid() && f.VLANs[vlan] != nil && f.VLANs[vlan].Gateway == h.addr.String() {
				h.note = b.tr("passerelle du VLAN", "VLAN gateway")
			}
			seen[dn+"\x00"+h.text] = true
			out = append(out, h)
		}
		// A management address on an interface the design does not list.
		if m := d.Mgmt; m != nil && m.VLAN == vlan && !seen[dn+"\x00"+m.IP] {
			found := false
			for _, h := range out {
				if h.device == dn && h.addr.String() == m.IP {
					found = true
				}
			}
			if !found {
				a, _ := netip.ParseAddr(m.IP)
				iface := m.Interface
				if iface == "" {
					iface = "SVI"
				}
				out = append(out, host{addr: a, text: m.IP, device: dn, iface: iface, note: b.tr("gestion", "management")})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		ai, aj := out[i].addr, out[j].addr
		if ai.IsValid() != aj.IsValid() {
			return ai.IsValid()
		}
		if ai != aj {
			return ai.Less(aj)
		}
		return out[i].device < out[j].device
	})
	return out
}

func hostCapacity(p netip.Prefix) int {
	bits := 32 - p.Bits()
	switch {
	case bits <= 0:
		return 1
	case bits == 1:
		return 2
	case bits > 30:
		return 1 << 30
	}
	return 1<<bits - 2
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// queriers maps each VLAN to the switches that hold its IGMP querier.
func (b *builder) queriers() map[string][]string {
	out := map[string][]string{}
	for _, n := range b.switches() {
		p := b.plan(n)
		if p == nil {
			continue
		}
		for _, s := range p.SVIs {
			if s.Querier {
				out[s.VLAN] = append(out[s.VLAN], n)
			}
		}
	}
	return out
}

// legSource is the source address receivers name in an IGMPv3 join (the
// SDP source filter): the flow's source, else the sender's address on the
// leg's interface.
func (b *builder) legSource(fl *model.Flow, leg *analysis.Leg) string {
	if fl.Source != "" && leg.Plane == "" {
		return fl.Source
	}
	d := b.f.Devices[fl.Sender]
	if d == nil {
		return ""
	}
	if i := d.Interfaces[leg.Sender.Interface]; i != nil && i.IP != "" {
		if p, err := netip.ParsePrefix(i.IP); err == nil {
			return p.Addr().String()
		}
	}
	return fl.Source
}

// Chapter 5: multicast plan.
func (b *builder) chMulticast() *Chapter {
	c := b.chapter("multicast")
	f := b.f
	q := b.queriers()
	vlans := model.SortedKeys(f.VLANs)
	b.sortVLANs(vlans)

	groupsIn := map[string]int{}
	var asm, ssm int
	for _, n := range model.SortedKeys(b.facts.Flows) {
		ff := b.facts.Flows[n]
		for _, leg := range ff.Legs {
			if leg.Group == "" {
				continue
			}
			groupsIn[leg.VLAN]++
			if v := f.VLANs[leg.VLAN]; v != nil && v.IGMP != nil && v.IGMP.Version == 3 {
				ssm++
			} else {
				asm++
			}
		}
	}

	s := b.section(c, b.tr("Principes", "Principles"))
	if r := f.Routing; r != nil && r.Mode == "l3" && r.PIM != nil {
		s.add(para(b.tr("Le multicast est routé entre les commutateurs par PIM ; les récepteurs s'abonnent par IGMP sur leur VLAN d'accès. Plage SSM : %s.",
			"Multicast is routed between switches by PIM; receivers join by IGMP on their access VLAN. SSM range: %s.", r.PIM.SSMRange)))
		if r.PIM.RP != "" {
			s.add(para(b.tr("Point de rendez-vous (RP) des groupes hors SSM : %s.", "Rendezvous point (RP) of the non-SSM groups: %s.", r.PIM.RP)))
		}
	} else {
		s.add(para(b.tr("Chaque flux est émis vers un groupe multicast ; dans chaque VLAN, l'IGMP snooping des commutateurs ne transmet un groupe que vers les ports dont un récepteur s'est abonné, et un interrogateur IGMP (querier) entretient ces abonnements. Le réseau étant de niveau 2, aucun routage multicast (PIM) n'est nécessaire.",
			"Each flow is sent to a multicast group; in each VLAN, the switches' IGMP snooping forwards a group only to the ports where a receiver joined, and an IGMP querier keeps those joins alive. The network being layer 2, no multicast routing (PIM) is needed.")))
	}
	s.add(para(b.t("mcast.legs.v3", ssm) + " " + b.t("mcast.legs.v2", asm)))

	s = b.section(c, b.tr("IGMP par VLAN", "IGMP per VLAN"))
	t := &Table{Head: []string{b.t("h.vlan"), b.t("h.id"), "Snooping", b.tr("Version", "Version"), b.tr("Interrogateur (querier)", "Querier"), b.tr("Groupes", "Groups")}, Align: []string{"", "num", "center", "center", "", "num"}}
	for _, vn := range vlans {
		v := f.VLANs[vn]
		if v.IGMP == nil && groupsIn[vn] == 0 && v.Purpose != "media" && v.Purpose != "iptv" {
			continue
		}
		snoop, ver, querier := "—", "—", Rich(txt("—"))
		if v.IGMP != nil {
			snoop = b.yesNo(v.IGMP.Snooping)
			ver = "IGMPv" + strconv.Itoa(v.IGMP.Version)
			if v.IGMP.Querier != "" {
				querier = code(v.IGMP.Querier)
			}
		}
		if sw := q[vn]; len(sw) > 0 {
			querier = append(querier, Span{Text: " ("})
			querier = append(querier, b.devLinks(sw)...)
			querier = append(querier, Span{Text: ")"})
		}
		t.Rows = append(t.Rows, row(cellRich(b.vlanLink(vn)), cell(strconv.Itoa(v.ID)), cell(snoop), cell(ver), cellRich(querier), cell(b.int(groupsIn[vn]))))
	}
	s.add(tableBlock(t))

	s = b.section(c, b.tr("Plan des groupes multicast", "Multicast group plan"))
	s.add(para(b.tr("Un groupe multicast par flux et par plan. Les flux sans groupe (SRT, contribution) sont unicast.",
		"One multicast group per flow and per plane. Flows without a group (SRT, contribution) are unicast.")))
	t = &Table{Head: []string{b.t("h.flow"), b.t("h.plane"), b.t("h.group"), b.t("h.port"), b.t("h.source"), b.t("h.vlan"), b.t("h.receivers")}, Align: []string{"", "", "", "num", "", "", "num"}, Class: "small"}
	for _, n := range model.SortedKeys(b.facts.Flows) {
		ff := b.facts.Flows[n]
		for _, leg := range ff.Legs {
			grp := leg.Group
			if grp == "" {
				grp = b.tr("unicast", "unicast")
			}
			port := ""
			if ff.Flow.Port > 0 {
				port = strconv.Itoa(ff.Flow.Port)
			}
			src := ""
			if leg.Group != "" {
				src = b.legSource(ff.Flow, leg)
			}
			t.Rows = append(t.Rows, row(cellRich(b.flowLink(n)), cell(b.planeOrDash(leg.Plane)), codeCell(grp), cell(port), codeCell(src), cellRich(b.vlanLink(leg.VLAN)), cell(b.int(len(leg.Deliveries)))))
		}
	}
	s.add(tableBlock(t))
	return c
}
