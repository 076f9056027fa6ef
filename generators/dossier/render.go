package dossier

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/avnet/avnet/templates"
)

var (
	tmplOnce sync.Once
	tmpl     *template.Template
	tmplErr  error
)

// parsed returns the dossier templates (templates/dossier/*.tmpl).
func parsed() (*template.Template, error) {
	tmplOnce.Do(func() {
		tmpl, tmplErr = template.New("dossier").Funcs(template.FuncMap{
			"add": func(a, b int) int { return a + b },
		}).ParseFS(templates.FS, "dossier/*.tmpl")
	})
	return tmpl, tmplErr
}

// Render writes the document as one self-contained HTML file.
func Render(doc *Document) ([]byte, error) {
	t, err := parsed()
	if err != nil {
		return nil, fmt.Errorf("dossier: parse templates: %w", err)
	}
	for _, c := range doc.Chapters {
		for _, bl := range c.Intro {
			layoutTable(bl.Table)
		}
		for _, s := range c.Sections {
			s.Landscape, s.A3 = false, false
			for _, bl := range s.Blocks {
				layoutTable(bl.Table)
				if bl.Figure != nil && bl.Figure.Landscape {
					s.Landscape = true
				}
				if bl.Figure != nil && bl.Figure.A3 {
					s.A3 = true
				}
			}
		}
		c.LandscapeStart = len(c.Intro) == 0 && len(c.Sections) > 0 && c.Sections[0].Landscape
		c.A3Start = c.LandscapeStart && c.Sections[0].A3
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "document", doc); err != nil {
		return nil, fmt.Errorf("dossier: render HTML: %w", err)
	}
	return buf.Bytes(), nil
}

// labels are the fixed texts of the templates.
func (b *builder) labels() map[string]string {
	return map[string]string{
		"toc":       b.t("toc"),
		"for":       b.t("cover.for"),
		"site":      b.t("cover.site"),
		"design":    b.t("cover.dsgn"),
		"session":   b.t("cover.session"),
		"version":   b.t("cover.version"),
		"generated": b.t("cover.gen", b.env.Version),
		"page":      b.t("page"),
		"footer":    b.t("doc.title") + " · " + b.design,
		"subtitle":  b.tr("Réseau média IP, synchronisation, stockage et sécurité : conception, justification et recette", "IP media network, timing, storage and security: design, justification and acceptance"),
	}
}

// layoutTable gives every column an alignment entry (for the template's
// index) and a width in percent, from the length of its contents: the
// longest cell counts for a third, the average for the rest, so a column
// of long descriptions gets room without starving a column of short codes.
func layoutTable(t *Table) {
	if t == nil {
		return
	}
	n := len(t.Head)
	for _, r := range t.Rows {
		n = max(n, len(r.Cells))
	}
	for len(t.Align) < n {
		t.Align = append(t.Align, "")
	}
	if n == 0 {
		return
	}
	longest := make([]float64, n)
	sum := make([]float64, n)
	count := make([]float64, n)
	for _, r := range t.Rows {
		for i, c := range r.Cells {
			if c.Span > 1 || i >= n {
				continue
			}
			l := richWidth(c.Text)
			longest[i] = max(longest[i], min(l, 80))
			sum[i] += min(l, 80)
			count[i]++
		}
	}
	weights := make([]float64, n)
	total := 0.0
	for i := range weights {
		avg := 0.0
		if count[i] > 0 {
			avg = sum[i] / count[i]
		}
		w := min(longest[i], 45)/3 + min(avg, 45)*2/3
		if longest[i] <= 18 {
			w = longest[i] // short words and codes must not wrap
		}
		head := 0.0
		if i < len(t.Head) {
			head = richWidth(txt(longestWord(t.Head[i]))) * 1.1 // bold
		}
		if t.Align[i] == "num" || t.Align[i] == "center" {
			w = max(longest[i], head) * 1.1 // numbers must not wrap
		}
		// Cell padding is worth about two characters.
		w = max(w, head, 3) + 2.5
		weights[i] = w
		total += w
	}
	t.Widths = make([]string, n)
	for i, w := range weights {
		t.Widths[i] = strconv.FormatFloat(100*w/total, 'f', 1, 64) + "%"
	}
}

func longestWord(s string) string {
	long := ""
	for _, w := range strings.Fields(s) {
		if utf8.RuneCountInString(w) > utf8.RuneCountInString(long) {
			long = w
		}
	}
	return long
}

// richWidth is the width of formatted text in average lowercase
// letters of the body font: capitals and digits are wider, spaces and
// punctuation narrower, and every character of monospaced code is as wide
// as a capital.
func richWidth(r Rich) float64 {
	w := 0.0
	for _, s := range r {
		for _, c := range s.Text {
			switch {
			case s.Code:
				w += 1.2
			case unicode.IsUpper(c) || unicode.IsDigit(c):
				w += 1.2
			case unicode.IsSpace(c) || unicode.IsPunct(c):
				w += 0.6
			default:
				w += 1
			}
		}
	}
	return w
}
