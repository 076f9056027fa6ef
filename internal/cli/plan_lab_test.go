package cli

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/avnet/avnet/internal/lab/netlab"
)

// TestPlanApplyLab is the acceptance test of `avnet plan` and `avnet
// apply` against a lab: right after `avnet lab up DIR` (its switches
// configured by apply's own code), `avnet plan DIR --lab
// --detailed-exitcode` exits 0; a switch changed behind avnet's back
// plans as a change (exit 2), `avnet apply --auto-approve` puts it back,
// and the plan is empty again. It needs root and the lab's programs.
func TestPlanApplyLab(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root: the lab creates network namespaces")
	}
	if err := netlab.CheckPrograms(netlab.ProgramsBase, netlab.ProgramsOVS, netlab.ProgramsFRR, netlab.ProgramsSSHD,
		[]string{"/usr/lib/frr/frr-reload.py", "ptp4l", "ssh"}); err != nil {
		t.Skip(err)
	}
	if testing.Short() {
		t.Skip("brings a lab up")
	}
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	id := hex.EncodeToString(b)
	name := "pl" + id
	// Not under t.TempDir (0700): the frr user must reach the lab's files.
	root := filepath.Join("/run", "avnet-lab-test-"+id)
	labDir := filepath.Join(root, name)
	dir := filepath.Join(t.TempDir(), name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../../designs/lab-minimal/lab.cue")
	if err != nil {
		t.Skip(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "lab.cue"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	avnet := func(args ...string) (int, string) {
		var out bytes.Buffer
		opts := &Options{Stdout: &out, Stderr: &out}
		root := rootCmd(opts)
		root.SetArgs(args)
		return execute(root, opts), out.String()
	}
	cidr := "198.19." + map[bool]string{true: "201", false: "202"}[b[0]%2 == 0] + ".1/24"
	t.Cleanup(func() {
		if code, out := avnet("lab", "down", "--state-root", root, "--name", name); code != 0 {
			t.Errorf("lab down: %s", out)
		}
		os.RemoveAll(root)
	})
	code, out := avnet("lab", "up", dir, "--configurator", "apply", "--name", name, "--state-root", root,
		"--mgmt-bridge", "plm"+id, "--mgmt-cidr", cidr)
	if code != 0 {
		t.Fatalf("lab up: exit %d:\n%s", code, out)
	}
	plan := func(want int) string {
		t.Helper()
		code, out := avnet("plan", dir, "--lab-dir", labDir, "--detailed-exitcode")
		if code != want {
			t.Fatalf("plan: exit %d, want %d:\n%s", code, want, out)
		}
		return out
	}
	out = plan(0)
	if !strings.Contains(out, "Plan: 0 to change, 2 unchanged, 0 unreachable.") {
		t.Errorf("plan after lab up:\n%s", out)
	}
	// Someone retags a port on sw-1.
	ovs := "OVS_RUNDIR=" + filepath.Join(labDir, "sw-1", "ovs")
	cmd := exec.Command("ip", "netns", "exec", name+"-sw-1", "ovs-vsctl", "set", "Port", "swp2", "tag=999")
	cmd.Env = append(os.Environ(), ovs)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("retag: %v: %s", err, b)
	}
	out = plan(2)
	if !strings.Contains(out, "-  tag=999\n") || !strings.Contains(out, "Plan: 1 to change, 1 unchanged, 0 unreachable.") {
		t.Errorf("plan after the change:\n%s", out)
	}
	code, out = avnet("apply", dir, "--lab-dir", labDir, "--auto-approve")
	if code != 0 || !strings.Contains(out, "Apply: 1 applied, 1 unchanged, 0 failed, 0 stale, 0 unreachable") {
		t.Fatalf("apply: exit %d:\n%s", code, out)
	}
	plan(0)
}
