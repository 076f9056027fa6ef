package dossier

import (
	"fmt"
	"html/template"
	"regexp"
	"strconv"
	"strings"

	"github.com/avnet/avnet/generators/diagram"
)

// DiagramNames are the diagrams the dossier includes, as the diagram
// generator names them (diagrams/<name>.svg).
var DiagramNames = diagram.Names

// RenderDiagrams draws a design's diagrams as SVG, by name, for builds in
// which the diagram generator did not run (avnet dossier, --only dossier).
// When it is nil, or returns no drawing for a name, the dossier shows a
// placeholder where the diagram goes.
var RenderDiagrams = diagram.SVGs

type diagramSVG struct {
	svg       template.HTML
	landscape bool
	// w, h are the viewBox's size (points, as Graphviz writes them);
	// minFont is the smallest font-size of its text.
	w, h, minFont float64
}

// Figure boxes of the print stylesheet, in mm: the width of the page's
// text and the max-height the stylesheet gives the figure's svg.
var (
	boxPortrait  = [2]float64{180, 215}
	boxLandscape = [2]float64{267, 128}
	boxA3        = [2]float64{390, 235}
)

// MinLegiblePt is the smallest text a printed figure may have.
const MinLegiblePt = 6.0

// PrintedPt is the size at which text of size font in an SVG whose
// viewBox is w × h prints when the figure is fitted to a box (mm).
func PrintedPt(font, w, h float64, box [2]float64) float64 {
	const ptPerMM = 72 / 25.4
	if w <= 0 || h <= 0 {
		return font
	}
	return font * min(box[0]*ptPerMM/w, box[1]*ptPerMM/h)
}

// figurePage puts a diagram on the first page whose box prints its text
// at MinLegiblePt or more: portrait A4 for a tall diagram, landscape A4,
// else A3 landscape; it returns the text's printed size there.
func figurePage(d *diagramSVG) (landscape, a3 bool, pt float64) {
	if d.minFont == 0 { // no text to read
		return d.landscape, false, 0
	}
	if !d.landscape {
		if pt = PrintedPt(d.minFont, d.w, d.h, boxPortrait); pt >= MinLegiblePt {
			return false, false, pt
		}
	}
	if pt = PrintedPt(d.minFont, d.w, d.h, boxLandscape); pt >= MinLegiblePt {
		return true, false, pt
	}
	return true, true, PrintedPt(d.minFont, d.w, d.h, boxA3)
}

var (
	svgFontRE  = regexp.MustCompile(`font-size="([0-9.]+)"`)
	svgScaleRE = regexp.MustCompile(`class="graph" transform="scale\(([0-9.]+)`)
)

// loadDiagrams takes the SVG diagrams this build wrote, or draws them.
func (b *builder) loadDiagrams() error {
	b.diagrams = map[string]*diagramSVG{}
	raw := map[string][]byte{}
	missing := false
	for _, n := range DiagramNames {
		if svg, ok := b.env.Outputs["diagrams/"+n+".svg"]; ok {
			raw[n] = svg
		} else {
			missing = true
		}
	}
	if missing && RenderDiagrams != nil {
		drawn, err := RenderDiagrams(b.ctx, b.f, b.facts, b.lang)
		if err != nil {
			return fmt.Errorf("dossier: draw the diagrams: %w", err)
		}
		for n, svg := range drawn {
			if _, ok := raw[n]; !ok {
				raw[n] = svg
			}
		}
	}
	for n, svg := range raw {
		d, err := inlineSVG(n, svg)
		if err != nil {
			return fmt.Errorf("dossier: diagrams/%s.svg: %w", n, err)
		}
		b.diagrams[n] = d
	}
	if len(b.diagrams) < len(DiagramNames) {
		b.diagramNote = b.tr("le générateur de schémas (diagrams) n'a pas produit ce schéma pour cette génération", "the diagram generator (diagrams) did not produce this diagram for this build")
	}
	return nil
}

var (
	svgStartRE   = regexp.MustCompile(`(?s)<svg[\s>]`)
	svgCommentRE = regexp.MustCompile(`(?s)<!--.*?-->`)
	svgScriptRE  = regexp.MustCompile(`(?is)<script.*?</script\s*>|<foreignObject.*?</foreignObject\s*>`)
	svgEventRE   = regexp.MustCompile(`(?i)\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*')`)
	svgExtHrefRE = regexp.MustCompile(`(?i)\s(?:xlink:)?href\s*=\s*"(?:https?:|//|data:|file:)[^"]*"`)
	svgIDRE      = regexp.MustCompile(`\bid="([^"]*)"`)
	svgRefRE     = regexp.MustCompile(`(href="#|url\(#)([^")]*)`)
	svgRootRE    = regexp.MustCompile(`(?s)^<svg\b[^>]*>`)
	svgAttrRE    = regexp.MustCompile(`\s(width|height|viewBox)="([^"]*)"`)
)

// inlineSVG prepares a diagram for inlining in the HTML: it drops the XML
// prolog, doctype and comments, anything active (scripts, event handlers,
// external links), prefixes the ids so that several diagrams cannot
// collide, and lets CSS size the picture from its viewBox.
func inlineSVG(name string, svg []byte) (*diagramSVG, error) {
	s := string(svg)
	loc := svgStartRE.FindStringIndex(s)
	if loc == nil {
		return nil, fmt.Errorf("no <svg> element")
	}
	s = s[loc[0]:]
	s = svgCommentRE.ReplaceAllString(s, "")
	s = svgScriptRE.ReplaceAllString(s, "")
	s = svgEventRE.ReplaceAllString(s, "")
	s = svgExtHrefRE.ReplaceAllString(s, "")
	prefix := "svg-" + slug(name) + "-"
	s = svgIDRE.ReplaceAllString(s, `id="`+prefix+`$1"`)
	s = svgRefRE.ReplaceAllStringFunc(s, func(m string) string {
		sub := svgRefRE.FindStringSubmatch(m)
		if sub[2] == "" {
			return m
		}
		return sub[1] + prefix + sub[2]
	})
	s = strings.TrimSpace(s)
	d := &diagramSVG{}
	root := svgRootRE.FindString(s)
	if root == "" {
		return nil, fmt.Errorf("malformed <svg> element")
	}
	attrs := map[string]string{}
	for _, m := range svgAttrRE.FindAllStringSubmatch(root, -1) {
		attrs[m[1]] = m[2]
	}
	w, h := dimension(attrs["width"]), dimension(attrs["height"])
	newRoot := svgAttrRE.ReplaceAllStringFunc(root, func(a string) string {
		if strings.Contains(a, "viewBox") {
			return a
		}
		return ""
	})
	if attrs["viewBox"] == "" && w > 0 && h > 0 {
		newRoot = strings.Replace(newRoot, "<svg", fmt.Sprintf(`<svg viewBox="0 0 %s %s"`, strconv.FormatFloat(w, 'f', -1, 64), strconv.FormatFloat(h, 'f', -1, 64)), 1)
	}
	if vb := strings.Fields(attrs["viewBox"]); len(vb) == 4 {
		w, _ = strconv.ParseFloat(vb[2], 64)
		h, _ = strconv.ParseFloat(vb[3], 64)
	}
	s = newRoot + s[len(root):]
	d.landscape = h > 0 && w/h > 1.25
	d.w, d.h = w, h
	// Graphviz scales the whole drawing in its graph group when it was
	// asked to fit a size.
	scale := 1.0
	if m := svgScaleRE.FindStringSubmatch(s); m != nil {
		if v, err := strconv.ParseFloat(m[1], 64); err == nil && v > 0 {
			scale = v
		}
	}
	for _, m := range svgFontRE.FindAllStringSubmatch(s, -1) {
		if v, err := strconv.ParseFloat(m[1], 64); err == nil && v > 0 && (d.minFont == 0 || v*scale < d.minFont) {
			d.minFont = v * scale
		}
	}
	d.svg = template.HTML(s)
	return d, nil
}

// dimension reads an SVG length ("1234pt", "640px", "800") as a number.
func dimension(s string) float64 {
	s = strings.TrimRight(strings.TrimSpace(s), "abcdefghijklmnopqrstuvwxyz%")
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

// figure is the block of a diagram, or a placeholder that says why it is missing.
func (b *builder) figure(name, caption string) Block {
	b.figureN++
	if b.figureNums == nil {
		b.figureNums = map[string]int{}
	}
	if _, ok := b.figureNums[name]; !ok {
		b.figureNums[name] = b.figureN
	}
	fig := &Figure{Caption: fmt.Sprintf("%s %d — %s", b.t("figure"), b.figureN, caption)}
	if d := b.diagrams[name]; d != nil {
		fig.SVG = d.svg
		fig.Landscape, fig.A3, fig.MinTextPt = figurePage(d)
	} else {
		fig.Missing = b.t("diagram.tbd", name, b.diagramNote)
	}
	return Block{Kind: KFigure, ID: "fig-" + name, Figure: fig}
}
