package lab

import (
	"context"
	"errors"
	"fmt"
	"github.com/avnet/avnet/internal/plural"
	"io"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/build"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/lab/netlab"
	"github.com/avnet/avnet/internal/load"
	"github.com/avnet/avnet/internal/model"
)

// Options of a lab. The zero value is the default lab of a design.
type Options struct {
	// Name of the lab; default LabName(design directory).
	Name string
	// StateRoot holds the labs' state directories, <StateRoot>/<Name>;
	// default /run/avnet-lab.
	StateRoot string
	// MgmtBridge and MgmtCIDR are the management network in the root
	// namespace; default avnet-mgmt0 and 198.18.0.1/15.
	MgmtBridge string
	MgmtCIDR   netip.Prefix
	// Configurator configures the bare switches; default SSHApply (the
	// CLI passes deploy.LabConfigurator).
	Configurator Configurator
	// Parallel bounds the nodes and links set up at once; default 6.
	Parallel int
	// Log receives progress lines; nil for none.
	Log io.Writer
	// Version is avnet's version, written in the rendered configurations.
	Version string
}

func (o *Options) fill(designDir string) error {
	if o.Name == "" {
		abs, err := filepath.Abs(designDir)
		if err != nil {
			return err
		}
		o.Name = LabName(abs)
	}
	if o.StateRoot == "" {
		o.StateRoot = netlab.DefaultStateRoot
	}
	if o.MgmtBridge == "" {
		o.MgmtBridge = netlab.DefaultMgmtBridge
	}
	if !o.MgmtCIDR.IsValid() {
		o.MgmtCIDR = netlab.DefaultMgmtCIDR
	}
	if o.Parallel <= 0 {
		o.Parallel = 6
	}
	if o.Configurator == nil {
		o.Configurator = SSHApply{Parallel: o.Parallel}
	}
	return nil
}

func (o *Options) logf(format string, args ...any) {
	if o.Log != nil {
		fmt.Fprintf(o.Log, format+"\n", args...)
	}
}

// StateDir is the state directory of the lab of a design.
func StateDir(designDir string, o Options) (string, error) {
	if err := o.fill(designDir); err != nil {
		return "", err
	}
	return filepath.Join(o.StateRoot, o.Name), nil
}

// DesignError is a design that does not load: CUE rejected it.
type DesignError struct {
	Dir         string
	Diagnostics []diag.Diagnostic
}

func (e *DesignError) Error() string {
	return fmt.Sprintf("design %s does not load: %s (avnet vet shows why)", e.Dir, diag.Summary(e.Diagnostics))
}

func loadDesign(dir string) (*model.Facility, error) {
	res, err := load.Dir(dir, load.Options{})
	if err != nil {
		return nil, err
	}
	if res.Facility == nil {
		return nil, &DesignError{Dir: dir, Diagnostics: res.Diagnostics}
	}
	return res.Facility, nil
}

// Programs the lab runs, beyond netlab's sets.
var programsLab = []string{"ssh", "ovs-ofctl", "/usr/lib/frr/frr-reload.py", "sh"}

// Check returns why this machine cannot run a lab: not root, or programs
// missing (a *netlab.MissingError naming the Debian packages to install).
func Check() error {
	var errs []error
	if os.Geteuid() != 0 {
		errs = append(errs, errors.New("the lab needs root: it creates network namespaces and runs Open vSwitch, FRR, sshd and ptp4l in them (run it with sudo)"))
	}
	if err := netlab.CheckPrograms(netlab.ProgramsBase, netlab.ProgramsOVS, netlab.ProgramsFRR,
		netlab.ProgramsSSHD, netlab.ProgramsPTP, programsLab); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// Up brings up the lab of the design in designDir: a namespace per
// switch with Open vSwitch, FRR and sshd, configured through the
// Configurator from configurations rendered for the lab view of the
// design; a namespace per endpoint with its addresses; veth pairs for
// the cables; a management bridge that reaches every switch's sshd. On
// failure (or ctx cancelled) whatever was made is taken down again.
func Up(ctx context.Context, designDir string, o Options) (inv *Inventory, err error) {
	if err := o.fill(designDir); err != nil {
		return nil, err
	}
	if err := Check(); err != nil {
		return nil, err
	}
	t0 := time.Now()
	timings := map[string]float64{}
	phase := func(name string, since time.Time) {
		timings[name] = time.Since(since).Round(time.Millisecond).Seconds()
	}
	abs, err := filepath.Abs(designDir)
	if err != nil {
		return nil, err
	}
	f, err := loadDesign(abs)
	if err != nil {
		return nil, err
	}
	digest, err := build.DesignDigest(abs)
	if err != nil {
		return nil, err
	}
	topo, err := NewTopology(f, o.MgmtCIDR)
	if err != nil {
		return nil, err
	}
	phase("load", t0)
	stateDir := filepath.Join(o.StateRoot, o.Name)
	if _, err := os.Stat(filepath.Join(stateDir, "state.json")); err == nil {
		return nil, fmt.Errorf("lab %s is already up (state in %s): take it down first with `avnet lab down %s`", o.Name, stateDir, designDir)
	}
	if _, err := os.Stat(filepath.Join("/sys/class/net", o.MgmtBridge)); err == nil {
		return nil, fmt.Errorf("management bridge %s already exists: another lab is up (`avnet lab status`); take it down, or give this one its own --mgmt-bridge and --mgmt-cidr", o.MgmtBridge)
	}
	nl := &netlab.Lab{Name: o.Name, StateDir: stateDir, MgmtBridge: o.MgmtBridge, MgmtCIDR: o.MgmtCIDR, SSHUser: labAccount(f)}
	defer func() {
		if err != nil {
			o.logf("lab %s: bring-up failed, taking down what was made", o.Name)
			dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
			defer cancel()
			if derr := takeDown(dctx, stateDir); derr != nil {
				err = errors.Join(err, derr)
			}
			inv = nil
		}
	}()
	if err := os.MkdirAll(stateDir, 0o755); err != nil {
		return nil, err
	}
	inv = &Inventory{Schema: InventorySchema, Lab: o.Name, Design: abs, DesignDigest: digest, StateDir: stateDir,
		Configs: filepath.Join(stateDir, "build"), Configurator: o.Configurator.Name(),
		Mgmt: MgmtInfo{Bridge: o.MgmtBridge, CIDR: o.MgmtCIDR.String()}, Skipped: topo.Skipped, Timings: timings}
	inv.fillNodes(topo, nl)
	if err := inv.Save(); err != nil {
		return nil, err
	}

	// Configurations of the lab view, and the lab's SSH key.
	t1 := time.Now()
	if err := renderConfigs(ctx, topo, inv.Configs, digest, o.Version); err != nil {
		return nil, err
	}
	if err := inv.makeKey(ctx); err != nil {
		return nil, err
	}
	inv.SSH.User = nl.SSHUser
	phase("render", t1)
	o.logf("lab %s: %s, %s, %s", o.Name, plural.Count(len(topo.Switches), "switch", "switches"), plural.Count(len(topo.Endpoints), "endpoint", "endpoints"), plural.Count(len(topo.Links), "cable", "cables"))

	// Namespaces, management.
	t1 = time.Now()
	var tasks []func() error
	for _, n := range topo.Switches {
		tasks = append(tasks, func() error {
			if err := nl.AddNamespace(ctx, n.Name); err != nil {
				return err
			}
			if err := writeNetnsPasswd(nl.NetnsName(n.Name), nl.SSHUser); err != nil {
				return err
			}
			return nl.AddMgmt(ctx, n.Name, n.MgmtIP)
		})
	}
	for _, n := range topo.Endpoints {
		tasks = append(tasks, func() error { return nl.AddNamespace(ctx, n.Name) })
	}
	if err := parallel(ctx, o.Parallel, tasks); err != nil {
		return nil, err
	}
	phase("namespaces", t1)

	// Switch daemons and cables, at once.
	t1 = time.Now()
	pub, err := os.ReadFile(inv.SSH.PublicKey)
	if err != nil {
		return nil, err
	}
	var mu sync.Mutex
	hostKeys := map[string]string{}
	tasks = nil
	for _, n := range topo.Switches {
		tasks = append(tasks, func() error {
			ts := time.Now()
			ovs, err := nl.StartOVS(ctx, n.Name)
			if err != nil {
				return err
			}
			if err := ovs.AddBridge(ctx, "br0"); err != nil {
				return err
			}
			if _, err := nl.StartFRR(ctx, n.Name, []string{"ospfd", "pimd"}, ""); err != nil {
				return err
			}
			hk, err := nl.StartSSHD(ctx, n.Name, n.MgmtIP, pub)
			if err != nil {
				return err
			}
			mu.Lock()
			hostKeys[n.Device] = strings.TrimSpace(string(hk))
			mu.Unlock()
			o.logf("  switch %s up in %v (mgmt %s)", n.Device, time.Since(ts).Round(time.Millisecond), n.MgmtIP)
			return nil
		})
	}
	for _, l := range topo.Links {
		tasks = append(tasks, func() error { return nl.AddVeth(ctx, l.ANode, l.AIf, l.BNode, l.BIf, l.MTU) })
	}
	if err := parallel(ctx, o.Parallel, tasks); err != nil {
		return nil, err
	}
	if err := inv.writeKnownHosts(hostKeys); err != nil {
		return nil, err
	}
	phase("switches+cables", t1)

	// Kernel settings of every namespace, endpoint addresses and routes.
	t1 = time.Now()
	tasks = nil
	l3 := f.Routing != nil && f.Routing.Mode == "l3"
	for _, n := range topo.Switches {
		tasks = append(tasks, func() error {
			return nl.SwitchKernel(ctx, n.Name, l3)
		})
	}
	for _, n := range topo.Endpoints {
		tasks = append(tasks, func() error {
			_, err := nl.Exec(ctx, n.Name, "sh", "-c", endpointScript(topo.View, n))
			return err
		})
	}
	if err := parallel(ctx, o.Parallel, tasks); err != nil {
		return nil, err
	}
	phase("hosts", t1)
	if err := inv.Save(); err != nil {
		return nil, err
	}

	// Configuration: the same path as real switches.
	t1 = time.Now()
	if err := o.Configurator.Configure(ctx, &Target{Inventory: inv, Lab: nl}); err != nil {
		return nil, fmt.Errorf("lab %s: %s: %w", o.Name, o.Configurator.Name(), err)
	}
	if err := waitForwarding(ctx, nl, topo.Switches, 60*time.Second); err != nil {
		return nil, fmt.Errorf("lab %s: %w", o.Name, err)
	}
	phase("configure", t1)
	phase("total", t0)
	inv.Ready = true
	if err := inv.Save(); err != nil {
		return nil, err
	}
	return inv, nil
}

// fillNodes records the topology's nodes in the inventory.
func (inv *Inventory) fillNodes(t *Topology, nl *netlab.Lab) {
	for _, n := range t.Switches {
		sw := Switch{Device: n.Device, Node: n.Name, Netns: nl.NetnsName(n.Name), DesignPlatform: n.DesignPlatform,
			Platform: "linux", MgmtIP: n.MgmtIP.String(), OVSDB: "unix:" + filepath.Join(nl.NodeDir(n.Name), "ovs", "db.sock"),
			FRRPathspace: nl.NetnsName(n.Name)}
		for _, d := range sortedKeys(n.IfNames) {
			sw.Ports = append(sw.Ports, IfName{Design: d, Linux: n.IfNames[d]})
		}
		sort.SliceStable(sw.Ports, func(i, j int) bool { return analysis.NaturalLess(sw.Ports[i].Design, sw.Ports[j].Design) })
		for i := range sw.Ports {
			for _, l := range t.Links {
				switch {
				case l.ANode == n.Name && l.AIf == sw.Ports[i].Linux:
					sw.Ports[i].Peer = l.B
				case l.BNode == n.Name && l.BIf == sw.Ports[i].Linux:
					sw.Ports[i].Peer = l.A
				}
			}
		}
		inv.Switches = append(inv.Switches, sw)
	}
	for _, n := range t.Endpoints {
		h := Host{Device: n.Device, Node: n.Name, Netns: nl.NetnsName(n.Name)}
		for _, i := range n.Interfaces {
			h.Interfaces = append(h.Interfaces, IfName{Design: i.Design, Linux: i.Name, VLAN: i.VLAN, Address: i.Address, Peer: i.Peer})
		}
		inv.Endpoints = append(inv.Endpoints, h)
	}
	for _, l := range t.Links {
		inv.Links = append(inv.Links, VethRec{Label: l.Label, A: l.A, B: l.B, AIf: l.AIf, BIf: l.BIf, MTU: l.MTU})
	}
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// makeKey generates the lab's SSH client key (0600, in the state dir).
func (inv *Inventory) makeKey(ctx context.Context) error {
	dir := filepath.Join(inv.StateDir, "ssh")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	key := filepath.Join(dir, "id_ed25519")
	_ = os.Remove(key)
	_ = os.Remove(key + ".pub")
	out, err := exec.CommandContext(ctx, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "avnet-lab@"+inv.Lab, "-f", key).CombinedOutput()
	if err != nil {
		return fmt.Errorf("lab %s: ssh-keygen: %v: %s", inv.Lab, err, out)
	}
	if err := os.Chmod(key, 0o600); err != nil {
		return err
	}
	inv.SSH.Key, inv.SSH.PublicKey, inv.SSH.KnownHosts = key, key+".pub", filepath.Join(dir, "known_hosts")
	return nil
}

// writeKnownHosts writes the switches' host keys, under their management
// address and their device name.
func (inv *Inventory) writeKnownHosts(keys map[string]string) error {
	var b strings.Builder
	for _, sw := range inv.Switches {
		if k := keys[sw.Device]; k != "" {
			fmt.Fprintf(&b, "%s,%s %s\n", sw.MgmtIP, sw.Device, k)
		}
	}
	return os.WriteFile(inv.SSH.KnownHosts, []byte(b.String()), 0o600)
}

// writeNetnsPasswd gives a switch namespace its lab account: `ip netns
// exec` (which starts the switch's sshd) mounts /etc/netns/<netns>/passwd
// over /etc/passwd, so the account exists only for that switch. It is an
// administrator (uid 0), as the switch's admin is.
func writeNetnsPasswd(netns, user string) error {
	if user == "root" {
		return nil
	}
	sys, err := os.ReadFile("/etc/passwd")
	if err != nil {
		return err
	}
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(string(sys), "\n"), "\n") {
		if strings.HasPrefix(line, user+":") {
			continue
		}
		b.WriteString(line + "\n")
	}
	fmt.Fprintf(&b, "%s:x:0:0:avnet lab administrator:/root:/bin/sh\n", user)
	return os.WriteFile(filepath.Join("/etc/netns", netns, "passwd"), []byte(b.String()), 0o644)
}

// endpointScript sets an endpoint's addresses, the IGMP version of each
// interface's VLAN, a default route through a VLAN's gateway and a
// multicast route through its first media interface (for tools run with
// `avnet lab exec` that do not choose an interface).
func endpointScript(f *model.Facility, n *Node) string {
	var b strings.Builder
	b.WriteString(`set -e
echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6
echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6
for c in all default; do echo 0 > /proc/sys/net/ipv4/conf/$c/rp_filter; done
`)
	var defGW, mcastIf, anyIf string
	for _, i := range n.Interfaces {
		fmt.Fprintf(&b, "echo 0 > /proc/sys/net/ipv4/conf/%s/rp_filter\n", i.Name)
		v := f.VLANs[i.VLAN]
		if i.Address != "" {
			fmt.Fprintf(&b, "ip addr add %s dev %s\n", withPrefix(i.Address, v), i.Name)
			if anyIf == "" {
				anyIf = i.Name
			}
		}
		if v == nil {
			continue
		}
		if v.IGMP != nil && (v.IGMP.Version == 2 || v.IGMP.Version == 3) {
			fmt.Fprintf(&b, "echo %d > /proc/sys/net/ipv4/conf/%s/force_igmp_version\n", v.IGMP.Version, i.Name)
		}
		if i.Address == "" {
			continue
		}
		if (v.Purpose == "media" || v.Purpose == "iptv") && mcastIf == "" {
			mcastIf = i.Name
		}
		if v.Gateway != "" && defGW == "" && v.Purpose != "media" {
			if a, err := netip.ParsePrefix(withPrefix(i.Address, v)); err == nil && a.Addr().String() != v.Gateway {
				if p, err := netip.ParsePrefix(v.Subnet); err == nil && p.Contains(netip.MustParseAddr(v.Gateway)) {
					defGW = v.Gateway
				}
			}
		}
	}
	if mcastIf == "" {
		mcastIf = anyIf
	}
	if defGW != "" {
		fmt.Fprintf(&b, "ip route add default via %s\n", defGW)
	}
	if mcastIf != "" {
		fmt.Fprintf(&b, "ip route add 224.0.0.0/4 dev %s\n", mcastIf)
	}
	return b.String()
}

// parallel runs tasks, at most n at once, and returns their errors
// joined; once one fails, the tasks not started yet are skipped.
func parallel(ctx context.Context, n int, tasks []func() error) error {
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	failed := false
	for _, task := range tasks {
		mu.Lock()
		stop := failed || ctx.Err() != nil
		mu.Unlock()
		if stop {
			break
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			if err := task(); err != nil {
				mu.Lock()
				errs = append(errs, err)
				failed = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(errs) == 0 && ctx.Err() != nil {
		return ctx.Err()
	}
	return errors.Join(errs...)
}

// withPrefix gives an address the prefix length of its VLAN's subnet
// when the design wrote it without one.
func withPrefix(addr string, v *model.VLAN) string {
	if strings.Contains(addr, "/") {
		return addr
	}
	if v != nil {
		if p, err := netip.ParsePrefix(v.Subnet); err == nil {
			return fmt.Sprintf("%s/%d", addr, p.Bits())
		}
	}
	return addr + "/24"
}

// waitForwarding polls the switches until every root or designated port
// of their bridge forwards under spanning tree (RSTP: edge ports forward
// at once, others after the proposal/agreement handshake).
func waitForwarding(ctx context.Context, nl *netlab.Lab, switches []*Node, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	delay := 10 * time.Millisecond
	for {
		var waiting []string
		for _, n := range switches {
			o, err := nl.OVS(n.Name)
			if err != nil {
				return err
			}
			out, err := o.Appctl(ctx, "rstp/show", "br0")
			if err != nil {
				continue // no RSTP on this bridge
			}
			for _, line := range strings.Split(string(out), "\n") {
				f := strings.Fields(line)
				// Alternate and backup ports block for good (a loop).
				if len(f) >= 3 && (f[1] == "Root" || f[1] == "Designated") && f[2] != "Forwarding" {
					waiting = append(waiting, n.Device+":"+n.DesignIf(f[0]))
				}
			}
		}
		if len(waiting) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("spanning tree still holds ports after %v: %s", timeout, strings.Join(waiting, ", "))
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(delay):
		}
		if delay < 200*time.Millisecond {
			delay *= 2
		}
	}
}
