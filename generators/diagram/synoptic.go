package diagram

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/model"
)

// The synoptic draws the signal flow from top to bottom: sources (devices
// that only send) first, processing (devices that receive and send), then
// outputs (devices that only receive), each kind in its own fill.
//
// A flow with several receivers would repeat its label on every edge, and
// a facility has many flows with the same destinations (every camera to
// the mixer and the multiviewer). So flows are drawn as cards on their
// path: flows of the same essence going to the same receivers share a
// card, one row per flow giving its name, format and the multicast group
// of each plane (a ST 2022-7 flow is drawn once, with both groups in their
// plane colours); each sender's edge lands on its flow's row, and the card
// fans out to the receivers. Edges take the essence family's colour.

// essenceFamily is the synoptic's colour family of a flow.
func essenceFamily(fl *model.Flow) string {
	if fl.Class == "control" {
		return "control"
	}
	switch fl.Essence {
	case "st2110-20", "st2110-22", "st2022-6":
		return "video"
	case "st2110-30", "st2110-31", "aes67", "dante":
		return "audio"
	case "st2110-40":
		return "ancillary"
	case "mpeg-ts", "srt", "ndi":
		return "iptv"
	}
	return "control"
}

var families = []string{"video", "audio", "ancillary", "iptv", "control"}

var familyColours = map[string]colour{
	"video":     {"#263238", "#eceff1"},
	"audio":     {"#2e7d32", "#e6f4e7"},
	"ancillary": {"#e65100", "#fff0e0"},
	"iptv":      {"#7b1fa2", "#f3e5f5"},
	"control":   {"#795548", "#efebe9"},
}

func familyWidth(f string) float64 {
	switch f {
	case "video":
		return 2.2
	case "audio", "iptv":
		return 1.6
	}
	return 1.3
}

var essenceNames = map[string]string{
	"st2110-20": "ST 2110-20", "st2110-22": "ST 2110-22", "st2110-30": "ST 2110-30", "st2110-31": "ST 2110-31",
	"st2110-40": "ST 2110-40", "st2022-6": "ST 2022-6", "aes67": "AES67", "dante": "Dante",
	"mpeg-ts": "MPEG-TS", "srt": "SRT", "ndi": "NDI",
}

// flowFormat is a flow's format in a few words: "1080p50 4:2:2 10 bits",
// "2 voies 48 kHz 24 bits", "JPEG XS 200M".
func flowFormat(fl *model.Flow, lang string) string {
	var parts []string
	switch fl.Essence {
	case "st2110-20", "st2110-22", "st2110-40":
		if v := fl.Video; v != nil {
			parts = append(parts, v.Format)
			if fl.Essence == "st2110-20" {
				if s := strings.TrimPrefix(strings.TrimPrefix(v.Sampling, "YCbCr-"), "RGB-"); s != "" {
					parts = append(parts, s)
				}
				if v.Depth > 0 {
					parts = append(parts, fmt.Sprintf("%d bits", v.Depth))
				}
				if v.TCS != "" && v.TCS != "SDR" {
					parts = append(parts, v.TCS)
				}
			}
			if fl.Essence == "st2110-22" {
				if v.Codec != "" {
					parts = append(parts, strings.ToUpper(strings.ReplaceAll(v.Codec, "-", " ")))
				}
				if !v.Bitrate.IsZero() {
					parts = append(parts, v.Bitrate.String())
				}
			}
		}
	case "st2022-6":
		if s := fl.SDI; s != nil {
			parts = append(parts, strings.ToUpper(s.Signal)+"-SDI", s.Rate)
		}
	case "st2110-30", "st2110-31", "aes67", "dante":
		if au := fl.Audio; au != nil {
			if au.Channels > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", au.Channels, term(lang, "unit.channels")))
			}
			if au.SampleRate > 0 {
				parts = append(parts, strconv.FormatFloat(float64(au.SampleRate)/1000, 'f', -1, 64)+" kHz")
			}
			if au.Depth > 0 {
				parts = append(parts, fmt.Sprintf("%d bits", au.Depth))
			}
		}
	case "mpeg-ts", "srt", "ndi":
		if ts := fl.TS; ts != nil {
			parts = append(parts, ts.Bitrate.String())
		}
	}
	return strings.Join(parts, " ")
}

// card is one flow card: flows of one essence with the same receivers.
type card struct {
	id        string
	family    string
	essence   string
	receivers []string
	flows     []string
}

type synoptic struct {
	f     *model.Facility
	facts *analysis.Facts
	lang  string
	cards []*card
}

func synopticDOT(f *model.Facility, facts *analysis.Facts, lang, title string) []byte {
	s := &synoptic{f: f, facts: facts, lang: lang}
	s.collect()
	return s.dot(title)
}

func (s *synoptic) collect() {
	byKey := map[string]*card{}
	for _, name := range model.SortedKeys(s.f.Flows) {
		fl := s.f.Flows[name]
		var recv []string
		seen := map[string]bool{}
		for _, r := range fl.Receivers {
			if !seen[r] {
				seen[r] = true
				recv = append(recv, r)
			}
		}
		sort.Strings(recv)
		fam := essenceFamily(fl)
		key := fam + "\x00" + fl.Essence + "\x00" + strings.Join(recv, ",")
		c := byKey[key]
		if c == nil {
			c = &card{id: fmt.Sprintf("flows%d", len(s.cards)), family: fam, essence: fl.Essence, receivers: recv}
			byKey[key] = c
			s.cards = append(s.cards, c)
		}
		c.flows = append(c.flows, name)
	}
}

// legGroups lists a flow's groups in the design's plane order.
func (s *synoptic) legGroups(fl *model.Flow) string {
	legs := fl.Legs()
	if len(legs) == 0 {
		if fl.Port > 0 {
			return fmt.Sprintf("%s :%d", term(s.lang, "synoptic.uni"), fl.Port)
		}
		return term(s.lang, "synoptic.uni")
	}
	var planes []string
	for _, p := range s.f.Planes {
		if _, ok := legs[p]; ok {
			planes = append(planes, p)
		}
	}
	for _, p := range model.SortedKeys(legs) {
		if !contains(planes, p) {
			planes = append(planes, p)
		}
	}
	var parts []string
	for _, p := range planes {
		c := neutralColour
		if p != "" {
			c = planeColour(s.f, p)
		}
		parts = append(parts, fmt.Sprintf(`<FONT COLOR="%s">%s</FONT>`, c.stroke, esc(legs[p])))
	}
	return strings.Join(parts, "  ")
}

func (s *synoptic) cardLabel(c *card) string {
	col := familyColours[c.family]
	var b strings.Builder
	fmt.Fprintf(&b, `<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" COLOR="%s" BGCOLOR="white" STYLE="ROUNDED">`, col.stroke)
	ess := essenceNames[c.essence]
	if ess == "" {
		ess = c.essence
	}
	fmt.Fprintf(&b, `<TR><TD COLSPAN="2" BGCOLOR="%s"><FONT COLOR="%s" POINT-SIZE="%s"><B>%s</B></FONT></TD></TR>`, col.fill, col.stroke, fmtPt(cellFontSize), esc(ess))
	for i, name := range c.flows {
		fl := s.f.Flows[name]
		sep := ""
		if i > 0 {
			sep = ` SIDES="T" BORDER="1" COLOR="#d0d0d0"`
		}
		// Name and format in two cells: a text span that starts with a
		// space loses it in librsvg, so a separator cannot do it.
		fmt.Fprintf(&b, `<TR><TD PORT="r%d" ALIGN="LEFT"%s><FONT POINT-SIZE="%s"><B>%s</B></FONT></TD><TD ALIGN="LEFT"%s><FONT POINT-SIZE="%s">%s</FONT></TD></TR>`,
			i, sep, fmtPt(cellFontSize), esc(name), sep, fmtPt(cellFontSize), esc(flowFormat(fl, s.lang)))
		fmt.Fprintf(&b, `<TR><TD COLSPAN="2"><FONT POINT-SIZE="%s">%s</FONT></TD></TR>`, fmtPt(cellFontSize), s.legGroups(fl))
	}
	b.WriteString("</TABLE>")
	return b.String()
}

func (s *synoptic) dot(title string) []byte {
	w := &dot{}
	header(w, "digraph", "synoptic", title,
		a("rankdir", "TB"), a("splines", "spline"), af("nodesep", 0.1), af("ranksep", 0.35),
		a("newrank", "true"), a("outputorder", "edgesfirst"))
	w.defaults("node", a("shape", "plain"))
	sends, recvs := map[string]bool{}, map[string]bool{}
	for _, c := range s.cards {
		for _, fn := range c.flows {
			sends[s.f.Flows[fn].Sender] = true
		}
		for _, r := range c.receivers {
			recvs[r] = true
		}
	}
	all := map[string]bool{}
	for d := range sends {
		all[d] = true
	}
	for d := range recvs {
		all[d] = true
	}
	for _, dn := range sortedStrings(all) {
		class := "synoptic.proc"
		switch {
		case !recvs[dn]:
			class = "synoptic.source"
		case !sends[dn]:
			class = "synoptic.out"
		}
		role, room := "?", ""
		if d := s.f.Devices[dn]; d != nil {
			role, room = term(s.lang, "role."+d.Role), d.Room
		}
		sub := role
		if room != "" {
			sub += " · " + room
		}
		fill := classFill[class]
		w.node(dn, ah("label", fmt.Sprintf(`<TABLE BORDER="1" CELLBORDER="0" CELLPADDING="2" COLOR="%s" STYLE="ROUNDED"><TR><TD BGCOLOR="%s"><B>%s</B><BR/><FONT POINT-SIZE="%s">%s</FONT></TD></TR></TABLE>`,
			neutralColour.stroke, fill, esc(dn), fmtPt(cellFontSize), esc(sub))))
	}
	for _, c := range s.cards {
		w.node(c.id, ah("label", s.cardLabel(c)))
	}
	for _, c := range s.cards {
		col := familyColours[c.family]
		as := []attr{a("color", col.stroke), af("penwidth", familyWidth(c.family))}
		if c.family == "control" {
			as = append(as, a("style", "dashed"))
		}
		for i, fn := range c.flows {
			w.line("%s -> %s:r%d:w%s;", q(s.f.Flows[fn].Sender), q(c.id), i, attrList(append(as, a("arrowhead", "none"), a("tooltip", fn))))
		}
		for _, r := range c.receivers {
			w.edge("->", c.id, r, append(as, a("tooltip", strings.Join(c.flows, ", ")+" → "+r))...)
		}
	}
	s.legend(w)
	w.close()
	return w.bytes()
}

var classFill = map[string]string{
	"synoptic.source": "#e8f5e9",
	"synoptic.proc":   "#fff8e1",
	"synoptic.out":    "#eceff1",
}

func (s *synoptic) legend(w *dot) {
	used := map[string]bool{}
	for _, c := range s.cards {
		used[c.family] = true
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2" COLOR="#9e9e9e"><TR><TD COLSPAN="2" ALIGN="LEFT"><B>%s</B></TD></TR>`, esc(term(s.lang, "legend")))
	for _, fam := range families {
		if !used[fam] {
			continue
		}
		fmt.Fprintf(&b, `<TR><TD WIDTH="28" HEIGHT="%d" FIXEDSIZE="TRUE" CELLPADDING="0" BGCOLOR="%s"></TD><TD ALIGN="LEFT"><FONT POINT-SIZE="%s">%s</FONT></TD></TR>`,
			int(familyWidth(fam)*1.6), familyColours[fam].stroke, fmtPt(cellFontSize+1), esc(term(s.lang, "essence."+fam)))
	}
	for _, class := range []string{"synoptic.source", "synoptic.proc", "synoptic.out"} {
		fmt.Fprintf(&b, `<TR><TD BGCOLOR="%s" BORDER="1" COLOR="%s"> </TD><TD ALIGN="LEFT"><FONT POINT-SIZE="%s">%s</FONT></TD></TR>`,
			classFill[class], neutralColour.stroke, fmtPt(cellFontSize+1), esc(term(s.lang, class)))
	}
	if len(s.f.Planes) > 1 {
		var parts []string
		for _, p := range s.f.Planes {
			parts = append(parts, fmt.Sprintf(`<FONT COLOR="%s">%s %s</FONT>`, planeColour(s.f, p).stroke, esc(term(s.lang, "plane")), esc(p)))
		}
		fmt.Fprintf(&b, `<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT POINT-SIZE="%s">%s%s%s</FONT></TD></TR>`, fmtPt(cellFontSize+1), esc(term(s.lang, "synoptic.groups")), colon(s.lang), strings.Join(parts, ", "))
		fmt.Fprintf(&b, `<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT POINT-SIZE="%s">%s</FONT></TD></TR>`, fmtPt(cellFontSize+1), esc(term(s.lang, "synoptic.note")))
	}
	b.WriteString("</TABLE>")
	w.node("legend", ah("label", b.String()))
}

// colon is ": " in English and " : " in French typography.
func colon(lang string) string {
	if lang == "en" {
		return ": "
	}
	return " : "
}
