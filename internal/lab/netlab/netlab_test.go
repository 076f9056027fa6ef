package netlab

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"golang.org/x/sys/unix"
	"io"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// requireLab skips the test unless it runs as root with the programs of
// the given sets installed.
func requireLab(t *testing.T, sets ...[]string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("netlab tests need root (network namespaces)")
	}
	if err := CheckPrograms(append([][]string{ProgramsBase}, sets...)...); err != nil {
		t.Skip(err)
	}
}

func randHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// newLab returns a lab with unique names and its own management subnet
// (a /24 in 198.19.0.0/16), taken down at the end of the test whatever
// happens.
func newLab(t *testing.T) *Lab {
	t.Helper()
	id := randHex(3)
	b := make([]byte, 1)
	_, _ = rand.Read(b)
	l := &Lab{
		Name:       "nl" + id,
		MgmtBridge: "nlm" + id,
		MgmtCIDR:   netip.PrefixFrom(netip.AddrFrom4([4]byte{198, 19, b[0], 1}), 24),
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := l.Down(ctx); err != nil {
			t.Errorf("cleanup: %v", err)
		}
	})
	return l
}

func mgmtAddr(l *Lab, host byte) netip.Addr {
	a := l.MgmtCIDR.Addr().As4()
	a[3] = host
	return netip.AddrFrom4(a)
}

// clientKey makes an ssh client key pair in a temporary directory.
func clientKey(t *testing.T) (keyFile string, pub []byte) {
	t.Helper()
	keyFile = filepath.Join(t.TempDir(), "id_ed25519")
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "netlab-test", "-f", keyFile).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v: %s", err, out)
	}
	pub, err := os.ReadFile(keyFile + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	return keyFile, pub
}

type host struct {
	name, sw, swPort string
	vlan             int
	addr             netip.Prefix
}

// testbed is the lab of the tests: sw1 and sw2 joined by a trunk (VLANs
// 10 and 20), h1 (VLAN 10) and h2 (VLAN 20) on sw1, h3 (10) and h4 (20)
// on sw2, h5 (10) on sw1 as a bystander for multicast.
type testbed struct {
	lab   *Lab
	ovs   map[string]*OVS
	frr   map[string]*FRR
	hkeys map[string][]byte
	key   string // client private key file
	hosts []host
}

var testHosts = []host{
	{"h1", "sw1", "p1", 10, netip.MustParsePrefix("10.77.0.1/24")},
	{"h2", "sw1", "p2", 20, netip.MustParsePrefix("10.77.0.2/24")},
	{"h3", "sw2", "p3", 10, netip.MustParsePrefix("10.77.0.3/24")},
	{"h4", "sw2", "p4", 20, netip.MustParsePrefix("10.77.0.4/24")},
	{"h5", "sw1", "p5", 10, netip.MustParsePrefix("10.77.0.5/24")},
}

// bringUp builds the testbed; switches are brought up in parallel.
func bringUp(t *testing.T, ctx context.Context, l *Lab, withFRR, withSSH bool) *testbed {
	t.Helper()
	tb := &testbed{lab: l, ovs: map[string]*OVS{}, frr: map[string]*FRR{}, hkeys: map[string][]byte{}, hosts: testHosts}
	var pub []byte
	if withSSH {
		tb.key, pub = clientKey(t)
	}
	start := time.Now()
	var mu sync.Mutex
	var wg sync.WaitGroup
	errc := make(chan error, 8)
	for i, sw := range []string{"sw1", "sw2"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			var steps []string
			step := func(name string, t1 time.Time) {
				steps = append(steps, fmt.Sprintf("%s %v", name, time.Since(t1).Round(time.Millisecond)))
			}
			err := func() error {
				t1 := time.Now()
				if err := l.AddNamespace(ctx, sw); err != nil {
					return err
				}
				if err := l.AddMgmt(ctx, sw, mgmtAddr(l, byte(11+i))); err != nil {
					return err
				}
				step("netns+mgmt", t1)
				t1 = time.Now()
				o, err := l.StartOVS(ctx, sw)
				if err != nil {
					return err
				}
				if err := o.AddBridge(ctx, "br0"); err != nil {
					return err
				}
				step("ovs+bridge", t1)
				mu.Lock()
				tb.ovs[sw] = o
				mu.Unlock()
				if withFRR {
					t1 = time.Now()
					f, err := l.StartFRR(ctx, sw, []string{"ospfd", "pimd"}, "")
					if err != nil {
						return err
					}
					step("frr", t1)
					mu.Lock()
					tb.frr[sw] = f
					mu.Unlock()
				}
				if withSSH {
					t1 = time.Now()
					hk, err := l.StartSSHD(ctx, sw, mgmtAddr(l, byte(11+i)), pub)
					if err != nil {
						return err
					}
					step("sshd", t1)
					mu.Lock()
					tb.hkeys[sw] = hk
					mu.Unlock()
				}
				return nil
			}()
			t.Logf("switch %s up in %v (%s)", sw, time.Since(t0).Round(time.Millisecond), strings.Join(steps, ", "))
			errc <- err
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		if err != nil {
			t.Fatal(err)
		}
	}
	// Trunk between the switches, then the hosts.
	if err := l.AddVeth(ctx, "sw1", "trunk", "sw2", "trunk", 0); err != nil {
		t.Fatal(err)
	}
	for _, sw := range []string{"sw1", "sw2"} {
		if err := tb.ovs[sw].AddTrunkPort(ctx, "br0", "trunk", []int{10, 20}); err != nil {
			t.Fatal(err)
		}
	}
	for _, h := range tb.hosts {
		if err := l.AddNamespace(ctx, h.name); err != nil {
			t.Fatal(err)
		}
		if err := l.AddVeth(ctx, h.name, "eth0", h.sw, h.swPort, 1500); err != nil {
			t.Fatal(err)
		}
		if err := l.AddAddress(ctx, h.name, "eth0", h.addr); err != nil {
			t.Fatal(err)
		}
		if err := tb.ovs[h.sw].AddAccessPort(ctx, "br0", h.swPort, h.vlan); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("lab of 2 switches (OVS%s%s) and %d hosts up in %v", map[bool]string{true: "+FRR"}[withFRR],
		map[bool]string{true: "+sshd"}[withSSH], len(tb.hosts), time.Since(start).Round(time.Millisecond))
	return tb
}

func (tb *testbed) host(name string) host {
	for _, h := range tb.hosts {
		if h.name == name {
			return h
		}
	}
	panic(name)
}

// ping sends one ping; wait is ping's -W.
func (tb *testbed) ping(ctx context.Context, from, to string, wait string) error {
	_, err := tb.lab.Exec(ctx, from, "ping", "-n", "-c", "1", "-W", wait, tb.host(to).addr.Addr().String())
	return err
}

// pingEventually polls until a ping succeeds or the deadline passes.
func (tb *testbed) pingEventually(ctx context.Context, from, to string) error {
	return waitFor(ctx, 5*time.Second, fmt.Sprintf("ping %s -> %s", from, to), func() (bool, error) {
		return tb.ping(ctx, from, to, "0.5") == nil, nil
	})
}

// snapshot is what a lab made, captured before Down, to check after it.
type snapshot struct {
	name, stateDir string
	netns          []string
	inodes         map[uint64]bool
	rootLinks      []string
	paths          []string
	pids           []int
}

func takeSnapshot(t *testing.T, l *Lab) snapshot {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	s := snapshot{name: l.Name, stateDir: l.StateDir, inodes: map[uint64]bool{}}
	for _, n := range l.inv.Namespaces {
		s.netns = append(s.netns, n.Netns)
		if ino := netnsInode(n.Netns); ino != 0 {
			s.inodes[ino] = true
		}
	}
	s.rootLinks = append(append(s.rootLinks, l.inv.RootLinks...), l.inv.MgmtBridge)
	s.paths = append(s.paths, l.inv.Paths...)
	for _, p := range l.inv.Processes {
		if pid := ownedPID(p); pid > 0 {
			s.pids = append(s.pids, pid)
		}
	}
	s.pids = append(s.pids, labProcesses(s.inodes, "")...)
	return s
}

// assertGone checks that nothing of the snapshot is left.
func assertGone(t *testing.T, s snapshot) {
	t.Helper()
	for _, ns := range s.netns {
		if _, err := os.Lstat(filepath.Join(netnsDir, ns)); err == nil {
			t.Errorf("namespace %s left behind", ns)
		}
	}
	for _, link := range s.rootLinks {
		if _, err := os.Lstat(filepath.Join("/sys/class/net", link)); err == nil {
			t.Errorf("interface %s left behind", link)
		}
	}
	for _, p := range append(s.paths, s.stateDir) {
		if _, err := os.Lstat(p); err == nil {
			t.Errorf("path %s left behind", p)
		}
	}
	for _, pid := range s.pids {
		if words, ok := procArgs(pid); ok {
			t.Errorf("process %d (%s) left behind", pid, strings.Join(words, " "))
		}
	}
	if pids := labProcesses(s.inodes, ""); len(pids) > 0 {
		t.Errorf("processes %v left in the lab's namespaces", pids)
	}
	// Any process naming the lab's state dir or FRR pathspaces.
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		words, ok := procArgs(pid)
		if !ok {
			continue
		}
		cl := strings.Join(words, " ")
		if strings.Contains(cl, s.stateDir+"/") || strings.Contains(cl, "-N "+s.name+"-") {
			t.Errorf("process %d (%s) left behind", pid, cl)
		}
	}
	if len(s.pids) == 0 && len(s.netns) > 0 {
		t.Log("note: snapshot had no process")
	}
}

func TestTwoSwitchLab(t *testing.T) {
	requireLab(t, ProgramsOVS, ProgramsFRR, ProgramsSSHD, []string{"ping", "ssh"})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	l := newLab(t)
	tb := bringUp(t, ctx, l, true, true)

	t.Run("VLANIsolation", func(t *testing.T) {
		for _, p := range [][2]string{{"h1", "h3"}, {"h2", "h4"}, {"h1", "h5"}} {
			if err := tb.pingEventually(ctx, p[0], p[1]); err != nil {
				t.Errorf("same VLAN %s -> %s: %v", p[0], p[1], err)
			}
		}
		for _, p := range [][2]string{{"h1", "h2"}, {"h1", "h4"}, {"h3", "h2"}} {
			if err := tb.ping(ctx, p[0], p[1], "0.5"); err == nil {
				t.Errorf("across VLANs %s -> %s: ping succeeded, want failure", p[0], p[1])
			}
		}
	})

	t.Run("FRR", func(t *testing.T) {
		f := tb.frr["sw1"]
		out, err := f.Vtysh(ctx, "show interface brief")
		if err != nil {
			t.Fatal(err)
		}
		// zebra sees the namespace's interfaces, not the root's.
		if !strings.Contains(string(out), "trunk") || !strings.Contains(string(out), MgmtIfName) {
			t.Errorf("zebra of sw1 does not see the namespace's interfaces:\n%s", out)
		}
		if _, err := f.Vtysh(ctx, "configure terminal", "router ospf", "ospf router-id 10.0.0.1", "end"); err != nil {
			t.Fatal(err)
		}
		out, err = f.Vtysh(ctx, "show running-config")
		if err != nil || !strings.Contains(string(out), "ospf router-id 10.0.0.1") {
			t.Errorf("show running-config: %v\n%s", err, out)
		}
		conf := "frr defaults traditional\nhostname sw2\nservice integrated-vtysh-config\n!\nrouter ospf\n ospf router-id 10.0.0.2\n network 198.18.0.0/15 area 0\nexit\n!\n"
		if err := tb.frr["sw2"].ApplyConfig(ctx, conf); err != nil {
			t.Fatal(err)
		}
		out, err = tb.frr["sw2"].Vtysh(ctx, "show running-config")
		if err != nil || !strings.Contains(string(out), "ospf router-id 10.0.0.2") {
			t.Errorf("after ApplyConfig, show running-config: %v\n%s", err, out)
		}
		g, err := l.FRR("sw2")
		if err != nil || !containsAll(g.Daemons, "zebra", "ospfd", "pimd", "staticd") {
			t.Errorf("FRR(sw2) = %+v, %v", g, err)
		}
	})

	t.Run("SSH", func(t *testing.T) {
		dir := t.TempDir()
		known := filepath.Join(dir, "known_hosts")
		sw1 := mgmtAddr(l, 11)
		if err := os.WriteFile(known, []byte(sw1.String()+" "+string(tb.hkeys["sw1"])), 0o600); err != nil {
			t.Fatal(err)
		}
		sshArgs := func(kh string, addr netip.Addr, cmd string) []string {
			return []string{"-i", tb.key, "-F", "none", "-o", "UserKnownHostsFile=" + kh, "-o", "GlobalKnownHostsFile=/dev/null",
				"-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "ConnectTimeout=5",
				"root@" + addr.String(), cmd}
		}
		cmd := `hostname; readlink /proc/self/ns/net; ovs-vsctl br-exists br0 && echo ovs-ok; vtysh -c "show interface brief" | grep -c trunk; ` +
			`vtysh -N ` + l.NetnsName("sw1") + ` -c "show interface brief" | grep -c mgmt0`
		out, err := exec.CommandContext(ctx, "ssh", sshArgs(known, sw1, cmd)...).CombinedOutput()
		if err != nil {
			t.Fatalf("ssh sw1: %v\n%s", err, out)
		}
		lines := strings.Fields(string(out))
		wantNS := fmt.Sprintf("net:[%d]", netnsInode(l.NetnsName("sw1")))
		if len(lines) != 5 || lines[0] != "sw1" || lines[1] != wantNS || lines[2] != "ovs-ok" || lines[3] != "1" || lines[4] != "1" {
			t.Errorf("ssh sw1 session: got %q, want [sw1 %s ovs-ok 1 1]", lines, wantNS)
		}
		// The host key is verified: sw2's key for sw1's address is refused.
		bad := filepath.Join(dir, "bad_known_hosts")
		if err := os.WriteFile(bad, []byte(sw1.String()+" "+string(tb.hkeys["sw2"])), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err = exec.CommandContext(ctx, "ssh", sshArgs(bad, sw1, "true")...).CombinedOutput()
		if err == nil || !strings.Contains(string(out), "HOST IDENTIFICATION HAS CHANGED") && !strings.Contains(string(out), "Host key verification failed") {
			t.Errorf("ssh with the wrong host key: err %v, want host key verification failure:\n%s", err, out)
		}
	})

	t.Run("MulticastIGMPSnooping", func(t *testing.T) {
		testMulticast(t, ctx, tb)
	})

	t.Run("SVIAndIGMPQuerier", func(t *testing.T) {
		// A switch virtual interface in VLAN 10 on sw1, where pimd is the
		// IGMP querier: both switches learn the querier (mrouter) port.
		if err := tb.ovs["sw1"].AddInternalPort(ctx, "br0", "vlan10", 10, "10.77.0.254/24"); err != nil {
			t.Fatal(err)
		}
		if _, err := l.Exec(ctx, "h3", "ping", "-n", "-c", "1", "-W", "2", "10.77.0.254"); err != nil {
			t.Errorf("h3 -> sw1's SVI: %v", err)
		}
		if _, err := tb.frr["sw1"].Vtysh(ctx, "configure terminal", "interface vlan10", "ip igmp", "ip pim", "end"); err != nil {
			t.Fatal(err)
		}
		for _, sw := range []string{"sw1", "sw2"} {
			var mdb []byte
			if err := waitFor(ctx, 10*time.Second, sw+" to learn the IGMP querier", func() (bool, error) {
				var err error
				mdb, err = tb.ovs[sw].Appctl(ctx, "mdb/show", "br0")
				return err == nil && strings.Contains(string(mdb), "querier"), err
			}); err != nil {
				t.Errorf("%v\n%s", err, mdb)
			}
		}
	})
}

func containsAll(have []string, want ...string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			found = found || h == w
		}
		if !found {
			return false
		}
	}
	return true
}

// helperProc is the test binary run as a helper in a namespace.
type helperProc struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	lines chan string
}

func startHelper(t *testing.T, ctx context.Context, l *Lab, node string, args ...string) *helperProc {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, "ip", append([]string{"netns", "exec", l.NetnsName(node), exe, "netlab-helper"}, args...)...)
	cmd.Stderr = os.Stderr
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	h := &helperProc{cmd: cmd, stdin: stdin, lines: make(chan string, 16)}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			h.lines <- sc.Text()
		}
		close(h.lines)
	}()
	t.Cleanup(func() { stdin.Close(); _ = cmd.Wait() })
	return h
}

// line waits for the helper's next output line.
func (h *helperProc) line(t *testing.T, timeout time.Duration) string {
	t.Helper()
	select {
	case s, ok := <-h.lines:
		if !ok {
			t.Fatalf("helper %v ended without output", h.cmd.Args)
		}
		return s
	case <-time.After(timeout):
		t.Fatalf("helper %v: no output in %v", h.cmd.Args, timeout)
	}
	return ""
}

// resultInt reads a "<word> <n>" line.
func (h *helperProc) resultInt(t *testing.T, timeout time.Duration) int {
	t.Helper()
	f := strings.Fields(h.line(t, timeout))
	if len(f) != 2 {
		t.Fatalf("helper %v: unexpected output %q", h.cmd.Args, f)
	}
	n, _ := strconv.Atoi(f[1])
	return n
}

// testMulticast sends a stream from h1 to a receiver on h3 (same VLAN,
// other switch), with h5 (same VLAN, sw1, no member) and h2 (other VLAN)
// sniffing: without snooping the stream floods the VLAN; with IGMP
// snooping only the receiver gets it.
func testMulticast(t *testing.T, ctx context.Context, tb *testbed) {
	const group, mac, count = "239.1.2.3:5004", "01:00:5e:01:02:03", 20
	l := tb.lab
	round := func(snoop bool) (rx, h5, h2 int) {
		for _, sw := range []string{"sw1", "sw2"} {
			if err := tb.ovs[sw].SetIGMPSnooping(ctx, "br0", snoop); err != nil {
				t.Fatal(err)
			}
		}
		s5 := startHelper(t, ctx, l, "h5", "sniff", "eth0", mac)
		s2 := startHelper(t, ctx, l, "h2", "sniff", "eth0", mac)
		s5.line(t, 5*time.Second)
		s2.line(t, 5*time.Second)
		r := startHelper(t, ctx, l, "h3", "mcast-recv", group, tb.host("h3").addr.Addr().String(), strconv.Itoa(count), "5s")
		r.line(t, 5*time.Second) // joined
		if snoop {
			// The join reached sw1 over the trunk (reports flood to trunks).
			var mdb []byte
			if err := waitFor(ctx, 5*time.Second, "sw1 to learn the group", func() (bool, error) {
				var err error
				mdb, err = tb.ovs["sw1"].Appctl(ctx, "mdb/show", "br0")
				return err == nil && strings.Contains(string(mdb), strings.Split(group, ":")[0]), err
			}); err != nil {
				t.Fatalf("%v\n%s", err, mdb)
			}
			t.Logf("sw1 mdb/show br0:\n%s", mdb)
		}
		if _, err := l.Exec(ctx, "h1", mustExe(t), "netlab-helper", "mcast-send", group, tb.host("h1").addr.Addr().String(), strconv.Itoa(count)); err != nil {
			t.Fatal(err)
		}
		rx = r.resultInt(t, 10*time.Second)
		s5.stdin.Close()
		s2.stdin.Close()
		return rx, s5.resultInt(t, 5*time.Second), s2.resultInt(t, 5*time.Second)
	}
	rx, h5, h2 := round(false)
	t.Logf("flooding: receiver got %d/%d, bystander in VLAN saw %d, other VLAN saw %d", rx, count, h5, h2)
	if rx != count || h5 != count || h2 != 0 {
		t.Errorf("without snooping: receiver %d, same-VLAN bystander %d, other VLAN %d; want %d, %d, 0", rx, h5, h2, count, count)
	}
	rx, h5, h2 = round(true)
	t.Logf("IGMP snooping: receiver got %d/%d, bystander in VLAN saw %d, other VLAN saw %d", rx, count, h5, h2)
	if rx != count || h5 != 0 || h2 != 0 {
		t.Errorf("with IGMP snooping: receiver %d, same-VLAN bystander %d, other VLAN %d; want %d, 0, 0", rx, h5, h2, count)
	}
}

func mustExe(t *testing.T) string {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return exe
}

func TestDownLeavesNothing(t *testing.T) {
	requireLab(t, ProgramsOVS, ProgramsFRR, ProgramsSSHD)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	l := newLab(t)
	_, pub := clientKey(t)
	if err := l.AddNamespace(ctx, "sw1"); err != nil {
		t.Fatal(err)
	}
	if err := l.AddNamespace(ctx, "h1"); err != nil {
		t.Fatal(err)
	}
	if err := l.AddMgmt(ctx, "sw1", mgmtAddr(l, 11)); err != nil {
		t.Fatal(err)
	}
	o, err := l.StartOVS(ctx, "sw1")
	if err != nil {
		t.Fatal(err)
	}
	if err := o.AddBridge(ctx, "br0"); err != nil {
		t.Fatal(err)
	}
	if err := l.AddVeth(ctx, "h1", "eth0", "sw1", "p1", 9000); err != nil {
		t.Fatal(err)
	}
	if err := o.AddAccessPort(ctx, "br0", "p1", 10); err != nil {
		t.Fatal(err)
	}
	if err := o.AddInternalPort(ctx, "br0", "vlan10", 10, "10.77.0.254/24"); err != nil {
		t.Fatal(err)
	}
	if _, err := l.StartFRR(ctx, "sw1", []string{"pimd"}, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := l.StartSSHD(ctx, "sw1", mgmtAddr(l, 11), pub); err != nil {
		t.Fatal(err)
	}
	// A stray process in a namespace, not recorded: Down kills it too.
	stray := exec.Command("ip", "netns", "exec", l.NetnsName("h1"), "sleep", "300")
	if err := stray.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = stray.Wait() }()
	if _, err := l.StartProcess(ctx, "h1", "sleeper", "sleep", "300"); err != nil {
		t.Fatal(err)
	}
	// ovsdb-server, ovs-vswitchd, zebra, pimd, staticd, watchfrr, sshd, sleeper
	if got := l.Daemons(); len(got) != 8 {
		t.Errorf("Daemons() = %+v, want 8", got)
	}
	s := takeSnapshot(t, l)
	if len(s.pids) < 8 {
		t.Errorf("expected at least 8 processes before Down, got %v", s.pids)
	}
	t0 := time.Now()
	if err := l.Down(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("Down took %v", time.Since(t0).Round(time.Millisecond))
	assertGone(t, s)
	if err := l.Down(ctx); err != nil {
		t.Errorf("second Down: %v", err)
	}
}

func TestDownAfterCrash(t *testing.T) {
	requireLab(t, ProgramsOVS, ProgramsFRR, ProgramsSSHD)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	l := newLab(t)
	_, pub := clientKey(t)
	for _, n := range []string{"sw1", "sw2"} {
		if err := l.AddNamespace(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.AddMgmt(ctx, "sw1", mgmtAddr(l, 11)); err != nil {
		t.Fatal(err)
	}
	if err := l.AddVeth(ctx, "sw1", "trunk", "sw2", "trunk", 0); err != nil {
		t.Fatal(err)
	}
	if _, err := l.StartOVS(ctx, "sw1"); err != nil {
		t.Fatal(err)
	}
	if _, err := l.StartFRR(ctx, "sw2", nil, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := l.StartSSHD(ctx, "sw1", mgmtAddr(l, 11), pub); err != nil {
		t.Fatal(err)
	}
	s := takeSnapshot(t, l)

	// "Crash": the Lab object is dropped; another one reads the state dir.
	l2, err := Load(l.StateDir)
	if err != nil {
		t.Fatal(err)
	}
	if dirs, err := Labs(""); err != nil || !slices.Contains(dirs, l.StateDir) {
		t.Errorf("Labs() = %v, %v; want it to hold %s", dirs, err, l.StateDir)
	}
	if got := l2.Nodes(); len(got) != 2 {
		t.Errorf("loaded nodes %v", got)
	}
	if _, err := l2.OVS("sw1"); err != nil {
		t.Errorf("loaded lab's OVS(sw1): %v", err)
	}
	// A Lab of the same name (default state dir) cannot be created over it.
	if err := (&Lab{Name: l.Name, MgmtBridge: "nlmx" + randHex(2)}).AddNamespace(ctx, "x"); err == nil || !strings.Contains(err.Error(), "already holds a lab's state") {
		t.Errorf("second lab over the same state dir: %v", err)
	}
	if err := l2.Down(ctx); err != nil {
		t.Fatal(err)
	}
	assertGone(t, s)

	// Down by name alone, with nothing left, is a no-op.
	if err := (&Lab{Name: l.Name}).Down(ctx); err != nil {
		t.Errorf("Down by name after Down: %v", err)
	}
}

func TestDownByNameAfterCrash(t *testing.T) {
	requireLab(t, ProgramsOVS)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	l := newLab(t)
	if err := l.AddNamespace(ctx, "sw1"); err != nil {
		t.Fatal(err)
	}
	if _, err := l.StartOVS(ctx, "sw1"); err != nil {
		t.Fatal(err)
	}
	s := takeSnapshot(t, l)
	if err := (&Lab{Name: l.Name}).Down(ctx); err != nil {
		t.Fatal(err)
	}
	assertGone(t, s)
}

func TestNamespaceClash(t *testing.T) {
	requireLab(t)
	ctx := context.Background()
	l := newLab(t)
	ns := l.NetnsName("sw1")
	if out, err := exec.Command("ip", "netns", "add", ns).CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("ip", "netns", "del", ns).Run() })
	err := l.AddNamespace(ctx, "sw1")
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("AddNamespace over an existing namespace: %v", err)
	}
	// Down must not delete the namespace it did not make.
	if err := l.Down(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(filepath.Join(netnsDir, ns)); err != nil {
		t.Errorf("Down deleted a namespace the lab did not make: %v", err)
	}
}

func TestMissingProgram(t *testing.T) {
	programs["netlab-test-no-such-program"] = "netlab-test-package"
	defer delete(programs, "netlab-test-no-such-program")
	err := CheckPrograms([]string{"ip", "netlab-test-no-such-program"})
	var me *MissingError
	if !errors.As(err, &me) || !strings.Contains(err.Error(), "apt-get install netlab-test-package") {
		t.Fatalf("CheckPrograms = %v", err)
	}
}

func TestPTP(t *testing.T) {
	requireLab(t, ProgramsPTP)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	l := newLab(t)
	for _, n := range []string{"gm", "slave"} {
		if err := l.AddNamespace(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.AddVeth(ctx, "gm", "ptp0", "slave", "ptp0", 0); err != nil {
		t.Fatal(err)
	}
	if err := l.AddAddress(ctx, "gm", "ptp0", netip.MustParsePrefix("10.78.0.1/24")); err != nil {
		t.Fatal(err)
	}
	if err := l.AddAddress(ctx, "slave", "ptp0", netip.MustParsePrefix("10.78.0.2/24")); err != nil {
		t.Fatal(err)
	}
	before := hostClock(t)
	t0 := time.Now()
	gm, err := l.StartPTP4L(ctx, "gm", PTPOptions{Interfaces: []string{"ptp0"}, Priority1: 100})
	if err != nil {
		t.Fatal(err)
	}
	sl, err := l.StartPTP4L(ctx, "slave", PTPOptions{Interfaces: []string{"ptp0"}, SlaveOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var gs, ss *PTPStatus
	// The slave's servo locks (SLAVE, not UNCALIBRATED): ptp4l runs it
	// for real, under the clock guard.
	err = waitFor(ctx, 15*time.Second, "the slave to lock to the master", func() (bool, error) {
		var e1, e2 error
		gs, e1 = gm.Status(ctx)
		ss, e2 = sl.Status(ctx)
		return e1 == nil && e2 == nil && gs.PortState == "MASTER" && ss.GMPresent && ss.GMIdentity == gs.ClockIdentity && ss.IngressTime != 0 &&
			ss.PortState == "SLAVE", nil
	})
	log, _ := os.ReadFile(filepath.Join(l.NodeDir("slave"), sl.Name+".log"))
	if err != nil {
		t.Fatalf("%v: master %+v slave %+v\nslave log:\n%s", err, gs, ss, log)
	}
	t.Logf("after %v: master %+v, slave %+v", time.Since(t0).Round(time.Millisecond), *gs, *ss)
	if !strings.Contains(string(log), " s2 ") && !strings.Contains(string(log), "UNCALIBRATED to SLAVE") {
		t.Errorf("the slave's log shows no locked servo:\n%s", log)
	}
	// Its servo ran, but the host's clock was not adjusted: the guard
	// made ptp4l's clock_adjtime a no-op.
	if after := hostClock(t); after != before {
		t.Errorf("the system clock's frequency or status changed while ptp4l ran: %+v, then %+v", before, after)
	}
}

// hostClockState is what the kernel says of the system clock's
// discipline.
type hostClockState struct {
	Freq   int64
	Status int32
}

func hostClock(t *testing.T) hostClockState {
	t.Helper()
	var tx unix.Timex
	if _, err := unix.Adjtimex(&tx); err != nil {
		t.Fatal(err)
	}
	return hostClockState{Freq: int64(tx.Freq), Status: tx.Status}
}
