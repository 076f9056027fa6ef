package dossier_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/avnet/avnet/generators/dossier"
	"github.com/avnet/avnet/generators/gen"
)

func needPDFTools(t testing.TB) {
	t.Helper()
	for _, p := range []string{dossier.Renderer, "pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(p); err != nil {
			t.Skipf("%s is not installed (Debian packages weasyprint and poppler-utils)", p)
		}
	}
}

// pdfText extracts the text of a PDF with pdftotext and folds spaces.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "d.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return fold(string(out))
}

func fold(s string) string {
	s = strings.NewReplacer("\u00a0", " ", "\u202f", " ", "\u2009", " ", "\ufb01", "fi", "\ufb02", "fl", "’", "'").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

func pdfPages(t *testing.T, pdf []byte) int {
	t.Helper()
	in := filepath.Join(t.TempDir(), "d.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfinfo", in).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo gives no page count:\n%s", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// keyFigures are figures the flagship's PDF must show exactly as the
// document formats them: a flow's bit rate (from the flow table) and the
// bill of materials total (from the budget summary).
func keyFigures(t *testing.T, doc *dossier.Document) []string {
	t.Helper()
	var rate, total string
	for _, c := range doc.Chapters {
		for _, s := range c.Sections {
			for _, b := range s.Blocks {
				if b.Table == nil {
					continue
				}
				for _, r := range b.Table.Rows {
					if r.ID == "flow-cam-6-uhd" {
						rate = r.Cells[3].Text.Plain()
					}
				}
				for _, r := range b.Table.Foot {
					if l := r.Cells[0].Text.Plain(); l == "Total de la nomenclature" || l == "Bill of materials total" {
						total = r.Cells[1].Text.Plain()
					}
				}
			}
		}
	}
	if rate == "" || total == "" {
		t.Fatalf("no bit rate for cam-6/uhd (%q) or no budget total (%q) in the document", rate, total)
	}
	return []string{fold(rate), fold(total)}
}

// The flagship's PDF, in French and in English: it exists, its text has
// every chapter title and the key figures, and its page count is sane.
func TestPDF(t *testing.T) {
	needPDFTools(t)
	for _, lang := range dossier.Languages {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			f, facts := load(t, "chaine-tv-ip")
			ctx := gen.WithEnv(context.Background(), env(lang))
			doc, err := dossier.Build(ctx, f, facts)
			if err != nil {
				t.Fatal(err)
			}
			html, err := dossier.Render(doc)
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			pdf, err := dossier.RenderPDF(context.Background(), html)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: PDF step %v, %d bytes", lang, time.Since(start).Round(time.Millisecond), len(pdf))
			if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
				t.Fatal("not a PDF")
			}
			text := pdfText(t, pdf)
			for _, title := range chapterTitles[lang] {
				if !strings.Contains(text, fold(title)) {
					t.Errorf("the PDF text lacks the chapter title %q", title)
				}
			}
			for _, fig := range keyFigures(t, doc) {
				if !strings.Contains(text, fig) {
					t.Errorf("the PDF text lacks the key figure %q", fig)
				}
			}
			if n := pdfPages(t, pdf); n < 20 || n > 400 {
				t.Errorf("the PDF has %d pages, want between 20 and 400", n)
			} else {
				t.Logf("%s: %d pages", lang, n)
			}
			if os.Getenv("AVNET_DOSSIER_OUT") != "" {
				os.WriteFile(filepath.Join(os.Getenv("AVNET_DOSSIER_OUT"), "chaine-tv-ip-"+lang+".pdf"), pdf, 0o644)
			}
		})
	}
}

// The same HTML gives the same PDF, byte for byte (WeasyPrint writes no
// date), so the build's manifest is stable.
func TestPDFDeterministic(t *testing.T) {
	needPDFTools(t)
	html := html(t, "lab-minimal", env("en"))
	a, err := dossier.RenderPDF(context.Background(), html)
	if err != nil {
		t.Fatal(err)
	}
	b, err := dossier.RenderPDF(context.Background(), html)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatalf("two renderings of the same HTML differ (%d and %d bytes)", len(a), len(b))
	}
	if bytes.Contains(a, []byte("/CreationDate")) || bytes.Contains(a, []byte("/ModDate")) {
		t.Error("the PDF carries a date")
	}
}

// Generate writes the HTML and the PDF; without the renderer it writes the
// HTML and a README naming the Debian package.
func TestGenerate(t *testing.T) {
	f, facts := load(t, "lab-minimal")
	run := func(e *gen.Env) map[string][]byte {
		sink := gen.NewMemSink()
		if err := dossier.Generator.Generate(gen.WithEnv(context.Background(), e), f, facts, sink.For("dossier")); err != nil {
			t.Fatal(err)
		}
		return sink.Files
	}
	withPDF := &gen.Env{Lang: "fr", Version: "test", Getenv: func(string) (string, bool) { return "", false }}

	t.Run("no renderer", func(t *testing.T) {
		old := dossier.Renderer
		dossier.Renderer = "avnet-no-such-renderer"
		t.Cleanup(func() { dossier.Renderer = old })
		files := run(withPDF)
		if files[dossier.HTMLFile] == nil || files[dossier.PDFFile] != nil {
			t.Fatalf("files %v, want the HTML alone and the README", keys(files))
		}
		note := string(files[dossier.ReadmeFile])
		if strings.Count(note, "\n") != 1 || !strings.Contains(note, "weasyprint") || !strings.Contains(note, "apt-get install") {
			t.Errorf("README.txt = %q, want one line naming the Debian package", note)
		}
	})
	t.Run("pdf off", func(t *testing.T) {
		files := run(env("fr"))
		if len(files) != 1 || files[dossier.HTMLFile] == nil {
			t.Errorf("files %v, want the HTML alone", keys(files))
		}
	})
	t.Run("pdf", func(t *testing.T) {
		needPDFTools(t)
		files := run(withPDF)
		if !bytes.HasPrefix(files[dossier.PDFFile], []byte("%PDF-")) || files[dossier.ReadmeFile] != nil {
			t.Errorf("files %v, want the HTML and the PDF", keys(files))
		}
	})
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// BenchmarkPDF times the PDF step alone on the flagship.
func BenchmarkPDF(b *testing.B) {
	needPDFTools(b)
	html := html(b, "chaine-tv-ip", env("fr"))
	for b.Loop() {
		if _, err := dossier.RenderPDF(context.Background(), html); err != nil {
			b.Fatal(err)
		}
	}
}
