package deploy

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/generators/switchcfg"
	"github.com/avnet/avnet/internal/build"
	"github.com/avnet/avnet/internal/lab/netlab"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/platform/linux"
	"github.com/avnet/avnet/internal/vet"
)

// Integration tests against real lab switches: internal/lab/netlab brings
// up bare Linux switches (a network namespace with its own Open vSwitch,
// FRR and sshd, no configuration), and plan/apply run against them over
// SSH exactly as against a white box. They need root and the programs;
// they skip otherwise, and always tear the lab down.

func requireLab(t testing.TB) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("lab tests need root (network namespaces, Open vSwitch, FRR, sshd)")
	}
	if err := netlab.CheckPrograms(netlab.ProgramsBase, netlab.ProgramsOVS, netlab.ProgramsFRR, netlab.ProgramsSSHD,
		[]string{"/usr/lib/frr/frr-reload.py", "ptp4l"}); err != nil {
		t.Skip(err)
	}
	if _, err := os.Stat("/usr/bin/ovsdb-client"); err != nil {
		t.Skip("lab tests need ovsdb-client (openvswitch-common)")
	}
}

type testLab struct {
	lab     *netlab.Lab
	nodes   []string
	out     string // out root; the build is out/<design>
	design  string
	invMu   sync.Mutex
	getenv  map[string]string
	keyFile string
}

func randHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// newTestLab brings up n bare switches sw1..swN in parallel, reached as
// root (whose login shell is bash, with root's profile).
func newTestLab(t testing.TB, n int) *testLab {
	t.Helper()
	var names []string
	for i := 0; i < n; i++ {
		names = append(names, fmt.Sprintf("sw%d", i+1))
	}
	return newTestLabNamed(t, names, "")
}

// newTestLabNamed brings up bare switches with the given names. With an
// account name, sshd accepts that account instead of root: uid 0 with
// /bin/sh as its shell, only in the switches' namespaces, as `avnet lab
// up` makes its lab account.
func newTestLabNamed(t testing.TB, names []string, account string) *testLab {
	t.Helper()
	n := len(names)
	id := randHex(3)
	b := make([]byte, 1)
	_, _ = rand.Read(b)
	l := &netlab.Lab{Name: "dp" + id, MgmtBridge: "dpm" + id, SSHUser: account,
		MgmtCIDR: netip.PrefixFrom(netip.AddrFrom4([4]byte{198, 19, b[0], 1}), 24)}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		if err := l.Down(ctx); err != nil {
			t.Errorf("lab down: %v", err)
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	tl := &testLab{lab: l, design: "lab" + id, out: t.TempDir(), getenv: map[string]string{}}

	// The lab's client key, where `avnet lab up` keeps it.
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	sshPub, _ := ssh.NewPublicKey(pub)
	authorized := ssh.MarshalAuthorizedKey(sshPub)
	pemBlock, err := ssh.MarshalPrivateKey(priv, "avnet lab test")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		sw := names[i]
		tl.nodes = append(tl.nodes, sw)
		wg.Add(1)
		go func() {
			defer wg.Done()
			addr := mgmtAddr(l, byte(11+i))
			errs[i] = func() error {
				if err := l.AddNamespace(ctx, sw); err != nil {
					return err
				}
				if err := l.SwitchKernel(ctx, sw, false); err != nil {
					return err
				}
				if err := l.AddMgmt(ctx, sw, addr); err != nil {
					return err
				}
				if account != "" {
					if err := writeNetnsAccount(l.NetnsName(sw), account); err != nil {
						return err
					}
				}
				if _, err := l.StartOVS(ctx, sw); err != nil {
					return err
				}
				if _, err := l.StartFRR(ctx, sw, []string{"ospfd", "pimd"}, ""); err != nil {
					return err
				}
				_, err := l.StartSSHD(ctx, sw, addr, authorized)
				return err
			}()
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	t.Logf("lab of %d bare switches up in %v", n, time.Since(start).Round(time.Millisecond))
	tl.keyFile = LabClientKey(l.StateDir)
	if err := os.MkdirAll(filepath.Dir(tl.keyFile), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tl.keyFile, pem.EncodeToMemory(pemBlock), 0o600); err != nil {
		t.Fatal(err)
	}
	return tl
}

// writeNetnsAccount adds an administrator account to the passwd file
// `ip netns exec` mounts over /etc/passwd in the namespace (where the
// switch's sshd runs).
func writeNetnsAccount(netns, user string) error {
	sys, err := os.ReadFile("/etc/passwd")
	if err != nil {
		return err
	}
	dir := filepath.Join("/etc/netns", netns)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "passwd"), append(sys, []byte(user+":x:0:0:avnet test admin:/root:/bin/sh\n")...), 0o644)
}

func mgmtAddr(l *netlab.Lab, host byte) netip.Addr {
	a := l.MgmtCIDR.Addr().As4()
	a[3] = host
	return netip.AddrFrom4(a)
}

// switchFiles are fixture configs of the shape generators/switchcfg's
// linux output has: one ovs-vsctl transaction, FRR's integrated
// configuration, a ptp4l configuration.
func switchFiles(sw string, vlans []int, ptpDomain int) map[string]string {
	var ovs, frr strings.Builder
	fmt.Fprintf(&ovs, "#!/bin/sh\n# %s: Open vSwitch, one transaction (avnet fixture)\nset -e\novs-vsctl --timeout=30 \\\n", sw)
	fmt.Fprintf(&ovs, "  -- --may-exist add-br br0 \\\n  -- set Bridge br0 datapath_type=netdev mcast_snooping_enable=true")
	fmt.Fprintf(&frr, "frr defaults traditional\nhostname %s\nservice integrated-vtysh-config\n!\n", sw)
	n := sw[len(sw)-1:]
	for _, v := range vlans {
		fmt.Fprintf(&ovs, " \\\n  -- --may-exist add-port br0 vlan%d tag=%d -- set Interface vlan%d type=internal", v, v, v)
		fmt.Fprintf(&frr, "interface vlan%d\n ip address 10.%d.%s.1/24\n!\n", v, v, n)
	}
	ovs.WriteString("\n")
	fmt.Fprintf(&frr, "ip route 10.99.%s.0/24 10.%d.%s.254\n!\n", n, vlans[0], n)
	files := map[string]string{
		"configs/" + sw + ".ovs.sh":   ovs.String(),
		"configs/" + sw + ".frr.conf": frr.String(),
	}
	if ptpDomain >= 0 {
		files["ptp/"+sw+".conf"] = fmt.Sprintf("[global]\n# avnet fixture\ndomainNumber %d\nfree_running 1\nlogAnnounceInterval -2\n\n[mgmt0]\n", ptpDomain)
	}
	return files
}

// writeBuild writes a built tree (files + manifest.json) for the design.
func (tl *testLab) writeBuild(t testing.TB, files map[string]string) *Artifacts {
	t.Helper()
	return tl.writeBuildAt(t, tl.out, files)
}

// writeBuildAt writes the build under another output root.
func (tl *testLab) writeBuildAt(t testing.TB, out string, files map[string]string) *Artifacts {
	t.Helper()
	dir := filepath.Join(out, tl.design)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	m := &build.Manifest{Schema: build.ManifestSchema, Design: tl.design, DesignDigest: "test-" + tl.design}
	for _, p := range sortedKeys(files) {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(files[p]), 0o644); err != nil {
			t.Fatal(err)
		}
		s := sha256.Sum256([]byte(files[p]))
		m.Files = append(m.Files, build.ManifestEntry{Path: p, SHA256: hex.EncodeToString(s[:]), Size: len(files[p]), Generator: "configs"})
	}
	b, _ := json.MarshalIndent(m, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := OpenArtifacts(dir)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// inventory points devices at the lab's nodes, as --lab does.
func (tl *testLab) inventory(t testing.TB, names ...string) *Inventory {
	t.Helper()
	inv := &Inventory{Design: tl.design}
	for _, n := range names {
		inv.Devices = append(inv.Devices, &Device{Name: n})
	}
	if err := inv.UseLab(tl.lab.StateDir); err != nil {
		t.Fatal(err)
	}
	if err := inv.finish(); err != nil {
		t.Fatal(err)
	}
	return inv
}

func (tl *testLab) connector() *Connector {
	return &Connector{Getenv: func(k string) (string, bool) {
		tl.invMu.Lock()
		defer tl.invMu.Unlock()
		v, ok := tl.getenv[k]
		return v, ok
	}, Timeout: 10 * time.Second, CommitTimer: 20 * time.Second}
}

func (tl *testLab) plan(t testing.TB, inv *Inventory, a *Artifacts, c *Connector) (*Plan, map[string]*Intended) {
	t.Helper()
	p, in, err := MakePlan(context.Background(), PlanOptions{Design: tl.design, DesignDigest: a.Manifest.DesignDigest,
		Inventory: inv, Artifacts: a, Connector: c})
	if err != nil {
		t.Fatal(err)
	}
	return p, in
}

func (tl *testLab) apply(t testing.TB, p *Plan, in map[string]*Intended, inv *Inventory, a *Artifacts, c *Connector) *ApplyResult {
	return tl.applyParallel(t, p, in, inv, a, c, 0)
}

// applyParallel applies with at most parallel devices at once (0: the
// default).
func (tl *testLab) applyParallel(t testing.TB, p *Plan, in map[string]*Intended, inv *Inventory, a *Artifacts, c *Connector, parallel int) *ApplyResult {
	t.Helper()
	r, err := Apply(context.Background(), ApplyOptions{Plan: p, Intended: in, Inventory: inv, Connector: c, Lock: LockPath(a.Dir), Parallel: parallel})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// view reads a device's normalised running view.
func (tl *testLab) view(t testing.TB, d *Device, c *Connector, ptp bool) string {
	t.Helper()
	tg, err := c.Open(context.Background(), d, ptp)
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	raw, err := tg.ReadRunning(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return tg.Normalise(raw)
}

func merge(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

func resultOf(r *ApplyResult, name string) DeviceResult {
	for _, d := range r.Devices {
		if d.Name == name {
			return d
		}
	}
	return DeviceResult{}
}

func TestLabPlanApply(t *testing.T) {
	requireLab(t)
	tl := newTestLab(t, 2)
	c := tl.connector()
	inv := tl.inventory(t, "sw1", "sw2")
	v1 := merge(switchFiles("sw1", []int{10, 20}, 127), switchFiles("sw2", []int{10, 20}, 127))
	a := tl.writeBuild(t, v1)

	// A bare switch: the plan shows the whole configuration.
	p, in := tl.plan(t, inv, a, c)
	for _, d := range p.Devices {
		if d.Action != ActionUpdate || d.Error != "" {
			t.Fatalf("%s: action %s error %q, want update", d.Name, d.Action, d.Error)
		}
		for _, want := range []string{"+bridge br0", "+ port vlan20", "+  tag=20", "+interface vlan10", "+ ip address 10.10.", "+domainNumber 127"} {
			if !strings.Contains(d.Diff, "\n"+want) {
				t.Errorf("%s: the plan of a bare switch lacks %q:\n%s", d.Name, want, d.Diff)
			}
		}
	}
	t.Logf("plan of sw1:\n%s", p.Devices[0].Diff)

	// Apply, then plan again: nothing to change.
	r := tl.apply(t, p, in, inv, a, c)
	for _, d := range r.Devices {
		if d.Status != StatusApplied {
			t.Fatalf("%s: %s: %s", d.Name, d.Status, d.Error)
		}
		t.Logf("%s applied in %v", d.Name, d.Duration.Round(time.Millisecond))
	}
	p, in = tl.plan(t, inv, a, c)
	for _, d := range p.Devices {
		if d.Action != ActionNoOp {
			t.Fatalf("%s: plan after apply is %s, want no-op (apply is not idempotent):\n%s%s", d.Name, d.Action, d.Diff, d.Error)
		}
	}
	ovs, err := tl.lab.OVS("sw1")
	if err != nil {
		t.Fatal(err)
	}
	if out, err := ovs.Vsctl(context.Background(), "get", "Port", "vlan20", "tag"); err != nil || strings.TrimSpace(string(out)) != "20" {
		t.Errorf("sw1 port vlan20 tag = %q, %v; want 20", out, err)
	}
	frr, _ := tl.lab.FRR("sw1")
	if out, _ := frr.Vtysh(context.Background(), "show running-config"); !strings.Contains(string(out), "ip address 10.20.1.1/24") {
		t.Errorf("sw1 FRR lacks the vlan20 address:\n%s", out)
	}

	// Change one VLAN of sw1: the plan shows only that change.
	v2 := merge(v1, switchFiles("sw1", []int{10, 30}, 127))
	a = tl.writeBuild(t, v2)
	p, in = tl.plan(t, inv, a, c)
	d1, d2 := p.Device("sw1"), p.Device("sw2")
	if d2.Action != ActionNoOp || d1.Action != ActionUpdate {
		t.Fatalf("after changing sw1's VLAN: sw1 %s, sw2 %s; want update, no-op", d1.Action, d2.Action)
	}
	for _, l := range strings.Split(d1.Diff, "\n") {
		if (strings.HasPrefix(l, "+") || strings.HasPrefix(l, "-")) && !strings.HasPrefix(l, "+++") && !strings.HasPrefix(l, "---") &&
			!strings.Contains(l, "20") && !strings.Contains(l, "30") {
			t.Errorf("the plan changes a line that has nothing to do with VLAN 20 -> 30: %q\n%s", l, d1.Diff)
		}
	}
	t.Logf("plan after the VLAN change:\n%s", d1.Diff)
	r = tl.apply(t, p, in, inv, a, c)
	if s1, s2 := resultOf(r, "sw1"), resultOf(r, "sw2"); s1.Status != StatusApplied || s2.Status != StatusUnchanged {
		t.Fatalf("apply: sw1 %s %s, sw2 %s %s", s1.Status, s1.Error, s2.Status, s2.Error)
	}
	if out, err := ovs.Vsctl(context.Background(), "list-ports", "br0"); err != nil || !strings.Contains(string(out), "vlan30") || strings.Contains(string(out), "vlan20") {
		t.Errorf("sw1 ports after the change: %q %v", out, err)
	}
	if out, _ := frr.Vtysh(context.Background(), "show running-config"); !strings.Contains(string(out), "ip address 10.30.1.1/24") || strings.Contains(string(out), "10.20.1.1") {
		t.Errorf("sw1 FRR after the change:\n%s", out)
	}

	sw1 := inv.Device("sw1")
	onlySW1 := tl.inventory(t, "sw1")

	// Faults. Each must leave the device exactly as it was (its running
	// view is compared) and say clearly what happened.
	t.Run("rejected line", func(t *testing.T) {
		before := tl.view(t, sw1, c, true)
		bad := merge(v2, switchFiles("sw1", []int{10, 30, 40}, 127))
		bad["configs/sw1.frr.conf"] += "interface vlan40\n ip frobnicate 10.40.1.1/24\n!\n"
		a := tl.writeBuild(t, bad)
		p, in := tl.plan(t, onlySW1, a, c)
		r := tl.apply(t, p, in, onlySW1, a, c)
		d := resultOf(r, "sw1")
		if d.Status != StatusFailed || !strings.Contains(d.Error, "FRR refused the configuration") || !strings.Contains(d.Error, "restored") {
			t.Fatalf("status %s, error %q; want failed, FRR refused, restored", d.Status, d.Error)
		}
		t.Logf("error: %s", d.Error)
		if after := tl.view(t, sw1, c, true); after != before {
			t.Errorf("the device is not as before:\n%s", UnifiedDiff("before", "after", before, after))
		}
		if out, _ := ovs.Vsctl(context.Background(), "list-ports", "br0"); strings.Contains(string(out), "vlan40") {
			t.Errorf("the OVS half of the change stayed: %s", out)
		}
	})

	t.Run("line the device takes differently", func(t *testing.T) {
		// vtysh accepts "ip addres" as an abbreviation and shows "ip
		// address": the verification catches it and rolls back.
		before := tl.view(t, sw1, c, true)
		odd := merge(v2, switchFiles("sw1", []int{10, 30, 40}, 127))
		odd["configs/sw1.frr.conf"] += "interface vlan40\n ip addres 10.41.1.1/24\n!\n"
		a := tl.writeBuild(t, odd)
		p, in := tl.plan(t, onlySW1, a, c)
		d := resultOf(tl.apply(t, p, in, onlySW1, a, c), "sw1")
		if d.Status != StatusFailed || !strings.Contains(d.Error, "did not take the configuration as intended") || !strings.Contains(d.Error, "+ ip address 10.41.1.1/24") {
			t.Fatalf("status %s, error %q", d.Status, d.Error)
		}
		if after := tl.view(t, sw1, c, true); after != before {
			t.Errorf("the device is not as before:\n%s", UnifiedDiff("before", "after", before, after))
		}
	})

	t.Run("SSH killed during apply", func(t *testing.T) {
		before := tl.view(t, sw1, c, true)
		a := tl.writeBuild(t, merge(v2, switchFiles("sw1", []int{10, 30, 50}, 126)))
		p, in := tl.plan(t, onlySW1, a, c)
		kc := tl.connector()
		kc.hookApplied = func(dev string, lt *linuxTarget) { lt.conn.kill() }
		r := tl.apply(t, p, in, onlySW1, a, kc)
		d := resultOf(r, "sw1")
		if d.Status != StatusFailed || !strings.Contains(d.Error, "connection lost") {
			t.Fatalf("status %s, error %q; want failed, connection lost", d.Status, d.Error)
		}
		t.Logf("error: %s", d.Error)
		// The device notices the lost connection and restores by itself.
		deadline := time.Now().Add(15 * time.Second)
		var after string
		for time.Now().Before(deadline) {
			if after = tl.view(t, sw1, c, true); after == before {
				break
			}
			time.Sleep(200 * time.Millisecond)
		}
		if after != before {
			t.Errorf("the device did not restore its configuration:\n%s", UnifiedDiff("before", "after", before, after))
		}
	})

	t.Run("wrong credentials, secret kept", func(t *testing.T) {
		const secret = "s3cr3t-Pa55-do-not-print"
		tl.invMu.Lock()
		tl.getenv[EnvPassword] = secret
		tl.invMu.Unlock()
		defer func() { tl.invMu.Lock(); delete(tl.getenv, EnvPassword); tl.invMu.Unlock() }()
		inv := tl.inventory(t, "sw1", "sw2")
		a := tl.writeBuild(t, v2)
		wrong := filepath.Join(t.TempDir(), "wrong_key")
		_, priv, _ := ed25519.GenerateKey(rand.Reader)
		blk, _ := ssh.MarshalPrivateKey(priv, "")
		os.WriteFile(wrong, pem.EncodeToMemory(blk), 0o600)
		inv.Device("sw1").KeyFile = wrong
		inv.Device("sw1").PasswordEnv = EnvPassword
		p, in := tl.plan(t, inv, a, c)
		d := p.Device("sw1")
		if d.Action != ActionUnknown || !strings.Contains(d.Error, "refused") {
			t.Fatalf("sw1 with a wrong key: action %s error %q, want unknown, refused", d.Action, d.Error)
		}
		t.Logf("error: %s", d.Error)
		planFile := filepath.Join(t.TempDir(), "plan.json")
		if err := p.Save(planFile); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(planFile)
		r := tl.apply(t, p, in, inv, a, c)
		rb, _ := json.Marshal(r)
		for what, s := range map[string]string{"plan file": string(b), "apply result": string(rb), "error": d.Error} {
			if strings.Contains(s, secret) {
				t.Errorf("the password appears in the %s", what)
			}
		}
		if resultOf(r, "sw2").Status != StatusUnchanged || r.OK() {
			t.Errorf("sw2 %s; OK %v", resultOf(r, "sw2").Status, r.OK())
		}
	})

	t.Run("unreachable device", func(t *testing.T) {
		inv := tl.inventory(t, "sw1", "sw2")
		ghost := *inv.Device("sw2")
		ghost.Name, ghost.Address = "sw3", mgmtAddr(tl.lab, 250).String()
		inv.Devices = append(inv.Devices, &ghost)
		files := merge(v2, switchFiles("sw2", []int{10, 20, 60}, 127))
		files["configs/sw3.ovs.sh"], files["configs/sw3.frr.conf"] = files["configs/sw2.ovs.sh"], files["configs/sw2.frr.conf"]
		a := tl.writeBuild(t, files)
		c := tl.connector()
		c.Timeout = 2 * time.Second
		p, in := tl.plan(t, inv, a, c)
		if cnt := p.Counts(); cnt.Unreachable != 1 || cnt.Change != 1 || cnt.Unchanged != 1 {
			t.Fatalf("counts %+v, want 1 change, 1 unchanged, 1 unreachable; sw3: %s", cnt, p.Device("sw3").Error)
		}
		t.Logf("%s\nsw3: %s", PlanSummary(p), p.Device("sw3").Error)
		r := tl.apply(t, p, in, inv, a, c)
		if s := resultOf(r, "sw2"); s.Status != StatusApplied {
			t.Errorf("sw2 %s %s: the others must still apply", s.Status, s.Error)
		}
		if s := resultOf(r, "sw3"); s.Status != StatusUnreachable || r.OK() {
			t.Errorf("sw3 %s, OK %v; want unreachable and a failed apply", s.Status, r.OK())
		}
	})

	t.Run("stale plan", func(t *testing.T) {
		inv := tl.inventory(t, "sw1", "sw2")
		a := tl.writeBuild(t, merge(v2, switchFiles("sw1", []int{10, 30, 70}, 127)))
		p, in := tl.plan(t, inv, a, c)
		// Someone changes sw1 behind avnet's back.
		if _, err := ovs.Vsctl(context.Background(), "add-port", "br0", "rogue", "--", "set", "Interface", "rogue", "type=internal"); err != nil {
			t.Fatal(err)
		}
		before := tl.view(t, sw1, c, true)
		r := tl.apply(t, p, in, inv, a, c)
		d := resultOf(r, "sw1")
		if d.Status != StatusStale || !strings.Contains(d.Error, "saved plan is stale for sw1: running config changed since plan") {
			t.Fatalf("sw1: %s %q; want stale", d.Status, d.Error)
		}
		if after := tl.view(t, sw1, c, true); after != before {
			t.Errorf("a stale device was touched:\n%s", UnifiedDiff("before", "after", before, after))
		}
		if _, err := ovs.Vsctl(context.Background(), "del-port", "br0", "rogue"); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("two concurrent applies", func(t *testing.T) {
		inv := tl.inventory(t, "sw1", "sw2")
		a := tl.writeBuild(t, merge(switchFiles("sw1", []int{10, 30, 80}, 127), switchFiles("sw2", []int{10, 20, 80}, 127)))
		p, in := tl.plan(t, inv, a, c)
		var wg sync.WaitGroup
		errs := make([]error, 2)
		results := make([]*ApplyResult, 2)
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i], errs[i] = Apply(context.Background(), ApplyOptions{Plan: p, Intended: in, Inventory: inv, Connector: c, Lock: LockPath(a.Dir)})
			}()
		}
		wg.Wait()
		var locked, ran int
		for i := range 2 {
			var le *LockedError
			switch {
			case errors.As(errs[i], &le):
				locked++
				t.Logf("refused: %v", errs[i])
			case errs[i] == nil && results[i].OK():
				ran++
			default:
				t.Errorf("apply %d: %v %+v", i, errs[i], results[i])
			}
		}
		if locked != 1 || ran != 1 {
			t.Errorf("%d applies refused, %d ran; want exactly one of each", locked, ran)
		}
	})
}

// TestLabApplyParallel checks that an apply to eight switches runs them
// concurrently: on average most of them are in flight at once. How long
// it takes is BenchmarkLabApply's business.
func TestLabApplyParallel(t *testing.T) {
	requireLab(t)
	if testing.Short() {
		t.Skip("brings up 8 lab switches")
	}
	tl, names := newBenchLab(t, 8)
	c := tl.connector()
	a := tl.writeBuild(t, benchFiles(names, 0))
	inv := tl.inventory(t, names...)
	p, in := tl.plan(t, inv, a, c)
	t0 := time.Now()
	r := tl.apply(t, p, in, inv, a, c)
	el := time.Since(t0)
	var busy time.Duration
	for _, d := range r.Devices {
		if d.Status != StatusApplied {
			t.Fatalf("%s: %s %s", d.Name, d.Status, d.Error)
		}
		busy += d.Duration
	}
	inFlight := float64(busy) / float64(el)
	t.Logf("apply to 8 switches: %.1f devices in flight on average (%d CPUs, load %s)", inFlight, runtime.NumCPU(), loadavg())
	if inFlight < 5 {
		t.Errorf("only %.1f devices in flight on average: the apply is not parallel", inFlight)
	}
}

// BenchmarkLabApply times an apply that changes every switch (two VLANs
// swapped, FRR and OVS both), to 1 and to 8 lab switches: with the
// devices applied in parallel, 8 should take at most twice as long as 1
// where there are the CPUs for it. Each switch runs its own control
// plane (ovs-vswitchd, zebra, ospfd, pimd, staticd) on this machine, and
// every change costs it some CPU. bench/lab-apply.sh runs it.
func BenchmarkLabApply(b *testing.B) {
	requireLab(b)
	// 8 switches one at a time too (--parallel 1): what parallelism
	// gains on this machine.
	for _, bc := range []struct{ n, parallel int }{{1, 0}, {8, 0}, {8, 1}} {
		n := bc.n
		name := fmt.Sprintf("switches=%d", n)
		if bc.parallel > 0 {
			name += fmt.Sprintf(",parallel=%d", bc.parallel)
		}
		b.Run(name, func(b *testing.B) {
			tl, names := newBenchLab(b, n)
			c := tl.connector()
			inv := tl.inventory(b, names...)
			builds := []*Artifacts{tl.writeBuild(b, benchFiles(names, 0))}
			builds = append(builds, tl.writeBuildAt(b, b.TempDir(), benchFiles(names, 1)))
			// Configure once, untimed: then every round is a change.
			p, in := tl.plan(b, inv, builds[0], c)
			tl.apply(b, p, in, inv, builds[0], c)
			// What the lab's daemons take when nothing happens.
			idle := -cpuBusy()
			time.Sleep(2 * time.Second)
			idle = (idle + cpuBusy()) / 2
			b.ResetTimer()
			var busy float64 // CPU seconds the whole machine spent applying
			var own float64  // of which avnet's (this process)
			for i := 0; i < b.N; i++ {
				a := builds[(i+1)%2]
				b.StopTimer()
				p, in := tl.plan(b, inv, a, c)
				b.StartTimer()
				busy -= cpuBusy()
				own -= selfCPU()
				r := tl.applyParallel(b, p, in, inv, a, c, bc.parallel)
				own += selfCPU()
				busy += cpuBusy()
				for _, d := range r.Devices {
					if d.Status != StatusApplied {
						b.Fatalf("%s: %s %s", d.Name, d.Status, d.Error)
					}
				}
			}
			// Against the wall time, how much of the machine's CPUs the
			// apply kept busy (devices' daemons, sshd and avnet alike).
			b.ReportMetric(busy/float64(b.N), "cpu-s/op")
			// avnet's own share: what a controller driving real switches
			// (each with its own CPU) would spend; the rest is the lab's
			// switches sharing this machine's CPUs.
			b.ReportMetric(own/float64(b.N), "avnet-cpu-s/op")
			b.ReportMetric(idle, "idle-cpu-s/s")
		})
	}
}

// newBenchLab brings up n bare switches sw1..swN reached as the lab
// account (uid 0, /bin/sh), as `avnet lab up` makes them.
func newBenchLab(t testing.TB, n int) (*testLab, []string) {
	var names []string
	for i := 1; i <= n; i++ {
		names = append(names, fmt.Sprintf("sw%d", i))
	}
	return newTestLabNamed(t, names, "avnet"), names
}

// benchFiles are the builds the benchmark alternates between: VLANs 10,
// 20, 30 or 10, 40, 50 on every switch.
func benchFiles(names []string, variant int) map[string]string {
	vlans := [][]int{{10, 20, 30}, {10, 40, 50}}[variant]
	files := map[string]string{}
	for _, n := range names {
		files = merge(files, switchFiles(n, vlans, 127))
	}
	return files
}

// selfCPU is the CPU time, in seconds, this process has spent.
func selfCPU() float64 {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// cpuBusy is the CPU time, in seconds, all CPUs of the machine have
// spent busy since boot (/proc/stat: everything but idle and iowait).
func cpuBusy() float64 {
	b, _ := os.ReadFile("/proc/stat")
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	var busy float64
	for i, v := range f[1:] {
		if i == 3 || i == 4 { // idle, iowait
			continue
		}
		if i >= 7 { // steal is not this machine's work; guest is already in user and nice
			break
		}
		n, _ := strconv.ParseFloat(v, 64)
		busy += n
	}
	return busy / 100 // USER_HZ
}

func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// TestLabGeneratedConfigs applies what avnet generates for the
// lab-minimal design's linux switches (generators/switchcfg and the linux
// platform, as the lab renders them: without the management VRF, which
// the lab replaces by its own management bridge) to bare lab switches
// named like them, then plans again: nothing must be left to change.
// This is the contract between the generator's output and deploy's views.
func TestLabGeneratedConfigs(t *testing.T) {
	requireLab(t)
	out, err := vet.Design("../../designs/lab-minimal")
	if err != nil || out.Facility == nil {
		t.Skipf("cannot load designs/lab-minimal: %v", err)
	}
	f := out.Facility
	env := &gen.Env{Version: "test", Getenv: func(string) (string, bool) { return "", false }}
	files := map[string]string{}
	var names []string
	for _, name := range model.SortedKeys(f.Devices) {
		d := f.Devices[name]
		if !d.IsSwitch() {
			continue
		}
		d.Mgmt = nil
		dev, err := switchcfg.Build(f, out.Facts, d, linux.Kind, env)
		if err != nil {
			t.Skipf("switchcfg: %v", err)
		}
		rendered, err := linux.Kind.Render(dev)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rendered {
			files["configs/"+r.Name] = string(r.Data)
		}
		names = append(names, name)
	}
	inv := InventoryFromDesign("lab-minimal", f)
	tl := newTestLabNamed(t, names, "avnet")
	a := tl.writeBuild(t, files)
	if err := inv.UseLab(tl.lab.StateDir); err != nil {
		t.Fatal(err)
	}
	if err := inv.finish(); err != nil {
		t.Fatal(err)
	}
	c := tl.connector()
	p, in := tl.plan(t, inv, a, c)
	for _, d := range p.Devices {
		if d.Action == ActionUnknown {
			t.Fatalf("%s: %s", d.Name, d.Error)
		}
	}
	r := tl.apply(t, p, in, inv, a, c)
	for _, d := range r.Devices {
		if d.Status != StatusApplied {
			t.Fatalf("%s: %s: %s", d.Name, d.Status, d.Error)
		}
		t.Logf("%s applied in %v", d.Name, d.Duration.Round(time.Millisecond))
	}
	p, _ = tl.plan(t, inv, a, c)
	for _, d := range p.Devices {
		if d.Action != ActionNoOp {
			t.Errorf("%s: %s after apply:\n%s%s", d.Name, d.Action, d.Diff, d.Error)
		}
	}
}
