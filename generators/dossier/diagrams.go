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
}

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
		fig.SVG, fig.Landscape = d.svg, d.landscape
	} else {
		fig.Missing = b.t("diagram.tbd", name, b.diagramNote)
	}
	return Block{Kind: KFigure, ID: "fig-" + name, Figure: fig}
}
