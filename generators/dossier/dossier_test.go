package dossier_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/avnet/avnet/generators/dossier"
	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/scaffold"
	"github.com/avnet/avnet/internal/vet"
)

// The designs the dossier is tested on: the flagship, the lab design and
// the starter design of `avnet init`.
var designDirs = map[string]string{
	"chaine-tv-ip": filepath.Join("..", "..", "designs", "chaine-tv-ip"),
	"lab-minimal":  filepath.Join("..", "..", "designs", "lab-minimal"),
}

type loaded struct {
	f     *model.Facility
	facts *analysis.Facts
	skip  string
}

var cache sync.Map

// load vets a design the way `avnet build` does; a design that does not
// vet yet (being edited) is skipped.
func load(t testing.TB, name string) (*model.Facility, *analysis.Facts) {
	t.Helper()
	if v, ok := cache.Load(name); ok {
		l := v.(*loaded)
		if l.skip != "" {
			t.Skip(l.skip)
		}
		return l.f, l.facts
	}
	l := &loaded{}
	l.f, l.facts, l.skip = open(t, name)
	cache.Store(name, l)
	if l.skip != "" {
		t.Skip(l.skip)
	}
	return l.f, l.facts
}

func open(t testing.TB, name string) (*model.Facility, *analysis.Facts, string) {
	t.Helper()
	dir := designDirs[name]
	if name == "init" {
		dir = filepath.Join(t.TempDir(), "studio")
		if _, err := scaffold.Write(dir, scaffold.Options{Name: "Studio"}); err != nil {
			t.Fatal(err)
		}
	}
	out, err := vet.Design(dir)
	if err != nil {
		t.Fatal(err)
	}
	if out.Facility == nil || out.HasErrors() {
		var b strings.Builder
		diag.PrintText(&b, out.Diagnostics, diag.TextOptions{})
		return nil, nil, fmt.Sprintf("%s does not vet yet:\n%s", dir, b.String())
	}
	return out.Facility, out.Facts, ""
}

var testDesigns = []string{"chaine-tv-ip", "lab-minimal", "init"}

// env is a build environment with no secrets and no PDF step.
func env(lang string) *gen.Env {
	return &gen.Env{Lang: lang, Version: "test", Getenv: func(k string) (string, bool) {
		if k == dossier.PDFSwitch {
			return "off", true
		}
		return "", false
	}}
}

func html(t testing.TB, name string, e *gen.Env) []byte {
	t.Helper()
	f, facts := load(t, name)
	out, err := dossier.HTML(gen.WithEnv(context.Background(), e), f, facts)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if dir := os.Getenv("AVNET_DOSSIER_OUT"); dir != "" {
		os.WriteFile(filepath.Join(dir, name+"-"+e.Lang+".html"), out, 0o644)
	}
	return out
}

// checkHTML parses the document as XML (the dossier is written as
// polyglot XHTML, so a strict XML parser proves it well formed), and
// checks that it fetches nothing and that every internal link has a target.
func checkHTML(t *testing.T, doc []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	d.Entity = map[string]string{}
	ids := map[string]int{}
	var hrefs []string
	var stack []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line := bytes.Count(doc[:d.InputOffset()], []byte("\n")) + 1
			t.Fatalf("not well formed at line %d: %v", line, err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			stack = append(stack, e.Name.Local)
			for _, a := range e.Attr {
				switch strings.ToLower(a.Name.Local) {
				case "id":
					ids[a.Value]++
				case "href":
					hrefs = append(hrefs, a.Value)
				case "src":
					t.Errorf("element <%s> has src=%q: the dossier embeds everything", e.Name.Local, a.Value)
				}
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
					t.Errorf("element <%s> has an event handler %s", e.Name.Local, a.Name.Local)
				}
			}
			switch e.Name.Local {
			case "script", "link", "img", "iframe", "object", "embed":
				t.Errorf("element <%s>: the dossier has no scripts, external resources or images", e.Name.Local)
			}
		case xml.EndElement:
			if len(stack) == 0 || stack[len(stack)-1] != e.Name.Local {
				t.Fatalf("unbalanced </%s>", e.Name.Local)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) != 0 {
		t.Fatalf("unclosed elements %v", stack)
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q appears %d times", id, n)
		}
	}
	for _, h := range hrefs {
		if !strings.HasPrefix(h, "#") {
			t.Errorf("link %q leaves the document", h)
			continue
		}
		if ids[h[1:]] == 0 {
			t.Errorf("broken internal link %q", h)
		}
	}
	low := strings.ToLower(string(doc))
	for _, bad := range []string{"@import", "url(http", "url(//", "src=", "<link"} {
		if strings.Contains(low, bad) {
			t.Errorf("the HTML contains %q: it must fetch nothing", bad)
		}
	}
	if regexp.MustCompile(`(?i)(href|src)\s*=\s*"(https?:)?//`).Match(doc) {
		t.Error("the HTML links to an external URL")
	}
}

func TestHTMLWellFormedSelfContained(t *testing.T) {
	for _, name := range testDesigns {
		for _, lang := range dossier.Languages {
			t.Run(name+"/"+lang, func(t *testing.T) {
				checkHTML(t, html(t, name, env(lang)))
			})
		}
	}
}

// Two builds from two loads of the design give the same bytes.
func TestHTMLDeterministic(t *testing.T) {
	for _, name := range []string{"chaine-tv-ip", "lab-minimal"} {
		t.Run(name, func(t *testing.T) {
			a := html(t, name, env("fr"))
			f, facts, skip := open(t, name)
			if skip != "" {
				t.Skip(skip)
			}
			b, err := dossier.HTML(gen.WithEnv(context.Background(), env("fr")), f, facts)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Fatalf("two builds differ:\n%s", firstDiff(string(a), string(b)))
			}
		})
	}
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n  %q\n  %q", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(la), len(lb))
}

// The chapter titles the issue lists, in order, in each language.
var chapterTitles = map[string][]string{
	"fr": {"Contexte et cahier des charges", "Synoptique et architecture d'ensemble", "Architecture réseau", "Plan d'adressage IP et plan VLAN",
		"Plan multicast", "Qualité de service et synchronisation PTP", "Bilan de bande passante", "Redondance, stockage, sécurité et droits d'accès",
		"Postes de travail", "Choix techniques argumentés", "Nomenclature et budget", "Protocole de recette", "Notices techniques des équipements",
		"Glossaire français / anglais", "Annexes : configurations et SDP générés", "Grille d'évaluation du référentiel"},
	"en": {"Context and requirements", "Synoptic and overall architecture", "Network architecture", "IP addressing and VLAN plan",
		"Multicast plan", "Quality of service and PTP timing", "Bandwidth budget", "Redundancy, storage, security and access rights",
		"Workstations", "Argued technical choices", "Bill of materials and budget", "Acceptance test procedure", "Device technical notices",
		"French / English glossary", "Annexes: generated configurations and SDP", "Evaluation grid"},
}

func build(t testing.TB, name string, e *gen.Env) *dossier.Document {
	t.Helper()
	f, facts := load(t, name)
	doc, err := dossier.Build(gen.WithEnv(context.Background(), e), f, facts)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestChapters(t *testing.T) {
	for _, lang := range dossier.Languages {
		doc := build(t, "chaine-tv-ip", env(lang))
		var got []string
		for i, c := range doc.Chapters {
			got = append(got, c.Title)
			if c.Num != i+1 || c.ID != fmt.Sprintf("ch-%d", i+1) {
				t.Errorf("%s: chapter %d numbered %d, id %s", lang, i+1, c.Num, c.ID)
			}
			if len(c.Sections) == 0 {
				t.Errorf("%s: chapter %d %q has no section", lang, c.Num, c.Title)
			}
		}
		if strings.Join(got, "\n") != strings.Join(chapterTitles[lang], "\n") {
			t.Errorf("%s chapters:\n%s\nwant:\n%s", lang, strings.Join(got, "\n"), strings.Join(chapterTitles[lang], "\n"))
		}
	}
}

// text returns the text of a chapter, by number, as the reader sees it.
func text(t *testing.T, doc []byte, chapter int) string {
	t.Helper()
	s := string(doc)
	start := strings.Index(s, fmt.Sprintf(`<section class="chapter" id="ch-%d">`, chapter))
	if start < 0 {
		t.Fatalf("no chapter %d", chapter)
	}
	end := strings.Index(s[start+10:], `<section class="chapter" id="ch-`)
	if end < 0 {
		end = len(s) - start - 10
	}
	return plain(s[start : start+10+end])
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// plain strips tags and entities and folds the typographic spaces.
func plain(s string) string {
	s = tagRE.ReplaceAllString(s, "")
	s = strings.NewReplacer("&#39;", "'", "&#34;", `"`, "&amp;", "&", "&lt;", "<", "&gt;", ">", "\u00a0", " ", "\u202f", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// Each chapter is filled from the design and its analysis: spot checks on
// the flagship, in French and in English.
func TestFlagshipContent(t *testing.T) {
	cases := []struct {
		lang    string
		chapter int
		want    []string
	}{
		{"fr", 1, []string{"Azur Média SCIC", "B1", "Produire en direct une émission quotidienne", "C2", "1 300 000 €", "Hors périmètre"}},
		{"fr", 3, []string{"architecture leaf-spine : 1 spine (spine-r) et 2 leaf (leaf-r1, leaf-r2)", "liens montants en 100G", "Aucun câble de données ne relie deux plans", "R-101"}},
		{"fr", 4, []string{"VLAN 110 media-red — 10.110.0.0/24", "10.110.0.11/24", "aucune (non routé)"}},
		{"fr", 5, []string{"239.110.11.1", "10.110.0.11", "IGMPv3", "IGMPv2", "10.110.0.1 (spine-r)"}},
		{"fr", 6, []string{"46 (EF), 56 (CS7)", "SMPTE ST 2059-2", "127", "élu (plan rouge (red))", "secours (plan rouge (red))", "2^-3 s = 125 ms"}},
		{"fr", 7, []string{"cam-6/uhd", "9,17 Gb/s", "181 450", "R-206", "70,5 %"}},
		{"fr", 8, []string{"RAID 6", "180 To", "Règle 3-2-1 : 3 copies", "contrats", "RGPD", "AZUR_NETADMIN_PASSWORD", "Les deux jambes de chaque flux protégé suivent des chemins entièrement disjoints"}},
		{"fr", 9, []string{"edit-2", "écran 32 pouces 4K", "NVDA", "Léa Bernard"}},
		{"fr", 10, []string{"25G sur cam-6 (B-106, R-106)", "cam-6 émet 11,46 Gb/s par lien", "plus qu'un port 10G", "100G sur mv-1", "AV-QOS-003", "Le stagebox Dante marque son audio natif EF 46", "Deux plans", "IGMPv3 sur media-red, media-blue", "RAID 6 sur nas-1", "le RAID 5 donnerait 198 To"}},
		{"fr", 11, []string{"Total de la nomenclature", "Plafond du budget", "1 300 000 €", "Arista DCS-7280SR3-48YC8"}},
		{"fr", 12, []string{"R1", "lien actif à 25G ; fibre monomode, 60 m", "ssh netadmin@10.10.10.12", "grandmasterIdentity de gm-1", "(10.110.0.11, 239.110.11.1) avec sdp/cam-1_video.sdp", "DSCP 26 (AF31)", "Perte du plan rouge", "Aucun résultat de maquette"}},
		{"fr", 13, []string{"cam-6 — Caméra", "leaf-r1 — Commutateur", "Ethernet49/1", "horloge frontière", "Fichiers générés"}},
		{"fr", 14, []string{"Grand maître (PTP)", "Grandmaster (PTP)", "Horloge frontière", "Boundary clock", "RGPD", "GDPR", "Interrogateur IGMP (querier)"}},
		{"fr", 15, []string{"configs/leaf-r1.eos", "sdp/cam-1_video.sdp", "a=source-filter: incl IN IP4 239.110.11.1 10.110.0.11", "SMPTE ST 2022-7:2019"}},
		{"en", 7, []string{"9.17 Gb/s", "181,450", "70.5%"}},
		{"en", 10, []string{"25G on cam-6 (B-106, R-106)", "cam-6 sends 11.46 Gb/s per link", "more than a 10G port carries", "AV-QOS-003", "Le stagebox Dante marque son audio natif EF 46"}},
		{"en", 11, []string{"Bill of materials total", "€1,300,000"}},
		{"en", 14, []string{"Grandmaster (PTP)", "Grand maître (PTP)", "Boundary clock"}},
	}
	docs := map[string][]byte{}
	for _, c := range cases {
		if docs[c.lang] == nil {
			docs[c.lang] = html(t, "chaine-tv-ip", env(c.lang))
		}
		got := text(t, docs[c.lang], c.chapter)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s chapter %d: no %q", c.lang, c.chapter, w)
			}
		}
	}
}

// The glossary lists only the terms the document uses.
func TestGlossaryOnlyUsedTerms(t *testing.T) {
	doc := html(t, "lab-minimal", env("fr"))
	g := text(t, doc, 14)
	for _, absent := range []string{"RAID", "RGPD", "Onduleur", "LTO"} {
		if strings.Contains(g, absent) {
			t.Errorf("lab-minimal glossary lists %q, which the document does not use", absent)
		}
	}
	for _, present := range []string{"IGMP", "Grand maître (PTP)", "VLAN"} {
		if !strings.Contains(g, present) {
			t.Errorf("lab-minimal glossary lacks %q", present)
		}
	}
}

// BenchmarkHTML times the dossier of the flagship without the PDF step,
// diagrams included (drawn by the fallback, as `avnet dossier` does).
func BenchmarkHTML(b *testing.B) {
	f, facts := load(b, "chaine-tv-ip")
	ctx := gen.WithEnv(context.Background(), env("fr"))
	for b.Loop() {
		if _, err := dossier.HTML(ctx, f, facts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHTMLWithoutDiagrams times the dossier alone, the diagrams being
// given by the build (as `avnet build` does after the diagram generator).
func BenchmarkHTMLWithoutDiagrams(b *testing.B) {
	f, facts := load(b, "chaine-tv-ip")
	svgs, err := dossier.RenderDiagrams(context.Background(), f, facts, "fr")
	if err != nil {
		b.Fatal(err)
	}
	e := env("fr")
	e.Outputs = map[string][]byte{}
	for n, svg := range svgs {
		e.Outputs["diagrams/"+n+".svg"] = svg
	}
	ctx := gen.WithEnv(context.Background(), e)
	for b.Loop() {
		if _, err := dossier.HTML(ctx, f, facts); err != nil {
			b.Fatal(err)
		}
	}
}

// The lab's results.json, when the build names one, fills the end of the
// acceptance-test chapter; results of an older design are flagged.
func TestLabResults(t *testing.T) {
	f, facts := load(t, "lab-minimal")
	fl := "cam-1/video"
	if f.Flows[fl] == nil {
		for _, n := range model.SortedKeys(f.Flows) {
			fl = n
			break
		}
	}
	results := `{"schema": "avnet.dev/lab-results/v1", "lab": "lab-minimal", "design": "designs/lab-minimal", "design_digest": "%s",
	  "count": 30, "rate": 100, "passed": false,
	  "flows": [{"flow": "` + fl + `", "essence": "st2110-20", "class": "video", "dscp": 26, "passed": false,
	    "legs": [{"vlan": "media", "group": "239.110.1.1", "port": 5004, "sender": "cam-1:eth1", "sent": 30,
	      "receivers": [{"receiver": "mon-1", "interface": "eth1", "received": 29, "lost": 1, "dscp": {"26": 29}, "passed": false, "problem": "1 lost"}],
	      "silent": [{"device": "host-1", "interface": "eth1", "frames": 0, "passed": true}], "passed": false}]}],
	  "ptp": [{"domain": "media", "domain_number": 127, "intended": "gm-1", "elected": "gm-1", "passed": true, "converged_s": 4.2,
	    "tolerance_ns": 100000, "time_limit_s": 20, "locked": 1, "max_offset_ns": 12,
	    "clocks": [{"device": "sw-1", "kind": "boundary", "port_state": "SLAVE", "steps_removed": 1, "locked": true, "locked_s": 3.1,
	      "offset_ns": 12, "max_offset_ns": 47, "samples": 8, "path_delay_ns": 850, "passed": true}]}],
	  "notes": ["not in the lab: nothing"], "timings": {"total": 61.5}}`
	dir := t.TempDir()
	write := func(digest string) string {
		p := filepath.Join(dir, "results.json")
		if err := os.WriteFile(p, []byte(fmt.Sprintf(results, digest)), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	run := func(path string) string {
		e := env("fr")
		e.LabResults = path
		out, err := dossier.HTML(gen.WithEnv(context.Background(), e), f, facts)
		if err != nil {
			t.Fatal(err)
		}
		checkHTML(t, out)
		return text(t, out, 12)
	}
	got := run(write("0000"))
	for _, want := range []string{"Résultats de la maquette", "Verdict de la maquette : non conforme", "29 / 30", "26 ×29", "mon-1:eth1", "gm-1", "4,20 s", "3,10 s", "47", "850", "SLAVE", "version antérieure de la conception", "IGMP snooping : 1 contrôle d'extrémité non abonnée"} {
		if !strings.Contains(got, want) {
			t.Errorf("chapter 12 lacks %q", want)
		}
	}
	if strings.Contains(got, "Aucun résultat de maquette") {
		t.Error("chapter 12 says there are no lab results")
	}
	if got := run(filepath.Join(dir, "missing.json")); !strings.Contains(got, "Aucun résultat de maquette") {
		t.Error("a missing results file is not reported as no lab run")
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.json"), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := run(filepath.Join(dir, "bad.json")); !strings.Contains(got, "n'ont pas pu être lus") {
		t.Error("an unreadable results file is not reported")
	}
}

// Diagrams from the build are inlined, cleaned of anything active or
// external, with their ids prefixed.
func TestDiagramsInlined(t *testing.T) {
	svg := `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- Generated by graphviz -->
<svg width="800pt" height="400pt" viewBox="0.00 0.00 800.00 400.00" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)">
<defs><linearGradient id="g1"><stop offset="0"/></linearGradient></defs>
<g id="graph0" class="graph"><title>G</title>
<script>alert(2)</script>
<a xlink:href="https://example.com/x"><text x="1" y="2">cam&#45;1</text></a>
<rect id="r1" fill="url(#g1)" width="10" height="10"/>
<use href="#r1"/>
</g>
</svg>
`
	e := env("fr")
	e.Outputs = map[string][]byte{}
	for _, n := range dossier.DiagramNames {
		e.Outputs["diagrams/"+n+".svg"] = []byte(svg)
	}
	out := html(t, "lab-minimal", e)
	checkHTML(t, out)
	s := string(out)
	for _, bad := range []string{"<?xml", "<!DOCTYPE svg", "graphviz", "alert(", "https://example.com", `width="800pt"`} {
		if strings.Contains(s, bad) {
			t.Errorf("the inlined diagrams still contain %q", bad)
		}
	}
	for _, want := range []string{`id="svg-physical-graph0"`, `url(#svg-logical-g1)`, `href="#svg-ptp-r1"`, `viewBox="0.00 0.00 800.00 400.00"`, `class="section landscape"`} {
		if !strings.Contains(s, want) {
			t.Errorf("the inlined diagrams lack %q", want)
		}
	}
	if strings.Count(s, "<svg") != len(dossier.DiagramNames) {
		t.Errorf("%d <svg> elements, want %d", strings.Count(s, "<svg"), len(dossier.DiagramNames))
	}
}

// Configurations in the annexes carry no password hash.
func TestAnnexesMaskHashes(t *testing.T) {
	f, facts := load(t, "chaine-tv-ip")
	e := env("fr")
	e.Getenv = func(k string) (string, bool) {
		switch k {
		case dossier.PDFSwitch:
			return "off", true
		case "AZUR_NETADMIN_PASSWORD", "AZUR_FW_PASSWORD":
			return "correct horse battery staple", true
		}
		return "", false
	}
	out, err := dossier.HTML(gen.WithEnv(context.Background(), e), f, facts)
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`\$[5689]\$[./0-9A-Za-z]{8,}\$[./0-9A-Za-z]{8,}`).Find(out); m != nil {
		t.Errorf("the dossier contains a password hash: %s", m)
	}
	if !strings.Contains(string(out), "(masqué)") {
		t.Error("no masked hash in the annexes: did the configurations lose their accounts?")
	}
}

// The cover names the candidate, the session and the last revision with
// its date as the design writes it; the annexes list every revision.
func TestCoverIdentity(t *testing.T) {
	for _, c := range []struct{ lang, date, candidate string }{
		{"fr", "7\u00a0décembre\u00a02026", "Candidat·e"},
		{"en", "7 December 2026", "Candidate"},
	} {
		doc := build(t, "chaine-tv-ip", env(c.lang))
		if doc.Revision != "1.0" || doc.Dated != c.date {
			t.Errorf("%s: cover version %q of %q, want 1.0 of %q", c.lang, doc.Revision, doc.Dated, c.date)
		}
		if len(doc.Authors) != 3 || doc.Authors[0].Key != c.candidate || doc.Authors[0].Value.Plain() != "Camille Ferrand" {
			t.Errorf("%s: cover authors %+v, want the candidate Camille Ferrand first", c.lang, doc.Authors)
		}
		if !strings.HasPrefix(doc.Session, "Session 2026") {
			t.Errorf("%s: cover session %q", c.lang, doc.Session)
		}
		var revs *dossier.Table
		last := doc.Chapters[len(doc.Chapters)-1]
		for _, ch := range doc.Chapters {
			for _, s := range ch.Sections {
				if s.Title == map[string]string{"fr": "Historique des révisions", "en": "Revision history"}[c.lang] {
					revs = s.Blocks[0].Table
				}
			}
		}
		if revs == nil || len(revs.Rows) != 3 {
			t.Fatalf("%s: no revision table of 3 rows in the annexes (last chapter %q)", c.lang, last.Title)
		}
	}
}
