package diagram_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	graphviz "github.com/avnet/avnet/internal/thirdparty/gographviz"

	"github.com/avnet/avnet/generators/diagram"
	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/vet"
)

const flagship = "chaine-tv-ip"

// design loads designs/<name> the way `avnet build` does; while a design
// does not vet (it is being written) the tests skip it.
func design(t testing.TB, name string) (*model.Facility, *analysis.Facts) {
	t.Helper()
	dir := filepath.Join("..", "..", "designs", name)
	out, err := vet.Design(dir)
	if err != nil {
		t.Fatal(err)
	}
	if out.Facility == nil || out.HasErrors() {
		var b strings.Builder
		diag.PrintText(&b, out.Diagnostics, diag.TextOptions{})
		t.Skipf("%s does not vet yet, so build would refuse it:\n%s", dir, b.String())
	}
	return out.Facility, out.Facts
}

type rendered struct {
	f   *model.Facility
	ds  map[string]diagram.Diagram
	err error
}

var cache sync.Map // "design/lang" -> *rendered

// render draws a design once per test binary and language.
func render(t *testing.T, name, lang string) (*model.Facility, map[string]diagram.Diagram) {
	t.Helper()
	key := name + "/" + lang
	if v, ok := cache.Load(key); ok {
		r := v.(*rendered)
		if r.err != nil {
			t.Fatal(r.err)
		}
		return r.f, r.ds
	}
	f, facts := design(t, name)
	ds, err := diagram.Render(context.Background(), f, facts, lang)
	if err != nil && !errors.Is(err, diagram.ErrNoRasteriser) {
		t.Fatalf("render %s: %v", name, err)
	}
	r := &rendered{f: f, ds: map[string]diagram.Diagram{}}
	for _, d := range ds {
		r.ds[d.Name] = d
	}
	cache.Store(key, r)
	return f, r.ds
}

func needPNG(t *testing.T) {
	t.Helper()
	if _, err := diagram.Rasteriser(); err != nil {
		t.Skip(err)
	}
}

// Render returns the five diagrams, in order, each with DOT, SVG and
// (with rsvg-convert) PNG, titled in the build language.
func TestRenderAll(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		_, ds := render(t, flagship, lang)
		if len(ds) != len(diagram.Names) {
			t.Fatalf("%s: %d diagrams, want %d", lang, len(ds), len(diagram.Names))
		}
		for _, n := range diagram.Names {
			d, ok := ds[n]
			if !ok {
				t.Fatalf("%s: no %s diagram", lang, n)
			}
			if len(d.DOT) == 0 || len(d.SVG) == 0 || d.Title == "" {
				t.Errorf("%s/%s: empty DOT, SVG or title", lang, n)
			}
			if !bytes.Contains(d.SVG, []byte("<svg")) {
				t.Errorf("%s/%s: the SVG has no <svg> element", lang, n)
			}
		}
	}
	_, en := render(t, flagship, "en")
	_, fr := render(t, flagship, "fr")
	if en["physical"].Title != "Physical topology" || fr["physical"].Title != "Topologie physique" {
		t.Errorf("titles: en %q, fr %q", en["physical"].Title, fr["physical"].Title)
	}
	if !bytes.Contains(en["ptp"].SVG, []byte("boundary clock")) || !bytes.Contains(fr["ptp"].SVG, []byte("horloge frontière")) {
		t.Errorf("the PTP diagram is not in the build language")
	}
}

// The DOT parses with the embedded Graphviz, and with the Graphviz
// installed (Debian's graphviz package) when there is one.
func TestDOTParses(t *testing.T) {
	dot, _ := exec.LookPath("dot")
	for _, name := range []string{flagship, "lab-minimal"} {
		_, ds := render(t, name, "fr")
		for _, n := range diagram.Names {
			src := ds[n].DOT
			g, err := graphviz.ParseBytes(src)
			if err != nil {
				t.Errorf("%s/%s.dot: go-graphviz: %v", name, n, err)
				continue
			}
			g.Close()
			if dot == "" {
				continue
			}
			cmd := exec.Command(dot, "-Tcanon")
			cmd.Stdin = bytes.NewReader(src)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Run(); err != nil || stderr.Len() > 0 {
				t.Errorf("%s/%s.dot: dot -Tcanon: %v\n%s", name, n, err, stderr.String())
			}
		}
	}
	if dot == "" {
		t.Log("dot not installed (Debian package graphviz): checked with the embedded Graphviz only")
	}
}

var textRE = regexp.MustCompile(`<text[^>]*>([^<]*)</text>`)

// svgTexts returns the text elements of an SVG, unescaped.
func svgTexts(svg []byte) []string {
	var out []string
	for _, m := range textRE.FindAllSubmatch(svg, -1) {
		out = append(out, html.UnescapeString(string(m[1])))
	}
	return out
}

// Every device and every cable of the flagship is in the physical
// diagram: its name or label is a text of the drawing.
func TestPhysicalComplete(t *testing.T) {
	f, ds := render(t, flagship, "fr")
	d := ds["physical"]
	texts := map[string]bool{}
	for _, s := range svgTexts(d.SVG) {
		texts[s] = true
	}
	for _, name := range model.SortedKeys(f.Devices) {
		shown := name
		if q := f.Devices[name].Quantity; q > 1 {
			shown = fmt.Sprintf("%s ×%d", name, q)
		}
		if !texts[shown] {
			t.Errorf("device %s is not in physical.svg", name)
		}
		if !bytes.Contains(d.DOT, []byte("<B>"+shown+"</B>")) {
			t.Errorf("device %s is not in physical.dot", name)
		}
	}
	for _, label := range model.SortedKeys(f.Links) {
		if !texts[label] {
			t.Errorf("cable %s is not in physical.svg", label)
		}
		if !bytes.Contains(d.DOT, []byte(`tooltip="`+label+`: `)) || !bytes.Contains(d.DOT, []byte("<B>"+label+"</B>")) {
			t.Errorf("cable %s is not in physical.dot", label)
		}
	}
	if len(f.Devices) < 60 || len(f.Links) < 120 {
		t.Errorf("the flagship has %d devices and %d links; the test expects the full design", len(f.Devices), len(f.Links))
	}
}

// Each cable is drawn in its plane's colour: red plane red, blue plane blue.
func TestPlaneColours(t *testing.T) {
	f, ds := render(t, flagship, "fr")
	lines := strings.Split(string(ds["physical"].DOT), "\n")
	want := map[string]string{"red": "#c62828", "blue": "#1565c0"}
	n := map[string]int{}
	for _, label := range model.SortedKeys(f.Links) {
		l := f.Links[label]
		plane := ""
		switch {
		case strings.HasPrefix(label, "R-"):
			plane = "red"
		case strings.HasPrefix(label, "B-"):
			plane = "blue"
		default:
			continue
		}
		_ = l
		found := false
		for _, line := range lines {
			if strings.Contains(line, `tooltip="`+label+`: `) {
				found = true
				if !strings.Contains(line, `color="`+want[plane]+`"`) {
					t.Errorf("cable %s (plane %s) is not drawn in %s: %s", label, plane, want[plane], line)
				}
				n[plane]++
			}
		}
		if !found {
			t.Errorf("no edge for cable %s", label)
		}
	}
	if n["red"] < 20 || n["blue"] < 20 {
		t.Errorf("found %d red and %d blue cables, want the flagship's two planes", n["red"], n["blue"])
	}
	svg := string(ds["physical"].SVG)
	for plane, c := range want {
		if !strings.Contains(svg, `stroke="`+c+`"`) {
			t.Errorf("physical.svg draws nothing in the %s plane's colour %s", plane, c)
		}
	}
}

// Two renders of two loads of the same design are byte-identical.
func TestDeterministic(t *testing.T) {
	for _, name := range []string{flagship, "lab-minimal"} {
		_, first := render(t, name, "fr")
		f, facts := design(t, name)
		again, err := diagram.Render(context.Background(), f, facts, "fr")
		if err != nil && !errors.Is(err, diagram.ErrNoRasteriser) {
			t.Fatal(err)
		}
		for _, d := range again {
			a := first[d.Name]
			for _, x := range []struct {
				ext      string
				one, two []byte
			}{{"dot", a.DOT, d.DOT}, {"svg", a.SVG, d.SVG}, {"png", a.PNG, d.PNG}} {
				if !bytes.Equal(x.one, x.two) {
					t.Errorf("%s/%s.%s differs between two renders", name, d.Name, x.ext)
				}
			}
		}
	}
}

// The SVG names no file of the machine it was made on.
func TestNoPaths(t *testing.T) {
	_, ds := render(t, flagship, "fr")
	wd, _ := os.Getwd()
	for _, d := range ds {
		for _, s := range []string{wd, os.TempDir() + "/", "file:"} {
			if bytes.Contains(d.SVG, []byte(s)) || bytes.Contains(d.DOT, []byte(s)) {
				t.Errorf("%s names %q", d.Name, s)
			}
		}
	}
}

// The PNG is a real picture of the drawing: large enough to print, and
// the physical one shows both planes' colours.
func TestPNG(t *testing.T) {
	needPNG(t)
	_, ds := render(t, flagship, "fr")
	for _, d := range ds {
		img, err := png.Decode(bytes.NewReader(d.PNG))
		if err != nil {
			t.Errorf("%s.png: %v", d.Name, err)
			continue
		}
		b := img.Bounds()
		if b.Dx() < 1500 || b.Dy() < 500 {
			t.Errorf("%s.png is %d×%d pixels, too small to read", d.Name, b.Dx(), b.Dy())
		}
		if d.Name != "physical" {
			continue
		}
		red, blue := countColours(img)
		if red < 2000 || blue < 2000 {
			t.Errorf("physical.png has %d red and %d blue pixels; want both planes drawn", red, blue)
		}
	}
}

func countColours(img image.Image) (red, blue int) {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			switch {
			case r > 150 && g < 90 && bl < 90:
				red++
			case bl > 150 && r < 90 && g < 140:
				blue++
			}
		}
	}
	return red, blue
}

var (
	svgTextRE  = regexp.MustCompile(`<text text-anchor="(start|middle|end)" x="([-0-9.]+)" y="([-0-9.]+)"[^>]*font-size="([0-9.]+)"[^>]*>([^<]*)</text>`)
	svgGroupRE = regexp.MustCompile(`<g id="(node|clust|graph)[0-9]*" class="(node|cluster|graph)">`)
)

type box struct {
	x0, y0, x1, y1 float64
	text           string
}

// No two labels overlap: the boxes of the SVG's texts, estimated from
// their anchor, size and length (a little inside the glyphs, so that text
// in adjacent table cells does not count), are disjoint.
func TestNoOverlappingLabels(t *testing.T) {
	for _, name := range []string{flagship, "lab-minimal"} {
		_, ds := render(t, name, "fr")
		for _, d := range ds {
			var boxes []box
			for _, m := range svgTextRE.FindAllStringSubmatch(string(d.SVG), -1) {
				var x, y, size float64
				fmt.Sscan(m[2], &x)
				fmt.Sscan(m[3], &y)
				fmt.Sscan(m[4], &size)
				text := html.UnescapeString(m[5])
				if strings.TrimSpace(strings.ReplaceAll(text, "\u00a0", " ")) == "" {
					continue
				}
				w := textWidth(text, size) * 0.85
				var x0 float64
				switch m[1] {
				case "start":
					x0 = x
				case "middle":
					x0 = x - w/2
				default:
					x0 = x - w
				}
				boxes = append(boxes, box{x0, y - 0.6*size, x0 + w, y, text})
			}
			n := 0
			for i := range boxes {
				for j := i + 1; j < len(boxes); j++ {
					a, b := boxes[i], boxes[j]
					if a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1 {
						if n++; n <= 5 {
							t.Errorf("%s/%s: labels overlap: %q and %q", name, d.Name, a.text, b.text)
						}
					}
				}
			}
		}
	}
}

// textWidth estimates the width of Helvetica text: narrow, wide and
// average glyphs.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case strings.ContainsRune(" .,:;-·'!|ilIjtf()[]/", r):
			w += 0.28
		case r >= 'A' && r <= 'Z', strings.ContainsRune("mwMW%", r):
			w += 0.7
		default:
			w += 0.55
		}
	}
	return w * size
}

// Printed on A4 landscape, the flagship's smallest text stays legible.
func TestA4Legibility(t *testing.T) {
	_, ds := render(t, flagship, "fr")
	sizeRE := regexp.MustCompile(`<svg width="([0-9.]+)pt" height="([0-9.]+)pt"`)
	fontRE := regexp.MustCompile(`font-size="([0-9.]+)"`)
	for _, n := range diagram.Names {
		d := ds[n]
		m := sizeRE.FindSubmatch(d.SVG)
		if m == nil {
			t.Fatalf("%s.svg: no size", n)
		}
		var w, h float64
		fmt.Sscan(string(m[1]), &w)
		fmt.Sscan(string(m[2]), &h)
		smallest := 100.0
		for _, f := range fontRE.FindAllSubmatch(d.SVG, -1) {
			var s float64
			fmt.Sscan(string(f[1]), &s)
			smallest = min(smallest, s)
		}
		scale := min(1, 800/w, 560/h)
		t.Logf("%-8s %6.0f × %4.0f pt, A4 landscape scale %.2f, smallest text %.1f pt printed", n, w, h, scale, smallest*scale)
		if smallest*scale < 3.5 {
			t.Errorf("%s: smallest text %.1f pt once printed on A4 landscape", n, smallest*scale)
		}
	}
}

// The generator writes diagrams/<name>.dot, .svg and .png.
func TestGenerator(t *testing.T) {
	f, facts := design(t, "lab-minimal")
	sink := gen.NewMemSink()
	ctx := gen.WithEnv(context.Background(), &gen.Env{Lang: "en"})
	if err := diagram.Generator.Generate(ctx, f, facts, sink.For(diagram.Generator.Name)); err != nil {
		t.Fatal(err)
	}
	_, rerr := diagram.Rasteriser()
	for _, n := range diagram.Names {
		for _, ext := range []string{"dot", "svg", "png"} {
			p := "diagrams/" + n + "." + ext
			_, ok := sink.Files[p]
			if want := ext != "png" || rerr == nil; ok != want {
				t.Errorf("%s written: %v, want %v", p, ok, want)
			}
		}
	}
	if !bytes.Contains(sink.Files["diagrams/physical.svg"], []byte("Physical topology")) {
		t.Errorf("Lang en: the physical diagram is not titled in English")
	}
}

// lab-minimal's DOT matches testdata/golden; AVNET_UPDATE=1 rewrites it.
func TestGolden(t *testing.T) {
	_, ds := render(t, "lab-minimal", "fr")
	dir := filepath.Join("testdata", "golden", "lab-minimal")
	for _, n := range diagram.Names {
		p := filepath.Join(dir, n+".dot")
		got := ds[n].DOT
		if os.Getenv("AVNET_UPDATE") != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("%v; run AVNET_UPDATE=1 go test ./generators/diagram/ and review the files", err)
			continue
		}
		if !bytes.Equal(want, got) {
			t.Errorf("%s differs from %s (run AVNET_UPDATE=1 go test ./generators/diagram/ and review the diff):\n%s", n, p, firstDiff(string(want), string(got)))
		}
	}
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("  line %d:\n    want %.200q\n    got  %.200q", i+1, wl, gl)
		}
	}
	return ""
}

// BenchmarkRenderFlagship draws every diagram of the flagship: DOT, SVG
// and (with rsvg-convert) PNG.
func BenchmarkRenderFlagship(b *testing.B) {
	f, facts := design(b, flagship)
	ctx := context.Background()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		if _, err := diagram.Render(ctx, f, facts, "fr"); err != nil && !errors.Is(err, diagram.ErrNoRasteriser) {
			b.Fatal(err)
		}
	}
	b.ReportMetric(time.Since(start).Seconds()/float64(b.N), "s/render")
}

// BenchmarkSVGFlagship draws the flagship's diagrams as SVG only (what
// the dossier needs when the generator did not run).
func BenchmarkSVGFlagship(b *testing.B) {
	f, facts := design(b, flagship)
	for i := 0; i < b.N; i++ {
		if _, err := diagram.SVGs(context.Background(), f, facts, "fr"); err != nil {
			b.Fatal(err)
		}
	}
}
