package linux_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/avnet/avnet/generators/gentest"
	"github.com/avnet/avnet/internal/deploy"
	"github.com/avnet/avnet/internal/platform"
	"github.com/avnet/avnet/internal/platform/linux"
)

// device is a Linux switch with every kind of port, whose free-text
// fields (names that are not interface names, descriptions, comments)
// hold text.
func device(text [6]string) *platform.Device {
	media := &platform.VLAN{ID: 110, Name: text[0], MTU: 9000, Snooping: true, Querier: true, QuerierAddress: "10.110.0.1",
		SVI: &platform.SVI{Address: "10.110.0.1/24", IGMP: true}}
	return &platform.Device{
		Name: text[1], Facility: text[2], Platform: "linux", Model: text[3], Version: text[4], Design: text[5], Plane: text[0],
		Notes: []string{text[2], text[3]},
		VLANs: []*platform.VLAN{media, {ID: 300, Name: text[4], MTU: 1500, Snooping: true}},
		Ports: []*platform.Port{
			{Name: "swp1", Description: text[1], Mode: "access", AccessVLAN: 110, MTU: 9000, Edge: true},
			{Name: "swp2", Description: text[2], Mode: "trunk", AccessVLAN: 300, Allowed: []int{110, 300}, MTU: 9000},
			{Name: "swp3", Description: text[3], Mode: "trunk", Allowed: []int{110}, MTU: 9000},
			{Name: "swp4", Description: text[4], Mode: "unused", Note: text[5]},
			{Name: "swp5", Description: text[5], Mode: "routed", Address: "10.0.0.1/31"},
		},
	}
}

func render(t *testing.T, d *platform.Device) (ovs, frr string) {
	t.Helper()
	files, err := linux.Render(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		switch {
		case strings.HasSuffix(f.Name, ".ovs.sh"):
			ovs = string(f.Data)
		case strings.HasSuffix(f.Name, ".frr.conf"):
			frr = string(f.Data)
		}
	}
	return ovs, frr
}

// descriptions returns the avnet-description values the script sets, as
// ovs-vsctl reads them (JSON string atoms).
func descriptions(t *testing.T, cmds []gentest.ShellCommand) []string {
	t.Helper()
	var out []string
	for _, c := range cmds {
		for _, w := range c {
			v, ok := strings.CutPrefix(w, "external_ids:avnet-description=")
			if !ok {
				continue
			}
			var s string
			if err := json.Unmarshal([]byte(v), &s); err != nil {
				t.Fatalf("description %s is not a string atom: %v", v, err)
			}
			out = append(out, s)
		}
	}
	return out
}

// roundTrip renders the device with text in its free fields and checks
// the script has the plain device's command structure, deploy reads it,
// and every description reads back as given.
func roundTrip(t *testing.T, text [6]string) (ovs string) {
	t.Helper()
	plain := [6]string{"media", "sw-1", "Studio", "Arista DCS", "1.0", "studio"}
	pOVS, _ := render(t, device(plain))
	hOVS, _ := render(t, device(text))
	want, got := gentest.ShellStructure(gentest.ShellCommands(t, "ovs.sh", pOVS)), gentest.ShellStructure(gentest.ShellCommands(t, "ovs.sh", hOVS))
	if strings.Join(want, "\n") != strings.Join(got, "\n") {
		t.Fatalf("text %q changes the script's commands:\n%s\nplain:\n%s\nscript:\n%s", text, strings.Join(got, "\n"), strings.Join(want, "\n"), hOVS)
	}
	descs := descriptions(t, gentest.ShellCommands(t, "ovs.sh", hOVS))
	wantDescs := []string{text[1], text[2], text[3], "SVI " + text[0]}
	for i := range wantDescs {
		wantDescs[i] = strings.ToValidUTF8(wantDescs[i], "\uFFFD")
	}
	if strings.Join(descs, "\x00") != strings.Join(wantDescs, "\x00") {
		t.Fatalf("descriptions read back as %q, want %q", descs, wantDescs)
	}
	if _, err := deploy.ParseOVSScript("ovs.sh", []byte(hOVS)); err != nil {
		t.Fatalf("deploy cannot read the script: %v\n%s", err, hOVS)
	}
	return hOVS
}

var hostile = []string{
	"'", `"`, "$(touch pwned)", "`touch pwned`", "a;b", "a|b", "x\nusername backdoor privilege 15 nopassword",
	"' -- add-port br0 vx0 -- set Interface vx0 type=vxlan options:remote_ip=1.2.3.4", "#", "^C", "x\nEOF\ny",
	"</script>", `"]; evil [`, "s\r\nv=0", `\`, "a\u202eb", "a\x00b", "\xff", "--", "a\\\n-- add-port br0 x",
}

func TestOVSScriptHostileText(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatal("bash is needed: apt-get install bash")
	}
	for _, h := range hostile {
		ovs := roundTrip(t, [6]string{h, h, h, h, h, h})
		p := filepath.Join(t.TempDir(), "ovs.sh")
		if err := os.WriteFile(p, []byte(ovs), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(bash, "-n", p).CombinedOutput(); err != nil {
			t.Errorf("bash -n refuses the script for %q: %v\n%s", h, err, out)
		}
	}
}

// FuzzOVSScript: random text in every free field of a Linux switch
// leaves its Open vSwitch script's command structure as it is.
func FuzzOVSScript(f *testing.F) {
	for _, h := range hostile {
		f.Add(h, "sw-1", h, "Studio", h, "x")
	}
	f.Fuzz(func(t *testing.T, a, b, c, d, e, g string) {
		roundTrip(t, [6]string{a, b, c, d, e, g})
	})
}

func TestPortNameOption(t *testing.T) {
	d := device([6]string{"media", "sw-1", "Studio", "Arista DCS", "1.0", "studio"})
	d.Ports[0].Name = "--"
	if _, err := linux.Render(d); err == nil || !strings.Contains(err.Error(), "ovs-vsctl argument") {
		t.Fatalf("a port named -- renders (err %v)", err)
	}
}
