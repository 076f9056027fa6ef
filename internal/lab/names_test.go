package lab

import (
	"net/netip"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/load"
	"github.com/avnet/avnet/internal/model"
)

func TestIfNames(t *testing.T) {
	got := IfNames([]string{"Ethernet1", "Ethernet49/1", "Ethernet1/48", "TenGigabitEthernet1/1/1",
		"GigabitEthernet1/0/11", "Management1", "mgmt0", "swp19", "eth0", "media-a", "Vlan110", "br0"})
	want := map[string]string{
		"Ethernet1": "e1", "Ethernet49/1": "e49-1", "Ethernet1/48": "e1-48", "TenGigabitEthernet1/1/1": "te1-1-1",
		"GigabitEthernet1/0/11": "gi1-0-11", "Management1": "ma1", "mgmt0": "ma0", "swp19": "swp19", "eth0": "eth0",
		"media-a": "media-a", "Vlan110": "Vlan110",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("IfNames[%q] = %q, want %q", k, got[k], v)
		}
	}
	// br0 is the lab switch's bridge: a port of that name is renamed.
	if got["br0"] == "br0" || !ifnameRE.MatchString(got["br0"]) {
		t.Errorf("IfNames[br0] = %q, want another valid name", got["br0"])
	}
}

func TestIfNamesCollisionsAndLimits(t *testing.T) {
	in := []string{"e1", "Ethernet1", "HundredGigabitEthernet1/0/1/1/1/1", "a b", "x:y"}
	m1 := IfNames(in)
	m2 := IfNames([]string{in[4], in[3], in[2], in[1], in[0]})
	if diff := cmp.Diff(m1, m2); diff != "" {
		t.Errorf("IfNames depends on the order of its input (-first +second):\n%s", diff)
	}
	seen := map[string]string{}
	for d, l := range m1 {
		if !ifnameRE.MatchString(l) || strings.ContainsAny(l, "/: ") {
			t.Errorf("%q -> %q is not a valid Linux interface name", d, l)
		}
		if prev, dup := seen[l]; dup {
			t.Errorf("%q and %q both map to %q", prev, d, l)
		}
		seen[l] = d
	}
}

func TestLabName(t *testing.T) {
	for in, want := range map[string]string{
		"designs/lab-minimal":           "lab-minimal",
		"/x/chaine-tv-ip/":              "chaine-tv-ip",
		"/x/Studio A (2026)":            "Studio-A--2026",
		"/":                             "lab",
		"/x/" + strings.Repeat("a", 40): strings.Repeat("a", 24),
	} {
		if got := LabName(in); got != want {
			t.Errorf("LabName(%q) = %q, want %q", in, got, want)
		}
	}
}

// The lab of each example design: valid names everywhere, a lab view
// that leaves the loaded design alone, and flows that reach the same
// receivers in the lab view as in the design.
func TestTopologyOfDesigns(t *testing.T) {
	for _, c := range []struct {
		design                      string
		switches, endpoints, cables int
	}{
		{"lab-minimal", 2, 9, 10},
		{"chaine-tv-ip", 10, 52, 121},
	} {
		t.Run(c.design, func(t *testing.T) {
			res, err := load.Dir(designPath(c.design), load.Options{})
			if err != nil || res.Facility == nil {
				t.Fatalf("load: %v %v", err, res.Diagnostics)
			}
			f := res.Facility
			platforms := map[string]string{}
			for n, d := range f.Devices {
				platforms[n] = d.Platform
			}
			topo, err := NewTopology(f, netip.MustParsePrefix("198.18.0.1/15"))
			if err != nil {
				t.Fatal(err)
			}
			if len(topo.Switches) != c.switches || len(topo.Endpoints) != c.endpoints || len(topo.Links) != c.cables {
				t.Errorf("%d switches, %d endpoints, %d cables; want %d, %d, %d", len(topo.Switches), len(topo.Endpoints), len(topo.Links), c.switches, c.endpoints, c.cables)
			}
			for n, d := range f.Devices {
				if d.Platform != platforms[n] {
					t.Errorf("the lab view changed the design's device %s (platform %q)", n, d.Platform)
				}
			}
			mgmt := map[netip.Addr]bool{}
			for _, sw := range topo.Switches {
				if topo.View.Devices[sw.Device].Platform != "linux" {
					t.Errorf("switch %s has platform %q in the lab view, want linux", sw.Device, topo.View.Devices[sw.Device].Platform)
				}
				if mgmt[sw.MgmtIP] || !netip.MustParsePrefix("198.18.0.0/15").Contains(sw.MgmtIP) {
					t.Errorf("switch %s: management address %s reused or outside the range", sw.Device, sw.MgmtIP)
				}
				mgmt[sw.MgmtIP] = true
			}
			for _, l := range topo.Links {
				for _, n := range []string{l.AIf, l.BIf} {
					if !ifnameRE.MatchString(n) {
						t.Errorf("link %s: interface %q is not a valid Linux name", l.Label, n)
					}
				}
			}
			design := map[string]int{}
			for _, ff := range analysisOf(f).Flows {
				for _, leg := range ff.Legs {
					for _, dl := range leg.Deliveries {
						if dl.Unreachable == "" {
							design[ff.Flow.Name]++
						}
					}
				}
			}
			lab := map[string]int{}
			for _, ff := range topo.Facts.Flows {
				for _, leg := range ff.Legs {
					for _, dl := range leg.Deliveries {
						if dl.Unreachable == "" {
							lab[ff.Flow.Name]++
						}
					}
				}
			}
			if diff := cmp.Diff(design, lab); diff != "" {
				t.Errorf("deliveries per flow differ between the design and its lab view (-design +lab):\n%s", diff)
			}
		})
	}
}

func analysisOf(f *model.Facility) *analysis.Facts { return analysis.Analyze(f) }

func designPath(name string) string { return filepath.Join("..", "..", "designs", name) }
