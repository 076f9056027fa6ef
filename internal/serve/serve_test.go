package serve

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/avnet/avnet/generators/gentest"
)

const flagship = "../../designs/chaine-tv-ip"

func TestAddrNeedsPublicBeyondLoopback(t *testing.T) {
	for _, tc := range []struct {
		addr   string
		public bool
		ok     bool
	}{
		{"127.0.0.1:8080", false, true},
		{"[::1]:0", false, true},
		{"localhost:8080", false, true},
		{"0.0.0.0:8080", false, false},
		{":8080", false, false},
		{"192.0.2.7:8080", false, false},
		{"0.0.0.0:8080", true, true},
		{"nocolon", false, false},
	} {
		_, err := New(Options{Dir: ".", Addr: tc.addr, Public: tc.public})
		if (err == nil) != tc.ok {
			t.Errorf("New(%q, public=%v): err = %v, want ok=%v", tc.addr, tc.public, err, tc.ok)
		}
	}
}

func getJSON(t *testing.T, h http.Handler, url string, v any) *http.Response {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", url, nil)
	req.Host = "127.0.0.1:8080"
	h.ServeHTTP(rec, req)
	res := rec.Result()
	if v != nil {
		if err := json.NewDecoder(res.Body).Decode(v); err != nil {
			t.Fatalf("%s: %v", url, err)
		}
	}
	return res
}

// A rebuild of the flagship publishes its findings, its five drawings,
// every flow with a path, and a panel per device with its config; a
// broken design keeps that rendering, marked stale.
func TestRebuildKeepsLastGoodRendering(t *testing.T) {
	dir := gentest.CopyDesign(t, flagship)
	s, err := New(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	s.Rebuild(context.Background())
	var st State
	getJSON(t, h, "/api/state", &st)
	if st.Phase != "ok" || st.Rendering == nil || st.Stale {
		t.Fatalf("phase %q stale %v problem %q", st.Phase, st.Stale, st.Problem)
	}
	if len(st.Rendering.Diagrams) != 5 {
		t.Errorf("diagrams %v, want 5", st.Rendering.Diagrams)
	}
	var withPath int
	for _, f := range st.Rendering.Flows {
		if len(f.Links) > 0 {
			withPath++
		}
	}
	if withPath == 0 || len(st.Rendering.Loads) == 0 {
		t.Errorf("%d flows with a path, %d loads", withPath, len(st.Rendering.Loads))
	}
	var p DevicePanel
	getJSON(t, h, "/api/device?name=leaf-r1", &p)
	if len(p.Files) == 0 || !strings.Contains(p.Files[0].Text, "hostname") || len(p.Interfaces) == 0 || len(p.PTP) == 0 {
		t.Errorf("leaf-r1 panel: %d files, %d interfaces, ptp %v", len(p.Files), len(p.Interfaces), p.PTP)
	}
	res := getJSON(t, h, "/diagram/physical.svg", nil)
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || !strings.Contains(string(body), "<svg") || !strings.Contains(res.Header.Get("Content-Security-Policy"), "default-src 'none'") {
		t.Errorf("physical.svg: %d %q", res.StatusCode, res.Header.Get("Content-Security-Policy"))
	}

	// Break the CUE: the findings say where, the drawings stay, stale.
	f := filepath.Join(dir, "studio.cue")
	b, _ := os.ReadFile(f)
	os.WriteFile(f, append(b, []byte("\ndevices: {\n")...), 0o644)
	s.Rebuild(context.Background())
	getJSON(t, h, "/api/state", &st)
	if st.Phase != "invalid" || !st.Stale || st.Rendering == nil || st.Counts.Errors == 0 {
		t.Fatalf("broken design: phase %q stale %v rendering %v errors %d", st.Phase, st.Stale, st.Rendering != nil, st.Counts.Errors)
	}
	if e := st.Findings[0]; !strings.HasSuffix(e.Pos.Filename, "studio.cue") || e.Pos.Line == 0 || len(e.Excerpt) == 0 {
		t.Errorf("finding %+v", e)
	}
}

// A name that is not this machine's is refused: DNS rebinding cannot read
// the design through a student's browser.
func TestForeignHostRefused(t *testing.T) {
	s, err := New(Options{Dir: "."})
	if err != nil {
		t.Fatal(err)
	}
	for host, want := range map[string]int{"127.0.0.1:8080": 200, "localhost:8080": 200, "[::1]:8080": 200, "evil.example:8080": 403, "10.0.0.5:8080": 403} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/api/state", nil)
		req.Host = host
		s.Handler().ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("Host %s: status %d, want %d", host, rec.Code, want)
		}
	}
}
