package dossier

import (
	"strings"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/model"
)

// legPath is the sequence of switches a leg crosses, in order of first
// appearance along its deliveries, and the set of cables it uses.
func (b *builder) legPath(leg *analysis.Leg) (switches []string, cables map[string]bool) {
	cables = map[string]bool{}
	add := func(d string) {
		if b.facts.Topology.IsSwitch(d) && !contains(switches, d) {
			switches = append(switches, d)
		}
	}
	for _, e := range leg.Tree {
		cables[e.Link.Label] = true
	}
	for _, dl := range leg.Deliveries {
		for _, e := range dl.Path {
			add(e.From.Device)
			add(e.To.Device)
			cables[e.Link.Label] = true
		}
	}
	if len(switches) == 0 {
		for _, e := range leg.Tree {
			add(e.From.Device)
			add(e.To.Device)
		}
	}
	return switches, cables
}

// raidLevels gives usable capacity and the disks a level survives losing.
var raidLevels = map[string]struct {
	title    string
	usable   func(n int, c float64) float64
	survives int
}{
	"raid0":  {"RAID 0", func(n int, c float64) float64 { return float64(n) * c }, 0},
	"raid1":  {"RAID 1", func(n int, c float64) float64 { return float64(n) * c / 2 }, 1},
	"raid10": {"RAID 10", func(n int, c float64) float64 { return float64(n) * c / 2 }, 1},
	"raid5":  {"RAID 5", func(n int, c float64) float64 { return float64(n-1) * c }, 1},
	"raid6":  {"RAID 6", func(n int, c float64) float64 { return float64(n-2) * c }, 2},
}

// Chapter 8: redundancy, storage, security, access rights.
func (b *builder) chOperations() *Chapter {
	c := b.chapter("operations")
	b.redundancySection(c)
	b.storageSection(c)
	b.securitySection(c)
	b.rightsSection(c)
	return c
}

func (b *builder) redundancySection(c *Chapter) {
	f := b.f
	s := b.section(c, b.tr("Redondance", "Redundancy"))
	var protected, single []string
	for _, n := range model.SortedKeys(b.facts.Flows) {
		ff := b.facts.Flows[n]
		if ff.Flow.Redundant() && len(ff.Legs) >= 2 {
			protected = append(protected, n)
		} else if len(ff.Legs) > 0 && ff.Legs[0].Group != "" {
			single = append(single, n)
		}
	}
	s.add(para(b.tr("%s flux sur %s sont protégés par ST 2022-7 : l'émetteur envoie une copie sur chaque plan, et le récepteur reconstitue le flux paquet par paquet à partir des deux. La perte d'un câble, d'une optique, d'un commutateur ou d'un plan entier ne coupe donc pas ces flux, à condition que leurs deux jambes ne partagent aucun élément : le tableau ci-dessous le vérifie pour chacun.",
		"%s flows out of %s are protected by ST 2022-7: the sender sends one copy on each plane, and the receiver rebuilds the stream packet by packet from both. The loss of a cable, an optic, a switch or a whole plane therefore does not interrupt these flows, provided their two legs share no element: the table below checks it for each.",
		b.int(len(protected)), b.int(len(f.Flows)))))
	if len(protected) > 0 {
		t := &Table{Head: []string{b.t("h.flow"), b.tr("Chemins des jambes (commutateurs)", "Leg paths (switches)"), b.tr("Éléments communs", "Shared elements")}, Class: "small"}
		bad := 0
		for _, n := range protected {
			ff := b.facts.Flows[n]
			var paths []Rich
			count := map[string]int{}
			for _, leg := range ff.Legs {
				sws, cables := b.legPath(leg)
				for _, s := range sws {
					count[s]++
				}
				for cb := range cables {
					count["cable "+cb]++
				}
				p := txt(b.planeName(leg.Plane) + " : ")
				if b.lang == "en" {
					p = txt(b.planeName(leg.Plane) + ": ")
				}
				if len(sws) == 0 {
					p = append(p, Span{Text: "—"})
				}
				p = append(p, Span{Text: strings.Join(sws, " › "), Code: true})
				paths = append(paths, p)
			}
			var shared []string
			for _, k := range model.SortedKeys(count) {
				if count[k] > 1 {
					shared = append(shared, k)
				}
			}
			cl := cellTone(b.t("none"), "ok")
			if len(shared) > 0 {
				cl = cellTone(strings.Join(shared, ", "), "bad")
				bad++
			}
			t.Rows = append(t.Rows, row(cellRich(b.flowLink(n)), cellRich(join(paths, " / ")), cl))
		}
		s.add(tableBlock(t))
		if bad == 0 {
			s.add(note("ok", b.tr("Les deux jambes de chaque flux protégé suivent des chemins entièrement disjoints.", "The two legs of every protected flow follow fully disjoint paths.")))
		} else {
			s.add(note("warn", b.t("red.shared", bad)))
		}
	}
	if len(single) > 0 {
		var rs []Rich
		for _, n := range single {
			rs = append(rs, b.flowLink(n))
		}
		s.add(paraRich(append(txt(b.tr("Flux multicast à une seule jambe (non protégés) : ", "Single-leg (unprotected) multicast flows: ")), join(rs, ", ")...)))
	}
	var gms []string
	for _, dn := range model.SortedKeys(f.PTP) {
		for _, g := range model.SortedKeys(f.PTP[dn].Grandmasters) {
			if !contains(gms, g) {
				gms = append(gms, g)
			}
		}
	}
	if len(gms) > 0 {
		text := b.tr("Synchronisation : %s grand(s) maître(s) PTP déclaré(s) (%s) ; si le grand maître élu disparaît, le suivant dans l'ordre du BMCA prend le relais (chapitre 6).",
			"Timing: %s PTP grandmaster(s) declared (%s); if the elected grandmaster disappears, the next one in BMCA order takes over (chapter 6).", b.int(len(gms)), strings.Join(gms, ", "))
		s.add(para(text))
	}
}

func (b *builder) storageSection(c *Chapter) {
	f := b.f
	s := b.section(c, b.tr("Stockage et sauvegarde", "Storage and backup"))
	var stores []string
	for _, n := range model.SortedKeys(f.Devices) {
		if f.Devices[n].Storage != nil {
			stores = append(stores, n)
		}
	}
	if len(stores) == 0 {
		s.add(para(b.tr("La conception ne déclare pas de stockage (devices.<nom>.storage).", "The design declares no storage (devices.<name>.storage).")))
		return
	}
	demand := b.storageDemand()
	for _, n := range stores {
		st := f.Devices[n].Storage
		s.add(heading("", n))
		lv, ok := raidLevels[st.RAID]
		raw := float64(st.Disks) * st.DiskTB
		kvs := []KV{
			kvRich(b.t("h.device"), b.devLink(n)),
			kv(b.tr("Disques", "Disks"), b.tr("%s × %s (brut %s)", "%s × %s (raw %s)", b.int(st.Disks), b.tb(st.DiskTB), b.tb(raw))),
		}
		if ok {
			usable := lv.usable(st.Disks, st.DiskTB)
			kvs = append(kvs, kv("RAID", lv.title), kv(b.tr("Capacité utile", "Usable capacity"), b.tb(usable)),
				kv(b.tr("Tolérance aux pannes", "Fault tolerance"), b.t("disk.loss", lv.survives)))
			if st.RequiredTB > 0 {
				kvs = append(kvs, kv(b.tr("Besoin exprimé", "Stated need"), b.tr("%s, marge %s", "%s, margin %s", b.tb(st.RequiredTB), b.pct(100*(usable-st.RequiredTB)/st.RequiredTB))))
			}
		} else {
			kvs = append(kvs, kv("RAID", st.RAID))
		}
		if bps := st.Throughput.BPS; bps > 0 {
			kvs = append(kvs, kv(b.tr("Débit soutenu des disques", "Sustained disk throughput"), b.rate(bps)))
		}
		if demand > 0 {
			kvs = append(kvs, kv(b.tr("Besoin de lecture des postes", "Read demand of the workstations"), b.rate(demand)))
		}
		s.add(kvBlock(kvs))

		// 3-2-1: three copies, two media, one off site.
		copies := 1 + len(st.Backups)
		media := map[string]bool{"disk": true}
		offsite := 0
		t := &Table{Head: []string{b.tr("Copie", "Copy"), b.t("h.medium"), b.tr("Hors site", "Off site")}}
		t.Rows = append(t.Rows, row(cell(b.tr("originale (%s)", "original (%s)", n)), cell(b.tr("disques (RAID)", "disks (RAID)")), cell(b.t("no"))))
		for _, bn := range model.SortedKeys(st.Backups) {
			bk := st.Backups[bn]
			media[mediumClass(bk.Medium)] = true
			if bk.Offsite {
				offsite++
			}
			t.Rows = append(t.Rows, row(codeCell(bn), cell(bk.Medium), cell(b.yesNo(bk.Offsite))))
		}
		s.add(tableBlock(t))
		ok321 := copies >= 3 && len(media) >= 2 && offsite >= 1
		text := b.pick("Règle 3-2-1 : ", "3-2-1 rule: ") + b.t("rule321.copies", copies) + ", " + b.t("rule321.media", len(media)) + ", " + b.t("rule321.offsite", offsite) + "."
		if ok321 {
			s.add(note("ok", text))
		} else {
			s.add(note("warn", text))
		}
	}
}

// mediumClass groups backup media: a copy on another disk array is still disk.
func mediumClass(m string) string {
	switch m {
	case "nas", "disk":
		return "disk"
	case "lto", "tape":
		return "tape"
	}
	return m
}

// storageDemand sums what the workstations read from storage.
func (b *builder) storageDemand() float64 {
	var total float64
	for _, n := range model.SortedKeys(b.f.Devices) {
		d := b.f.Devices[n]
		w := d.Workstation
		if w == nil || w.Streams == 0 {
			continue
		}
		total += w.Bitrate.BPS * float64(w.Streams) * float64(max(d.Quantity, 1))
	}
	return total
}

func (b *builder) securitySection(c *Chapter) {
	f := b.f
	s := b.section(c, b.tr("Sécurité", "Security"))
	var mgmtVLANs []string
	for _, v := range model.SortedKeys(f.VLANs) {
		if f.VLANs[v].Purpose == "management" {
			mgmtVLANs = append(mgmtVLANs, v)
		}
	}
	oob := len(b.facts.Topology.MgmtLinks)
	s.add(heading("", b.tr("Plan de gestion", "Management plane")))
	text := b.tr("Les équipements sont administrés par le VLAN de gestion (%s)", "Devices are administered through the management VLAN (%s)", orDash(strings.Join(mgmtVLANs, ", ")))
	if oob > 0 {
		text += b.tr(", raccordé hors bande aux ports de gestion dédiés de %s équipements : l'administration reste possible quand le réseau de production est en panne, et elle n'y circule jamais.",
			", connected out of band to the dedicated management ports of %s devices: administration remains possible when the production network is down, and never travels on it.", b.int(oob))
	} else {
		text += "."
	}
	s.add(para(text))
	var fws []string
	for _, n := range model.SortedKeys(f.Devices) {
		if f.Devices[n].Role == "firewall" {
			fws = append(fws, n)
		}
	}
	for _, fw := range fws {
		d := f.Devices[fw]
		var zones []string
		for _, in := range model.SortedKeys(d.Interfaces) {
			if v := d.Interfaces[in].VLAN; v != "" {
				zones = append(zones, in+" → "+v)
			}
		}
		s.add(paraRich(append(append(txt(b.tr("Pare-feu ", "Firewall ")), b.devLink(fw)...), Span{Text: b.tr(" : une interface par zone (%s) ; tout flux entre zones traverse ses règles de filtrage.", ": one interface per zone (%s); every flow between zones crosses its filtering rules.", strings.Join(zones, ", "))})))
	}
	var unrouted []string
	for _, v := range model.SortedKeys(f.VLANs) {
		vl := f.VLANs[v]
		if vl.Gateway == "" && !vl.Routed && (vl.Purpose == "media" || vl.Purpose == "storage") {
			unrouted = append(unrouted, v)
		}
	}
	if len(unrouted) > 0 {
		s.add(para(b.tr("VLAN sans passerelle, donc joignables d'aucune autre zone : %s.", "VLANs without a gateway, hence reachable from no other zone: %s.", strings.Join(unrouted, ", "))))
	}

	s.add(heading("", b.tr("Accès d'administration", "Administrative access")))
	t := &Table{Head: []string{b.t("h.device"), b.tr("Adresse de gestion", "Management address"), b.t("h.interface"), "SSH", "Telnet", "HTTP", b.tr("Compte", "Account")}, Align: []string{"", "", "", "center", "center", "center", ""}, Class: "small"}
	for _, n := range model.SortedKeys(f.Devices) {
		d := f.Devices[n]
		if d.Mgmt == nil {
			continue
		}
		m := d.Mgmt
		iface := m.Interface
		if iface == "" {
			iface = b.tr("SVI (en bande)", "SVI (in band)")
		}
		http := m.HTTP || m.HTTPS
		httpText := b.yesNo(http)
		if m.HTTPS && !m.HTTP {
			httpText = "HTTPS"
		}
		tone := func(bad bool, s string) Cell {
			if bad {
				return cellTone(s, "bad")
			}
			return cell(s)
		}
		t.Rows = append(t.Rows, row(cellRich(b.devLink(n)), codeCell(m.IP), codeCell(iface), cell(b.yesNo(m.SSH)), tone(m.Telnet, b.yesNo(m.Telnet)), tone(m.HTTP, httpText), cell(b.account(d))))
	}
	s.add(tableBlock(t))
	s.add(para(b.tr("Aucun secret n'est écrit dans la conception : les mots de passe sont lus dans des variables d'environnement (ou des fichiers) au moment de la génération, et les configurations n'en contiennent qu'une empreinte salée (masquée dans les annexes de ce dossier). Les comptes à clé SSH se connectent sans mot de passe.",
		"No secret is written in the design: passwords are read from environment variables (or files) at generation time, and configurations only hold a salted hash of them (masked in this dossier's annexes). Accounts with an SSH key log in without a password.")))

	s.add(heading("", b.tr("Durcissement des commutateurs", "Switch hardening")))
	t = &Table{Head: []string{b.t("h.switch"), b.tr("Ports d'extrémité protégés", "Protected edge ports"), b.tr("Ports inutilisés coupés", "Unused ports shut"), b.tr("Services coupés", "Services off")}, Align: []string{"", "num", "num", ""}, Class: "small"}
	for _, n := range b.switches() {
		p := b.plan(n)
		if p == nil {
			continue
		}
		edge, unused := 0, 0
		for _, sp := range p.Ports {
			if sp.Edge && sp.Mode != analysis.PortUnused {
				edge++
			}
			if sp.Mode == analysis.PortUnused {
				unused++
			}
		}
		d := f.Devices[n]
		var off []string
		if d.Mgmt == nil || !d.Mgmt.Telnet {
			off = append(off, "Telnet")
		}
		if d.Mgmt == nil || !d.Mgmt.HTTP {
			off = append(off, "HTTP")
		}
		t.Rows = append(t.Rows, row(cellRich(b.devLink(n)), cell(b.int(edge)), cell(b.int(unused)), cell(strings.Join(off, ", "))))
	}
	s.add(tableBlock(t))
	s.add(para(b.tr("Sur les ports d'extrémité, les configurations générées activent la protection BPDU (un commutateur branché par erreur coupe le port) et la limitation des tempêtes de diffusion (plateformes EOS, NX-OS et IOS XE) ; les ports sans câble sont désactivés ; une bannière de connexion avertit que les sessions sont journalisées.",
		"On edge ports, the generated configurations enable BPDU guard (a switch plugged by mistake shuts the port) and broadcast storm control (EOS, NX-OS and IOS XE platforms); ports without a cable are shut; a login banner warns that sessions are logged.")))
}

// account describes a device's administrator account, never its secret.
func (b *builder) account(d *model.Device) string {
	cr := b.f.Admin(d)
	if cr == nil {
		return "—"
	}
	var how []string
	if cr.SSHKey != "" {
		how = append(how, b.tr("clé SSH", "SSH key"))
	}
	switch {
	case cr.PasswordEnv != "":
		how = append(how, b.tr("mot de passe ($%s)", "password ($%s)", cr.PasswordEnv))
	case cr.PasswordFile != "":
		how = append(how, b.tr("mot de passe (fichier)", "password (file)"))
	case cr.Password != "":
		how = append(how, b.tr("mot de passe en clair (refusé)", "clear password (refused)"))
	}
	return cr.Username + " (" + cr.Role + ", " + strings.Join(how, ", ") + ")"
}

func (b *builder) rightsSection(c *Chapter) {
	f := b.f
	s := b.section(c, b.tr("Droits d'accès", "Access rights"))
	if len(f.Groups)+len(f.Shares)+len(f.Users) == 0 {
		s.add(para(b.tr("La conception ne déclare ni groupes, ni utilisateurs, ni partages.", "The design declares no groups, users or shares.")))
		return
	}
	members := map[string][]string{}
	for _, u := range model.SortedKeys(f.Users) {
		for _, g := range f.Users[u].Groups {
			members[g] = append(members[g], u)
		}
	}
	s.add(para(b.tr("Les droits sont donnés à des groupes, selon le principe du moindre privilège : chaque groupe a l'accès dont son travail a besoin, en lecture seule quand l'écriture n'est pas utile.",
		"Rights are given to groups, by the principle of least privilege: each group has the access its work needs, read-only when writing is not needed.")))
	t := &Table{Head: []string{b.t("h.group.users"), b.t("h.description"), b.t("h.need"), b.t("h.members")}, Class: "small"}
	for _, g := range model.SortedKeys(f.Groups) {
		gr := f.Groups[g]
		t.Rows = append(t.Rows, row(codeCell(g), cell(gr.Description), cell(gr.Need), cell(strings.Join(members[g], ", "))))
	}
	s.add(tableBlock(t))

	t = &Table{Head: []string{b.t("h.share"), b.t("h.path"), b.t("h.access"), b.t("h.personal")}, Align: []string{"", "", "", "center"}, Class: "small"}
	var personal []string
	for _, sh := range model.SortedKeys(f.Shares) {
		x := f.Shares[sh]
		var acc []string
		for _, g := range model.SortedKeys(x.Access) {
			acc = append(acc, g+" "+x.Access[g])
		}
		cl := cell(b.yesNo(x.PersonalData))
		if x.PersonalData {
			personal = append(personal, sh)
			cl.Tone = "warn"
		}
		path := Rich(append(b.devLink(x.Server), Span{Text: ":" + x.Path, Code: true}))
		t.Rows = append(t.Rows, row(codeCell(sh), cellRich(path), cell(strings.Join(acc, ", ")), cl))
	}
	if len(t.Rows) > 0 {
		s.add(tableBlock(t))
	}
	s.add(para(b.tr("rw : lecture et écriture ; ro : lecture seule.", "rw: read and write; ro: read-only.")))
	if len(personal) > 0 {
		for _, sh := range personal {
			x := f.Shares[sh]
			groups := model.SortedKeys(x.Access)
			var need []string
			for _, g := range groups {
				if gr := f.Groups[g]; gr != nil && gr.Need != "" {
					need = append(need, g+" : "+gr.Need)
				}
			}
			text := b.tr("RGPD : le partage %s contient des données personnelles ; seuls les groupes %s y ont accès.", "GDPR: share %s holds personal data; only the groups %s can access it.", sh, b.listing(groups))
			if len(need) > 0 {
				text += b.tr(" Finalité déclarée : %s.", " Declared purpose: %s.", strings.Join(need, " ; "))
			}
			s.add(note("info", text))
		}
	}
	if len(f.Users) > 0 {
		t = &Table{Head: []string{b.tr("Identifiant", "Login"), b.tr("Nom", "Name"), b.tr("Groupes", "Groups")}, Class: "small"}
		for _, u := range model.SortedKeys(f.Users) {
			us := f.Users[u]
			t.Rows = append(t.Rows, row(codeCell(u), cell(us.FullName), cell(strings.Join(us.Groups, ", "))))
		}
		s.add(tableBlock(t))
	}
}

// Chapter 9: workstations and their accessibility.
func (b *builder) chWorkstations() *Chapter {
	c := b.chapter("stations")
	f := b.f
	var ws []string
	for _, n := range model.SortedKeys(f.Devices) {
		if f.Devices[n].Workstation != nil {
			ws = append(ws, n)
		}
	}
	s := b.section(c, b.tr("Inventaire des postes", "Workstation inventory"))
	if len(ws) == 0 {
		s.add(para(b.tr("La conception ne décrit aucun poste de travail (devices.<nom>.workstation).", "The design describes no workstation (devices.<name>.workstation).")))
	} else {
		t := &Table{Head: []string{b.t("h.device"), b.t("h.role"), b.t("h.room"), b.t("h.software"), b.t("h.needs"), b.t("h.users")}, Class: "small"}
		for _, n := range ws {
			d := f.Devices[n]
			w := d.Workstation
			need := "—"
			if bps := w.Bitrate.BPS; bps > 0 && w.Streams > 0 {
				need = b.t("ws.streams", w.Streams, b.rate(bps), b.rate(bps*float64(w.Streams)))
			}
			t.Rows = append(t.Rows, row(cellRich(b.devLink(n)), cell(b.roleName(d.Role)), cell(d.Room), cell(strings.Join(w.Software, ", ")), cell(need), cell(strings.Join(w.Users, ", "))))
		}
		s.add(tableBlock(t))
		s.add(para(b.tr("Chaque poste a une interface sur le réseau de stockage (trames jumbo) pour lire les médias, et une interface bureautique pour le MAM, la messagerie et Internet ; ses notices (chapitre 13) donnent ses adresses.",
			"Each workstation has an interface on the storage network (jumbo frames) to read media, and an office interface for the MAM, e-mail and the Internet; its notice (chapter 13) gives its addresses.")))
	}

	s = b.section(c, b.tr("Adaptations pour l'accessibilité", "Accessibility adaptations"))
	var adapted []string
	for _, n := range ws {
		if len(f.Devices[n].Workstation.Accessibility) > 0 {
			adapted = append(adapted, n)
		}
	}
	if len(adapted) == 0 {
		s.add(para(b.tr("La conception ne demande aucune adaptation de poste à une situation de handicap (workstation.accessibility).", "The design requires no workstation adaptation to a disability (workstation.accessibility).")))
	}
	for _, n := range adapted {
		d := f.Devices[n]
		w := d.Workstation
		title := n
		if d.Room != "" {
			title += " — " + d.Room
		}
		s.add(heading("", title))
		if d.Description != "" {
			s.add(para(oneLine(d.Description)))
		}
		var items []Rich
		for _, a := range w.Accessibility {
			items = append(items, txt(oneLine(a)))
		}
		s.add(para(b.tr("Aménagements requis par la conception :", "Adaptations the design requires:")), list(items...))
		if len(w.Users) > 0 {
			var names []string
			for _, u := range w.Users {
				if us := f.Users[u]; us != nil && us.FullName != "" {
					names = append(names, us.FullName+" ("+u+")")
				} else {
					names = append(names, u)
				}
			}
			s.add(para(b.tr("Utilisateur(s) du poste : %s.", "Workstation user(s): %s.", strings.Join(names, ", "))))
		}
		if len(w.Software) > 0 {
			s.add(para(b.tr("Logiciels : %s.", "Software: %s.", strings.Join(w.Software, ", "))))
		}
		if d.Rationale != "" {
			s.add(paraRich(Rich{{Text: b.tr("Justification : ", "Rationale: "), Strong: true}, {Text: oneLine(d.Rationale)}}))
		}
		s.add(para(b.tr("À la recette, l'utilisateur du poste vérifie chaque aménagement dans ses conditions de travail réelles (chapitre 12).",
			"At acceptance, the workstation's user checks each adaptation in real working conditions (chapter 12).")))
	}
	// Rooms and devices whose description mentions accessibility.
	var rooms []string
	for _, r := range model.SortedKeys(f.Rooms) {
		if accessibleText(f.Rooms[r].Description) {
			rooms = append(rooms, r+" ("+f.Rooms[r].Description+")")
		}
	}
	if len(rooms) > 0 {
		s.add(para(b.tr("Salles signalées accessibles par la conception : %s.", "Rooms the design marks accessible: %s.", strings.Join(rooms, " ; "))))
	}
	var devs []Rich
	for _, n := range model.SortedKeys(f.Devices) {
		d := f.Devices[n]
		if d.Workstation != nil && len(d.Workstation.Accessibility) > 0 {
			continue
		}
		if accessibleText(d.Description) {
			devs = append(devs, append(b.devLink(n), Span{Text: " (" + oneLine(d.Description) + ")"}))
		}
	}
	if len(devs) > 0 {
		s.add(paraRich(append(txt(b.tr("Équipements décrits comme adaptés : ", "Devices described as adapted: ")), join(devs, " ; ")...)))
	}
	return c
}

// accessibleText reports whether a description mentions an adaptation to a disability.
func accessibleText(s string) bool {
	low := strings.ToLower(s)
	for _, w := range []string{"pmr", "accessible", "fauteuil", "wheelchair", "malvoyant", "malentendant", "handicap", "disab"} {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}
