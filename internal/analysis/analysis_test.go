package analysis_test

import (
	"math"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func loadTwoSwitch(t *testing.T) *analysis.Facts {
	t.Helper()
	res, _ := ruletest.Load(t, "testdata/twoswitch.txtar")
	return analysis.Analyze(res.Facility)
}

// The trunk carries the video once although two receivers sit behind it:
// multicast replication happens in sw-2, not on the uplink.
func TestMulticastReplication(t *testing.T) {
	facts := loadTwoSwitch(t)
	video := facts.Flows["video"]
	if video.RateErr != nil {
		t.Fatal(video.RateErr)
	}
	rate := video.Rate.Bitrate.L1
	trunk := facts.Loads[analysis.LinkDir{Label: "T-1", From: analysis.Port{Device: "sw-1", Interface: "swp19"}}]
	if trunk == nil {
		t.Fatal("no load on the trunk sw-1 → sw-2")
	}
	audioFacts := facts.Flows["audio"]
	audio := audioFacts.Rate.Bitrate.L1
	// On the trunk every frame carries a 4-octet 802.1Q tag.
	tags := 32 * (video.Rate.PacketsPerSecond + audioFacts.Rate.PacketsPerSecond)
	if got, want := trunk.Bps, rate+audio+tags; math.Abs(got-want) > 1 {
		t.Errorf("trunk load = %.0f b/s, want video once + audio once + tags = %.0f", got, want)
	}
	camLink := facts.Loads[analysis.LinkDir{Label: "C-1", From: analysis.Port{Device: "cam", Interface: "m"}}]
	if camLink == nil || math.Abs(camLink.Bps-rate-audio) > 1 {
		t.Errorf("camera uplink carries %v, want the untagged video and audio", camLink)
	}
	if back := facts.Loads[analysis.LinkDir{Label: "T-1", From: analysis.Port{Device: "sw-2", Interface: "swp19"}}]; back != nil {
		t.Errorf("nothing flows back from sw-2 to sw-1, got %.0f b/s", back.Bps)
	}
	got := map[string]string{}
	for _, d := range video.Legs[0].Deliveries {
		got[d.Receiver] = d.Unreachable
	}
	want := map[string]string{"rx-local": "", "rx-a": "", "rx-b": "", "rx-other": "receiver rx-other has no interface in VLAN media"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("deliveries (-want +got):\n%s", diff)
	}
	// The tree: camera uplink, trunk, three receiver ports: five link directions.
	if n := len(video.Legs[0].Tree); n != 5 {
		t.Errorf("video tree has %d link directions, want 5", n)
	}
}

// A trunk whose vlans omit the media VLAN cuts the receivers behind it off.
func TestRestrictedTrunk(t *testing.T) {
	facts := loadTwoSwitch(t)
	facts.Facility.Links["T-1"].VLANs = []string{"other"}
	facts = analysis.Analyze(facts.Facility)
	for _, d := range facts.Flows["video"].Legs[0].Deliveries {
		if d.Receiver == "rx-a" && d.Unreachable == "" {
			t.Errorf("rx-a still reachable through a trunk that does not carry media")
		}
		if d.Receiver == "rx-local" && d.Unreachable != "" {
			t.Errorf("rx-local on the sender's switch became unreachable: %s", d.Unreachable)
		}
	}
}

// The best master is the lowest priority1; boundary clocks add a step,
// transparent clocks do not.
func TestPTPTree(t *testing.T) {
	facts := loadTwoSwitch(t)
	dom := facts.PTP["media"]
	if len(dom.Trees) != 1 {
		t.Fatalf("%d PTP trees, want 1", len(dom.Trees))
	}
	tr := dom.Trees[0]
	if tr.Grandmaster != "gm-2" {
		t.Errorf("grandmaster = %s, want gm-2 (priority1 5 beats 10)", tr.Grandmaster)
	}
	if diff := cmp.Diff([]string{"gm-2", "gm-1"}, tr.Candidates); diff != "" {
		t.Errorf("candidates (-want +got):\n%s", diff)
	}
	for dev, want := range map[string]struct {
		role  string
		steps int
	}{"sw-2": {"transparent", 1}, "sw-1": {"boundary", 1}, "gm-1": {"slave", 2}, "cam": {"slave", 2}} {
		n := tr.Nodes[dev]
		if n == nil {
			t.Errorf("%s not in the PTP tree", dev)
			continue
		}
		if n.Role != want.role || n.StepsRemoved != want.steps {
			t.Errorf("%s: role %s steps %d, want %s steps %d", dev, n.Role, n.StepsRemoved, want.role, want.steps)
		}
	}
}

// The same design always gives the same analysis.
func TestDeterministic(t *testing.T) {
	a, b := loadTwoSwitch(t), loadTwoSwitch(t)
	sum := func(f *analysis.Facts) []string {
		var out []string
		for _, l := range f.LoadsSorted() {
			out = append(out, l.Link.Label+" "+l.From.String()+" "+analysis.FormatBps(l.Bps))
		}
		return out
	}
	if diff := cmp.Diff(sum(a), sum(b)); diff != "" {
		t.Errorf("two analyses differ:\n%s", diff)
	}
}

// Red and blue are separate networks: each elects its own grandmaster,
// and a dual-homed camera sits in both trees without joining them.
func TestPTPTreesPerPlane(t *testing.T) {
	res, _ := ruletest.Load(t, "testdata/twoplanes.txtar")
	dom := analysis.Analyze(res.Facility).PTP["media"]
	got := map[string][]string{}
	for _, tr := range dom.Trees {
		var nodes []string
		for n := range tr.Nodes {
			nodes = append(nodes, n)
		}
		sort.Strings(nodes)
		got[tr.Grandmaster] = nodes
	}
	want := map[string][]string{
		"gm-red":  {"a-cam", "gm-red", "sw-red"},
		"gm-blue": {"a-cam", "gm-blue", "sw-blue"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("PTP trees (-want +got):\n%s", diff)
	}
}
