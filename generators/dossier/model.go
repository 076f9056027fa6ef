package dossier

import (
	"html/template"
	"strings"
)

// Document is the dossier as data: what the templates render. Chapters
// are built in Go from the design and its facts; the templates only lay
// them out, so the HTML and the tests read the same structure.
type Document struct {
	Lang string
	// Cover page.
	Title, Facility, Client, Site, Design, Version string
	// Identity from facility.authors, session and revisions: who wrote
	// it, for which exam session, which version of which date.
	Authors         []KV
	Session         string
	Revision, Dated string
	// AuthorMeta is the candidate's name for the HTML/PDF metadata.
	AuthorMeta string
	// Summary of the cover: a few key figures.
	Cover    []KV
	Chapters []*Chapter
	// L are the fixed labels of the template (table of contents, cover…).
	L map[string]string
}

// Chapter is a numbered chapter; its sections appear in the table of contents.
type Chapter struct {
	// LandscapeStart is set when the chapter opens with a landscape
	// figure: its title goes on the figure's landscape page.
	LandscapeStart bool
	Num            int
	ID             string
	Title          string
	Intro          []Block
	Sections       []*Section
}

// Section is a numbered section ("3.2").
type Section struct {
	// Landscape is set when the section holds a diagram wider than tall:
	// the section gets its own A4 landscape page.
	Landscape bool
	Num       string
	ID        string
	Title     string
	Blocks    []Block
}

// Span is a run of text, maybe a link or code.
type Span struct {
	Text string
	// Href is an internal link ("#dev-cam-1"); empty for plain text.
	Href   string
	Code   bool
	Strong bool
}

// Rich is formatted text: a sequence of spans.
type Rich []Span

// Plain returns the text of r without formatting.
func (r Rich) Plain() string {
	var b strings.Builder
	for _, s := range r {
		b.WriteString(s.Text)
	}
	return b.String()
}

// Block kinds.
const (
	KPara    = "p"
	KList    = "ul"
	KOList   = "ol"
	KTable   = "table"
	KKV      = "kv"
	KFigure  = "figure"
	KPre     = "pre"
	KNote    = "note"
	KHeading = "h3"
)

// Block is one element of a section. Kind says which fields are set.
type Block struct {
	Kind string
	// ID is an anchor for KHeading, KPre, KTable and KFigure blocks.
	ID     string
	Text   Rich   // KPara, KNote, KHeading
	Items  []Rich // KList, KOList
	Table  *Table
	KV     []KV
	Figure *Figure
	Pre    *Pre
	// Tone of a note: "info", "ok", "warn".
	Tone string
	// Class adds a CSS class ("keep": do not break across pages).
	Class string
}

// KV is a label and its value.
type KV struct {
	Key   string
	Value Rich
}

// Table is a table with a header row.
type Table struct {
	Caption string
	Head    []string
	// Align per column: "" (left), "num" (right, no wrap), "center".
	Align []string
	Rows  []Row
	// Class: "" or "small" (smaller print for wide tables).
	Class string
	// Foot rows are printed bold at the end (totals).
	Foot []Row
	// Widths are the columns' widths in percent of the table, computed
	// from their contents at render time: the print stylesheet lays tables
	// out with table-layout: fixed, which is fast for long tables.
	Widths []string
}

// Row is a table row.
type Row struct {
	Cells []Cell
	// Tone highlights the row: "", "warn", "ok", "muted".
	Tone string
	// ID anchors the row.
	ID string
}

// Cell is a table cell.
type Cell struct {
	Text Rich
	// Tone colours the cell: "", "ok", "bad", "warn".
	Tone string
	Span int // column span; 0 or 1 for one column
}

// Figure is a diagram, inlined as SVG.
type Figure struct {
	Caption string
	SVG     template.HTML
	// Missing says why the diagram is not there (the SVG is then empty).
	Missing string
	// Landscape puts the figure on its own landscape page.
	Landscape bool
}

// Pre is a preformatted file (an annex).
type Pre struct {
	Title string
	Text  string
}

// Helpers that keep the chapter code short.

func txt(s string) Rich            { return Rich{{Text: s}} }
func code(s string) Rich           { return Rich{{Text: s, Code: true}} }
func codeLink(s, href string) Rich { return Rich{{Text: s, Href: href, Code: true}} }
func para(s string) Block          { return Block{Kind: KPara, Text: txt(s)} }
func paraRich(r Rich) Block        { return Block{Kind: KPara, Text: r} }
func note(tone, s string) Block    { return Block{Kind: KNote, Tone: tone, Text: txt(s)} }
func heading(id, s string) Block   { return Block{Kind: KHeading, ID: id, Text: txt(s)} }
func tableBlock(t *Table) Block    { return Block{Kind: KTable, Table: t} }
func kvBlock(kv []KV) Block        { return Block{Kind: KKV, KV: kv} }
func kv(k, v string) KV            { return KV{Key: k, Value: txt(v)} }
func kvRich(k string, v Rich) KV   { return KV{Key: k, Value: v} }
func cell(s string) Cell           { return Cell{Text: txt(s)} }
func cellRich(r Rich) Cell         { return Cell{Text: r} }
func cellTone(s, tone string) Cell { return Cell{Text: txt(s), Tone: tone} }
func codeCell(s string) Cell       { return Cell{Text: code(s)} }
func list(items ...Rich) Block     { return Block{Kind: KList, Items: items} }
func row(cells ...Cell) Row        { return Row{Cells: cells} }
func cells(ss ...string) []Cell {
	out := make([]Cell, len(ss))
	for i, s := range ss {
		out[i] = cell(s)
	}
	return out
}
func textRow(ss ...string) Row { return Row{Cells: cells(ss...)} }
func join(rs []Rich, sep string) Rich {
	var out Rich
	for i, r := range rs {
		if i > 0 {
			out = append(out, Span{Text: sep})
		}
		out = append(out, r...)
	}
	return out
}

// walkText calls fn with every piece of text of the chapters, for the
// glossary's term detection and for tests.
func (c *Chapter) walkText(fn func(string)) {
	fn(c.Title)
	for _, b := range c.Intro {
		b.walkText(fn)
	}
	for _, s := range c.Sections {
		fn(s.Title)
		for _, b := range s.Blocks {
			b.walkText(fn)
		}
	}
}

func (b Block) walkText(fn func(string)) {
	rich := func(r Rich) {
		for _, s := range r {
			fn(s.Text)
		}
	}
	rich(b.Text)
	for _, it := range b.Items {
		rich(it)
	}
	for _, e := range b.KV {
		fn(e.Key)
		rich(e.Value)
	}
	if t := b.Table; t != nil {
		fn(t.Caption)
		for _, h := range t.Head {
			fn(h)
		}
		for _, rows := range [][]Row{t.Rows, t.Foot} {
			for _, r := range rows {
				for _, c := range r.Cells {
					rich(c.Text)
				}
			}
		}
	}
	if b.Figure != nil {
		fn(b.Figure.Caption)
		fn(b.Figure.Missing)
	}
	if b.Pre != nil {
		fn(b.Pre.Title)
	}
}
