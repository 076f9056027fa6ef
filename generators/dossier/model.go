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
	LandscapeStart bool `json:"landscapeStart,omitempty"`
	// A3Start: the same, on an A3 landscape page.
	A3Start  bool       `json:"a3Start,omitempty"`
	Num      int        `json:"num,omitempty"`
	ID       string     `json:"id,omitempty"`
	Title    string     `json:"title,omitempty"`
	Intro    []Block    `json:"intro,omitempty"`
	Sections []*Section `json:"sections,omitempty"`
}

// Section is a numbered section ("3.2").
type Section struct {
	// Landscape is set when the section holds a diagram wider than tall:
	// the section gets its own A4 landscape page.
	Landscape bool `json:"landscape,omitempty"`
	// A3 gives the section an A3 landscape page: its diagram would print
	// too small on A4.
	A3     bool    `json:"a3,omitempty"`
	Num    string  `json:"num,omitempty"`
	ID     string  `json:"id,omitempty"`
	Title  string  `json:"title,omitempty"`
	Blocks []Block `json:"blocks,omitempty"`
}

// Span is a run of text, maybe a link or code.
type Span struct {
	Text string `json:"text,omitempty"`
	// Href is an internal link ("#dev-cam-1"); empty for plain text.
	Href   string `json:"href,omitempty"`
	Code   bool   `json:"code,omitempty"`
	Strong bool   `json:"strong,omitempty"`
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
	Kind string `json:"kind,omitempty"`
	// ID is an anchor for KHeading, KPre, KTable and KFigure blocks.
	ID     string  `json:"id,omitempty"`
	Text   Rich    `json:"text,omitempty"`  // KPara, KNote, KHeading
	Items  []Rich  `json:"items,omitempty"` // KList, KOList
	Table  *Table  `json:"table,omitempty"`
	KV     []KV    `json:"kv,omitempty"`
	Figure *Figure `json:"figure,omitempty"`
	Pre    *Pre    `json:"pre,omitempty"`
	// Tone of a note: "info", "ok", "warn".
	Tone string `json:"tone,omitempty"`
	// Class adds a CSS class ("keep": do not break across pages).
	Class string `json:"class,omitempty"`
}

// KV is a label and its value.
type KV struct {
	Key   string `json:"key,omitempty"`
	Value Rich   `json:"value,omitempty"`
}

// Table is a table with a header row.
type Table struct {
	Caption string   `json:"caption,omitempty"`
	Head    []string `json:"head,omitempty"`
	// Align per column: "" (left), "num" (right, no wrap), "center".
	Align []string `json:"align,omitempty"`
	Rows  []Row    `json:"rows,omitempty"`
	// Class: "" or "small" (smaller print for wide tables).
	Class string `json:"class,omitempty"`
	// Foot rows are printed bold at the end (totals).
	Foot []Row `json:"foot,omitempty"`
	// Widths are the columns' widths in percent of the table, computed
	// from their contents at render time: the print stylesheet lays tables
	// out with table-layout: fixed, which is fast for long tables.
	Widths []string `json:"widths,omitempty"`
}

// Row is a table row.
type Row struct {
	Cells []Cell `json:"cells,omitempty"`
	// Tone highlights the row: "", "warn", "ok", "muted".
	Tone string `json:"tone,omitempty"`
	// ID anchors the row.
	ID string `json:"id,omitempty"`
}

// Cell is a table cell.
type Cell struct {
	Text Rich `json:"text,omitempty"`
	// Tone colours the cell: "", "ok", "bad", "warn".
	Tone string `json:"tone,omitempty"`
	// Span is the column span; 0 or 1 for one column.
	Span int `json:"span,omitempty"`
}

// Figure is a diagram, inlined as SVG.
type Figure struct {
	Caption string        `json:"caption,omitempty"`
	SVG     template.HTML `json:"svg,omitempty"`
	// Missing says why the diagram is not there (the SVG is then empty).
	Missing string `json:"missing,omitempty"`
	// Landscape puts the figure on its own landscape page, A3 puts it on
	// an A3 landscape page (see figurePage).
	Landscape bool `json:"landscape,omitempty"`
	A3        bool `json:"a3,omitempty"`
	// MinTextPt is the size of the figure's smallest text, in points, as
	// printed on its page.
	MinTextPt float64 `json:"minTextPt,omitempty"`
}

// Pre is a preformatted file (an annex).
type Pre struct {
	Title string `json:"title,omitempty"`
	Text  string `json:"text,omitempty"`
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
