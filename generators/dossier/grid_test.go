package dossier_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/avnet/avnet/generators/dossier"
	"github.com/avnet/avnet/generators/gen"
)

// referentialFile finds the referential: $AVNET_REFERENTIEL, or
// ../shared/referentiel-rncp.txt next to the clone (as CI lays it out).
func referentialFile(t *testing.T) string {
	if p := os.Getenv("AVNET_REFERENTIEL"); p != "" {
		return p
	}
	p, err := filepath.Abs("../../../shared/referentiel-rncp.txt")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

var spaces = regexp.MustCompile(`\s+`)

func normalize(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

// Every quote of the grid is the referential's own text (whitespace aside;
// " […] " joins the pieces of a sentence its two-column layout splits, in
// order).
func TestCriteriaQuoteTheReferential(t *testing.T) {
	data, err := os.ReadFile(referentialFile(t))
	if os.IsNotExist(err) {
		t.Skipf("no referential next to the clone (%v): the quotes are not checked", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	ref := normalize(string(data))
	r, err := dossier.LoadReferential()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, a := range r.Activities {
		all := append([]*dossier.Criterion{{ID: a.ID, Text: a.Text}}, a.Competencies...)
		for _, c := range append(all, a.Criteria...) {
			n++
			pos := 0
			for _, piece := range strings.Split(c.Text, " […] ") {
				i := strings.Index(ref[pos:], normalize(piece))
				if i < 0 {
					t.Errorf("%s: %q is not in the referential (after the previous piece)", c.ID, piece)
					break
				}
				pos += i
			}
		}
	}
	t.Logf("%d quotes checked", n)
}

// The grid lists every activity, competency and criterion of blocs 3 and
// 4, and its statuses follow the design and its lab results.
func TestGrid(t *testing.T) {
	r, err := dossier.LoadReferential()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, a := range r.Activities {
		want[a.ID] = true
		for _, c := range append(a.Competencies, a.Criteria...) {
			want[c.ID] = true
		}
	}
	for _, id := range []string{"C3.1", "C3.15", "C4.1", "C4.5", "A3.6", "A4.4"} {
		if !want[id] {
			t.Errorf("the referential's quotes lack %s", id)
		}
	}
	grid := func(d *dossier.Document) map[string]string {
		c := d.Chapters[len(d.Chapters)-1]
		out := map[string]string{}
		for _, s := range c.Sections {
			for _, b := range s.Blocks {
				if b.Table == nil {
					continue
				}
				for _, row := range b.Table.Rows {
					out[strings.TrimPrefix(row.ID, "grid-")] = row.Cells[2].Text.Plain() + " | " + row.Cells[3].Text.Plain()
				}
			}
		}
		return out
	}
	fr := grid(build(t, "chaine-tv-ip", env("fr")))
	for id := range want {
		if _, ok := fr[id]; !ok {
			t.Errorf("the grid has no row for %s", id)
		}
	}
	for id, w := range map[string]string{
		"C3.4":   "partiellement couvert — maquette : pas encore de résultats de maquette ; lancez `avnet lab test`",
		"C4.5":   "| couvert",
		"C3.5":   "non applicable — évalué en mise en situation",
		"C4.3b":  "Figure 1",
		"C3.13":  "| couvert",
		"A3.6-4": "chap. 13 | couvert",
	} {
		if !strings.Contains(fr[id], w) {
			t.Errorf("fr %s: %q, want it to contain %q", id, fr[id], w)
		}
	}

	// With lab results that pass, the lab's criteria are covered.
	dir := t.TempDir()
	p := filepath.Join(dir, "results.json")
	if err := os.WriteFile(p, []byte(`{"schema": "avnet.dev/lab-results/v1", "lab": "lab-minimal", "design": "designs/lab-minimal", "count": 30, "rate": 100, "passed": true, "flows": [], "ptp": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	e := env("en")
	e.LabResults = p
	en := grid(build(t, "lab-minimal", e))
	if got := en["A3.6-3"]; !strings.HasSuffix(got, "| covered") {
		t.Errorf("en A3.6-3 with a passing lab: %q, want covered", got)
	}
	if got := en["C4.5"]; !strings.Contains(got, "partly covered — missing: no workstation has an adaptation") {
		t.Errorf("en C4.5 on lab-minimal: %q", got)
	}
}

// The grid's chapter data, as JSON, against its golden file: a change of
// status or evidence shows in the diff (AVNET_UPDATE=1 rewrites it).
func TestGridGolden(t *testing.T) {
	for _, lang := range dossier.Languages {
		doc := build(t, "chaine-tv-ip", env(lang))
		golden(t, filepath.Join("testdata", "grid-chaine-tv-ip-"+lang+".json"), withoutSVG(doc.Chapters[len(doc.Chapters)-1]))
	}
}

func golden(t *testing.T, path string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if os.Getenv("AVNET_UPDATE") != "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (AVNET_UPDATE=1 writes it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the chapter data:\n%s", path, firstDiff(string(want), string(got)))
	}
}

var _ = context.Background
var _ = gen.EnvFrom

// Every chapter's data of the small design, as JSON, against golden files
// (one per chapter and language; the annexes' generated files are left to
// their own generators' goldens).
func TestChaptersGolden(t *testing.T) {
	for _, lang := range dossier.Languages {
		doc := build(t, "lab-minimal", env(lang))
		for _, c := range doc.Chapters {
			if c.ID == doc.Chapters[len(doc.Chapters)-2].ID {
				continue // annexes
			}
			golden(t, filepath.Join("testdata", "lab-minimal", lang, fmt.Sprintf("ch%02d.json", c.Num)), withoutSVG(c))
		}
	}
}

// withoutSVG blanks the chapter's drawings: the diagram generator's own
// goldens pin them.
func withoutSVG(c *dossier.Chapter) *dossier.Chapter {
	out := *c
	out.Sections = nil
	for _, s := range c.Sections {
		s2 := *s
		s2.Blocks = nil
		for _, b := range s.Blocks {
			if b.Figure != nil {
				f := *b.Figure
				f.SVG = ""
				b.Figure = &f
			}
			s2.Blocks = append(s2.Blocks, b)
		}
		out.Sections = append(out.Sections, &s2)
	}
	return &out
}
