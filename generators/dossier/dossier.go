// Package dossier is the "dossier" generator: the dossier technique of a
// design, the document a certification jury reads.
//
// It writes dossier/dossier.html, one self-contained HTML file (inline CSS
// with a print stylesheet for A4, inline SVG diagrams, no external
// resource), and dossier/dossier.pdf rendered from it by WeasyPrint when
// the weasyprint program is installed; when it is not, dossier/README.txt
// says in one line which Debian package gives the PDF.
//
// The cover names the author, exam session and version from the design
// (facility.authors, session, revisions: never the clock). The document
// has sixteen numbered chapters, each filled from the design
// and its analysis: context and requirements, synoptic, network
// architecture, IP and VLAN plans, multicast, QoS and PTP, bandwidth,
// redundancy, storage, security and access rights, workstations and their
// accessibility, argued technical choices (derived from the analysis, the
// designer's rationale fields, and every waived rule with its reason), bill
// of materials and budget, acceptance-test procedure (with the lab's
// measurements when a lab run exists), device notices, a French/English
// glossary of the terms used, the generated files and the revision
// history as annexes, and the evaluation grid of the referential (grid.go).
// Diagrams whose text would print below 6 pt on A4 get A3 landscape pages.
//
// It is written in French by default and in English with Env.Lang "en":
// fixed texts come from internal/i18n's catalog (plural rules from
// golang.org/x/text) or inline tr(fr, en) pairs, the design's own texts stay
// as written, and numbers follow each language's typography.
//
// The HTML is deterministic: the same design gives byte-identical HTML.
// The PDF is byte-identical across runs on one machine (WeasyPrint writes
// no date unless the HTML asks for one), but depends on WeasyPrint's
// version and on the installed fonts.
package dossier

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
	"github.com/avnet/avnet/internal/rules/suite"
)

// Output paths.
const (
	HTMLFile   = "dossier/dossier.html"
	PDFFile    = "dossier/dossier.pdf"
	ReadmeFile = "dossier/README.txt"
)

// Generator is the "dossier" generator.
var Generator = &gen.Generator{
	Name:     "dossier",
	Doc:      "the dossier technique: dossier/dossier.html (self-contained, print-ready A4) and dossier/dossier.pdf (WeasyPrint)",
	Generate: Generate,
}

// Generate writes the dossier's HTML and, when WeasyPrint is installed, its PDF.
func Generate(ctx context.Context, f *model.Facility, facts *analysis.Facts, sink gen.Sink) error {
	html, err := HTML(ctx, f, facts)
	if err != nil {
		return err
	}
	if err := sink.Write(HTMLFile, html); err != nil {
		return err
	}
	if !pdfWanted(gen.EnvFrom(ctx)) {
		return nil
	}
	pdf, err := RenderPDF(ctx, html)
	if err == ErrNoRenderer {
		gen.EnvFrom(ctx).Skip(gen.Skip{Generator: "dossier", Artifacts: PDFFile,
			Reason: "WeasyPrint not found", Install: "sudo apt-get install weasyprint"})
		return sink.Write(ReadmeFile, []byte(MissingRendererNote(gen.EnvFrom(ctx).Lang)+"\n"))
	}
	if err != nil {
		return err
	}
	return sink.Write(PDFFile, pdf)
}

// PDFSwitch is the environment variable that turns the PDF step off
// ("off", "0" or "no"): WeasyPrint takes about a minute on a large design,
// which tests and quick iterations on the HTML can skip.
const PDFSwitch = "AVNET_DOSSIER_PDF"

func pdfWanted(env *gen.Env) bool {
	if env.Getenv == nil {
		return true
	}
	v, ok := env.Getenv(PDFSwitch)
	return !ok || (v != "off" && v != "0" && v != "no")
}

// HTML builds the dossier and renders it as HTML, without the PDF step.
func HTML(ctx context.Context, f *model.Facility, facts *analysis.Facts) ([]byte, error) {
	doc, err := Build(ctx, f, facts)
	if err != nil {
		return nil, err
	}
	return Render(doc)
}

// Build assembles the dossier of a design as data.
func Build(ctx context.Context, f *model.Facility, facts *analysis.Facts) (*Document, error) {
	env := gen.EnvFrom(ctx)
	lang := env.Lang
	if lang == "" {
		lang = f.Info.Language
	}
	if lang == "" {
		lang = "fr"
	}
	loc, err := newLocale(lang)
	if err != nil {
		return nil, err
	}
	b := &builder{locale: loc, ctx: ctx, env: env, f: f, facts: facts, ids: newIDs(), plans: map[string]*analysis.SwitchPlan{}}
	b.design = designName(f)
	ds, err := rules.Run(suite.All(), f, facts)
	if err != nil {
		return nil, fmt.Errorf("dossier: run the rules for the chapter on technical choices: %w", err)
	}
	b.diags = ds
	if err := b.loadDiagrams(); err != nil {
		return nil, err
	}
	if err := b.loadAnnexes(); err != nil {
		return nil, err
	}
	b.loadLab()

	doc := &Document{Lang: lang, Title: b.t("doc.title"), Facility: f.Info.Name, Site: f.Info.Site, Design: b.design, Version: env.Version}
	if c := f.Info.Context; c != nil {
		doc.Client = c.Client
	}
	b.identity(doc)
	builders := []func() *Chapter{
		b.chContext, b.chSynoptic, b.chNetwork, b.chAddressing, b.chMulticast, b.chQoSPTP,
		b.chBandwidth, b.chOperations, b.chWorkstations, b.chChoices, b.chBudget,
		b.chAcceptance, b.chNotices,
	}
	for _, build := range builders {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		doc.Chapters = append(doc.Chapters, build())
	}
	// The glossary lists the terms the chapters above use; the annexes
	// (generated files) come after it.
	var text strings.Builder
	for _, c := range doc.Chapters {
		c.walkText(func(s string) { text.WriteString(s); text.WriteByte('\n') })
	}
	doc.Chapters = append(doc.Chapters, b.chGlossary(text.String()), b.chAnnexes())
	// The evaluation grid comes last: it points into every chapter above.
	doc.Chapters = append(doc.Chapters, b.chGrid(b.chapters))
	doc.Cover = b.coverFigures()
	doc.L = b.labels()
	if len(b.missing) > 0 {
		var keys []string
		for k := range b.missing {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		return nil, fmt.Errorf("dossier: no message for %q in the catalog (a bug in avnet)", keys)
	}
	return doc, nil
}

// builder holds what every chapter reads.
type builder struct {
	*locale
	ctx    context.Context
	env    *gen.Env
	f      *model.Facility
	facts  *analysis.Facts
	ids    *idSet
	design string
	diags  []diag.Diagnostic
	plans  map[string]*analysis.SwitchPlan

	diagrams map[string]*diagramSVG
	// diagramNote says why diagrams are missing, "" when they are there.
	diagramNote string
	annexes     []annexFile
	annexNotes  []string
	lab         *LabResults
	labPath     string
	labErr      error
	labStale    bool

	chapterN int
	figureN  int
	// chapters by catalog key and figure numbers by diagram name, for the
	// evaluation grid's references.
	chapters   map[string]*Chapter
	figureNums map[string]int
}

func (b *builder) chapter(key string) *Chapter {
	b.chapterN++
	c := &Chapter{Num: b.chapterN, ID: fmt.Sprintf("ch-%d", b.chapterN), Title: b.t("ch." + key)}
	if b.chapters == nil {
		b.chapters = map[string]*Chapter{}
	}
	b.chapters[key] = c
	return c
}

func (b *builder) section(c *Chapter, title string, blocks ...Block) *Section {
	n := len(c.Sections) + 1
	s := &Section{Num: fmt.Sprintf("%d.%d", c.Num, n), ID: fmt.Sprintf("sec-%d-%d", c.Num, n), Title: title, Blocks: blocks}
	c.Sections = append(c.Sections, s)
	return s
}

func (s *Section) add(blocks ...Block) { s.Blocks = append(s.Blocks, blocks...) }

// plan returns the port plan of a switch, computed once.
func (b *builder) plan(dev string) *analysis.SwitchPlan {
	p, ok := b.plans[dev]
	if !ok {
		p = b.facts.SwitchPlan(dev)
		b.plans[dev] = p
	}
	return p
}

// switches returns the design's switches, sorted.
func (b *builder) switches() []string {
	var out []string
	for _, n := range model.SortedKeys(b.f.Devices) {
		if b.f.Devices[n].IsSwitch() {
			out = append(out, n)
		}
	}
	return out
}

func designName(f *model.Facility) string {
	if f.Dir != "" {
		if abs, err := filepath.Abs(f.Dir); err == nil {
			return filepath.Base(abs)
		}
		return filepath.Base(f.Dir)
	}
	return f.Package
}

// devLink links a device name to its notice (chapter 13).
func (b *builder) devLink(name string) Rich {
	if b.f.Devices[name] == nil {
		return code(name)
	}
	return codeLink(name, "#"+b.ids.of("dev", name))
}

// flowLink links a flow name to its row of the flow table (chapter 7).
func (b *builder) flowLink(name string) Rich {
	if b.f.Flows[name] == nil {
		return code(name)
	}
	return codeLink(name, "#"+b.ids.of("flow", name))
}

// portLink prints "device:port" with the device linked to its notice.
func (b *builder) portLink(p analysis.Port) Rich {
	r := b.devLink(p.Device)
	if p.Interface != "" {
		r = append(r, Span{Text: ":" + p.Interface, Code: true})
	}
	return r
}

// cableLink links a cable label to its row of the cabling plan.
func (b *builder) cableLink(label string) Rich {
	if b.f.Links[label] == nil {
		return code(label)
	}
	return codeLink(label, "#"+b.ids.of("cable", label))
}

// vlanLink links a VLAN name to its row of the VLAN plan.
func (b *builder) vlanLink(name string) Rich {
	if b.f.VLANs[name] == nil {
		return code(name)
	}
	return codeLink(name, "#"+b.ids.of("vlan", name))
}

// devLinks joins device links with commas.
func (b *builder) devLinks(names []string) Rich {
	var rs []Rich
	for _, n := range names {
		rs = append(rs, b.devLink(n))
	}
	return join(rs, ", ")
}

// paragraphs splits a design's free text into paragraphs: blank lines
// separate them, line breaks inside one are spaces.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		var words []string
		for _, line := range strings.Split(p, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				words = append(words, line)
			}
		}
		if len(words) > 0 {
			out = append(out, strings.Join(words, " "))
		}
	}
	return out
}

func paraBlocks(s string) []Block {
	var out []Block
	for _, p := range paragraphs(s) {
		out = append(out, para(p))
	}
	return out
}

// oneLine folds a design text to a single line.
func oneLine(s string) string { return strings.Join(paragraphs(s), " ") }
