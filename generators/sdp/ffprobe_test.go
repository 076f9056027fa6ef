package sdp_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/avnet/avnet/generators/sdp"
)

// ffprobe is a real RTP receiver: libavformat's SDP demuxer, the one VLC,
// ffmpeg and GStreamer's avdec use. It reads the SDP, creates one stream per
// m= section and joins the multicast groups with the source filter (it
// needs a multicast route, hence the namespace's veth). With
// -nofind_stream_info it reports the streams as the SDP describes them
// instead of waiting 10 s for packets.
//
// What it tells apart: a well-formed file gives exit status 0, nothing on
// stderr and one stream per leg with the codec, raster, sample rate and
// channels of the SDP; a file it cannot use fails ("Invalid data found
// when processing input", "getnameinfo: ai_family not supported"), and a
// file it misreads (a broken m= line) gives the wrong codec. ffmpeg 5.1
// knows no JPEG XS, AM824, SMPTE 291 or SMPTE 2022-6 decoder: for those it
// still parses the file and types the streams (codec "unknown"), and
// checkSDP checks their parameters.

type probeStream struct {
	Index      int    `json:"index"`
	CodecType  string `json:"codec_type"`
	CodecName  string `json:"codec_name"`
	Width      int    `json:"width"`
	Height     int    `json:"height"`
	PixFmt     string `json:"pix_fmt"`
	FieldOrder string `json:"field_order"`
	SampleRate string `json:"sample_rate"`
	Channels   int    `json:"channels"`
}

type probeResult struct {
	Streams []probeStream `json:"streams"`
	Format  struct {
		FormatName string `json:"format_name"`
		NbStreams  int    `json:"nb_streams"`
	} `json:"format"`
	stderr string
	err    error
}

func ffprobe(t *testing.T, ns *netns, file string) probeResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := ns.Command(ctx, "ffprobe", "-v", "error", "-hide_banner", "-nofind_stream_info",
		"-protocol_whitelist", "file,udp,rtp", "-analyzeduration", "100000", "-rw_timeout", "1000000",
		"-show_entries", "stream=index,codec_type,codec_name,width,height,pix_fmt,field_order,sample_rate,channels:format=format_name,nb_streams",
		"-of", "json", "-i", file)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	var r probeResult
	r.err = cmd.Run()
	r.stderr = strings.TrimSpace(stderr.String())
	if r.err == nil {
		if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
			t.Fatalf("ffprobe output is not JSON: %v\n%s", err, stdout.String())
		}
	}
	return r
}

// expect is what ffprobe must report for a flow's SDP.
type expect struct {
	streams  int
	typ      string
	codecs   []string // accepted codec names ("unknown" where ffmpeg 5.1 has no decoder)
	width    int
	height   int
	pixFmt   string
	field    string
	rate     string
	channels int
}

// problems compares a probe with what the SDP describes.
func (e expect) problems(r probeResult) []string {
	var out []string
	if r.err != nil {
		return []string{fmt.Sprintf("ffprobe rejected the file: %v: %s", r.err, r.stderr)}
	}
	if r.stderr != "" {
		out = append(out, "ffprobe complained: "+r.stderr)
	}
	if r.Format.FormatName != "sdp" {
		out = append(out, fmt.Sprintf("format %q, want sdp", r.Format.FormatName))
	}
	if len(r.Streams) != e.streams {
		out = append(out, fmt.Sprintf("%d streams, want %d", len(r.Streams), e.streams))
	}
	for _, s := range r.Streams {
		where := fmt.Sprintf("stream %d", s.Index)
		if s.CodecType != e.typ {
			out = append(out, fmt.Sprintf("%s: type %s, want %s", where, s.CodecType, e.typ))
		}
		if !slices.Contains(e.codecs, s.CodecName) {
			out = append(out, fmt.Sprintf("%s: codec %s, want one of %v", where, s.CodecName, e.codecs))
		}
		if e.width != 0 && (s.Width != e.width || s.Height != e.height) {
			out = append(out, fmt.Sprintf("%s: %dx%d, want %dx%d", where, s.Width, s.Height, e.width, e.height))
		}
		if e.pixFmt != "" && s.PixFmt != e.pixFmt {
			out = append(out, fmt.Sprintf("%s: pixel format %s, want %s", where, s.PixFmt, e.pixFmt))
		}
		if e.field != "" && s.FieldOrder != e.field {
			out = append(out, fmt.Sprintf("%s: field order %s, want %s", where, s.FieldOrder, e.field))
		}
		if e.rate != "" && (s.SampleRate != e.rate || s.Channels != e.channels) {
			out = append(out, fmt.Sprintf("%s: %s Hz %d channels, want %s Hz %d channels", where, s.SampleRate, s.Channels, e.rate, e.channels))
		}
	}
	return out
}

// One SDP of each essence, as the studio design describes it.
var probes = map[string]expect{
	"cam-1/video":    {streams: 2, typ: "video", codecs: []string{"bitpacked"}, width: 1920, height: 1080, pixFmt: "yuv422p10le", field: "progressive"},
	"cam-2/video":    {streams: 1, typ: "video", codecs: []string{"bitpacked"}, width: 1920, height: 1080, pixFmt: "yuv422p10le", field: "tt"},
	"jxs-enc/video":  {streams: 1, typ: "video", codecs: []string{"", "unknown", "jpegxs"}},
	"h264-enc/video": {streams: 1, typ: "video", codecs: []string{"h264"}},
	"cam-1/audio":    {streams: 2, typ: "audio", codecs: []string{"pcm_s24be"}, rate: "48000", channels: 8},
	"stagebox/mics":  {streams: 1, typ: "audio", codecs: []string{"pcm_s16be"}, rate: "48000", channels: 16},
	"stagebox/aes67": {streams: 1, typ: "audio", codecs: []string{"pcm_s24be"}, rate: "48000", channels: 2},
	"stagebox/aes3":  {streams: 1, typ: "audio", codecs: []string{"", "unknown"}, rate: "48000", channels: 2},
	"cam-1/anc":      {streams: 2, typ: "video", codecs: []string{"", "unknown"}},
	"sdi-gw/sdi":     {streams: 2, typ: "video", codecs: []string{"", "unknown"}},
	// MPEG-TS streams come from the transport stream's own tables, which
	// need packets: the SDP alone gives none.
	"iptv/azur": {streams: 0},
}

func TestFFprobeReadsSDP(t *testing.T) {
	needRoot(t, "ffprobe")
	f, facts := loadStudio(t)
	ns := newNetns(t)
	ns.IP(t, append(veth("avnet0", "avnet1", "10.255.0.1/24"), "route add 224.0.0.0/4 dev avnet0")...)
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	render := func(flow string) []byte {
		b, err := sdp.Render(f, facts, flow)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	t.Run("essences", func(t *testing.T) {
		for flow, want := range probes {
			t.Run(flow, func(t *testing.T) {
				t.Parallel()
				r := ffprobe(t, ns, write(strings.ReplaceAll(flow, "/", "_")+".sdp", render(flow)))
				for _, p := range want.problems(r) {
					t.Error(p)
				}
			})
		}
	})

	// The checks above see the difference between good and broken files.
	t.Run("broken", func(t *testing.T) {
		audio := string(render("stagebox/aes67"))
		for _, tc := range []struct{ name, sdp string }{
			{"no connection data", regexp.MustCompile(`(?m)^c=.*\r\n`).ReplaceAllString(audio, "")},
			{"no port on m=", strings.Replace(audio, "m=audio 5004 ", "m=audio ", 1)},
			{"garbage", "v=0\r\nthis is not SDP\r\nm=video\r\n"},
		} {
			r := ffprobe(t, ns, write("broken.sdp", []byte(tc.sdp)))
			if len(probes["stagebox/aes67"].problems(r)) == 0 {
				t.Errorf("%s: ffprobe accepted the broken file as the flow:\n%s", tc.name, tc.sdp)
			}
		}
		// Without session-level connection data libavformat cannot open
		// MPEG-TS: the reason the generator writes it.
		ts := string(render("iptv/azur"))
		head, rest, _ := strings.Cut(ts, "m=")
		head = regexp.MustCompile(`(?m)^(c|a=source-filter)[=:].*\r\n`).ReplaceAllString(head, "")
		if r := ffprobe(t, ns, write("ts.sdp", []byte(head+"m="+rest))); r.err == nil {
			t.Errorf("MPEG-TS without session-level c= was accepted; the session-level lines may be unnecessary:\n%s", head+"m="+rest)
		}
	})
}

// TestMain raises the default -parallel: the real-program tests mostly
// wait on ffprobe's start-up, so they need not queue behind the number of
// CPUs. An explicit -parallel is kept.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		flag.Set("test.parallel", strconv.Itoa(max(runtime.GOMAXPROCS(0), 16)))
	}
	os.Exit(m.Run())
}
