package diagram

import (
	"fmt"
	"github.com/avnet/avnet/internal/escape"
	"sort"
	"strings"
)

// dot writes DOT text. Every identifier and label goes through q or html,
// so a device named `a"b` or a description with a backslash cannot break
// the graph; attributes are written in the order given, and callers walk
// the design in sorted order, so the same design gives the same bytes.
type dot struct {
	b      strings.Builder
	indent int
}

// attr is one attribute; an html attribute is written as <…> (a
// Graphviz HTML-like label) instead of a quoted string.
type attr struct {
	k, v string
	html bool
}

func a(k, v string) attr  { return attr{k: k, v: v} }
func ah(k, v string) attr { return attr{k: k, v: v, html: true} }
func af(k string, v float64) attr {
	return attr{k: k, v: strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")}
}

// q quotes a DOT string (escape.DOT).
func q(s string) string { return escape.DOT(s) }

// esc escapes text for an HTML-like label (escape.DOTHTML).
func esc(s string) string { return escape.DOTHTML(s) }

func (w *dot) line(format string, args ...any) {
	for i := 0; i < w.indent; i++ {
		w.b.WriteByte('\t')
	}
	fmt.Fprintf(&w.b, format, args...)
	w.b.WriteByte('\n')
}

func attrList(as []attr) string {
	if len(as) == 0 {
		return ""
	}
	parts := make([]string, 0, len(as))
	for _, x := range as {
		if x.html {
			parts = append(parts, x.k+"=<"+x.v+">")
		} else {
			parts = append(parts, x.k+"="+q(x.v))
		}
	}
	return " [" + strings.Join(parts, ", ") + "]"
}

func (w *dot) open(kind, name string, as ...attr) {
	w.line("%s %s {", kind, q(name))
	w.indent++
	for _, x := range as {
		if x.html {
			w.line("%s=<%s>;", x.k, x.v)
		} else {
			w.line("%s=%s;", x.k, q(x.v))
		}
	}
}

func (w *dot) close() {
	w.indent--
	w.line("}")
}

// defaults writes a `graph|node|edge [...]` statement.
func (w *dot) defaults(kind string, as ...attr) { w.line("%s%s;", kind, attrList(as)) }

func (w *dot) node(id string, as ...attr) { w.line("%s%s;", q(id), attrList(as)) }

func (w *dot) edge(op, from, to string, as ...attr) {
	w.line("%s %s %s%s;", q(from), op, q(to), attrList(as))
}

func (w *dot) comment(s string) { w.line("// %s", escape.Line(s)) }

func (w *dot) bytes() []byte { return []byte(w.b.String()) }

// fonts and sizes shared by every diagram. Helvetica: Graphviz sizes
// labels with its built-in Helvetica metrics (the embedded Graphviz has no
// font files), and fontconfig maps Helvetica to the metric-compatible
// Liberation Sans when the SVG is rasterised, so text fits its box.
//
// Bold goes through HTML-like labels (<B>): Graphviz does not know the
// metrics of a font named "Helvetica-Bold" and would size it as Times.
const (
	fontName     = "Helvetica"
	fontSize     = 11.0
	edgeFontSize = 9.0
	titleSize    = 18.0
	clusterSize  = 12.0
)

// header opens a graph with the common attributes: title, fonts, margins.
func header(w *dot, kind, name, title string, extra ...attr) {
	w.open(kind, name)
	as := []attr{
		ah("label", "<B>"+esc(title)+"</B>"), a("labelloc", "t"), a("labeljust", "l"),
		a("fontname", fontName), af("fontsize", titleSize),
		a("charset", "UTF-8"), a("bgcolor", "white"), af("pad", 0.2),
	}
	w.defaults("graph", append(as, extra...)...)
	w.defaults("node", a("fontname", fontName), af("fontsize", fontSize), af("penwidth", 1.2), af("margin", 0.06))
	w.defaults("edge", a("fontname", fontName), af("fontsize", edgeFontSize), af("arrowsize", 0.6))
}

// cluster opens a boxed subgraph with a bold label.
func (w *dot) cluster(id, label, style, colour string) {
	w.open("subgraph", id, ah("label", "<B>"+esc(label)+"</B>"), a("fontname", fontName), af("fontsize", clusterSize),
		a("style", style), a("color", colour), a("labeljust", "l"), af("margin", 6))
}

// sortedStrings returns the keys of a set, sorted.
func sortedStrings(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
