package dossier

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
	"github.com/avnet/avnet/internal/rules/suite"
)

// lowerSpeed is the next standard port speed below s: what a cheaper port would offer.
var lowerSpeed = map[string]string{"400G": "100G", "200G": "100G", "100G": "25G", "50G": "25G", "40G": "10G", "25G": "10G", "10G": "1G", "5G": "1G", "2.5G": "1G", "1G": "100M"}

// choice is one argued choice: what, and why.
type choice struct {
	what, why string
}

func (b *builder) choiceItem(c choice) Rich {
	return Rich{{Text: c.what, Strong: true}, {Text: b.tr(" — ", " — ") + c.why}}
}

// Chapter 10: argued technical choices.
func (b *builder) chChoices() *Chapter {
	c := b.chapter("choices")
	f := b.f
	c.Intro = append(c.Intro, para(b.tr("Chaque choix significatif de la conception avec sa raison : d'abord les raisons que l'analyse de la conception établit par le calcul, puis les arguments écrits par le concepteur, enfin chaque règle de vérification à laquelle la conception déroge, avec sa raison écrite.",
		"Every significant choice of the design with its reason: first the reasons the analysis of the design establishes by computation, then the arguments the designer wrote, and last every verification rule the design departs from, with its written reason.")))

	s := b.section(c, b.tr("Choix établis par l'analyse", "Choices established by the analysis"))
	var items []Rich
	for _, ch := range b.derivedChoices() {
		items = append(items, b.choiceItem(ch))
	}
	if len(items) == 0 {
		s.add(para(b.tr("L'analyse n'établit aucun choix particulier.", "The analysis establishes no particular choice.")))
	} else {
		s.add(list(items...))
	}

	s = b.section(c, b.tr("Choix argumentés par le concepteur", "Choices argued by the designer"))
	if len(f.Info.Rationale) == 0 {
		s.add(note("warn", b.tr("La conception ne contient pas d'argumentaire (facility.rationale) : le jury attend que chaque choix de matériel, de logiciel, de réseau et de sécurité soit justifié.",
			"The design contains no argument (facility.rationale): the jury expects every hardware, software, network and security choice to be justified.")))
	}
	for _, k := range model.SortedKeys(f.Info.Rationale) {
		s.add(heading("", humanKey(k)))
		s.add(paraBlocks(f.Info.Rationale[k])...)
	}

	s = b.section(c, b.tr("Justifications des éléments", "Justifications of the elements"))
	t := &Table{Head: []string{b.tr("Élément", "Element"), b.tr("Justification", "Justification")}}
	for _, n := range model.SortedKeys(f.Devices) {
		if r := f.Devices[n].Rationale; r != "" {
			t.Rows = append(t.Rows, row(cellRich(b.devLink(n)), cell(oneLine(r))))
		}
	}
	for _, n := range model.SortedKeys(f.Links) {
		if r := f.Links[n].Rationale; r != "" {
			t.Rows = append(t.Rows, row(cellRich(append(txt(b.tr("câble ", "cable ")), b.cableLink(n)...)), cell(oneLine(r))))
		}
	}
	for _, n := range model.SortedKeys(f.VLANs) {
		if r := f.VLANs[n].Rationale; r != "" {
			t.Rows = append(t.Rows, row(cellRich(append(txt("VLAN "), b.vlanLink(n)...)), cell(oneLine(r))))
		}
	}
	for _, n := range model.SortedKeys(f.PTP) {
		if r := f.PTP[n].Rationale; r != "" {
			t.Rows = append(t.Rows, row(cellRich(append(txt(b.tr("domaine PTP ", "PTP domain ")), code(n)...)), cell(oneLine(r))))
		}
	}
	for _, n := range model.SortedKeys(f.Flows) {
		if r := f.Flows[n].Rationale; r != "" {
			t.Rows = append(t.Rows, row(cellRich(append(txt(b.tr("flux ", "flow ")), b.flowLink(n)...)), cell(oneLine(r))))
		}
	}
	if len(t.Rows) == 0 {
		s.add(para(b.tr("Aucun élément de la conception ne porte de justification propre (champ rationale).", "No element of the design carries its own justification (rationale field).")))
	} else {
		s.add(tableBlock(t))
	}

	s = b.section(c, b.tr("Dérogations aux règles", "Waived rules"))
	s.add(b.waiverBlocks()...)

	var rest []diag.Diagnostic
	for _, d := range b.diags {
		if d.Waived == "" && d.Severity >= diag.Info {
			rest = append(rest, d)
		}
	}
	if len(rest) > 0 {
		s = b.section(c, b.tr("Points d'attention relevés par la vérification", "Points raised by the verification"))
		s.add(para(b.tr("Constats de avnet vet que la conception n'a pas levés (ni erreurs, qui empêchent la génération, ni dérogations) :",
			"Findings of avnet vet that the design did not clear (neither errors, which prevent generation, nor waivers):")))
		t := &Table{Head: []string{b.t("h.rule"), b.tr("Gravité", "Severity"), b.t("h.finding")}, Class: "small"}
		for _, d := range rest {
			t.Rows = append(t.Rows, row(codeCell(d.RuleID), cell(b.t("sev."+d.Severity.String())), cell(d.Message)))
		}
		s.add(tableBlock(t))
	}
	return c
}

// humanKey turns a rationale key ("deux-plans", "raid6") into a title
// ("Deux plans", "RAID 6").
func humanKey(k string) string {
	words := strings.FieldsFunc(k, func(r rune) bool { return r == '-' || r == '_' || r == ' ' })
	for i, w := range words {
		if a, ok := acronyms[strings.ToLower(w)]; ok {
			words[i] = a
		} else if i == 0 {
			words[i] = capitalize(w)
		}
	}
	if len(words) == 0 {
		return k
	}
	return strings.Join(words, " ")
}

var acronyms = map[string]string{
	"qos": "QoS", "ptp": "PTP", "raid5": "RAID 5", "raid6": "RAID 6", "raid10": "RAID 10", "raid": "RAID",
	"igmp": "IGMP", "igmpv2": "IGMPv2", "igmpv3": "IGMPv3", "1g": "1G", "10g": "10G", "25g": "25G", "40g": "40G", "100g": "100G",
	"nmos": "NMOS", "sdi": "SDI", "ip": "IP", "vlan": "VLAN", "ssm": "SSM", "mam": "MAM", "nas": "NAS", "iptv": "IPTV",
	"rgpd": "RGPD", "gdpr": "GDPR", "srt": "SRT", "dante": "Dante", "aes67": "AES67", "st2110": "ST 2110", "pim": "PIM",
	"mtu": "MTU", "wifi": "Wi-Fi", "oob": "OOB", "uhd": "UHD", "hdr": "HDR", "ndi": "NDI", "sdp": "SDP", "lto": "LTO",
}

// ruleByID finds a rule of the suite.
func ruleByID(id string) *rules.Rule {
	for _, r := range suite.All() {
		if r.ID == id {
			return r
		}
	}
	return nil
}

func (b *builder) waiverBlocks() []Block {
	f := b.f
	var out []Block
	if len(f.Waivers) == 0 {
		return []Block{para(b.tr("La conception ne déroge à aucune règle de vérification.", "The design waives no verification rule."))}
	}
	out = append(out, para(b.tr("Une dérogation garde le constat de la règle, mais le concepteur l'accepte en connaissance de cause, avec une raison écrite. Chaque constat concerné :",
		"A waiver keeps the rule's finding, but the designer accepts it knowingly, with a written reason. Every finding concerned:")))
	t := &Table{Head: []string{b.t("h.rule"), b.t("h.subject"), b.t("h.finding"), b.t("h.reason")}, Class: "small"}
	matched := map[string]int{}
	for _, d := range b.diags {
		if d.Waived == "" {
			continue
		}
		matched[d.RuleID]++
		title := ""
		if r := ruleByID(d.RuleID); r != nil {
			title = r.Title()
		}
		rule := Rich{{Text: d.RuleID, Code: true}}
		if title != "" {
			rule = append(rule, Span{Text: " " + title})
		}
		t.Rows = append(t.Rows, row(cellRich(rule), cell(d.Subject), cell(d.Message), cell(oneLine(d.Waived))))
	}
	if len(t.Rows) > 0 {
		out = append(out, tableBlock(t))
	}
	for _, id := range model.SortedKeys(f.Waivers) {
		if matched[id] == 0 {
			out = append(out, note("info", b.tr("La dérogation %s ne correspond à aucun constat : la conception respecte déjà la règle et la dérogation peut être retirée. Raison écrite : %s", "Waiver %s matches no finding: the design already follows the rule and the waiver can be removed. Written reason: %s", id, oneLine(f.Waivers[id].Reason))))
		}
	}
	return out
}

// derivedChoices are the choices the analysis justifies with numbers.
func (b *builder) derivedChoices() []choice {
	var out []choice
	out = append(out, b.portSpeedChoices()...)
	out = append(out, b.uplinkChoices()...)
	out = append(out, b.planeChoices()...)
	out = append(out, b.igmpChoices()...)
	out = append(out, b.mtuChoices()...)
	out = append(out, b.ptpChoices()...)
	out = append(out, b.qosChoices()...)
	out = append(out, b.storageChoices()...)
	out = append(out, b.budgetChoices()...)
	return out
}

// portSpeedChoices explain fast endpoint ports by the traffic they carry:
// "25G because cam-6 sends 11.46 Gb/s per plane".
func (b *builder) portSpeedChoices() []choice {
	f, tp := b.f, b.facts.Topology
	type group struct {
		dev, speed string
		labels     []string
		load       *analysis.Load
		out        bool // the endpoint sends (true) or receives
	}
	groups := map[string]*group{}
	var unneeded []string
	var unneededSpeed string
	for _, label := range model.SortedKeys(f.Links) {
		l := f.Links[label]
		a, z := analysis.ParsePort(l.A), analysis.ParsePort(l.B)
		var ep, sw analysis.Port
		switch {
		case tp.IsSwitch(a.Device) && !tp.IsSwitch(z.Device):
			sw, ep = a, z
		case tp.IsSwitch(z.Device) && !tp.IsSwitch(a.Device):
			sw, ep = z, a
		default:
			continue
		}
		lower, ok := lowerSpeed[l.Speed]
		if !ok || model.SpeedBps(l.Speed) < 10e9 {
			continue
		}
		up := b.facts.Loads[analysis.LinkDir{Label: label, From: ep}]
		down := b.facts.Loads[analysis.LinkDir{Label: label, From: sw}]
		worst, out := up, true
		if down != nil && (worst == nil || down.Bps > worst.Bps) {
			worst, out = down, false
		}
		if worst == nil {
			continue
		}
		if worst.Bps <= model.SpeedBps(lower) {
			if l.Speed == "25G" {
				unneeded = append(unneeded, label)
				unneededSpeed = l.Speed
			}
			continue
		}
		key := ep.Device + "\x00" + l.Speed
		g := groups[key]
		if g == nil {
			g = &group{dev: ep.Device, speed: l.Speed, load: worst, out: out}
			groups[key] = g
		}
		g.labels = append(g.labels, label)
		if worst.Bps > g.load.Bps {
			g.load, g.out = worst, out
		}
	}
	var res []choice
	for _, k := range model.SortedKeys(groups) {
		g := groups[k]
		lower := lowerSpeed[g.speed]
		// The legs that make the load, largest first.
		legs := append([]analysis.LegRef(nil), g.load.Legs...)
		sort.SliceStable(legs, func(i, j int) bool { return legs[i].Bps > legs[j].Bps })
		var parts []string
		for i, lg := range legs {
			if i == 3 {
				parts = append(parts, b.t("choice.more", len(legs)-3))
				break
			}
			parts = append(parts, fmt.Sprintf("%s %s", lg.Flow, b.rate(lg.Bps)))
		}
		what := b.tr("%s sur %s (%s)", "%s on %s (%s)", g.speed, g.dev, strings.Join(g.labels, ", "))
		var why string
		if g.out {
			why = b.tr("%s émet %s par lien (%s) : plus qu'un port %s n'en porte (%s).", "%s sends %s per link (%s): more than a %s port carries (%s).",
				g.dev, b.rate(g.load.Bps), strings.Join(parts, " + "), lower, b.pct(100*g.load.Bps/model.SpeedBps(lower)))
		} else {
			why = b.tr("%s reçoit %s par lien (%d flux, dont %s) : plus qu'un port %s n'en porte (%s).", "%s receives %s per link (%d flows, including %s): more than a %s port carries (%s).",
				g.dev, b.rate(g.load.Bps), len(legs), strings.Join(parts, ", "), lower, b.pct(100*g.load.Bps/model.SpeedBps(lower)))
		}
		why += b.tr(" En %s, le lien est chargé à %s.", " At %s, the link is loaded at %s.", g.speed, b.pct(g.load.Percent()))
		res = append(res, choice{what, why})
	}
	if len(unneeded) > 0 {
		res = append(res, choice{
			b.t("choice.otherlinks", unneededSpeed, len(unneeded)),
			b.tr("ces liens portent moins de 10 Gb/s (%s…) : le débit seul ne l'impose pas ; le choix relève de la marge d'évolution et de l'homogénéité des ports (voir les arguments du concepteur).",
				"these links carry less than 10 Gb/s (%s…): the bit rate alone does not require it; the choice is one of headroom and uniform ports (see the designer's arguments).", strings.Join(firstN(unneeded, 4), ", ")),
		})
	}
	return res
}

func firstN(xs []string, n int) []string {
	if len(xs) <= n {
		return xs
	}
	return xs[:n]
}

// uplinkChoices justify the speed of links between switches by their load.
func (b *builder) uplinkChoices() []choice {
	f, tp := b.f, b.facts.Topology
	bySpeed := map[string][]*analysis.Load{}
	var labels = map[string][]string{}
	for _, label := range model.SortedKeys(f.Links) {
		l := f.Links[label]
		a, z := analysis.ParsePort(l.A), analysis.ParsePort(l.B)
		if !tp.IsSwitch(a.Device) || !tp.IsSwitch(z.Device) {
			continue
		}
		labels[l.Speed] = append(labels[l.Speed], label)
		for _, from := range []analysis.Port{a, z} {
			if ld := b.facts.Loads[analysis.LinkDir{Label: label, From: from}]; ld != nil {
				bySpeed[l.Speed] = append(bySpeed[l.Speed], ld)
			}
		}
	}
	var out []choice
	for _, sp := range model.SortedKeys(labels) {
		loads := bySpeed[sp]
		if len(loads) == 0 {
			continue
		}
		sort.SliceStable(loads, func(i, j int) bool { return loads[i].Bps > loads[j].Bps })
		w := loads[0]
		why := b.tr("charge maximale %s (%s → %s), soit %s", "highest load %s (%s → %s), i.e. %s", b.rate(w.Bps), w.From, w.To, b.pct(w.Percent()))
		if lower, ok := lowerSpeed[sp]; ok {
			lp := 100 * w.Bps / model.SpeedBps(lower)
			why += b.tr(" ; en %s, ce lien serait à %s", "; at %s, this link would be at %s", lower, b.pct(lp))
			if lp > 100 {
				why += b.tr(", saturé", ", saturated")
			}
		}
		why += b.tr(". Le multicast ne traverse un lien montant qu'une fois par flux, quel que soit le nombre de récepteurs.", ". Multicast crosses an uplink once per flow, whatever the number of receivers.")
		out = append(out, choice{b.tr("Liens entre commutateurs en %s (%s)", "%s links between switches (%s)", sp, strings.Join(labels[sp], ", ")), why})
	}
	return out
}

func (b *builder) planeChoices() []choice {
	f := b.f
	if len(f.Planes) < 2 {
		return nil
	}
	n, disjoint := 0, 0
	for _, name := range model.SortedKeys(b.facts.Flows) {
		ff := b.facts.Flows[name]
		if !ff.Flow.Redundant() || len(ff.Legs) < 2 {
			continue
		}
		n++
		count := map[string]int{}
		for _, leg := range ff.Legs {
			sws, _ := b.legPath(leg)
			for _, s := range sws {
				count[s]++
			}
		}
		ok := true
		for _, c := range count {
			if c > 1 {
				ok = false
			}
		}
		if ok {
			disjoint++
		}
	}
	return []choice{{
		b.t("choice.planes", len(f.Planes), strings.Join(f.Planes, ", ")),
		b.tr("%d flux sont émis en double (ST 2022-7) ; pour %d d'entre eux, les deux jambes ne partagent aucun commutateur : aucune panne simple de lien, d'optique ou de commutateur ne coupe l'antenne (chapitre 8).",
			"%d flows are sent twice (ST 2022-7); for %d of them the two legs share no switch: no single failure of a link, optic or switch takes the programme off air (chapter 8).", n, disjoint),
	}}
}

// merged collects choices that differ only by the VLANs they apply to,
// so the two planes of a design give one argument, not two.
type merged struct {
	order []string
	vlans map[string][]string
	what  map[string]func(vlans string) string
}

func newMerged() *merged {
	return &merged{vlans: map[string][]string{}, what: map[string]func(string) string{}}
}

func (m *merged) add(key, vlan string, what func(vlans string) string) {
	if _, ok := m.vlans[key]; !ok {
		m.order = append(m.order, key)
		m.what[key] = what
	}
	m.vlans[key] = append(m.vlans[key], vlan)
}

// choices returns one choice per key; the key is the reason.
func (m *merged) choices() []choice {
	var out []choice
	for _, k := range m.order {
		out = append(out, choice{m.what[k](strings.Join(m.vlans[k], ", ")), k})
	}
	return out
}

func (b *builder) igmpChoices() []choice {
	f := b.f
	m := newMerged()
	q := b.queriers()
	topo := b.topology()
	vlans := model.SortedKeys(f.VLANs)
	b.sortVLANs(vlans)
	for _, vn := range vlans {
		v := f.VLANs[vn]
		if v.IGMP == nil {
			continue
		}
		legs, withSource := 0, 0
		for _, n := range model.SortedKeys(b.facts.Flows) {
			ff := b.facts.Flows[n]
			for _, leg := range ff.Legs {
				if leg.VLAN != vn || leg.Group == "" {
					continue
				}
				legs++
				if b.legSource(ff.Flow, leg) != "" {
					withSource++
				}
			}
		}
		if legs == 0 {
			continue
		}
		switch v.IGMP.Version {
		case 3:
			m.add(b.t("choice.ssm", withSource, legs),
				vn, func(vs string) string { return b.tr("IGMPv3 sur %s", "IGMPv3 on %s", vs) })
		case 2:
			m.add(b.t("choice.asm", legs),
				vn, func(vs string) string { return b.tr("IGMPv2 sur %s", "IGMPv2 on %s", vs) })
		}
		if sw := q[vn]; len(sw) == 1 {
			if si := topo[sw[0]]; si != nil && si.position == posSpine {
				m.add(b.tr("chaque leaf voit l'interrogateur derrière son lien montant et y envoie les flux de ses émetteurs ; le spine ne les redescend que vers les leaves qui ont des abonnés.",
					"each leaf sees the querier behind its uplink and sends its senders' flows there; the spine only sends them down to the leaves that have subscribers."),
					vn+" ("+sw[0]+")", func(vs string) string {
						return b.tr("Interrogateurs IGMP sur les spines : %s", "IGMP queriers on the spines: %s", vs)
					})
			}
		}
	}
	return m.choices()
}

func (b *builder) mtuChoices() []choice {
	f := b.f
	m := newMerged()
	vlans := model.SortedKeys(f.VLANs)
	b.sortVLANs(vlans)
	for _, vn := range vlans {
		v := f.VLANs[vn]
		if v.MTU <= 1500 {
			continue
		}
		maxIP := 0
		for _, n := range model.SortedKeys(b.facts.Flows) {
			ff := b.facts.Flows[n]
			if ff.RateErr != nil {
				continue
			}
			for _, leg := range ff.Legs {
				if leg.VLAN == vn && ff.Rate.MaxIPBytes > maxIP {
					maxIP = ff.Rate.MaxIPBytes
				}
			}
		}
		var why string
		switch {
		case v.Purpose == "storage":
			why = b.tr("les transferts de fichiers (SMB) du stockage partagé se font en moins de paquets, ce qui soulage les processeurs des serveurs et des postes.", "shared-storage file transfers (SMB) need fewer packets, which relieves the servers' and workstations' CPUs.")
		case maxIP > 1500:
			why = b.tr("des flux de ces VLAN envoient des datagrammes de %d octets, au-delà de 1500.", "flows of these VLANs send %d-byte datagrams, beyond 1500.", maxIP)
		case maxIP > 0:
			why = b.tr("les flux actuels n'envoient que des datagrammes de taille standard (%d octets au plus) : la MTU %d est une marge pour des émetteurs en taille étendue (ST 2110-10) sans reconfigurer le réseau.",
				"current flows only send standard-size datagrams (%d bytes at most): MTU %d is headroom for extended-size senders (ST 2110-10) without reconfiguring the network.", maxIP, v.MTU)
		default:
			continue
		}
		mtu := v.MTU
		m.add(why, vn, func(vs string) string { return b.tr("MTU %d sur %s", "MTU %d on %s", mtu, vs) })
	}
	return m.choices()
}

func (b *builder) ptpChoices() []choice {
	var out []choice
	for _, dn := range model.SortedKeys(b.facts.PTP) {
		df := b.facts.PTP[dn]
		dom := df.Domain
		boundary, unaware, maxSteps := 0, 0, 0
		for _, tr := range b.ptpTrees(dn) {
			for _, nd := range tr.Nodes {
				switch nd.Role {
				case "boundary":
					boundary++
				case "unaware":
					unaware++
				}
				if nd.StepsRemoved > maxSteps {
					maxSteps = nd.StepsRemoved
				}
			}
		}
		if boundary > 0 {
			why := b.t("choice.boundary", boundary, maxSteps)
			if unaware > 0 {
				why += b.t("choice.unaware", unaware)
			}
			out = append(out, choice{b.tr("Horloges frontières dans le domaine %s", "Boundary clocks in domain %s", dn), why})
		}
		gms := model.SortedKeys(dom.Grandmasters)
		if len(gms) >= 2 {
			var elected []string
			for _, tr := range b.ptpTrees(dn) {
				if tr.Grandmaster != "" && !contains(elected, tr.Grandmaster) {
					elected = append(elected, tr.Grandmaster)
				}
			}
			var prios []string
			for _, g := range gms {
				prios = append(prios, fmt.Sprintf("%s priority1 %d", g, dom.Grandmasters[g].Priority1))
			}
			failover := math.Pow(2, float64(dom.LogAnnounceInterval)) * float64(dom.AnnounceReceiptTimeout)
			out = append(out, choice{b.t("choice.gms", len(gms), dn),
				b.t("choice.bmca", strings.Join(prios, ", "), strings.Join(elected, ", "), b.seconds(failover), dom.AnnounceReceiptTimeout)})
		}
	}
	return out
}

func (b *builder) qosChoices() []choice {
	f := b.f
	cs := b.classesByQueue()
	if len(cs) == 0 {
		return nil
	}
	top := f.QoS.Classes[cs[0]]
	var strict []string
	for _, c := range cs {
		if f.QoS.Classes[c].Scheduling == "strict" {
			strict = append(strict, c)
		}
	}
	why := b.tr("la classe %s (DSCP %s) est dans la file %d, la plus prioritaire", "class %s (DSCP %s) is in queue %d, the highest", cs[0], dscpList(top.DSCP), top.Queue)
	if len(strict) > 0 {
		why += b.tr(" ; files strictes : %s, servies avant toute file pondérée, donc avant la vidéo", "; strict queues: %s, served before any weighted queue, hence before video", strings.Join(strict, ", "))
	}
	return []choice{{b.tr("Ordre des files QoS", "QoS queue order"), why + "."}}
}

func (b *builder) storageChoices() []choice {
	var out []choice
	for _, n := range model.SortedKeys(b.f.Devices) {
		st := b.f.Devices[n].Storage
		if st == nil {
			continue
		}
		lv, ok := raidLevels[st.RAID]
		if !ok {
			continue
		}
		usable := lv.usable(st.Disks, st.DiskTB)
		why := b.tr("%d × %s donnent %s utiles", "%d × %s give %s usable", st.Disks, b.tb(st.DiskTB), b.tb(usable))
		if st.RequiredTB > 0 {
			why += b.tr(" pour %s nécessaires (marge %s)", " for %s needed (margin %s)", b.tb(st.RequiredTB), b.pct(100*(usable-st.RequiredTB)/st.RequiredTB))
		}
		why += b.t("choice.disk.loss", lv.survives)
		if st.RAID == "raid6" && st.Disks >= 3 {
			r5 := raidLevels["raid5"].usable(st.Disks, st.DiskTB)
			why += b.tr(" ; le RAID 5 donnerait %s mais ne supporterait qu'une panne, pendant une reconstruction d'autant plus longue que les disques sont gros", "; RAID 5 would give %s but survive a single failure, during a rebuild that grows with disk size", b.tb(r5))
		}
		out = append(out, choice{b.tr("%s sur %s", "%s on %s", lv.title, n), why + "."})
	}
	return out
}

func (b *builder) budgetChoices() []choice {
	bu := b.f.Info.Budget
	if bu == nil || bu.Limit <= 0 {
		return nil
	}
	bom := b.billOfMaterials()
	margin := bu.Limit - bom.total
	why := b.tr("la nomenclature totalise %s pour un plafond de %s", "the bill of materials totals %s for a limit of %s", b.money(bom.total, bom.currency), b.money(bu.Limit, bom.currency))
	if margin >= 0 {
		why += b.tr(", soit une réserve de %s (%s)", ", leaving a reserve of %s (%s)", b.money(margin, bom.currency), b.pct(100*margin/bu.Limit))
	} else {
		why += b.tr(", soit un dépassement de %s", ", an overrun of %s", b.money(-margin, bom.currency))
	}
	return []choice{{b.tr("Budget", "Budget"), why + b.tr(" (chapitre 11).", " (chapter 11).")}}
}
