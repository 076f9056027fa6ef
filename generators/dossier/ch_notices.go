package dossier

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/avnet/avnet/generators/ptpcfg"
	"github.com/avnet/avnet/generators/sdp"
	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/glossary"
	"github.com/avnet/avnet/internal/model"
)

// noticeGroups order the notices of chapter 13 by family of roles.
var noticeGroups = []struct {
	fr, en string
	roles  []string
}{
	{"Commutateurs", "Switches", []string{"switch"}},
	{"Sécurité, accès et contrôle", "Security, access and control", []string{"firewall", "router", "wifi-ap", "controller", "server"}},
	{"Horloges", "Clocks", []string{"ptp-grandmaster"}},
	{"Production vidéo", "Video production", []string{"camera", "gateway", "production-switcher", "multiviewer", "graphics", "replay", "monitor"}},
	{"Production audio", "Audio production", []string{"audio-console", "stagebox", "intercom", "microphone", "speaker", "radio-automation"}},
	{"Diffusion, stockage et contribution", "Playout, storage and contribution", []string{"playout", "ingest", "storage", "mam", "iptv-headend", "streaming-encoder", "set-top-box", "codec"}},
	{"Postes de travail", "Workstations", []string{"edit-workstation", "daw", "pc", "printer"}},
}

// Chapter 13: one technical notice per device.
func (b *builder) chNotices() *Chapter {
	c := b.chapter("notices")
	f := b.f
	c.Intro = append(c.Intro, para(b.tr("Une notice par équipement : son rôle, son modèle, son adresse de gestion, chacun de ses ports et ce qui y est raccordé, le résumé de sa configuration et les flux qu'il émet ou reçoit.",
		"One notice per device: its role, its model, its management address, each of its ports and what it connects to, a summary of its configuration and the flows it sends or receives.")))
	placed := map[string]bool{}
	for _, g := range noticeGroups {
		var devs []string
		for _, n := range model.SortedKeys(f.Devices) {
			if contains(g.roles, f.Devices[n].Role) {
				devs = append(devs, n)
			}
		}
		if len(devs) == 0 {
			continue
		}
		s := b.section(c, b.pick(g.fr, g.en))
		for _, n := range devs {
			placed[n] = true
			s.add(b.notice(n)...)
		}
	}
	var rest []string
	for _, n := range model.SortedKeys(f.Devices) {
		if !placed[n] {
			rest = append(rest, n)
		}
	}
	if len(rest) > 0 {
		s := b.section(c, b.tr("Autres équipements", "Other devices"))
		for _, n := range rest {
			s.add(b.notice(n)...)
		}
	}
	return c
}

func (b *builder) notice(n string) []Block {
	f := b.f
	d := f.Devices[n]
	out := []Block{{Kind: KHeading, ID: b.ids.of("dev", n), Text: txt(n + " — " + b.roleName(d.Role))}}
	var kvs []KV
	mdl := b.modelName(d)
	if t := f.DeviceTypes[d.Model]; t != nil && t.PartNumber != "" && !strings.Contains(mdl, t.PartNumber) {
		mdl += " (" + t.PartNumber + ")"
	}
	kvs = append(kvs, kv(b.t("h.model"), mdl))
	if d.Platform != "" {
		kvs = append(kvs, kv(b.t("h.platform"), platformName(d.Platform)))
	}
	if d.Quantity > 1 {
		kvs = append(kvs, kv(b.t("h.qty"), b.int(d.Quantity)))
	}
	if d.Room != "" {
		room := d.Room
		if r := f.Rooms[d.Room]; r != nil && r.Description != "" {
			room += " — " + r.Description
		}
		kvs = append(kvs, kv(b.t("h.room"), room))
	}
	if d.Plane != "" {
		kvs = append(kvs, kv(b.t("h.plane"), b.planeName(d.Plane)))
	}
	if d.Description != "" {
		kvs = append(kvs, kv(b.t("h.description"), oneLine(d.Description)))
	}
	if m := d.Mgmt; m != nil {
		var prot []string
		for _, p := range []struct {
			on   bool
			name string
		}{{m.SSH, "SSH"}, {m.HTTPS, "HTTPS"}, {m.HTTP, "HTTP"}, {m.Telnet, "Telnet"}} {
			if p.on {
				prot = append(prot, p.name)
			}
		}
		iface := m.Interface
		if iface == "" {
			iface = b.tr("SVI en bande", "in-band SVI")
		}
		kvs = append(kvs, kvRich(b.t("h.mgmt"), append(code(m.IP), Span{Text: b.tr(" sur %s, VLAN %s, accès %s", " on %s, VLAN %s, access %s", iface, m.VLAN, orDash(strings.Join(prot, ", ")))})))
	}
	if d.PTP != nil && d.PTP.Mode != "" {
		kvs = append(kvs, kv("PTP", b.ptpSummary(n)))
	}
	if c := d.Capabilities; c != nil {
		var caps []string
		if c.ReceiverType != "" {
			caps = append(caps, b.tr("récepteur ST 2110-21 de type %s", "ST 2110-21 receiver type %s", c.ReceiverType))
		}
		if c.AudioConformance != "" {
			caps = append(caps, b.tr("audio ST 2110-30 niveau %s", "ST 2110-30 audio level %s", c.AudioConformance))
		}
		if len(caps) > 0 {
			kvs = append(kvs, kv(b.tr("Capacités", "Capabilities"), strings.Join(caps, ", ")))
		}
	}
	if a := d.Audio; a != nil && a.Dante != nil {
		mode := b.tr("Dante natif", "native Dante")
		if a.Dante.AES67Mode {
			mode = b.tr("Dante en mode AES67", "Dante in AES67 mode")
		}
		if a.Channels > 0 {
			mode += b.t("audio.channels.long", a.Channels)
		}
		kvs = append(kvs, kv(b.tr("Audio", "Audio"), mode))
	}
	if st := d.Storage; st != nil {
		text := fmt.Sprintf("%s, %d × %s", strings.ToUpper(st.RAID[:4])+" "+st.RAID[4:], st.Disks, b.tb(st.DiskTB))
		if lv, ok := raidLevels[st.RAID]; ok {
			text += b.tr(", %s utiles", ", %s usable", b.tb(lv.usable(st.Disks, st.DiskTB)))
		}
		kvs = append(kvs, kv(b.tr("Stockage", "Storage"), text))
	}
	if w := d.Workstation; w != nil && len(w.Software) > 0 {
		kvs = append(kvs, kv(b.t("h.software"), strings.Join(w.Software, ", ")))
	}
	if d.IsSwitch() {
		kvs = append(kvs, b.switchSummary(n)...)
	}
	if d.Rationale != "" {
		kvs = append(kvs, kv(b.tr("Justification", "Rationale"), oneLine(d.Rationale)))
	}
	out = append(out, kvBlock(kvs))
	if d.IsSwitch() {
		out = append(out, b.switchPorts(n)...)
	} else {
		out = append(out, b.endpointPorts(n)...)
		out = append(out, b.deviceFlows(n)...)
	}
	var files []Rich
	for _, a := range b.annexes {
		if strings.HasPrefix(a.path, "configs/"+n+".") || a.path == "ptp/"+ptpcfg.SafeName(n)+".conf" {
			files = append(files, b.annexLink(a.path))
		}
	}
	if len(files) > 0 {
		out = append(out, paraRich(append(txt(b.tr("Fichiers générés : ", "Generated files: ")), join(files, ", ")...)))
	}
	return out
}

// ptpSummary is a device's PTP mode and place in its clock tree.
func (b *builder) ptpSummary(n string) string {
	d := b.f.Devices[n]
	s := d.PTP.Mode
	switch d.PTP.Mode {
	case "boundary":
		s = b.t("ptprole.boundary")
	case "transparent":
		s = b.t("ptprole.transparent")
	case "ordinary":
		s = b.tr("horloge ordinaire", "ordinary clock")
	case "none":
		return b.tr("aucun", "none")
	}
	if d.PTP.Domain != "" {
		s += b.tr(", domaine %s", ", domain %s", d.PTP.Domain)
		if dom := b.f.PTP[d.PTP.Domain]; dom != nil {
			s += fmt.Sprintf(" (%d)", dom.Domain)
		}
	}
	if d.PTP.Version == 1 {
		s += ", PTPv1"
	}
	if d.PTP.Domain != "" {
		for _, tr := range b.ptpTrees(d.PTP.Domain) {
			nd := tr.Nodes[n]
			if nd == nil {
				continue
			}
			switch {
			case nd.Role == "grandmaster":
				s += b.tr(" ; grand maître élu", "; elected grandmaster")
			case contains(tr.Candidates, n):
				s += b.tr(" ; grand maître de secours", "; standby grandmaster")
			case nd.Parent != "":
				s += b.tr(" ; suit %s par %s (steps removed %d)", "; follows %s through %s (steps removed %d)", nd.Parent, nd.Port.Interface, nd.StepsRemoved)
			}
		}
	}
	return s
}

// switchSummary summarises a switch's derived configuration.
func (b *builder) switchSummary(n string) []KV {
	p := b.plan(n)
	if p == nil {
		return nil
	}
	var out []KV
	var vs []string
	for _, v := range p.VLANs {
		if vl := b.f.VLANs[v]; vl != nil {
			vs = append(vs, fmt.Sprintf("%d %s", vl.ID, v))
		}
	}
	out = append(out, kv("VLAN", orDash(strings.Join(vs, ", "))))
	var svis []string
	for _, s := range p.SVIs {
		e := s.VLAN
		if s.Address != "" {
			e += " " + s.Address
		}
		var roles []string
		if s.Querier {
			roles = append(roles, b.tr("interrogateur IGMP", "IGMP querier"))
		}
		if s.Gateway {
			roles = append(roles, b.tr("passerelle", "gateway"))
		}
		if len(roles) > 0 {
			e += " (" + strings.Join(roles, ", ") + ")"
		}
		svis = append(svis, e)
	}
	if len(svis) > 0 {
		out = append(out, kv("SVI", strings.Join(svis, " ; ")))
	}
	counts := map[string]int{}
	for _, sp := range p.Ports {
		counts[sp.Mode]++
	}
	out = append(out, kv(b.t("h.ports"), strings.Join([]string{b.t("ports.access", counts[analysis.PortAccess]), b.t("ports.trunk", counts[analysis.PortTrunk]),
		b.t("ports.routed", counts[analysis.PortRouted]), b.t("ports.unused", counts[analysis.PortUnused])}, ", ")))
	return out
}

func (b *builder) switchPorts(n string) []Block {
	p := b.plan(n)
	if p == nil {
		return nil
	}
	t := &Table{Head: []string{b.t("h.port"), b.t("h.speed"), b.t("h.mode"), b.t("h.vlans"), b.t("h.connected"), b.t("h.cable"), b.tr("Remarque", "Note")}, Class: "small"}
	for _, sp := range p.Ports {
		if sp.Link == nil {
			continue
		}
		var vl []Rich
		for _, v := range sp.VLANList() {
			vl = append(vl, b.vlanLink(v))
		}
		var notes []string
		if sp.Edge {
			notes = append(notes, b.tr("extrémité", "edge"))
		}
		if sp.PTPSlave {
			notes = append(notes, b.tr("PTP esclave", "PTP slave"))
		} else if sp.PTPGrandmaster {
			notes = append(notes, b.tr("vers grand maître", "to grandmaster"))
		}
		if sp.Note != "" {
			notes = append(notes, sp.Note)
		}
		mtu := ""
		if sp.MTU > 1500 {
			mtu = " MTU " + strconv.Itoa(sp.MTU)
		}
		t.Rows = append(t.Rows, row(codeCell(sp.Name), cell(sp.Speed), cell(b.portModeName(sp.Mode)+mtu), cellRich(join(vl, ", ")), cellRich(b.portLink(sp.Peer)), cellRich(b.cableLink(sp.Link.Label)), cell(strings.Join(notes, ", "))))
	}
	if p.Mgmt != nil && p.Mgmt.Interface != "" {
		if l := b.facts.Topology.LinkAt[analysis.Port{Device: n, Interface: p.Mgmt.Interface}]; l != nil {
			peer := analysis.ParsePort(l.A)
			if peer.Device == n {
				peer = analysis.ParsePort(l.B)
			}
			t.Rows = append(t.Rows, row(codeCell(p.Mgmt.Interface), cell(l.Speed), cell(b.tr("gestion", "management")), cellRich(b.vlanLink(p.Mgmt.VLAN)), cellRich(b.portLink(peer)), cellRich(b.cableLink(l.Label)), cell(p.Mgmt.Address)))
		}
	}
	if len(t.Rows) == 0 {
		return []Block{para(b.tr("Aucun port câblé.", "No cabled port."))}
	}
	return []Block{tableBlock(t)}
}

func (b *builder) endpointPorts(n string) []Block {
	d := b.f.Devices[n]
	if len(d.Interfaces) == 0 {
		return nil
	}
	t := &Table{Head: []string{b.t("h.interface"), b.t("h.vlans"), b.t("h.address"), b.t("h.speed"), b.t("h.connected"), b.t("h.cable")}, Class: "small"}
	for _, in := range model.SortedKeys(d.Interfaces) {
		i := d.Interfaces[in]
		var vl []Rich
		for _, v := range i.AllVLANs() {
			vl = append(vl, b.vlanLink(v))
		}
		peer, cable, speed := Rich(txt("—")), Rich(txt("—")), i.Speed
		if l := b.facts.Topology.LinkAt[analysis.Port{Device: n, Interface: in}]; l != nil {
			p := analysis.ParsePort(l.A)
			if p.Device == n && p.Interface == in {
				p = analysis.ParsePort(l.B)
			}
			peer, cable, speed = b.portLink(p), b.cableLink(l.Label), l.Speed
		}
		addr := i.IP
		if addr == "" && d.Mgmt != nil && d.Mgmt.Interface == in {
			addr = d.Mgmt.IP
		}
		t.Rows = append(t.Rows, row(codeCell(in), cellRich(join(vl, ", ")), codeCell(orDash(addr)), cell(orDash(speed)), cellRich(peer), cellRich(cable)))
	}
	return []Block{tableBlock(t)}
}

// deviceFlows lists the flows an endpoint sends and receives.
func (b *builder) deviceFlows(n string) []Block {
	var sent, recv []Rich
	for _, fn := range model.SortedKeys(b.f.Flows) {
		fl := b.f.Flows[fn]
		if fl.Sender == n {
			r := b.flowLink(fn)
			if rate, ok := b.flowRate(fn); ok {
				r = append(r, Span{Text: " (" + b.rate(rate) + ")"})
			}
			if p := sdp.FileName(fn); b.annexPath(p) == p {
				r = append(r, Span{Text: ", SDP "})
				r = append(r, b.annexLink(p)...)
			}
			sent = append(sent, r)
		}
		if contains(fl.Receivers, n) {
			recv = append(recv, b.flowLink(fn))
		}
	}
	var out []Block
	if len(sent) > 0 {
		out = append(out, paraRich(append(txt(b.tr("Flux émis : ", "Flows sent: ")), join(sent, " ; ")...)))
	}
	if len(recv) > 0 {
		out = append(out, paraRich(append(txt(b.tr("Flux reçus : ", "Flows received: ")), join(recv, ", ")...)))
	}
	return out
}

// Chapter 14: the glossary of the terms the document uses.
func (b *builder) chGlossary(text string) *Chapter {
	c := b.chapter("glossary")
	terms := glossary.Used(text, b.lang)
	s := b.section(c, b.tr("Termes employés dans ce dossier", "Terms used in this dossier"))
	s.add(para(b.tr("Les termes techniques employés dans ce dossier, en français et en anglais, classés dans l'ordre alphabétique français.",
		"The technical terms used in this dossier, in English and in French, in English alphabetical order.")))
	first, second := b.t("h.term.fr"), b.t("h.term.en")
	if b.lang == "en" {
		first, second = second, first
	}
	t := &Table{Head: []string{first, second, b.t("h.definition")}, Class: "small glossary"}
	for _, term := range terms {
		t.Rows = append(t.Rows, Row{Cells: []Cell{{Text: Rich{{Text: term.Name(b.lang), Strong: true}}}, cell(term.Other(b.lang)), cell(term.Definition(b.lang))}, ID: b.ids.of("term", term.ID)})
	}
	s.add(tableBlock(t))
	return c
}
