package ptpcfg_test

import (
	"bytes"
	"context"
	"github.com/avnet/avnet/generators/gentest"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/generators/ptpcfg"
	"github.com/avnet/avnet/generators/sdp"
	"github.com/avnet/avnet/internal/model"
)

// Every design's ptp4l configurations match their golden copies.
func TestGolden(t *testing.T) {
	for _, d := range designs(t) {
		t.Run(d.Name, func(t *testing.T) {
			f, facts := d.Loaded(t)
			golden(t, d.Name, generate(t, ptpcfg.Generator, f, facts, nil))
		})
	}
}

// Two runs on two loads of the same design give identical bytes.
func TestDeterministic(t *testing.T) { gentest.Deterministic(t, archives, ptpcfg.Generator) }

func testDesign(t *testing.T, name string) design { return gentest.Find(t, archives, name) }

// Which devices get a file, and as what kind of clock.
func TestClocks(t *testing.T) {
	for _, tc := range []struct {
		design string
		want   map[string]string // file -> kind, ports
	}{
		{"studio", map[string]string{
			"ptp/cam-1.conf":    "ordinary media-a media-b",
			"ptp/cam-2.conf":    "ordinary media-a",
			"ptp/gm-1.conf":     "grandmaster ptp-a ptp-b",
			"ptp/gm-2.conf":     "grandmaster ptp-a ptp-b",
			"ptp/h264-enc.conf": "ordinary media-a",
			"ptp/jxs-enc.conf":  "ordinary media-a",
			"ptp/mon-1.conf":    "ordinary media-a media-b",
			"ptp/sdi-gw.conf":   "ordinary media-a media-b",
			"ptp/stagebox.conf": "ordinary media-a",
			// The boundary clock runs on the ports toward clocks of the
			// domain, never on eth0; sw-iptv has no PTP.
			"ptp/sw-red.conf":  "boundary swp1 swp2 swp3 swp4 swp5 swp6 swp7 swp17 swp18",
			"ptp/sw-blue.conf": "transparent swp1 swp6 swp7 swp17 swp18",
		}},
		{"radio", map[string]string{
			"ptp/studio.console.conf": "ordinary aoip",
			"ptp/studio.mic-box.conf": "ordinary aoip",
			"ptp/sw-radio.conf":       "transparent swp1 swp2 swp3",
		}},
	} {
		t.Run(tc.design, func(t *testing.T) {
			f, facts := testDesign(t, tc.design).Loaded(t)
			clocks, err := ptpcfg.Clocks(f, facts)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, c := range clocks {
				s := c.Kind
				for _, p := range c.Ports {
					s += " " + p.Name
				}
				got[c.File] = s
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("clocks (-want +got):\n%s", diff)
			}
		})
	}
}

// The elected grandmaster's ptp4l clockIdentity is the one every SDP file
// of its domain names in a=ts-refclk.
func TestSDPNamesTheGrandmaster(t *testing.T) {
	f, facts := testDesign(t, "studio").Loaded(t)
	ptp := generate(t, ptpcfg.Generator, f, facts, nil)
	sdps := generate(t, sdp.Generator, f, facts, nil)
	idRE := regexp.MustCompile(`(?m)^clockIdentity\s+(\S+)$`)
	m := idRE.FindSubmatch(ptp["ptp/gm-1.conf"])
	if m == nil {
		t.Fatalf("gm-1.conf has no clockIdentity:\n%s", ptp["ptp/gm-1.conf"])
	}
	// ptp4l writes 021a2b.fffe.3c4d5e; RFC 7273 writes 02-1A-2B-FF-FE-3C-4D-5E.
	hex := strings.ReplaceAll(string(m[1]), ".", "")
	var parts []string
	for i := 0; i < len(hex); i += 2 {
		parts = append(parts, strings.ToUpper(hex[i:i+2]))
	}
	want := "a=ts-refclk:ptp=IEEE1588-2008:" + strings.Join(parts, "-") + ":127"
	n := 0
	for name, b := range sdps {
		if strings.Contains(name, "iptv_") {
			continue // MPEG-TS carries no PTP reference
		}
		n++
		if !strings.Contains(string(b), want+"\r\n") {
			t.Errorf("%s does not name gm-1 (%s):\n%s", name, want, b)
		}
	}
	if n == 0 {
		t.Fatal("no SDP file with a PTP reference")
	}
}

func TestIdentity(t *testing.T) {
	id := ptpcfg.IdentityOf("gm-1")
	if id != ptpcfg.IdentityOf("gm-1") || id == ptpcfg.IdentityOf("gm-2") {
		t.Fatal("IdentityOf is not a function of the name")
	}
	if id[3] != 0xff || id[4] != 0xfe || id[0]&0x03 != 0x02 {
		t.Errorf("%s: want an EUI-48-derived identity (xx-xx-xx-FF-FE-xx-xx-xx) from a locally administered unicast address", id.SDP())
	}
	if !regexp.MustCompile(`^([0-9A-F]{2}-){7}[0-9A-F]{2}$`).MatchString(id.SDP()) {
		t.Errorf("SDP form %q", id.SDP())
	}
	if !regexp.MustCompile(`^[0-9a-f]{6}\.[0-9a-f]{4}\.[0-9a-f]{6}$`).MatchString(id.PTP4L()) {
		t.Errorf("ptp4l form %q", id.PTP4L())
	}
}

func TestFileNameCollision(t *testing.T) {
	f := &model.Facility{
		PTP: map[string]*model.PTPDomain{"media": {Profile: "st2059-2", Domain: 127, Grandmasters: map[string]*model.Grandmaster{
			"gm/1": {Priority1: 1, Priority2: 128, ClockClass: 6},
			"gm_1": {Priority1: 2, Priority2: 128, ClockClass: 6},
		}}},
		Devices: map[string]*model.Device{"gm/1": {Role: "ptp-grandmaster"}, "gm_1": {Role: "ptp-grandmaster"}},
	}
	if _, err := ptpcfg.Clocks(f, nil); err == nil || !strings.Contains(err.Error(), "rename one of them") {
		t.Errorf("want a file-name collision error, got %v", err)
	}
}

func TestPTPDSCP(t *testing.T) {
	for _, tc := range []struct {
		classes map[string][]int
		want    int
	}{
		{map[string][]int{"ptp": {46, 56}, "audio": {34}}, 46},
		{map[string][]int{"PTP-Dante": {56}, "audio": {34}}, 56},
		{map[string][]int{"clock": {46}, "audio": {34}}, 46},
		{map[string][]int{"audio": {34}}, 46},
	} {
		f := &model.Facility{QoS: model.QoS{Classes: map[string]*model.QoSClass{}}}
		for n, d := range tc.classes {
			f.QoS.Classes[n] = &model.QoSClass{DSCP: d}
		}
		if got := ptpcfg.PTPDSCP(f); got != tc.want {
			t.Errorf("classes %v: DSCP %d, want %d", tc.classes, got, tc.want)
		}
	}
}

// Comments follow the design's language; the settings do not change.
func TestLanguage(t *testing.T) {
	f, facts := testDesign(t, "studio").Loaded(t)
	env := gen.EnvFrom(context.Background())
	env.Lang = "en"
	en := generate(t, ptpcfg.Generator, f, facts, env)
	fr := generate(t, ptpcfg.Generator, f, facts, nil)
	settings := func(b []byte) string {
		var out []string
		for _, l := range strings.Split(string(b), "\n") {
			if !strings.HasPrefix(l, "#") {
				out = append(out, l)
			}
		}
		return strings.Join(out, "\n")
	}
	var names []string
	for n := range en {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if settings(en[n]) != settings(fr[n]) {
			t.Errorf("%s: settings differ between languages", n)
		}
		if bytes.Equal(en[n], fr[n]) {
			t.Errorf("%s: comments are not translated", n)
		}
	}
	if !strings.Contains(string(fr["ptp/gm-1.conf"]), "# Rôle : grand maître") || !strings.Contains(string(en["ptp/gm-1.conf"]), "# Role: grandmaster") {
		t.Errorf("role comment missing:\n%s\n%s", fr["ptp/gm-1.conf"], en["ptp/gm-1.conf"])
	}
}
