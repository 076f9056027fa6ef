package serve_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/avnet/avnet/generators/gentest"
	"github.com/avnet/avnet/internal/cli"
)

// The test binary doubles as avnet: the browser tests start it as
// `avnet serve`, the command a student runs.
func TestMain(m *testing.M) {
	if os.Getenv("AVNET_TEST_AS_AVNET") == "1" {
		os.Args = append([]string{"avnet"}, os.Args[1:]...)
		os.Exit(cli.Main())
	}
	os.Exit(m.Run())
}

// wait bounds each step. It is generous on purpose: the machine may be
// busy, and this test checks behaviour; the latency budget is asserted by
// BenchmarkSaveToUpdate.
const wait = 3 * time.Minute

const flagship = "../../designs/chaine-tv-ip"

// startServe runs `avnet serve DIR --addr 127.0.0.1:0` and returns its URL.
func startServe(t *testing.T, dir string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "serve", dir, "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "AVNET_TEST_AS_AVNET=1")
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			t.Error("avnet serve did not stop on interrupt")
		}
	})
	line := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		if sc.Scan() {
			line <- sc.Text()
		}
		for sc.Scan() {
		}
	}()
	select {
	case l := <-line:
		_, url, ok := strings.Cut(l, "http://")
		if !ok {
			t.Fatalf("avnet serve printed %q, want its address", l)
		}
		return "http://" + strings.Fields(url)[0]
	case <-time.After(wait):
		t.Fatal("avnet serve printed no address")
	}
	return ""
}

// browser starts Debian's chromium, headless, with a fresh profile.
func browser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed (Debian package chromium; scripts/test.sh installs it)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1600, 1000),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	// The first action starts the browser; it must run without a timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	// On failure, keep a screenshot of the page for the CI artifacts.
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		dir := os.Getenv("AVNET_TEST_ARTIFACTS")
		if dir == "" {
			dir = filepath.Join(os.TempDir(), "avnet-test-artifacts")
		}
		os.MkdirAll(dir, 0o755)
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		png, err := chromedp.Run(sctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Logf("screenshot: %v", err)
			return
		}
		f := filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "_")+".png")
		if err := os.WriteFile(f, png, 0o644); err == nil {
			t.Logf("screenshot of the page: %s", f)
		}
	})
	return ctx
}

// run runs browser actions, each step within wait.
func run(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	if err := chromedp.Do(sctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// until waits for a JavaScript condition to hold in the page.
func until(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	if _, err := chromedp.Run(sctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(wait))); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	v, err := chromedp.Run(sctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// A student saves an error: the finding appears with its position and the
// drawings grey; the fix makes both go away.
func TestServeShowsFindingsAsTheDesignChanges(t *testing.T) {
	dir := gentest.CopyDesign(t, flagship)
	url := startServe(t, dir)
	ctx := browser(t)
	run(t, ctx, "open the page", chromedp.Navigate(url))
	until(t, ctx, "first rendering", `document.querySelector('#status').dataset.phase === 'ok' && document.querySelectorAll('.diagram svg').length === 5`)
	if title := eval[string](t, ctx, `document.title`); !strings.HasPrefix(title, "0✖ 0⚠") {
		t.Errorf("title of the clean flagship: %q", title)
	}

	studio := filepath.Join(dir, "studio.cue")
	orig, err := os.ReadFile(studio)
	if err != nil {
		t.Fatal(err)
	}
	const good, bad = `"red": {vlan: "media-red", ip: "10.110.0.16/24"}`, `"red": {vlan: "media-rouge", ip: "10.110.0.16/24"}`
	if !strings.Contains(string(orig), good) {
		t.Fatal("the flagship changed: update the edit")
	}
	edited := strings.Replace(string(orig), good, bad, 1)
	line := strings.Count(edited[:strings.Index(edited, bad)], "\n") + 1
	if err := os.WriteFile(studio, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, "the finding appears", `Array.from(document.querySelectorAll('.finding.error .msg')).some(e => e.textContent.includes('media-rouge'))`)
	pos := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('.finding.error')).filter(f => f.querySelector('.msg').textContent.includes('media-rouge')).map(f => f.querySelector('.pos').textContent)`)
	want := fmt.Sprintf("studio.cue:%d:", line)
	found := false
	for _, p := range pos {
		found = found || strings.Contains(p, want)
	}
	if !found {
		t.Errorf("finding positions %q, want one at %s", pos, want)
	}
	if ex := eval[string](t, ctx, `document.querySelector('.finding.error .excerpt').textContent`); !strings.Contains(ex, "media-rouge") && !strings.Contains(ex, "|") {
		t.Errorf("excerpt %q", ex)
	}
	if title := eval[string](t, ctx, `document.title`); strings.HasPrefix(title, "0✖") {
		t.Errorf("title with errors: %q", title)
	}
	until(t, ctx, "the drawings grey", `document.querySelector('#rendering').classList.contains('stale') && document.querySelectorAll('.diagram svg').length === 5`)

	// A syntax error: the design does not load at all.
	if err := os.WriteFile(studio, append(append([]byte{}, orig...), "\ndevices: {\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, "the syntax error", `document.querySelector('#status').dataset.phase === 'invalid' && Array.from(document.querySelectorAll('.finding.error .rule')).some(e => e.textContent === 'AV-CUE-001')`)

	if err := os.WriteFile(studio, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, "the fix clears it", `document.querySelector('#status').dataset.phase === 'ok' && document.querySelectorAll('.finding.error').length === 0 && !document.querySelector('#rendering').classList.contains('stale')`)
	if title := eval[string](t, ctx, `document.title`); !strings.HasPrefix(title, "0✖ 0⚠") {
		t.Errorf("title after the fix: %q", title)
	}
}

// Clicking a device opens its panel; clicking a flow lights its path on
// the physical drawing.
func TestServeDevicePanelAndFlowPath(t *testing.T) {
	dir := gentest.CopyDesign(t, flagship)
	url := startServe(t, dir)
	ctx := browser(t)
	run(t, ctx, "open the page", chromedp.Navigate(url))
	until(t, ctx, "first rendering", `document.querySelector('#status').dataset.phase === 'ok' && document.querySelector('.diagram[data-name=physical] svg') !== null`)

	// A real mouse click on cam-1's box in the physical drawing.
	box := eval[[]float64](t, ctx, `(() => {
		const g = Array.from(document.querySelectorAll('.diagram[data-name=physical] g.node')).find(g => g.querySelector('title').textContent === 'cam-1');
		const r = g.getBoundingClientRect();
		return [r.left + r.width / 2, r.top + r.height / 2];
	})()`)
	run(t, ctx, "click cam-1", chromedp.MouseClickXY(box[0], box[1]))
	until(t, ctx, "the panel opens", `!document.querySelector('#panel').hidden && document.querySelector('#panel-name').textContent === 'cam-1'`)
	panel := eval[map[string]string](t, ctx, `({
		ifaces: document.querySelector('#panel-interfaces').textContent,
		vlans: document.querySelector('#panel-vlans').textContent,
		sends: document.querySelector('#panel-sends').textContent,
		receives: document.querySelector('#panel-receives').textContent,
		ptp: document.querySelector('#panel-ptp').textContent,
		files: Array.from(document.querySelectorAll('#panel-body summary')).map(s => s.textContent).join(' '),
	})`)
	for k, want := range map[string]string{"ifaces": "R-101", "vlans": "media-red", "sends": "cam-1/video", "ptp": "slave", "files": "ptp/cam-1.conf"} {
		if !strings.Contains(panel[k], want) {
			t.Errorf("panel %s = %q, want %q in it", k, panel[k], want)
		}
	}

	// The flow table, then one flow.
	run(t, ctx, "flows tab", chromedp.Click(chromedp.CSS(`#tabs button[data-tab=flows]`)))
	run(t, ctx, "click a flow", chromedp.Click(chromedp.CSS(`#flows tr[data-flow="cam-1/video"] td`)))
	until(t, ctx, "the path lights", `!document.querySelector('.diagram[data-name=physical]').hidden && document.querySelectorAll('.diagram[data-name=physical] g.edge.hl').length > 0`)
	lit := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('.diagram[data-name=physical] g.edge.hl a')).map(a => a.getAttribute('xlink:title') || a.getAttributeNS('http://www.w3.org/1999/xlink', 'title'))`)
	joined := strings.Join(lit, " | ")
	// cam-1 sends on both planes: its red and blue cables are lit.
	for _, l := range []string{"R-101", "B-101"} {
		if !strings.Contains(joined, l) {
			t.Errorf("highlighted edges %q do not include link %s", joined, l)
		}
	}
	if strings.Contains(joined, "R-106") && !strings.Contains(joined, "R-101") {
		t.Errorf("highlighted the wrong camera's link: %q", joined)
	}
	nodes := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('.diagram[data-name=physical] g.node.hl title')).map(t => t.textContent)`)
	if !strings.Contains(strings.Join(nodes, " "), "cam-1") || strings.Contains(" "+strings.Join(nodes, " ")+" ", " cam-2 ") {
		t.Errorf("highlighted devices %q: want cam-1 and not cam-2", nodes)
	}

	// Sorting the flow table by rate puts the UHD flow last.
	run(t, ctx, "flows tab again", chromedp.Click(chromedp.CSS(`#tabs button[data-tab=flows]`)))
	run(t, ctx, "sort by rate", chromedp.Click(chromedp.CSS(`#flows th[data-key=bps]`)))
	last := eval[string](t, ctx, `Array.from(document.querySelectorAll('#flows tbody tr')).pop().dataset.flow`)
	if last != "cam-6/uhd" {
		t.Errorf("largest flow after sorting by rate: %q, want cam-6/uhd", last)
	}
	if os.Getenv("AVNET_TEST_SCREENSHOTS") != "" {
		t.Fail()
	}
}
