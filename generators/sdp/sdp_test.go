package sdp_test

import (
	"context"
	"github.com/avnet/avnet/generators/gentest"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/generators/ptpcfg"
	"github.com/avnet/avnet/generators/sdp"
	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/model"
)

// Every design's SDP files match their golden copies byte for byte, and
// every file passes the structural checks of checkSDP.
func TestGolden(t *testing.T) {
	for _, d := range designs(t) {
		t.Run(d.Name, func(t *testing.T) {
			f, facts := d.Loaded(t)
			files := generate(t, sdp.Generator, f, facts, nil)
			for name, data := range files {
				for _, err := range checkSDP(data) {
					t.Errorf("%s: %v", name, err)
				}
			}
			golden(t, d.Name, files)
		})
	}
}

// Two runs on two loads of the same design give identical bytes.
func TestDeterministic(t *testing.T) { gentest.Deterministic(t, archives, sdp.Generator) }

// testDesign returns the named design of testdata/designs.
func testDesign(t *testing.T, name string) design { return gentest.Find(t, archives, name) }

func loadStudio(t *testing.T) (*model.Facility, *analysis.Facts) {
	t.Helper()
	return testDesign(t, "studio").Loaded(t)
}

// The lines that matter to a receiver, per essence.
func TestEssenceLines(t *testing.T) {
	f, facts := loadStudio(t)
	gm := ptpcfg.IdentityOf("gm-1").SDP()
	for _, tc := range []struct {
		flow string
		want []string
	}{
		{"cam-1/video", []string{
			"a=group:DUP primary secondary",
			"m=video 5004 RTP/AVP 96",
			"c=IN IP4 239.110.1.1/64",
			"a=source-filter: incl IN IP4 239.110.1.1 10.110.0.21",
			"a=rtpmap:96 raw/90000",
			"a=fmtp:96 sampling=YCbCr-4:2:2; width=1920; height=1080; exactframerate=50; depth=10; TCS=SDR; colorimetry=BT709; PM=2110GPM; SSN=ST2110-20:2017; TP=2110TPN;",
			"a=ts-refclk:ptp=IEEE1588-2008:" + gm + ":127",
			"a=mediaclk:direct=0",
			"a=mid:primary",
			"c=IN IP4 239.210.1.1/64",
			"a=source-filter: incl IN IP4 239.210.1.1 10.210.0.21",
			"a=mid:secondary",
		}},
		{"cam-2/video", []string{
			"i=Caméra 2, plateau (entrelacé)",
			"a=fmtp:96 sampling=YCbCr-4:2:2; width=1920; height=1080; exactframerate=30000/1001; depth=10; TCS=SDR; colorimetry=BT709; PM=2110BPM; SSN=ST2110-20:2017; TP=2110TPNL; interlace; MAXUDP=8960;",
		}},
		{"jxs-enc/video", []string{
			"b=AS:",
			"a=rtpmap:112 jxsv/90000",
			"a=fmtp:112 packetmode=0; sampling=YCbCr-4:2:2; width=3840; height=2160; exactframerate=50; depth=10; colorimetry=BT2100; TCS=HLG; SSN=ST2110-22:2019; TP=2110TPN;",
		}},
		{"h264-enc/video", []string{"a=rtpmap:96 H264/90000", "a=fmtp:96 packetization-mode=1"}},
		{"cam-1/audio", []string{"m=audio 5004 RTP/AVP 97", "a=rtpmap:97 L24/48000/8", "a=ptime:1"}},
		{"stagebox/mics", []string{"a=rtpmap:97 L16/48000/16", "a=ptime:0.125"}},
		{"stagebox/aes3", []string{"m=audio 5006 RTP/AVP 97", "a=rtpmap:97 AM824/48000/2", "a=ptime:1"}},
		{"cam-1/anc", []string{"m=video 5004 RTP/AVP 100", "a=rtpmap:100 smpte291/90000"}},
		{"sdi-gw/sdi", []string{"a=rtpmap:98 SMPTE2022-6/27000000", "a=group:DUP primary secondary"}},
		{"iptv/azur", []string{"m=video 5004 RTP/AVP 33", "a=rtpmap:33 MP2T/90000", "c=IN IP4 239.50.1.1/64"}},
	} {
		t.Run(tc.flow, func(t *testing.T) {
			b, err := sdp.Render(f, facts, tc.flow)
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			for _, w := range tc.want {
				if !containsLine(text, w) {
					t.Errorf("no line %q in\n%s", w, text)
				}
			}
		})
	}
}

func containsLine(text, want string) bool {
	for _, l := range strings.Split(text, "\r\n") {
		if l == want || strings.HasSuffix(want, ":") && strings.HasPrefix(l, want) {
			return true
		}
	}
	return false
}

// MPEG-TS is IPTV: no PTP reference, but session-level connection data
// for libavformat.
func TestMPEGTSHasNoPTPReference(t *testing.T) {
	f, facts := loadStudio(t)
	b, err := sdp.Render(f, facts, "iptv/azur")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	if strings.Contains(text, "ts-refclk") || strings.Contains(text, "mediaclk") {
		t.Errorf("MPEG-TS SDP names a PTP reference:\n%s", text)
	}
	head, _, _ := strings.Cut(text, "m=")
	if !strings.Contains(head, "c=IN IP4 239.50.1.1/64\r\n") || !strings.Contains(head, "a=source-filter: incl IN IP4 239.50.1.1 10.30.0.10\r\n") {
		t.Errorf("MPEG-TS SDP lacks session-level c= and source-filter:\n%s", text)
	}
}

// Without a grandmaster the reference clock is "traceable".
func TestTraceableWithoutGrandmaster(t *testing.T) {
	f, facts := testDesign(t, "radio").Loaded(t)
	b, err := sdp.Render(f, facts, "mics")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "a=ts-refclk:ptp=IEEE1588-2008:traceable\r\n") {
		t.Errorf("want a traceable reference clock:\n%s", b)
	}
}

// Flow names map to file names; names that would collide are refused.
func TestFileNames(t *testing.T) {
	if got, want := sdp.FileName("cam-1/video"), "sdp/cam-1_video.sdp"; got != want {
		t.Errorf("FileName(cam-1/video) = %q, want %q", got, want)
	}
	for _, pair := range [][2]string{{"cam-1/video", "cam-1_video"}, {"Cam-1/Video", "cam-1/video"}} {
		f := &model.Facility{Flows: map[string]*model.Flow{
			pair[0]: {Name: pair[0], Essence: "st2110-20"},
			pair[1]: {Name: pair[1], Essence: "st2110-20"},
		}}
		_, err := sdp.FileNames(f)
		if err == nil || !strings.Contains(err.Error(), "rename one of them") {
			t.Errorf("flows %q and %q: want a collision error, got %v", pair[0], pair[1], err)
		}
	}
	// Flows without an SDP description take no file name.
	f := &model.Facility{Flows: map[string]*model.Flow{
		"a/b": {Essence: "srt"}, "a_b": {Essence: "st2110-30"}, "x": {Essence: "dante"}, "y": {Essence: "ndi"},
	}}
	got, err := sdp.FileNames(f)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"a_b": "sdp/a_b.sdp"}, got); diff != "" {
		t.Errorf("FileNames (-want +got):\n%s", diff)
	}
}

// --device restricts the files to the flows the devices send.
func TestDeviceFilter(t *testing.T) {
	f, facts := loadStudio(t)
	env := gen.EnvFrom(context.Background())
	env.Devices = []string{"stagebox"}
	files := generate(t, sdp.Generator, f, facts, env)
	var names []string
	for n := range files {
		names = append(names, n)
	}
	want := []string{"sdp/stagebox_aes3.sdp", "sdp/stagebox_aes67.sdp", "sdp/stagebox_mics.sdp"}
	sort.Strings(names)
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("files for --device stagebox (-want +got):\n%s", diff)
	}
}

// A sender without an address on a leg's VLAN is an error that says what to set.
func TestMissingSenderAddress(t *testing.T) {
	f, facts := testDesign(t, "studio").Load(t)
	f.Devices["cam-2"].Interfaces["media-a"].IP = ""
	_, err := sdp.Render(f, facts, "cam-2/video")
	if err == nil || !strings.Contains(err.Error(), `devices."cam-2".interfaces."media-a".ip`) {
		t.Errorf("want an error naming the missing ip, got %v", err)
	}
}
