package lab_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/lab"
)

// wrapperPath is where TestLabSpecialNames puts its ovs-vsctl wrapper:
// first on the PATH of avnet, of the lab's SSH sessions and of deploy's
// device-side script alike (/usr/local/sbin leads the default PATH of
// each), so that every ovs-vsctl run during `lab up` is logged.
const wrapperPath = "/usr/local/sbin/ovs-vsctl"

// ovsSubcommands are the ovs-vsctl commands the lab and deploy run: a
// command outside them in the log is one the design made run.
var ovsSubcommands = []string{"add-br", "add-port", "clear", "del-br", "del-port", "get", "init", "list", "list-br", "list-ports", "set", "show", "br-exists", "find", "wait-until", "remove", "add", "emer-reset"}

// TestLabSpecialNames brings up lab-minimal with names using every
// character the schema allows besides letters and digits ('-', '_', '.'
// in device names, '/' in flow names; in endpoints' names only: a
// switch's name is its hostname, which hostname(1) refuses with '_', and
// its FRR pathspace, which watchfrr -N refuses with '.') and a facility name and device
// descriptions full of shell syntax, and proves with an ovs-vsctl
// wrapper that logs every argv that only the intended commands ran: no
// command made by the design's text, no tunnel port, no file the
// design's $(…) names.
func TestLabSpecialNames(t *testing.T) {
	requireLab(t)
	if _, err := os.Lstat(wrapperPath); err == nil {
		t.Skipf("%s exists: this test installs its own wrapper there", wrapperPath)
	}
	real, err := lookOVS()
	if err != nil {
		t.Skip(err)
	}
	logFile := filepath.Join(t.TempDir(), "ovs-vsctl.log")
	pwned := filepath.Join(t.TempDir(), "pwned")
	// One line per run: its arguments separated by US (0x1f).
	wrapper := fmt.Sprintf("#!/bin/sh\n{ for a in \"$@\"; do printf '%%s\\037' \"$a\"; done; printf '\\n'; } >> '%s'\nexec '%s' \"$@\"\n", logFile, real)
	if err := os.WriteFile(wrapperPath, []byte(wrapper), 0o755); err != nil {
		t.Skipf("cannot install the ovs-vsctl wrapper: %v", err)
	}
	t.Cleanup(func() { os.Remove(wrapperPath) })

	src, err := os.ReadFile(filepath.Join(designPath("lab-minimal"), "lab.cue"))
	if err != nil {
		t.Fatal(err)
	}
	design := string(src)
	for old, new := range map[string]string{
		`"gm-2"`: `"gm-2.backup_b"`, `"gm-2:`: `"gm-2.backup_b:`,
		`"cam-1"`: `"cam_1.studio-a"`, `"cam-1:`: `"cam_1.studio-a:`, `"cam-1/`: `"cam_1.studio-a/`,
	} {
		if !strings.Contains(design, old) {
			t.Fatalf("lab-minimal no longer holds %s: update the test", old)
		}
		design = strings.ReplaceAll(design, old, new)
	}
	// The facility name holds at most 128 characters (and the test's
	// temporary paths are long): the rest of the shell syntax goes into a
	// switch's description.
	hostile := fmt.Sprintf(`Régie 'A' \"B\" $(touch %s) # -- add-port br0 vx0`, pwned)
	hostileText := fmt.Sprintf("`touch %s`; id | sh & -- set Interface vx0 type=vxlan options:remote_ip=1.2.3.4", pwned)
	i := strings.Index(design, `name:     "`)
	j := strings.Index(design[i+len(`name:     "`):], `"`)
	if i < 0 || j < 0 {
		t.Fatal("lab-minimal's facility name not found: update the test")
	}
	design = design[:i] + `name:     "` + hostile + design[i+len(`name:     "`)+j:]
	design = strings.ReplaceAll(design, `description: "Commutateur 1`, `description: "`+hostileText+` Commutateur 1`)
	dir := filepath.Join(t.TempDir(), "lab-special")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "lab.cue"), []byte(design), 0o644); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	o := testOptions(t)
	stateDir, err := lab.StateDir(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	downAtEnd(t, stateDir)
	inv, err := lab.Up(ctx, dir, o)
	if err != nil {
		var de *lab.DesignError
		if errors.As(err, &de) {
			var b strings.Builder
			diag.PrintText(&b, de.Diagnostics, diag.TextOptions{})
			t.Fatalf("%v:\n%s", err, b.String())
		}
		t.Fatal(err)
	}
	// The switch answers with its name, and holds the configuration.
	for _, sw := range inv.Switches {
		out, err := inv.SSH.Run(ctx, sw.MgmtIP, "hostname; ovs-vsctl --db="+sw.OVSDB+" get Open_vSwitch . external_ids:avnet-config", nil)
		if err != nil {
			t.Errorf("ssh %s: %v", sw.Device, err)
			continue
		}
		if got, want := string(out), sw.Device+"\n"+sw.Device+"\n"; got != want && got != sw.Device+"\n\""+sw.Device+"\"\n" {
			t.Errorf("ssh %s: %q, want %q", sw.Device, got, want)
		}
		ports, err := inv.SSH.Run(ctx, sw.MgmtIP, "ovs-vsctl --db="+sw.OVSDB+" --columns=name,type --format=csv list Interface", nil)
		if err != nil {
			t.Errorf("ssh %s: %v", sw.Device, err)
		}
		if strings.Contains(string(ports), "vxlan") || strings.Contains(string(ports), "vx0") {
			t.Errorf("%s has a tunnel interface:\n%s", sw.Device, ports)
		}
	}
	if _, err := os.Stat(pwned); err == nil {
		t.Errorf("%s exists: the design's text ran a command", pwned)
	}

	log, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatalf("the ovs-vsctl wrapper logged nothing (%v): it was not on the PATH", err)
	}
	runs := strings.Split(strings.TrimSuffix(string(log), "\n"), "\n")
	seen := map[string]int{}
	for _, run := range runs {
		args := strings.Split(strings.TrimSuffix(run, "\x1f"), "\x1f")
		for _, c := range subcommands(args) {
			seen[c[0]]++
			if !slices.Contains(ovsSubcommands, c[0]) {
				t.Errorf("ovs-vsctl ran %q: not a command avnet runs (argv %q)", c, args)
			}
			for _, a := range c {
				if strings.Contains(a, "vxlan") || strings.Contains(a, "remote_ip") || a == "vx0" {
					if !strings.HasPrefix(a, "external_ids:") {
						t.Errorf("ovs-vsctl ran %q: the design's text became an argument", c)
					}
				}
			}
		}
	}
	var summary []string
	for c, n := range seen {
		summary = append(summary, fmt.Sprintf("%s×%d", c, n))
	}
	sort.Strings(summary)
	t.Logf("%d ovs-vsctl runs: %s", len(runs), strings.Join(summary, " "))
	if seen["add-port"] == 0 {
		t.Error("no add-port logged: the switches' configuration did not go through the wrapper")
	}
}

// subcommands splits ovs-vsctl's argv into its commands (separated by
// "--"), each without its leading options.
func subcommands(args []string) [][]string {
	var out [][]string
	var cur []string
	flush := func() {
		for len(cur) > 0 && strings.HasPrefix(cur[0], "-") {
			cur = cur[1:]
		}
		if len(cur) > 0 {
			out = append(out, cur)
		}
		cur = nil
	}
	for _, a := range args {
		if a == "--" {
			flush()
			continue
		}
		cur = append(cur, a)
	}
	flush()
	return out
}

func lookOVS() (string, error) {
	for _, p := range []string{"/usr/bin/ovs-vsctl", "/usr/local/bin/ovs-vsctl"} {
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p, nil
		}
	}
	return "", fmt.Errorf("ovs-vsctl not found in /usr/bin: apt-get install openvswitch-switch")
}
