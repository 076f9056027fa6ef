package dossier

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/avnet/avnet/generators/sdp"
	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/model"
)

// steps numbers the test steps of chapter 12 across its sections.
type steps struct {
	b *builder
	n int
}

func (st *steps) table() *Table {
	b := st.b
	return &Table{Head: []string{b.t("h.step"), b.t("h.check"), b.t("h.how"), b.t("h.expected"), b.t("h.result")}, Align: []string{"center", "", "", "", "center"}, Class: "small steps"}
}

func (st *steps) add(t *Table, what, how Rich, expected Rich) {
	st.addCells(t, cellRich(what), cellRich(how), cellRich(expected))
}

// tableWith is a table of steps with its own middle columns.
func (st *steps) tableWith(head ...string) *Table {
	b := st.b
	h := append(append([]string{b.t("h.step")}, head...), b.t("h.result"))
	align := make([]string, len(h))
	align[0], align[len(h)-1] = "center", "center"
	return &Table{Head: h, Align: align, Class: "small steps"}
}

// addCells adds a numbered step with the given middle cells.
func (st *steps) addCells(t *Table, cells ...Cell) {
	st.n++
	r := append(append([]Cell{cell(fmt.Sprintf("R%d", st.n))}, cells...), cell(st.b.t("check")))
	t.Rows = append(t.Rows, Row{Cells: r})
}

// platformCommands are the show commands a technician types on each platform.
var platformCommands = map[string]struct{ vlan, igmp, ptp, ports, config string }{
	"eos":   {"show vlan", "show ip igmp snooping querier", "show ptp", "show interfaces status", "show running-config"},
	"nxos":  {"show vlan brief", "show ip igmp snooping querier", "show ptp brief ; show ptp parent", "show interface status", "show running-config"},
	"iosxe": {"show vlan brief", "show ip igmp snooping querier", "show ptp clock", "show interfaces status", "show running-config"},
	"linux": {"ovs-vsctl show", "ovs-appctl mdb/show br0", "pmc -u -b 0 'GET PARENT_DATA_SET'", "ip -br link", "vtysh -c 'show running-config'"},
}

// Chapter 12: acceptance test procedure, and the lab's results.
func (b *builder) chAcceptance() *Chapter {
	c := b.chapter("acceptance")
	f, facts := b.f, b.facts
	st := &steps{b: b}
	c.Intro = append(c.Intro, para(b.tr("La procédure suit l'ordre d'une mise en service : le câblage, puis chaque commutateur, la synchronisation, chaque flux sur chaque plan, la redondance, enfin les postes de travail. Chaque étape donne la valeur attendue, calculée depuis la conception ; le technicien coche le résultat et note tout écart.",
		"The procedure follows the order of a commissioning: cabling, then each switch, timing, each flow on each plane, redundancy, and last the workstations. Each step gives the expected value, computed from the design; the technician ticks the result and notes any difference.")))

	s := b.section(c, b.tr("Préalables", "Prerequisites"))
	s.add(list(
		txt(b.tr("Configurations générées appliquées aux commutateurs (avnet plan puis avnet apply) ; avnet plan ne montre plus aucune différence.", "Generated configurations applied to the switches (avnet plan then avnet apply); avnet plan shows no more difference.")),
		txt(b.tr("Un poste de test raccordé au VLAN de gestion, avec un client SSH, et sur chaque VLAN média un port d'analyse (tcpdump ou Wireshark) pour mesurer débits, paquets par seconde et DSCP.", "A test laptop on the management VLAN with an SSH client, and on each media VLAN an analysis port (tcpdump or Wireshark) to measure bit rates, packets per second and DSCP.")),
		txt(b.tr("Les fichiers SDP des annexes (ou le contrôleur NMOS) pour abonner les récepteurs ; linuxptp (pmc) ou l'interface des équipements pour lire l'état PTP.", "The SDP files of the annexes (or the NMOS controller) to subscribe receivers; linuxptp (pmc) or the devices' interfaces to read the PTP state.")),
		txt(b.tr("Grands maîtres verrouillés sur leur référence (GNSS) depuis au moins 15 minutes.", "Grandmasters locked to their reference (GNSS) for at least 15 minutes.")),
	))

	// Physical checks, one per cable.
	s = b.section(c, b.tr("Contrôles physiques du câblage", "Physical cabling checks"))
	s.add(para(b.tr("Pour chaque câble : lire l'étiquette aux deux extrémités, vérifier qu'il arrive sur les ports prévus, puis lire sur le commutateur l'état et le débit du lien.",
		"For each cable: read the label at both ends, check that it lands on the intended ports, then read the link state and speed on the switch.")))
	t := st.tableWith(b.t("h.cable"), b.t("h.enda"), b.t("h.endb"), b.t("h.expected"))
	for _, label := range model.SortedKeys(f.Links) {
		l := f.Links[label]
		a, z := analysis.ParsePort(l.A), analysis.ParsePort(l.B)
		exp := b.tr("lien actif à %s ; %s", "link up at %s; %s", l.Speed, b.mediumName(l.Medium))
		if l.LengthM > 0 {
			exp += b.tr(", %s m", ", %s m", b.num(l.LengthM, 0))
		}
		st.addCells(t, cellRich(b.cableLink(label)), cellRich(b.portLink(a)), cellRich(b.portLink(z)), cell(exp))
	}
	s.add(tableBlock(t))

	// Switches.
	s = b.section(c, b.tr("Commutateurs", "Switches"))
	q := b.queriers()
	for _, n := range b.switches() {
		d := f.Devices[n]
		p := b.plan(n)
		if p == nil {
			continue
		}
		cmd := platformCommands[d.Platform]
		s.add(heading("", n))
		t := st.table()
		if d.Mgmt != nil {
			cr := f.Admin(d)
			user := "admin"
			if cr != nil {
				user = cr.Username
			}
			st.add(t, txt(b.tr("Accès de gestion", "Management access")), code(fmt.Sprintf("ssh %s@%s", user, d.Mgmt.IP)),
				txt(b.tr("Connexion SSH acceptée ; Telnet (23) et HTTP (80) refusés ; bannière de connexion affichée", "SSH login accepted; Telnet (23) and HTTP (80) refused; login banner shown")))
		}
		if cfg := b.annexPath("configs/" + n + "."); cfg != "" {
			st.add(t, txt(b.tr("Configuration", "Configuration")), Rich{{Text: "avnet plan", Code: true}},
				append(txt(b.tr("Aucune différence avec ", "No difference with ")), b.annexLink(cfg)...))
		}
		if len(p.VLANs) > 0 {
			var vs []string
			for _, v := range p.VLANs {
				if vl := f.VLANs[v]; vl != nil {
					vs = append(vs, fmt.Sprintf("%d %s", vl.ID, v))
				}
			}
			st.add(t, txt("VLAN"), code(cmd.vlan), txt(b.tr("VLAN présents : %s", "VLANs present: %s", strings.Join(vs, ", "))))
		}
		var igmp []string
		for _, v := range p.VLANs {
			vl := f.VLANs[v]
			if vl == nil || vl.IGMP == nil || !vl.IGMP.Snooping {
				continue
			}
			e := b.tr("%s : snooping IGMPv%d", "%s: IGMPv%d snooping", v, vl.IGMP.Version)
			if qs := q[v]; len(qs) > 0 {
				addr := vl.IGMP.Querier
				e += b.tr(", querier %s (%s)", ", querier %s (%s)", addr, strings.Join(qs, ", "))
			}
			igmp = append(igmp, e)
		}
		if len(igmp) > 0 {
			st.add(t, txt(b.tr("IGMP snooping et querier", "IGMP snooping and querier")), code(cmd.igmp), txt(strings.Join(igmp, " ; ")))
		}
		if d.PTP != nil && d.PTP.Mode != "none" && d.PTP.Mode != "" {
			exp := b.ptpExpectation(n)
			st.add(t, txt("PTP"), code(cmd.ptp), txt(exp))
		}
		up, unused := 0, 0
		var speeds []string
		bySpeed := map[string]int{}
		for _, sp := range p.Ports {
			if sp.Mode == analysis.PortUnused {
				unused++
				continue
			}
			up++
			bySpeed[sp.Speed]++
		}
		for _, sp := range model.SortedKeys(bySpeed) {
			speeds = append(speeds, fmt.Sprintf("%d × %s", bySpeed[sp], sp))
		}
		st.add(t, txt(b.tr("Ports", "Ports")), code(cmd.ports), txt(b.t("rec.ports.up", up, strings.Join(speeds, ", "))+b.pick(" ; ", "; ")+b.t("rec.ports.unused", unused)))
		s.add(tableBlock(t))
	}

	// PTP.
	if len(facts.PTP) > 0 {
		s = b.section(c, b.tr("Synchronisation PTP", "PTP timing"))
		t := st.table()
		for _, dn := range model.SortedKeys(facts.PTP) {
			df := facts.PTP[dn]
			dom := df.Domain
			for _, tr := range b.ptpTrees(dn) {
				if tr.Grandmaster == "" {
					continue
				}
				g := dom.Grandmasters[tr.Grandmaster]
				st.add(t, txt(b.tr("Grand maître élu (%s)", "Elected grandmaster (%s)", b.treeName(tr))),
					code("pmc -u -b 0 'GET PARENT_DATA_SET'"),
					txt(b.t("rec.tree", tr.Grandmaster, g.Priority1, dom.Domain, len(tr.Nodes))))
			}
			gms := model.SortedKeys(dom.Grandmasters)
			if len(gms) >= 2 {
				var elected []string
				for _, tr := range b.ptpTrees(dn) {
					if tr.Grandmaster != "" && !contains(elected, tr.Grandmaster) {
						elected = append(elected, tr.Grandmaster)
					}
				}
				var backups []string
				for _, g := range gms {
					if !contains(elected, g) {
						backups = append(backups, g)
					}
				}
				failover := math.Pow(2, float64(dom.LogAnnounceInterval)) * float64(dom.AnnounceReceiptTimeout)
				st.add(t, txt(b.tr("Bascule du grand maître (domaine %s)", "Grandmaster failover (domain %s)", dn)),
					txt(b.tr("Débrancher la référence de %s (ou l'éteindre), observer les horloges, puis la rebrancher.", "Disconnect %s's reference (or power it off), watch the clocks, then reconnect it.", strings.Join(elected, ", "))),
					txt(b.tr("Les horloges suivent %s en moins de %s ; aucun flux ne décroche ; retour sur %s au rebranchement", "Clocks follow %s within %s; no flow drops; back to %s on reconnection", b.listing(backups), b.seconds(failover), strings.Join(elected, ", "))))
			}
		}
		s.add(tableBlock(t))
	}

	// Flows.
	s = b.section(c, b.tr("Flux", "Flows"))
	s.add(para(b.tr("Pour chaque flux et chaque plan : abonner chaque récepteur au couple (source, groupe) (fichier SDP ou contrôleur NMOS), puis mesurer sur son port le nombre de paquets par seconde, le débit et le DSCP des paquets reçus.",
		"For each flow and each plane: subscribe each receiver to the (source, group) pair (SDP file or NMOS controller), then measure on its port the packets per second, the bit rate and the DSCP of the packets received.")))
	t = st.tableWith(b.t("h.flow"), b.t("h.plane"), b.t("h.receivers"), b.tr("Abonnement", "Subscription"), b.t("h.expected"))
	for _, n := range model.SortedKeys(facts.Flows) {
		ff := facts.Flows[n]
		fl := ff.Flow
		dscp, hasDSCP := b.classDSCP(fl.Class)
		for _, leg := range ff.Legs {
			var rx []Rich
			for _, d := range leg.Deliveries {
				if d.Unreachable == "" {
					rx = append(rx, b.portLink(d.Port))
				}
			}
			var how Rich
			if leg.Group != "" {
				how = code(leg.Group)
				if src := b.legSource(fl, leg); src != "" {
					how = code("(" + src + ", " + leg.Group + ")")
				}
				if p := sdp.FileName(n); b.annexPath(p) == p {
					how = append(how, Span{Text: b.tr(" avec ", " with ")})
					how = append(how, b.annexLink(p)...)
				}
			} else {
				how = txt(b.tr("émission unicast vers chaque récepteur", "unicast stream to each receiver"))
			}
			var exp []string
			if ff.RateErr == nil {
				exp = append(exp, b.tr("%s paquets/s ; %s (L1)", "%s packets/s; %s (L1)", b.int(int(ff.Rate.PacketsPerSecond+0.5)), b.rate(ff.Rate.Bitrate.L1)))
			}
			if hasDSCP {
				name := ""
				if nm, ok := dscpNames[dscp]; ok {
					name = " (" + nm + ")"
				}
				exp = append(exp, fmt.Sprintf("DSCP %d%s", dscp, name))
			}
			exp = append(exp, b.tr("aucune perte", "no loss"))
			st.addCells(t, cellRich(b.flowLink(n)), cell(b.planeOrDash(leg.Plane)), cellRich(join(rx, ", ")), cellRich(how), cell(strings.Join(exp, " ; ")))
		}
	}
	s.add(tableBlock(t))
	s.add(para(b.tr("Pour chaque VLAN média, vérifier aussi qu'un port d'extrémité qui ne s'est abonné à rien ne reçoit aucun paquet multicast média (IGMP snooping).",
		"For each media VLAN, also check that an endpoint port that joined nothing receives no media multicast packet (IGMP snooping).")))

	// Redundancy: one plane off at a time.
	if len(f.Planes) >= 2 {
		s = b.section(c, b.tr("Redondance ST 2022-7", "ST 2022-7 redundancy"))
		t := st.table()
		for _, p := range f.Planes {
			var sws []string
			for _, n := range b.switches() {
				if f.Devices[n].Plane == p {
					sws = append(sws, n)
				}
			}
			var lost []string
			protected := 0
			for _, n := range model.SortedKeys(facts.Flows) {
				ff := facts.Flows[n]
				if ff.Flow.Redundant() && len(ff.Legs) >= 2 {
					protected++
					continue
				}
				for _, leg := range ff.Legs {
					if leg.Plane == p {
						lost = append(lost, n)
					}
				}
			}
			exp := b.t("rec.protected", protected)
			if len(lost) > 0 {
				exp += b.tr(" ; s'arrêtent (non protégés) : %s", "; stop (unprotected): %s", strings.Join(lost, ", "))
			}
			st.add(t, txt(b.tr("Perte du plan %s", "Loss of the %s plane", b.planeName(p))),
				txt(b.tr("Éteindre %s, observer les récepteurs pendant une minute, puis rallumer.", "Power off %s, watch the receivers for a minute, then power on.", b.listing(sws))), txt(exp))
		}
		s.add(tableBlock(t))
	}

	// Workstations, storage and accessibility.
	var ws []string
	for _, n := range model.SortedKeys(f.Devices) {
		if f.Devices[n].Workstation != nil {
			ws = append(ws, n)
		}
	}
	if len(ws) > 0 {
		s = b.section(c, b.tr("Postes de travail", "Workstations"))
		t := st.table()
		for _, n := range ws {
			w := f.Devices[n].Workstation
			if len(w.Software) > 0 {
				st.add(t, append(b.devLink(n), Span{Text: b.tr(" : logiciels", ": software")}), txt(b.tr("Lancer chaque logiciel avec le compte de l'utilisateur", "Start each program with the user's account")), txt(strings.Join(w.Software, ", ")))
			}
			if w.Streams > 0 && !w.Bitrate.IsZero() {
				st.add(t, append(b.devLink(n), Span{Text: b.tr(" : lecture sur le stockage", ": reading from storage")}), txt(b.t("rec.playback", w.Streams)),
					txt(b.tr("Lecture fluide, sans image perdue, à %s par flux", "Smooth playback, no dropped frame, at %sb/s per stream", w.Bitrate.String())))
			}
			if len(w.Accessibility) > 0 {
				var items []string
				for _, a := range w.Accessibility {
					items = append(items, oneLine(a))
				}
				st.add(t, append(b.devLink(n), Span{Text: b.tr(" : accessibilité", ": accessibility")}), txt(b.tr("L'utilisateur du poste essaie chaque aménagement dans son travail réel", "The workstation's user tries each adaptation in real work")), txt(strings.Join(items, " ; ")))
			}
		}
		s.add(tableBlock(t))
	}

	b.labSection(c)
	return c
}

// ptpExpectation is what a switch's PTP state must show.
func (b *builder) ptpExpectation(n string) string {
	d := b.f.Devices[n]
	for _, dn := range model.SortedKeys(b.facts.PTP) {
		df := b.facts.PTP[dn]
		for _, tr := range b.ptpTrees(dn) {
			nd := tr.Nodes[n]
			if nd == nil {
				continue
			}
			e := b.tr("%s, domaine %d", "%s, domain %d", b.ptpRoleName(nd.Role), df.Domain.Domain)
			if tr.Grandmaster != "" {
				e += b.tr(", grand maître %s", ", grandmaster %s", tr.Grandmaster)
			}
			if nd.Parent != "" {
				e += b.tr(", port esclave %s (vers %s)", ", slave port %s (toward %s)", nd.Port.Interface, nd.Parent)
			}
			e += b.tr(", steps removed %d", ", steps removed %d", nd.StepsRemoved)
			return e
		}
	}
	return b.tr("mode %s", "mode %s", d.PTP.Mode)
}

// labSection prints the lab's measurements, when a lab run exists.
func (b *builder) labSection(c *Chapter) {
	s := b.section(c, b.tr("Résultats de la maquette", "Lab results"))
	switch {
	case b.labErr != nil:
		s.add(note("warn", b.tr("Les résultats de la maquette n'ont pas pu être lus : %v", "The lab results could not be read: %v", b.labErr)))
		return
	case b.lab == nil:
		s.add(para(b.tr("Aucun résultat de maquette n'accompagne cette génération. La maquette (avnet lab up, puis avnet lab test) reproduit la conception en namespaces réseau et mesure la livraison de chaque flux, son DSCP et l'élection PTP ; ses résultats s'insèrent ici à la génération suivante.",
			"No lab results come with this build. The lab (avnet lab up, then avnet lab test) reproduces the design in network namespaces and measures the delivery of every flow, its DSCP and the PTP election; its results appear here at the next build.")))
		return
	}
	r := b.lab
	verdict := b.t("pass")
	tone := "ok"
	if !r.Passed {
		verdict, tone = b.t("fail"), "warn"
	}
	kvs := []KV{kv(b.tr("Maquette", "Lab"), r.Lab), kv(b.tr("Verdict global", "Overall verdict"), verdict),
		kv(b.tr("Émission de test", "Test streams"), b.t("rec.packets", r.Count, b.num(r.Rate, 0)))}
	if t, ok := r.Timings["total"]; ok {
		kvs = append(kvs, kv(b.tr("Durée", "Duration"), b.seconds(t)))
	}
	s.add(kvBlock(kvs))
	if b.labStale {
		s.add(note("warn", b.tr("Ces résultats ont été mesurés sur une version antérieure de la conception : relancer avnet lab up et avnet lab test.", "These results were measured on an earlier version of the design: run avnet lab up and avnet lab test again.")))
	}
	s.add(note(tone, b.tr("Verdict de la maquette : %s.", "Lab verdict: %s.", verdict)))

	t := &Table{Head: []string{b.t("h.flow"), b.t("h.plane"), b.tr("Récepteur", "Receiver"), b.tr("Reçus / émis", "Received / sent"), b.tr("Perdus", "Lost"), b.tr("DSCP reçu", "DSCP seen"), b.t("h.result")}, Align: []string{"", "", "", "num", "num", "", "center"}, Class: "small"}
	for _, fl := range r.Flows {
		for _, leg := range fl.Legs {
			for _, rc := range leg.Receivers {
				var ds []string
				keys := make([]int, 0, len(rc.DSCP))
				for k := range rc.DSCP {
					keys = append(keys, k)
				}
				sort.Ints(keys)
				for _, k := range keys {
					ds = append(ds, fmt.Sprintf("%d ×%d", k, rc.DSCP[k]))
				}
				res := cellTone(b.t("pass"), "ok")
				if !rc.Passed {
					res = cellTone(b.t("fail"), "bad")
				}
				t.Rows = append(t.Rows, row(cellRich(b.flowLink(fl.Flow)), cell(b.planeOrDash(leg.Plane)), cell(rc.Receiver+":"+rc.Interface), cell(fmt.Sprintf("%d / %d", rc.Received, leg.Sent)), cell(strconv.Itoa(rc.Lost)), cell(strings.Join(ds, ", ")), res))
			}
		}
	}
	if len(t.Rows) > 0 {
		s.add(heading("", b.tr("Livraison des flux", "Flow delivery")), tableBlock(t))
	}
	silent, leaks := 0, 0
	for _, fl := range r.Flows {
		for _, leg := range fl.Legs {
			for _, by := range leg.Silent {
				silent++
				if by.Frames > 0 {
					leaks++
				}
			}
		}
	}
	if silent > 0 {
		if leaks == 0 {
			s.add(note("ok", b.t("rec.silent", silent)))
		} else {
			s.add(note("warn", b.t("rec.leaks", leaks, silent)))
		}
	}
	if len(r.PTP) > 0 {
		t := &Table{Head: []string{b.tr("Domaine", "Domain"), b.tr("Grand maître attendu", "Expected grandmaster"), b.tr("Grand maître élu", "Elected grandmaster"), b.tr("Horloges verrouillées", "Clocks locked"), b.tr("Convergence", "Convergence"), b.tr("Décalage max. (ns)", "Largest offset (ns)"), b.tr("Tolérance (ns)", "Tolerance (ns)"), b.t("h.result")}, Align: []string{"", "", "", "num", "num", "num", "num", "center"}}
		ct := &Table{Head: []string{b.t("h.device"), b.tr("Type", "Kind"), b.tr("État du port", "Port state"), b.t("h.steps"), b.tr("Verrouillée", "Locked"), b.tr("Décalage (ns)", "Offset (ns)"), b.tr("Décalage max. (ns)", "Max. offset (ns)"), b.tr("Délai (ns)", "Path delay (ns)"), b.t("h.result")}, Align: []string{"", "", "", "num", "num", "num", "num", "num", "center"}, Class: "small"}
		for _, p := range r.PTP {
			res := cellTone(b.t("pass"), "ok")
			if !p.Passed {
				res = cellTone(b.t("fail"), "bad")
			}
			conv := "—"
			if p.Converged > 0 {
				conv = b.seconds(p.Converged)
			}
			tol, maxOff := "—", "—"
			if p.ToleranceNs > 0 {
				tol = b.num(p.ToleranceNs, 0)
			}
			if p.Locked > 0 {
				maxOff = b.num(p.MaxOffsetNs, 0)
			}
			t.Rows = append(t.Rows, row(cell(fmt.Sprintf("%s (%d)", p.Domain, p.DomainNumber)), cell(p.Intended), cell(orDash(p.Elected)), cell(strconv.Itoa(p.Locked)), cell(conv), cell(maxOff), cell(tol), res))
			for _, cl := range p.Clocks {
				cr := cellTone(b.t("pass"), "ok")
				if !cl.Passed {
					cr = cellTone(b.t("fail"), "bad")
				}
				locked, off, maxO, pd := "—", "—", "—", "—"
				if cl.Locked {
					locked = b.seconds(cl.LockedAfter)
					off, maxO, pd = b.num(cl.OffsetNs, 0), b.num(cl.MaxOffsetNs, 0), b.num(cl.PathDelayNs, 0)
				}
				ct.Rows = append(ct.Rows, row(cellRich(b.devLink(cl.Device)), cell(cl.Kind), cell(cl.PortState), cell(strconv.Itoa(cl.StepsRemoved)), cell(locked), cell(off), cell(maxO), cell(pd), cr))
			}
		}
		s.add(heading("", b.tr("Élection et verrouillage PTP", "PTP election and lock")), tableBlock(t))
		if len(ct.Rows) > 0 {
			s.add(tableBlock(ct))
		}
		s.add(note("", b.tr("Chaque horloge qui doit suivre le grand maître doit se verrouiller (état SLAVE : l'asservissement de ptp4l est verrouillé) dans le temps imparti, avec un décalage médian sur plusieurs lectures au plus égal à la tolérance du domaine (ptp.<domaine>.tolerance). Horodatage logiciel : tous les namespaces partagent l'horloge de la machine, que la maquette ne corrige jamais ; le décalage mesure le bruit de l'horodatage à travers les commutateurs.",
			"Every clock that must follow the grandmaster must lock (SLAVE state: ptp4l's servo locked) within the time limit, with a median offset over several readings no larger than the domain's tolerance (ptp.<domain>.tolerance). Software time stamping: every namespace shares the machine's clock, which the lab never corrects; the offset measures the time stamping noise through the switches.")))
	}
	if len(r.Notes) > 0 {
		var items []Rich
		for _, n := range r.Notes {
			items = append(items, txt(n))
		}
		s.add(heading("", b.tr("Remarques de la maquette", "Lab notes")), list(items...))
	}
}
