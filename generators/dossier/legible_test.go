package dossier_test

import (
	"math"
	"regexp"
	"strconv"
	"testing"

	"github.com/avnet/avnet/generators/dossier"
)

var (
	viewBoxRE  = regexp.MustCompile(`viewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+) ([0-9.]+)"`)
	fontSizeRE = regexp.MustCompile(`font-size="([0-9.]+)"`)
	scaleRE    = regexp.MustCompile(`class="graph" transform="scale\(([0-9.]+)`)
)

// Print boxes of the stylesheet (mm): text width × the figure's max-height.
var boxes = map[string][2]float64{"portrait": {180, 215}, "landscape": {267, 128}, "a3": {390, 235}}

// illegible are the flagship's figures known to print below 6 pt even on
// A3 landscape: they need splitting (an overview plus one per room or
// plane). The test fails when one of them becomes legible, so that the
// list only shrinks.
var illegible = map[string]bool{"fig-synoptic": true, "fig-physical": true, "fig-loadmap": true}

// Every figure's smallest text, measured from its SVG (font sizes × the
// scale that fits the viewBox in the page box its section prints on), is
// at least 6 pt.
func TestFiguresLegible(t *testing.T) {
	for _, lang := range dossier.Languages {
		doc := build(t, "chaine-tv-ip", env(lang))
		// Render lays the sections out on their pages.
		if _, err := dossier.Render(doc); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, c := range doc.Chapters {
			for _, s := range c.Sections {
				for _, b := range s.Blocks {
					f := b.Figure
					if f == nil || f.SVG == "" {
						continue
					}
					n++
					svg := string(f.SVG)
					vb := viewBoxRE.FindStringSubmatch(svg)
					if vb == nil {
						t.Errorf("%s %s: no viewBox", lang, b.ID)
						continue
					}
					w, _ := strconv.ParseFloat(vb[1], 64)
					h, _ := strconv.ParseFloat(vb[2], 64)
					scale := 1.0
					if m := scaleRE.FindStringSubmatch(svg); m != nil {
						scale, _ = strconv.ParseFloat(m[1], 64)
					}
					font := math.Inf(1)
					for _, m := range fontSizeRE.FindAllStringSubmatch(svg, -1) {
						v, _ := strconv.ParseFloat(m[1], 64)
						font = math.Min(font, v*scale)
					}
					page := "portrait"
					switch {
					case s.A3:
						page = "a3"
					case s.Landscape:
						page = "landscape"
					}
					if f.A3 != s.A3 || f.Landscape != s.Landscape {
						t.Errorf("%s %s: the figure asks for landscape %v a3 %v, its section prints landscape %v a3 %v", lang, b.ID, f.Landscape, f.A3, s.Landscape, s.A3)
					}
					got := dossier.PrintedPt(font, w, h, boxes[page])
					t.Logf("%s %s: %.0f × %.0f pt, smallest text %.1f pt → %.1f pt printed on %s", lang, b.ID, w, h, font, got, page)
					if math.Abs(got-f.MinTextPt) > 0.05 {
						t.Errorf("%s %s: the dossier computes %.2f pt, the measure %.2f pt", lang, b.ID, f.MinTextPt, got)
					}
					switch {
					case got < dossier.MinLegiblePt && !illegible[b.ID]:
						t.Errorf("%s %s prints its smallest text at %.1f pt, below %.0f pt", lang, b.ID, got, dossier.MinLegiblePt)
					case got >= dossier.MinLegiblePt && illegible[b.ID]:
						t.Errorf("%s %s is now legible (%.1f pt): remove it from the illegible list", lang, b.ID, got)
					}
				}
			}
		}
		if n < 5 {
			t.Errorf("%s: %d figures measured, want the 5 diagrams", lang, n)
		}
	}
}
