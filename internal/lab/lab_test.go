package lab_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/avnet/avnet/internal/deploy"
	"github.com/avnet/avnet/internal/lab"
)

// The test binary is also the child process of the killed `lab up`
// test.
func TestMain(m *testing.M) {
	if len(os.Args) == 4 && os.Args[1] == "lab-up-child" {
		var o lab.Options
		if err := json.Unmarshal([]byte(os.Args[3]), &o); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		o.Configurator = deploy.LabConfigurator{Version: "test"}
		if _, err := lab.Up(context.Background(), os.Args[2], o); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// requireLab skips a test that cannot run here, saying why.
func requireLab(t testing.TB) {
	t.Helper()
	if err := lab.Check(); err != nil {
		t.Skipf("lab integration test skipped: %v", err)
	}
}

func randHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// testOptions gives a test lab its own name, management bridge and
// management /24 (in 198.19.0.0/16), so tests and other labs do not clash.
func testOptions(t testing.TB) lab.Options {
	b := make([]byte, 1)
	_, _ = rand.Read(b)
	id := randHex(3)
	o := lab.Options{
		Name:       "lt" + id,
		MgmtBridge: "ltm" + id,
		MgmtCIDR:   netip.PrefixFrom(netip.AddrFrom4([4]byte{198, 19, 128 + b[0]%120, 1}), 24),
		Log:        testLog{t},
		// As `avnet lab up`: the switches are configured by plan/apply.
		Configurator: deploy.LabConfigurator{Version: "test"},
	}
	return o
}

type testLog struct{ t testing.TB }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// downAtEnd takes the lab down when the test ends, whatever happened.
func downAtEnd(t testing.TB, stateDir string) {
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := lab.Down(ctx, stateDir); err != nil {
			t.Errorf("cleanup: lab down: %v", err)
		}
	})
}

// leftovers is what a lab made, read from its state before Down, to
// check after it that nothing is left.
type leftovers struct {
	stateDir string
	netns    []string
	inodes   map[string]bool
	links    []string
	paths    []string
	pids     []int
}

func snapshot(t *testing.T, stateDir string) *leftovers {
	t.Helper()
	var st struct {
		MgmtBridge string   `json:"mgmt_bridge"`
		RootLinks  []string `json:"root_links"`
		Paths      []string `json:"paths"`
		Namespaces []struct {
			Netns string `json:"netns"`
		} `json:"namespaces"`
	}
	b, err := os.ReadFile(filepath.Join(stateDir, "state.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	lo := &leftovers{stateDir: stateDir, inodes: map[string]bool{}, paths: st.Paths}
	lo.links = append(st.RootLinks, st.MgmtBridge)
	for _, n := range st.Namespaces {
		lo.netns = append(lo.netns, n.Netns)
		var s syscall.Stat_t
		if syscall.Stat("/var/run/netns/"+n.Netns, &s) == nil {
			lo.inodes[fmt.Sprintf("net:[%d]", s.Ino)] = true
		}
	}
	lo.pids = labPIDs(lo)
	return lo
}

// labPIDs lists the processes in the lab's namespaces or naming its
// state directory.
func labPIDs(lo *leftovers) []int {
	ents, _ := os.ReadDir("/proc")
	var out []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		if i := strings.LastIndexByte(string(stat), ')'); i > 0 && i+2 < len(stat) && stat[i+2] == 'Z' {
			continue
		}
		ns, _ := os.Readlink("/proc/" + e.Name() + "/ns/net")
		cl, _ := os.ReadFile("/proc/" + e.Name() + "/cmdline")
		if lo.inodes[ns] || strings.Contains(string(cl), lo.stateDir+"/") {
			out = append(out, pid)
		}
	}
	return out
}

func (lo *leftovers) assertGone(t *testing.T) {
	t.Helper()
	for _, ns := range lo.netns {
		if _, err := os.Lstat("/var/run/netns/" + ns); err == nil {
			t.Errorf("namespace %s left behind", ns)
		}
	}
	for _, l := range lo.links {
		if _, err := os.Lstat("/sys/class/net/" + l); err == nil {
			t.Errorf("interface %s left behind", l)
		}
	}
	for _, p := range append(lo.paths, lo.stateDir) {
		if _, err := os.Lstat(p); err == nil {
			t.Errorf("path %s left behind", p)
		}
	}
	if pids := labPIDs(lo); len(pids) > 0 {
		for _, pid := range pids {
			cl, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
			t.Errorf("process %d left behind: %s", pid, strings.ReplaceAll(string(cl), "\x00", " "))
		}
	}
}

// TestLabMinimal is the whole cycle on designs/lab-minimal: up, apply,
// test, down, with its measured times.
func TestLabMinimal(t *testing.T) {
	requireLab(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	o := testOptions(t)
	dir := designPath("lab-minimal")
	stateDir, err := lab.StateDir(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	downAtEnd(t, stateDir)

	t0 := time.Now()
	inv, err := lab.Up(ctx, dir, o)
	if err != nil {
		t.Fatal(err)
	}
	upTime := time.Since(t0)
	t.Logf("lab up: %v %v", upTime.Round(time.Millisecond), inv.Timings)

	t.Run("Inventory", func(t *testing.T) {
		got, err := lab.LoadInventory(stateDir)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Ready || len(got.Switches) != 2 || len(got.Endpoints) != 9 || len(got.Links) != 10 {
			t.Errorf("inventory: ready %v, %d switches, %d endpoints, %d links; want ready, 2, 9, 10", got.Ready, len(got.Switches), len(got.Endpoints), len(got.Links))
		}
		fi, err := os.Stat(got.SSH.Key)
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("lab key %s: %v, mode %v; want 0600", got.SSH.Key, err, fi.Mode().Perm())
		}
		// The switches answer over SSH as the lab account, with the host
		// key the lab recorded, in their own namespace and hostname.
		for _, sw := range got.Switches {
			out, err := got.SSH.Run(ctx, sw.MgmtIP, "hostname; ovs-vsctl --db="+sw.OVSDB+" get Open_vSwitch . external_ids:avnet-config", nil)
			if err != nil {
				t.Errorf("ssh %s: %v", sw.Device, err)
				continue
			}
			want := sw.Device + "\n" + sw.Device + "\n"
			if string(out) != want {
				t.Errorf("ssh %s: got %q, want %q (hostname, and the configuration applied)", sw.Device, out, want)
			}
		}
	})

	t0 = time.Now()
	res, err := lab.Test(ctx, stateDir, lab.TestOptions{Log: testLog{t}})
	if err != nil {
		t.Fatal(err)
	}
	testTime := time.Since(t0)
	var table strings.Builder
	_ = res.WriteTable(&table)
	t.Logf("lab test: %v %v\n%s", testTime.Round(time.Millisecond), res.Timings, table.String())

	if !res.Passed {
		t.Errorf("lab test failed: flows %v", res.Failed())
	}
	if len(res.Flows) != 8 {
		t.Errorf("%d flows tested, want 8", len(res.Flows))
	}
	for _, f := range res.Flows {
		for _, l := range f.Legs {
			for _, rc := range l.Receivers {
				if rc.Received != res.Count {
					t.Errorf("%s: %s received %d of %d", f.Flow, rc.Receiver, rc.Received, res.Count)
				}
				if len(rc.DSCP) != 1 || rc.DSCP[f.DSCP] != rc.Received {
					t.Errorf("%s: %s DSCP %v, want all %d", f.Flow, rc.Receiver, rc.DSCP, f.DSCP)
				}
			}
			// host-1 is in the media VLAN on sw-2 with mon-1 and joins nothing.
			if l.VLAN == "media" {
				found := false
				for _, b := range l.Silent {
					if b.Device == "host-1" {
						found = true
						if b.Frames != 0 {
							t.Errorf("%s: host-1 (not a receiver) saw %d frames", f.Flow, b.Frames)
						}
					}
				}
				if !found {
					t.Errorf("%s: host-1 not checked for silence", f.Flow)
				}
			}
			if l.VLAN == "media" && (l.IGMP != 3 || l.Source == "") || l.VLAN == "iptv" && (l.IGMP != 2 || l.Source != "") {
				t.Errorf("%s: IGMP v%d source %q: want v3 SSM in media, v2 any-source in iptv", f.Flow, l.IGMP, l.Source)
			}
		}
	}
	if len(res.PTP) != 1 || !res.PTP[0].Passed || res.PTP[0].Elected != "gm-1" {
		t.Errorf("PTP: %+v; want one tree electing gm-1", res.PTP)
	} else {
		checkLocked(t, res.PTP[0])
	}
	out := t.TempDir()
	if err := res.Save(out, "fr"); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"results.json", "results.md"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}

	lo := snapshot(t, stateDir)
	if len(lo.pids) < 16 {
		t.Errorf("only %d processes before down, want at least 16 (8 per switch)", len(lo.pids))
	}
	t0 = time.Now()
	if err := lab.Down(ctx, stateDir); err != nil {
		t.Fatal(err)
	}
	downTime := time.Since(t0)
	lo.assertGone(t)
	if err := lab.Down(ctx, stateDir); err != nil {
		t.Errorf("second down: %v", err)
	}
	total := upTime + testTime + downTime
	t.Logf("TIMING lab-minimal: up %v, test %v, down %v, total %v (budget 30s)",
		upTime.Round(time.Millisecond), testTime.Round(time.Millisecond), downTime.Round(time.Millisecond), total.Round(time.Millisecond))
}

// checkLocked checks that every clock of a tree that must follow its
// grandmaster locked (SLAVE), with measured offsets within the tolerance.
func checkLocked(t *testing.T, p *lab.PTPTest) {
	t.Helper()
	if p.ToleranceNs != 100e3 {
		t.Errorf("tolerance %v ns, want the schema's default 100 µs", p.ToleranceNs)
	}
	slaves := 0
	for _, c := range p.Clocks {
		switch {
		case c.Device == p.Intended:
			if c.PortState != "MASTER" || c.Locked {
				t.Errorf("grandmaster %s: state %s, locked %v; want MASTER, not locked", c.Device, c.PortState, c.Locked)
			}
		case c.Kind == "grandmaster" && c.PortState == "PASSIVE":
		default:
			slaves++
			if c.PortState != "SLAVE" || !c.Locked || c.Samples == 0 || c.OffsetNs > p.ToleranceNs || c.PathDelayNs <= 0 {
				t.Errorf("clock %s: state %s, locked %v, %d offset samples, offset %v ns, path delay %v ns; want SLAVE, locked, sampled, within %v ns",
					c.Device, c.PortState, c.Locked, c.Samples, c.OffsetNs, c.PathDelayNs, p.ToleranceNs)
			}
		}
	}
	if slaves != p.Locked || slaves < 5 {
		t.Errorf("%d clocks locked of %d that must follow the grandmaster (want at least 5)", p.Locked, slaves)
	}
}

// TestLabPTPNoLock drops the grandmaster's PTP event messages (Sync, on
// UDP port 319) as they reach the boundary clock sw-1, with nftables in
// sw-1's namespace: gm-1's Announce messages still arrive, so sw-1 elects
// it, but its servo never gets a Sync and cannot lock. The recette must
// fail on that clock (an election alone no longer passes), and the flows
// still pass. TestLabMinimal is the same lab with PTP passing.
func TestLabPTPNoLock(t *testing.T) {
	requireLab(t)
	if _, err := exec.LookPath("nft"); err != nil {
		t.Skip("nft (Debian package nftables) is needed to drop the grandmaster's Syncs")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	o := testOptions(t)
	dir := designPath("lab-minimal")
	stateDir, err := lab.StateDir(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	downAtEnd(t, stateDir)
	inv, err := lab.Up(ctx, dir, o)
	if err != nil {
		t.Fatal(err)
	}
	netns, port := "", ""
	for _, sw := range inv.Switches {
		for _, p := range sw.Ports {
			if sw.Device == "sw-1" && strings.HasPrefix(p.Peer, "gm-1:") {
				netns, port = sw.Netns, p.Linux
			}
		}
	}
	if port == "" {
		t.Fatal("no port of sw-1 toward gm-1 in the lab's inventory")
	}
	// Dropped on input (sending them would fail, and gm-1's ptp4l would
	// fault). The rules live in sw-1's namespace and go with it.
	rules := "add table inet avnettest\n" +
		"add chain inet avnettest in { type filter hook input priority 0; }\n" +
		"add rule inet avnettest in iifname " + port + " udp dport 319 drop\n"
	cmd := exec.CommandContext(ctx, "ip", "netns", "exec", netns, "nft", "-f", "-")
	cmd.Stdin = strings.NewReader(rules)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nft in %s: %v: %s", netns, err, out)
	}
	res, err := lab.Test(ctx, stateDir, lab.TestOptions{PTPTimeout: 8 * time.Second, Log: testLog{t}})
	if err != nil {
		t.Fatal(err)
	}
	var table strings.Builder
	_ = res.WriteTable(&table)
	t.Logf("lab test with gm-1's Syncs dropped:\n%s", table.String())
	if res.Passed || len(res.PTP) != 1 || res.PTP[0].Passed {
		t.Fatalf("the recette passed although gm-1's Syncs never left it: %+v", res.PTP)
	}
	if f := res.Failed(); len(f) > 0 {
		t.Errorf("flows failed too: %v (only PTP should)", f)
	}
	p := res.PTP[0]
	if p.Elected != "gm-1" {
		t.Errorf("elected %q, want gm-1 (its Announces pass)", p.Elected)
	}
	for _, c := range p.Clocks {
		if c.Device == "sw-1" {
			if c.Locked || c.Passed || c.PortState != "UNCALIBRATED" || !strings.Contains(c.Problem, "not locked") {
				t.Errorf("sw-1: state %s, locked %v, passed %v, problem %q; want UNCALIBRATED, not locked, failed", c.PortState, c.Locked, c.Passed, c.Problem)
			}
		}
	}
	if !strings.Contains(p.Problem, "sw-1: after 8 s, not locked") {
		t.Errorf("tree problem %q does not name sw-1's lock", p.Problem)
	}
}

// TestLabBrokenTrunk: a copy of lab-minimal whose trunk no longer carries
// the iptv VLAN: `lab test` must fail on exactly the two IPTV flows (their
// receiver stb-1 is across the trunk) and pass everything else.
func TestLabBrokenTrunk(t *testing.T) {
	requireLab(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	src, err := os.ReadFile(filepath.Join(designPath("lab-minimal"), "lab.cue"))
	if err != nil {
		t.Fatal(err)
	}
	const trunk = `vlans: ["media", "iptv"]}`
	if !strings.Contains(string(src), trunk) {
		t.Fatalf("lab-minimal's trunk no longer reads %q: update the test", trunk)
	}
	broken := strings.Replace(string(src), trunk, `vlans: ["media"]}`, 1)
	dir := filepath.Join(t.TempDir(), "lab-broken")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "lab.cue"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	o := testOptions(t)
	stateDir, _ := lab.StateDir(dir, o)
	downAtEnd(t, stateDir)
	if _, err := lab.Up(ctx, dir, o); err != nil {
		t.Fatal(err)
	}
	res, err := lab.Test(ctx, stateDir, lab.TestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var table strings.Builder
	_ = res.WriteTable(&table)
	t.Logf("lab test on the broken design:\n%s", table.String())
	if res.Passed {
		t.Errorf("lab test passed on a design whose trunk lacks the iptv VLAN")
	}
	if got, want := res.Failed(), []string{"headend-1/info", "headend-1/mire"}; !slices.Equal(got, want) {
		t.Errorf("failed flows %v, want exactly %v", got, want)
	}
	for _, f := range res.Flows {
		if strings.HasPrefix(f.Flow, "headend-1/") {
			rc := f.Legs[0].Receivers[0]
			if rc.Receiver != "stb-1" || rc.Received != 0 || rc.Expected == "" {
				t.Errorf("%s: receiver %s got %d (analysis: %q); want stb-1 to get nothing, as analysis predicts", f.Flow, rc.Receiver, rc.Received, rc.Expected)
			}
		}
	}
	if len(res.PTP) != 1 || !res.PTP[0].Passed {
		t.Errorf("PTP should still pass: %+v", res.PTP)
	}
}

// TestDownAfterKilledUp kills `lab up` (SIGKILL, no chance to clean up)
// once its switches' daemons run, then takes the lab down from its state
// directory: nothing may be left.
func TestDownAfterKilledUp(t *testing.T) {
	requireLab(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	o := testOptions(t)
	o.Log = nil
	dir := designPath("lab-minimal")
	stateDir, _ := lab.StateDir(dir, o)
	downAtEnd(t, stateDir)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	o.Configurator = nil // an interface: the child sets its own
	oj, _ := json.Marshal(o)
	child := exec.Command(exe, "lab-up-child", dir, string(oj))
	child.Stderr = os.Stderr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- child.Wait() }()
	// Kill it once FRR runs on a switch: namespaces, veths, the bridge and
	// daemons exist, the configuration is not applied yet.
	deadline := time.Now().Add(time.Minute)
	for {
		b, _ := os.ReadFile(filepath.Join(stateDir, "state.json"))
		if strings.Contains(string(b), `"name": "watchfrr"`) && strings.Contains(string(b), `"name": "sshd"`) {
			break
		}
		select {
		case err := <-exited:
			t.Fatalf("lab up ended before it could be killed: %v", err)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("lab up never started its daemons")
		}
	}
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-exited
	lo := snapshot(t, stateDir)
	if len(lo.netns) == 0 {
		t.Fatal("the killed lab up had made no namespace: the test proves nothing")
	}
	t.Logf("killed lab up left %d namespaces and %d processes", len(lo.netns), len(lo.pids))
	st, err := lab.Status(o.StateRoot)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range st {
		if s.StateDir == stateDir && s.Problem == "" {
			t.Errorf("status of the killed lab says nothing is wrong: %+v", s)
		}
	}
	if err := lab.Down(ctx, stateDir); err != nil {
		t.Fatal(err)
	}
	lo.assertGone(t)
}

// TestFlagship brings up the lab of the flagship design (10 switches of
// three platforms, configured by plan/apply; 52 endpoints, 121 cables),
// runs the acceptance tests (every flow of both planes, PTP) and takes it
// down: nothing may be left. Its timings are BenchmarkFlagshipLabUp's.
func TestFlagship(t *testing.T) {
	if testing.Short() {
		t.Skip("the flagship lab takes most of a minute (-short)")
	}
	requireLab(t)
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()
	o := testOptions(t)
	o.Log = nil
	dir := designPath("chaine-tv-ip")
	stateDir, _ := lab.StateDir(dir, o)
	downAtEnd(t, stateDir)
	inv, err := lab.Up(ctx, dir, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Switches) != 10 || len(inv.Endpoints) != 52 || inv.Configurator != "avnet-apply" {
		t.Errorf("%d switches, %d endpoints, configured by %s; want 10, 52, avnet-apply", len(inv.Switches), len(inv.Endpoints), inv.Configurator)
	}
	st, err := lab.Status(o.StateRoot)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range st {
		if s.StateDir == stateDir && (s.Problem != "" || len(s.Daemons) != 80) {
			t.Errorf("status: %d daemons, problem %q; want 80 and none", len(s.Daemons), s.Problem)
		}
	}
	res, err := lab.Test(ctx, stateDir, lab.TestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var table strings.Builder
	_ = res.WriteTable(&table)
	for _, n := range res.Notes {
		t.Log(n)
	}
	// Every flow must reach every receiver and no bystander, both planes,
	// with the class's DSCP. Packets lost twice over (all legs at once,
	// then alone) are logged, not failed: on this 2-core machine ten
	// userspace datapaths, 80 daemons and the streams themselves share the
	// cores, and a switch that stalls for half a second says nothing of
	// the design. A path that is missing, a leak or a duplicate fails.
	lossy := res.LossOnly()
	var wrong []string
	for _, f := range res.Failed() {
		if !lossy[f] {
			wrong = append(wrong, f)
		}
	}
	if len(wrong) > 0 {
		t.Errorf("lab test of the flagship failed: flows %v\n%s", wrong, table.String())
	} else if !res.Passed {
		t.Logf("flows that lost packets on this loaded machine, sent twice: %v", res.Failed())
	}
	// Every clock of both planes' PTP trees locks within its tolerance.
	for _, p := range res.PTP {
		t.Logf("PTP %s around %s: passed %v, %d clocks locked in %.1f s, largest offset %.0f ns", p.Domain, p.Intended, p.Passed, p.Locked, p.Converged, p.MaxOffsetNs)
		if !p.Passed {
			t.Errorf("PTP %s around %s: %s\n%s", p.Domain, p.Intended, p.Problem, table.String())
		}
	}
	if len(res.Flows) != 49 || len(res.PTP) != 2 {
		t.Errorf("%d flows and %d PTP trees tested, want 49 and 2", len(res.Flows), len(res.PTP))
	}
	lo := snapshot(t, stateDir)
	if err := lab.Down(ctx, stateDir); err != nil {
		t.Fatal(err)
	}
	lo.assertGone(t)
}

// BenchmarkLabMinimalCycle times `lab up`, `lab test` and `lab down` of
// designs/lab-minimal (the budget: 30 s for the three).
// bench/lab.sh runs it with BenchmarkFlagshipLabUp.
func BenchmarkLabMinimalCycle(b *testing.B) {
	requireLab(b)
	ctx := context.Background()
	dir := designPath("lab-minimal")
	for i := 0; i < b.N; i++ {
		o, stateDir := benchLab(b, dir)
		t0 := time.Now()
		if _, err := lab.Up(ctx, dir, o); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		res, err := lab.Test(ctx, stateDir, lab.TestOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if !res.Passed {
			b.Fatalf("lab test failed: %v", res.Failed())
		}
		t2 := time.Now()
		if err := lab.Down(ctx, stateDir); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(t1.Sub(t0).Seconds(), "up-s")
		b.ReportMetric(t2.Sub(t1).Seconds(), "test-s")
		b.ReportMetric(time.Since(t2).Seconds(), "down-s")
	}
}

// BenchmarkFlagshipLabUp times `lab up` of the flagship design (the
// issue's budget: 60 s), its switches configured by plan/apply.
func BenchmarkFlagshipLabUp(b *testing.B) {
	requireLab(b)
	ctx := context.Background()
	dir := designPath("chaine-tv-ip")
	b.StopTimer()
	for i := 0; i < b.N; i++ {
		o, stateDir := benchLab(b, dir)
		b.StartTimer()
		if _, err := lab.Up(ctx, dir, o); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := lab.Down(ctx, stateDir); err != nil {
			b.Fatal(err)
		}
	}
}

// benchLab gives a benchmark round its own quiet lab, taken down at the
// end whatever happens.
func benchLab(b *testing.B, dir string) (lab.Options, string) {
	o := testOptions(b)
	o.Log = nil
	stateDir, err := lab.StateDir(dir, o)
	if err != nil {
		b.Fatal(err)
	}
	downAtEnd(b, stateDir)
	return o, stateDir
}

func designPath(name string) string { return filepath.Join("..", "..", "designs", name) }
