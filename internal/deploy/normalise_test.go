package deploy

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestNormaliseEOS(t *testing.T) {
	running := "! Command: show running-config\r\n! device: sw-red (DCS-7050SX3-48YC8, EOS-4.30.1F)\n!\n! boot system flash:/EOS.swi\n!\nhostname sw-red   \n!\ninterface Ethernet10\n   description cam-10\n!\ninterface Ethernet2\n   switchport access vlan 10\n!\nvlan 10\n   name red\n!\nend\n"
	intended := "hostname sw-red\nvlan 10\n   name red\ninterface Ethernet2\n   switchport access vlan 10\ninterface Ethernet10\n   description cam-10\n"
	want := "hostname sw-red\ninterface Ethernet2\n   switchport access vlan 10\ninterface Ethernet10\n   description cam-10\nvlan 10\n   name red\n"
	if d := cmp.Diff(want, eosNormaliser.normalise(running, nil)); d != "" {
		t.Errorf("running (-want +got):\n%s", d)
	}
	if d := cmp.Diff(want, eosNormaliser.normalise(intended, nil)); d != "" {
		t.Errorf("intended (-want +got):\n%s", d)
	}
}

func TestNormaliseIOSXEAndNXOS(t *testing.T) {
	ios := "Building configuration...\n\nCurrent configuration : 1234 bytes\n!\n! Last configuration change at 10:00:00 UTC Mon Jan 1 2024\n!\nversion 17.9\nhostname sw\nbanner motd ^C\nAuthorised use only\n! not a comment here\n^C\nlicense udi pid C9300 sn X\nend\n"
	got := iosxeNormaliser.normalise(ios, []*regexp.Regexp{regexp.MustCompile(`^license udi`)})
	want := "banner motd ^C\nAuthorised use only\n! not a comment here\n^C\nhostname sw\n"
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("iosxe (-want +got):\n%s", d)
	}
	nx := "!Command: show running-config\n!Running configuration last done at: Mon Jan  1 10:00:00 2024\n!Time: Mon Jan  1 10:00:01 2024\n\nversion 9.3(8) Bios:version 05.45\nhostname nx\n  !#switchport\nvlan 1,10\n"
	if d := cmp.Diff("hostname nx\nvlan 1,10\n", nxosNormaliser.normalise(nx, nil)); d != "" {
		t.Errorf("nxos (-want +got):\n%s", d)
	}
}

func TestNormaliseFRR(t *testing.T) {
	running := "Building configuration...\n\nCurrent configuration:\n!\nfrr version 8.4.4\nfrr defaults traditional\nhostname sw1\nservice integrated-vtysh-config\n!\ninterface vlan10\n ip address 10.77.0.254/24\n ip igmp\nexit\n!\nrouter ospf\n ospf router-id 10.0.0.1\nexit\n!\nend\n"
	intended := "frr defaults traditional\nhostname sw1\n!\nrouter ospf\n ospf router-id 10.0.0.1\n!\ninterface vlan10\n ip address 10.77.0.254/24\n ip igmp\n!\n"
	a, b := frrNormaliser.normalise(running, nil), frrNormaliser.normalise(intended, nil)
	if a != b {
		t.Errorf("running and intended FRR differ after normalisation:\n%s", UnifiedDiff("running", "intended", a, b))
	}
}

func TestNaturalLess(t *testing.T) {
	s := []string{"interface Ethernet10", "interface Ethernet2", "interface Ethernet1/10", "interface Ethernet1/2", "vlan 100", "vlan 20"}
	got := sortBlocks(s)
	want := []string{"interface Ethernet1/2", "interface Ethernet1/10", "interface Ethernet2", "interface Ethernet10", "vlan 20", "vlan 100"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestRedactSecrets(t *testing.T) {
	in := "username admin privilege 15 role network-admin secret sha512 $6$abcdefgh$0123456789\nenable secret 9 $9$xyzxyzxyzxyz\nusername u password 5 $5$saltsalt$hashhash  role network-admin\nno password strength-check\nsnmp-server user a network-admin auth md5 0xd42fc9f6e153a348 priv 0xd42fc9f6e153a348 localizedkey\n"
	got := RedactSecrets(in)
	for _, leak := range []string{"$6$abcdefgh", "$9$xyz", "$5$salt", "0xd42fc9f6e153a348"} {
		if strings.Contains(got, leak) {
			t.Errorf("secret %q left in:\n%s", leak, got)
		}
	}
	if !strings.Contains(got, "no password strength-check") {
		t.Errorf("a plain keyword line was changed:\n%s", got)
	}
	if RedactSecrets(in) != got {
		t.Error("redaction is not deterministic")
	}
	if !strings.Contains(got, "secret sha512 <secret:") {
		t.Errorf("fingerprint missing:\n%s", got)
	}
}

func TestLinuxViewRoundTrip(t *testing.T) {
	dev := &Device{Name: "sw1", Platform: "linux"}
	files := map[string][]byte{"ovs": []byte(testOVSScript), "frr": []byte("hostname sw1\n!\ninterface vlan10\n ip address 10.77.0.254/24\n"), "ptp": []byte("[global]\n# comment\ndomainNumber   127\n\n[swp1]\n")}
	view, _, err := linuxIntended(dev, files, map[string]string{"ovs": "configs/sw1.ovs.sh"})
	if err != nil {
		t.Fatal(err)
	}
	ovs, frr, ptp := splitLinuxView(view)
	if ovs != testOVSView || !strings.Contains(frr, "interface vlan10") || ptp == nil || *ptp != "[global]\ndomainNumber 127\n[swp1]\n" {
		t.Errorf("split view: ovs=%q frr=%q ptp=%v", ovs, frr, ptp)
	}
	lt := &linuxTarget{dev: dev, opt: dev.linux()}
	if got := lt.Normalise(view); got != view {
		t.Errorf("the intended view is not a fixed point of Normalise:\n%s", UnifiedDiff("view", "normalised", view, got))
	}
}

// TestLinuxScriptSyntax checks the device-side transaction script is
// valid sh (the lab tests run it; this catches a quoting slip at once).
func TestLinuxScriptSyntax(t *testing.T) {
	dev := &Device{Name: "sw'1", Platform: "linux", Linux: &LinuxOptions{FRRPathspace: "ps 1", PTPRestart: `kill "$(cat /run/x.pid)"`}}
	view, script, err := linuxIntended(dev, map[string][]byte{"ovs": []byte(testOVSScript), "frr": []byte("hostname x\n")}, map[string]string{"ovs": "x.ovs.sh"})
	if err != nil {
		t.Fatal(err)
	}
	lt := &linuxTarget{dev: dev, opt: dev.linux(), timer: 30 * time.Second}
	src := lt.script("/run/avnet deploy/avnet-1", &Intended{View: view, ovs: script}, true, true, true)
	f := filepath.Join(t.TempDir(), "apply.sh")
	if err := os.WriteFile(f, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("sh", "-n", f).CombinedOutput(); err != nil {
		t.Fatalf("sh -n: %v: %s\n%s", err, out, src)
	}
	for _, want := range []string{`read -r _ < "$D/lifeline"`, "TIMER=30\n", "--pathspace 'ps 1'", "vtysh -N 'ps 1'", "ovs-vsctl --timeout=30 -- --if-exists del-br br0"} {
		if !strings.Contains(src, want) {
			t.Errorf("script lacks %q", want)
		}
	}
}

// catBuiltin prints a file as cat does, with the shell's builtins alone
// (the device forks nothing for it): a last line without its newline, a
// line of spaces and backslashes, and a missing file (no output, status 0).
func TestCatBuiltin(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"plain":      "[global]\ndomainNumber 127\n",
		"no-newline": "a\n  b \\n c\\\n\nlast",
		"empty":      "",
	} {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("sh", "-c", catBuiltin(f)).Output()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if want := withNewline(content); string(out) != want {
			t.Errorf("%s: got %q, want %q", name, out, want)
		}
	}
	out, err := exec.Command("sh", "-c", catBuiltin(filepath.Join(dir, "missing"))).CombinedOutput()
	if err != nil || len(out) != 0 {
		t.Errorf("missing file: %q, %v; want no output, status 0", out, err)
	}
}

func TestFRRBackup(t *testing.T) {
	raw := "Building configuration...\n\nCurrent configuration:\n!\nfrr version 8.4.4\nhostname sw\n"
	if got, want := frrBackup(raw), "\n!\nfrr version 8.4.4\nhostname sw\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
