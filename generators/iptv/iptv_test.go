package iptv_test

import (
	"github.com/avnet/avnet/generators/gentest"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/avnet/avnet/generators/iptv"
	"github.com/avnet/avnet/generators/sdp"
)

// Every design's bouquet matches its golden copy (designs without MPEG-TS
// flows have none).
func TestGolden(t *testing.T) {
	for _, d := range designs(t) {
		t.Run(d.Name, func(t *testing.T) {
			f, facts := d.Loaded(t)
			golden(t, d.Name, generate(t, iptv.Generator, f, facts, nil))
		})
	}
}

// Two runs on two loads of the same design give identical bytes.
func TestDeterministic(t *testing.T) { gentest.Deterministic(t, archives, iptv.Generator) }

func testDesign(t *testing.T, name string) design { return gentest.Find(t, archives, name) }

var (
	extinfRE = regexp.MustCompile(`^#EXTINF:-1( tvg-chno="([1-9][0-9]*)")? tvg-name="([^"]*)",(.+)$`)
	urlRE    = regexp.MustCompile(`^rtp://@([0-9.]+):([0-9]+)$`)
)

// The bouquet is an extended M3U list in channel-number order, whose
// addresses are those the SDP files give.
func TestBouquet(t *testing.T) {
	f, facts := testDesign(t, "studio").Loaded(t)
	files := generate(t, iptv.Generator, f, facts, nil)
	if len(files) != 1 || files[iptv.File] == nil {
		t.Fatalf("want exactly %s, got %d files", iptv.File, len(files))
	}
	text := string(files[iptv.File])
	if !strings.HasSuffix(text, "\n") || strings.Contains(text, "\r") {
		t.Errorf("want LF line endings and a final newline")
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if lines[0] != "#EXTM3U" {
		t.Fatalf("first line %q, want #EXTM3U", lines[0])
	}
	var got []string
	for i := 1; i+1 < len(lines); i += 2 {
		m := extinfRE.FindStringSubmatch(lines[i])
		u := urlRE.FindStringSubmatch(lines[i+1])
		if m == nil || u == nil {
			t.Fatalf("lines %d-%d are not #EXTINF + rtp://@group:port:\n%s\n%s", i+1, i+2, lines[i], lines[i+1])
		}
		got = append(got, m[2]+" "+m[4]+" "+u[1]+":"+u[2])
	}
	want := []string{
		"1 Azur TV 239.50.1.1:5004",
		"2 Azur Info 239.50.1.2:5004",
		` Radio "Azur" 239.50.1.9:5004`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("bouquet:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(text, `tvg-name="Radio 'Azur'",Radio "Azur"`) {
		t.Errorf("a double quote in a name must not end the attribute:\n%s", text)
	}
	// Each channel's address is its SDP file's.
	for _, c := range iptv.Channels(f) {
		b, err := sdp.Render(f, facts, c.Flow)
		if err != nil {
			t.Fatal(err)
		}
		if want := "m=video " + strconv.Itoa(c.Port) + " RTP/AVP 33\r\nc=IN IP4 " + c.Group + "/"; !strings.Contains(string(b), want) {
			t.Errorf("%s: the SDP file does not carry %s:\n%s", c.Flow, c.URL(), b)
		}
	}
}

// A design without MPEG-TS flows gets no bouquet.
func TestNoBouquet(t *testing.T) {
	f, facts := testDesign(t, "radio").Loaded(t)
	if files := generate(t, iptv.Generator, f, facts, nil); len(files) != 0 {
		t.Errorf("a design without MPEG-TS flows got %d files", len(files))
	}
}
