package dossier

import (
	"strconv"
	"strings"

	"github.com/avnet/avnet/internal/model"
)

// flowFormat describes a flow's essence parameters in the locale.
func (b *builder) flowFormat(fl *model.Flow) string {
	switch {
	case fl.Video != nil && fl.Essence != "st2110-40":
		v := fl.Video
		s := v.Format
		if v.Sampling != "" {
			s += " " + strings.TrimPrefix(v.Sampling, "YCbCr-")
		}
		if v.Depth > 0 {
			s += b.tr(" %d bits", " %d-bit", v.Depth)
		}
		if v.Codec != "" {
			s += " " + strings.ToUpper(strings.ReplaceAll(v.Codec, "-", " "))
		}
		if !v.Bitrate.IsZero() {
			s += " " + v.Bitrate.String() + "b/s"
		}
		return s
	case fl.Essence == "st2110-40":
		what := b.tr("données auxiliaires", "ancillary data")
		if fl.Anc != nil && len(fl.Anc.Data) > 0 {
			var names []string
			for _, d := range fl.Anc.Data {
				names = append(names, strings.ToUpper(d))
			}
			what += " (" + strings.Join(names, ", ") + ")"
		}
		if fl.Video != nil && fl.Video.Format != "" {
			what += ", " + fl.Video.Format
		}
		return what
	case fl.Audio != nil:
		a := fl.Audio
		rate := a.SampleRate
		if rate == 0 {
			rate = 48000
		}
		pt := a.PacketTime
		if pt == "" {
			pt = "1ms"
		}
		ch := b.t("audio.channels", a.Channels)
		if len(a.ChannelOrder) > 0 {
			ch += " (" + b.channelOrder(a.ChannelOrder) + ")"
		}
		return b.tr("%s, %s kHz, %s", "%s, %s kHz, %s", ch, b.num(float64(rate)/1000, 0), strings.Replace(pt, "ms", nbsp+"ms", 1))
	case fl.SDI != nil:
		return strings.ToUpper(fl.SDI.Signal) + "-SDI " + fl.SDI.Rate
	case fl.TS != nil:
		s := fl.TS.Bitrate.String() + "b/s"
		if fl.TS.Channel != "" {
			s += " (" + fl.TS.Channel + ")"
		}
		return s
	}
	return "—"
}

// flowRate is a flow's planning L1 rate per leg, or "?" when it has no bit-rate model.
func (b *builder) flowRate(name string) (float64, bool) {
	ff := b.facts.Flows[name]
	if ff == nil || ff.RateErr != nil {
		return 0, false
	}
	return ff.Rate.Bitrate.L1, true
}

// Chapter 7: bandwidth.
func (b *builder) chBandwidth() *Chapter {
	c := b.chapter("bandwidth")
	f := b.f
	threshold := f.Info.Planning.LinkThreshold
	if threshold == 0 {
		threshold = 90
	}
	dante := f.Info.Planning.DanteThreshold
	if dante == 0 {
		dante = 70
	}

	s := b.section(c, b.tr("Méthode de calcul", "Method"))
	s.add(para(b.tr("Les débits sont calculés par avnet à partir du format de chaque flux, selon les normes : SMPTE ST 2110-20 et -21 (vidéo non compressée, débit de crête des émetteurs étroits), ST 2110-22 (vidéo compressée), ST 2110-30 et AES67 (audio PCM), ST 2110-40 (données), ST 2022-6 (SDI encapsulé), ISO/IEC 13818-1 (MPEG-TS) et SRT (avec sa marge de retransmission).",
		"Bit rates are computed by avnet from each flow's format, per the standards: SMPTE ST 2110-20 and -21 (uncompressed video, peak rate of narrow senders), ST 2110-22 (compressed video), ST 2110-30 and AES67 (PCM audio), ST 2110-40 (data), ST 2022-6 (SDI over IP), ISO/IEC 13818-1 (MPEG-TS) and SRT (with its retransmission headroom).")))
	s.add(para(b.tr("Le débit retenu est celui de niveau 1 (L1), sur le fil : charge utile, en-têtes RTP, UDP, IPv4 et Ethernet, préambule et espace inter-trame. Entre deux commutateurs, l'étiquette 802.1Q ajoute 4 octets par trame. Un flux protégé ST 2022-7 a une jambe par plan, chacune de ce débit.",
		"The rate used is the layer-1 (L1) wire rate: payload, RTP, UDP, IPv4 and Ethernet headers, preamble and inter-frame gap. Between two switches, the 802.1Q tag adds 4 bytes per frame. A flow protected by ST 2022-7 has one leg per plane, each at this rate.")))
	s.add(para(b.tr("La charge d'un lien est la somme des jambes qui le traversent dans un sens (le multicast n'y passe qu'une fois, quel que soit le nombre de récepteurs derrière). Seuil de planification : %s de la capacité (%s pour les liens qui portent du Dante, recommandation Audinate).",
		"A link's load is the sum of the legs that cross it in one direction (multicast crosses it once, whatever the number of receivers behind it). Planning threshold: %s of capacity (%s for links that carry Dante, Audinate's recommendation).", b.pct(threshold), b.pct(dante))))

	s = b.section(c, b.tr("Bilan des flux", "Flow table"))
	t := &Table{Head: []string{b.t("h.flow"), b.t("h.essence"), b.t("h.format"), b.t("h.rate"), b.t("h.pps"), b.t("h.legs"), b.t("h.receivers"), b.t("h.class")},
		Align: []string{"", "", "", "num", "num", "num", "num", ""}, Class: "small"}
	var total float64
	legs := 0
	for _, n := range model.SortedKeys(b.facts.Flows) {
		ff := b.facts.Flows[n]
		fl := ff.Flow
		rate, pps := "?", "?"
		if ff.RateErr == nil {
			rate = b.rate(ff.Rate.Bitrate.L1)
			pps = b.int(int(ff.Rate.PacketsPerSecond + 0.5))
			total += ff.Rate.Bitrate.L1 * float64(max(len(ff.Legs), 1))
		}
		legs += len(ff.Legs)
		r := row(cellRich(code(n)), cell(essenceName(fl.Essence)), cell(b.flowFormat(fl)), cell(rate), cell(pps), cell(strconv.Itoa(len(ff.Legs))), cell(strconv.Itoa(len(fl.Receivers))), codeCell(fl.Class))
		r.ID = b.ids.of("flow", n)
		if ff.RateErr != nil {
			r.Tone = "warn"
		}
		t.Rows = append(t.Rows, r)
	}
	t.Foot = []Row{{Cells: []Cell{{Text: txt(b.tr("Total émis (toutes jambes)", "Total sent (all legs)")), Span: 3}, cell(b.rate(total)), cell(""), cell(strconv.Itoa(legs)), cell(""), cell("")}}}
	s.add(tableBlock(t))
	var notes []string
	for _, n := range model.SortedKeys(b.facts.Flows) {
		if ff := b.facts.Flows[n]; ff.RateErr != nil {
			notes = append(notes, n+" : "+ff.RateErr.Error())
		}
	}
	if len(notes) > 0 {
		s.add(note("warn", b.tr("Débit non calculable : %s.", "Bit rate not computable: %s.", strings.Join(notes, " ; "))))
	}

	loads := b.facts.LoadsSorted()
	if len(loads) > 0 {
		b.section(c, b.tr("Carte de charge", "Load map"),
			para(b.tr("Chaque câble, coloré selon la charge de son sens le plus chargé.", "Every cable, coloured by the load of its busiest direction.")),
			b.figure("loadmap", b.tr("Carte de charge des liens", "Link load map")))
	}
	s = b.section(c, b.tr("Charge des liens", "Link loads"))
	if len(loads) == 0 {
		s.add(para(b.tr("Aucun flux ne traverse de lien.", "No flow crosses a link.")))
		return c
	}
	over := 0
	for _, l := range loads {
		lim := threshold
		if l.HasEssence(f, "dante") {
			lim = dante
		}
		if l.Percent() > lim {
			over++
		}
	}
	w := loads[0]
	s.add(para(b.tr("Le lien le plus chargé est %s (%s → %s) : %s sur %s, soit %s de sa capacité.", "The most loaded link is %s (%s → %s): %s of %s, i.e. %s of its capacity.",
		w.Link.Label, w.From, w.To, b.rate(w.Bps), b.rate(w.Capacity), b.pct(w.Percent()))))
	if over == 0 {
		s.add(note("ok", b.tr("Aucun lien ne dépasse son seuil de planification.", "No link exceeds its planning threshold.")))
	} else {
		s.add(note("warn", b.t("bw.over", over)))
	}
	t = &Table{Head: []string{b.t("h.cable"), b.t("h.from"), b.t("h.to"), b.t("h.load"), b.t("h.capacity"), b.t("h.percent"), b.t("h.flows")},
		Align: []string{"", "", "", "num", "num", "num", "num"}, Class: "small"}
	for _, l := range loads {
		r := row(cellRich(b.cableLink(l.Link.Label)), cellRich(b.portLink(l.From)), cellRich(b.portLink(l.To)), cell(b.rate(l.Bps)), cell(l.Link.Speed), cell(b.pct(l.Percent())), cell(strconv.Itoa(len(l.Legs))))
		lim := threshold
		if l.HasEssence(f, "dante") {
			lim = dante
		}
		if l.Percent() > lim {
			r.Tone = "warn"
		}
		t.Rows = append(t.Rows, r)
	}
	s.add(tableBlock(t))
	return c
}

// channelOrder reads an ST 2110-30 channel order for people: "5.1 +
// stéréo", "4 × stéréo", "mono + 4 non définis".
func (b *builder) channelOrder(order []string) string {
	name := func(sym string) string {
		switch sym {
		case "M":
			return "mono"
		case "DM":
			return b.tr("double mono", "dual mono")
		case "ST":
			return b.tr("stéréo", "stereo")
		case "LtRt":
			return "Lt/Rt"
		case "51":
			return "5.1"
		case "71":
			return "7.1"
		case "222":
			return "22.2"
		case "SGRP":
			return b.tr("groupe SDI", "SDI group")
		}
		if n, err := strconv.Atoi(strings.TrimPrefix(sym, "U")); err == nil {
			return b.t("audio.undefined", n)
		}
		return sym
	}
	var parts []string
	for i := 0; i < len(order); {
		j := i
		for j < len(order) && order[j] == order[i] {
			j++
		}
		if n := j - i; n > 1 {
			parts = append(parts, strconv.Itoa(n)+nbsp+"×"+nbsp+name(order[i]))
		} else {
			parts = append(parts, name(order[i]))
		}
		i = j
	}
	return strings.Join(parts, " + ")
}
