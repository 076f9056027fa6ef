package dossier

import (
	"fmt"
	"sort"
	"strings"

	"github.com/avnet/avnet/internal/model"
)

// Chapter 1: context, requirements, scope, constraints; key figures.
func (b *builder) chContext() *Chapter {
	c := b.chapter("context")
	info := b.f.Info
	ctx := info.Context
	if ctx == nil {
		ctx = &model.Context{}
		c.Intro = append(c.Intro, note("warn", b.tr(
			"La conception ne renseigne pas son contexte (facility.context : client, résumé, besoins, contraintes, périmètre) : ce chapitre ne peut reprendre que son nom et ses chiffres. Un dossier de certification doit partir de la demande du commanditaire.",
			"The design gives no context (facility.context: client, summary, needs, constraints, scope): this chapter can only give its name and figures. A certification dossier starts from the client's request.")))
	}

	s := b.section(c, b.tr("Présentation du projet", "Project overview"))
	kvs := []KV{kv(b.tr("Projet", "Project"), info.Name)}
	if ctx.Client != "" {
		kvs = append(kvs, kv(b.t("cover.for"), ctx.Client))
	}
	if info.Site != "" {
		kvs = append(kvs, kv(b.t("cover.site"), info.Site))
	}
	kvs = append(kvs, kvRich(b.t("cover.dsgn"), code(b.design)))
	s.add(kvBlock(kvs))
	s.add(paraBlocks(ctx.Summary)...)

	s = b.section(c, b.tr("Besoins du commanditaire", "The client's needs"))
	if len(ctx.Needs) == 0 {
		s.add(note("warn", b.tr("La conception ne liste pas de besoins (facility.context.needs).", "The design lists no needs (facility.context.needs).")))
	} else {
		t := &Table{Head: []string{b.t("h.id"), b.t("h.need")}, Align: []string{"center", ""}}
		for i, n := range ctx.Needs {
			t.Rows = append(t.Rows, textRow(fmt.Sprintf("B%d", i+1), oneLine(n)))
		}
		s.add(tableBlock(t))
	}

	s = b.section(c, b.tr("Contraintes", "Constraints"))
	if len(ctx.Constraints) == 0 {
		s.add(note("warn", b.tr("La conception ne liste pas de contraintes (facility.context.constraints).", "The design lists no constraints (facility.context.constraints).")))
	} else {
		t := &Table{Head: []string{b.t("h.id"), b.tr("Contrainte", "Constraint")}, Align: []string{"center", ""}}
		for i, n := range ctx.Constraints {
			t.Rows = append(t.Rows, textRow(fmt.Sprintf("C%d", i+1), oneLine(n)))
		}
		s.add(tableBlock(t))
	}

	s = b.section(c, b.tr("Périmètre", "Scope"))
	if ctx.Scope == "" {
		s.add(para(b.tr("La conception ne précise pas son périmètre (facility.context.scope) : il est celui des équipements décrits aux chapitres suivants.",
			"The design does not state its scope (facility.context.scope): it is that of the devices described in the following chapters.")))
	} else {
		s.add(paraBlocks(ctx.Scope)...)
	}

	s = b.section(c, b.tr("L'installation en chiffres", "The facility in figures"))
	s.add(para(b.tr("Chiffres calculés par avnet à partir de la conception et de son analyse (débits selon les normes SMPTE, AES et IETF citées au chapitre 7).",
		"Figures computed by avnet from the design and its analysis (bit rates per the SMPTE, AES and IETF standards cited in chapter 7).")))
	s.add(kvBlock(b.keyFigures()))
	return c
}

// keyFigures are the numbers of chapter 1 and of the cover.
func (b *builder) keyFigures() []KV {
	f := b.f
	devices := 0
	for _, d := range f.Devices {
		devices += max(d.Quantity, 1)
	}
	sw := b.switches()
	legs, redundant := 0, 0
	var total float64
	for _, n := range model.SortedKeys(b.facts.Flows) {
		ff := b.facts.Flows[n]
		legs += len(ff.Legs)
		if ff.Flow.Redundant() {
			redundant++
		}
		if ff.RateErr == nil {
			total += ff.Rate.Bitrate.L1 * float64(max(len(ff.Legs), 1))
		}
	}
	out := []KV{
		kv(b.tr("Salles", "Rooms"), b.int(len(f.Rooms))),
		kv(b.tr("Équipements (avec les quantités)", "Devices (with quantities)"), b.int(devices)),
		kv(b.tr("Commutateurs", "Switches"), b.int(len(sw))),
		kv(b.tr("Câbles", "Cables"), b.int(len(f.Links))),
		kv(b.tr("VLAN", "VLANs"), b.int(len(f.VLANs))),
		kv(b.tr("Flux média", "Media flows"), b.t("cover.flows", len(f.Flows))+", "+b.t("cover.legs", legs)+", "+b.t("cover.protected", redundant)),
		kv(b.tr("Débit total émis (L1)", "Total sent rate (L1)"), b.rate(total)),
	}
	if len(f.Planes) > 0 {
		out = append(out, kv(b.tr("Plans média", "Media planes"), strings.Join(f.Planes, ", ")))
	}
	if worst := b.facts.LoadsSorted(); len(worst) > 0 {
		w := worst[0]
		out = append(out, kv(b.tr("Lien le plus chargé", "Most loaded link"), fmt.Sprintf("%s (%s → %s) : %s", w.Link.Label, w.From, w.To, b.pct(w.Percent()))))
	}
	if bu := f.Info.Budget; bu != nil {
		bom := b.billOfMaterials()
		out = append(out, kv(b.tr("Budget", "Budget"), b.tr("%s pour un plafond de %s", "%s for a limit of %s", b.money(bom.total, bom.currency), b.money(bu.Limit, bom.currency))))
	}
	return out
}

// coverFigures are the few figures printed on the cover.
func (b *builder) coverFigures() []KV {
	all := b.keyFigures()
	var out []KV
	for _, k := range all {
		switch k.Key {
		case b.tr("Salles", "Rooms"), b.tr("Câbles", "Cables"), b.tr("VLAN", "VLANs"), b.tr("Lien le plus chargé", "Most loaded link"):
			continue
		}
		out = append(out, k)
	}
	return out
}

// Chapter 2: synoptic, rooms, functions.
func (b *builder) chSynoptic() *Chapter {
	c := b.chapter("synoptic")
	f := b.f
	s := b.section(c, b.tr("Synoptique", "Synoptic"))
	s.add(para(b.tr("Le synoptique montre les équipements de l'installation par salle et les signaux qui circulent entre eux.",
		"The synoptic shows the facility's devices by room and the signals between them.")))
	s.add(b.figure("synoptic", b.tr("Synoptique de l'installation", "Synoptic of the facility")))

	s = b.section(c, b.tr("Salles et équipements", "Rooms and devices"))
	byRoom := map[string][]string{}
	for _, n := range model.SortedKeys(f.Devices) {
		byRoom[f.Devices[n].Room] = append(byRoom[f.Devices[n].Room], n)
	}
	t := &Table{Head: []string{b.t("h.room"), b.t("h.description"), b.t("h.floor"), b.t("h.devices")}}
	for _, r := range model.SortedKeys(f.Rooms) {
		room := f.Rooms[r]
		floor := room.Floor
		if room.Site != "" {
			floor = strings.TrimSpace(room.Site + " " + floor)
		}
		t.Rows = append(t.Rows, row(codeCell(r), cell(room.Description), cell(floor), cellRich(b.devLinks(byRoom[r]))))
	}
	if n := byRoom[""]; len(n) > 0 {
		t.Rows = append(t.Rows, row(cell(b.tr("(sans salle)", "(no room)")), cell(""), cell(""), cellRich(b.devLinks(n))))
	}
	s.add(tableBlock(t))

	s = b.section(c, b.tr("Fonctions", "Functions"))
	s.add(para(b.tr("Les équipements regroupés par fonction ; chacun a sa notice au chapitre 13.",
		"Devices grouped by function; each has its notice in chapter 13.")))
	byRole := map[string][]string{}
	count := map[string]int{}
	for _, n := range model.SortedKeys(f.Devices) {
		d := f.Devices[n]
		byRole[d.Role] = append(byRole[d.Role], n)
		count[d.Role] += max(d.Quantity, 1)
	}
	roles := model.SortedKeys(byRole)
	sort.SliceStable(roles, func(i, j int) bool { return roleOrder(roles[i]) < roleOrder(roles[j]) })
	t = &Table{Head: []string{b.t("h.role"), b.t("h.count"), b.t("h.devices")}, Align: []string{"", "num", ""}}
	for _, r := range roles {
		t.Rows = append(t.Rows, row(cell(b.roleName(r)), cell(b.int(count[r])), cellRich(b.devLinks(byRole[r]))))
	}
	s.add(tableBlock(t))
	return c
}

// roleOrder sorts roles from the network core to the edge of the facility.
func roleOrder(role string) int {
	order := []string{"switch", "firewall", "router", "ptp-grandmaster", "controller", "camera", "gateway", "stagebox", "microphone",
		"production-switcher", "multiviewer", "graphics", "replay", "audio-console", "intercom", "speaker", "monitor",
		"radio-automation", "playout", "ingest", "storage", "mam", "edit-workstation", "daw", "codec",
		"iptv-headend", "streaming-encoder", "set-top-box", "server", "wifi-ap", "pc", "printer"}
	for i, r := range order {
		if r == role {
			return i
		}
	}
	return len(order)
}
