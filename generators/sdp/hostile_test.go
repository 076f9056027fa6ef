package sdp_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/avnet/avnet/generators/gentest"
	"github.com/avnet/avnet/generators/sdp"
	"github.com/avnet/avnet/internal/escape"
)

// hostileSDP renders flow cam-1/video of lab-minimal with v in its name
// (the s= line) and its description (the i= line), past the schema.
func hostileSDP(t *testing.T, v string) (string, []byte) {
	t.Helper()
	f := gentest.LabMinimal(t)
	name := "cam-1/video" + gentest.Marked(v)
	gentest.Rename(t, f, "cam-1/video", name)
	f.Flows[name].Description = gentest.Marked(v)
	b, err := sdp.Render(f, gentest.Reanalyze(f), name)
	if err != nil {
		t.Fatal(err)
	}
	return name, b
}

// TestHostileSDP is the outputs-inert corpus for SDP: the file passes the
// SDP checker, has the plain flow's lines with the value escaped on its
// s= and i= lines, and ffprobe (as root) reads the same streams.
func TestHostileSDP(t *testing.T) {
	_, plain := hostileSDP(t, gentest.Plain)
	var ns *netns
	dir := t.TempDir()
	if os.Geteuid() == 0 {
		ns = newNetns(t)
		ns.IP(t, append(veth("avnet0", "avnet1", "10.255.0.1/24"), "route add 224.0.0.0/4 dev avnet0")...)
	}
	probe := func(name string, b []byte) probeResult {
		p := filepath.Join(dir, name+".sdp")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return ffprobe(t, ns, p)
	}
	var want probeResult
	if ns != nil {
		want = probe("plain", plain)
	}
	for _, h := range gentest.HostileCorpus {
		t.Run(h.Name, func(t *testing.T) {
			_, got := hostileSDP(t, h.Value)
			for _, err := range checkSDP(got) {
				t.Error(err)
			}
			pl, hl := strings.Split(string(plain), "\r\n"), strings.Split(string(got), "\r\n")
			if len(pl) != len(hl) {
				t.Fatalf("%d lines, the plain flow's SDP has %d:\n%s", len(hl), len(pl), got)
			}
			for i := range hl {
				hl[i] = strings.ReplaceAll(hl[i], escape.SDP(gentest.Marked(h.Value)), gentest.Marked(gentest.Plain))
				if strings.HasPrefix(pl[i], "o=") {
					// The session ID and version are hashes of the flow's name.
					pw, hw := strings.Fields(pl[i]), strings.Fields(hl[i])
					if len(pw) == len(hw) && len(pw) > 3 && pw[0] == hw[0] && strings.Join(pw[3:], " ") == strings.Join(hw[3:], " ") {
						continue
					}
				}
				if hl[i] != pl[i] {
					t.Errorf("line %d: %q, the plain flow's is %q", i+1, hl[i], pl[i])
				}
			}
			if ns == nil {
				return
			}
			r := probe(h.Name, got)
			if r.err != nil || len(r.Streams) != len(want.Streams) || r.Format.FormatName != want.Format.FormatName {
				t.Errorf("ffprobe reads %d streams (%v, %s), the plain flow's SDP %d", len(r.Streams), r.err, r.stderr, len(want.Streams))
			}
		})
	}
}
