// Package netlab is the low-level plumbing of `avnet lab`, the
// "maquette fonctionnelle": it builds a lab of Linux network namespaces on
// one machine, where every switch of a design is a namespace running its own
// Open vSwitch (userspace datapath), FRR and OpenSSH, every endpoint is a
// plain namespace with addresses, links are veth pairs, and a management
// bridge in the root namespace reaches every switch over SSH.
//
// Everything a lab creates is recorded, before it is created, in a JSON
// inventory (state.json) under the lab's state directory, so that Down
// removes it all even after a crash, from another process (see Load).
//
// A Lab is safe for concurrent use: nodes may be brought up in parallel.
// All methods need root. See NOTES.md beside this file for the commands
// they run and the pitfalls found on the way.
package netlab

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// Defaults for the fields of Lab left empty.
const (
	DefaultStateRoot  = "/run/avnet-lab"
	DefaultMgmtBridge = "avnet-mgmt0"
	DefaultSSHUser    = "root"
)

// DefaultMgmtCIDR is the management bridge's address and prefix
// (198.18.0.0/15 is the benchmarking range, RFC 2544).
var DefaultMgmtCIDR = netip.MustParsePrefix("198.18.0.1/15")

// Lab is one lab on this machine. Set the exported fields (only Name is
// required) before the first call; they are fixed from then on.
type Lab struct {
	// Name names the lab; it prefixes the names of its network namespaces
	// (<Name>-<node>), which are also its FRR pathspaces.
	Name string
	// StateDir holds the inventory, the daemons' databases, sockets, pid
	// files, configurations and logs: <StateDir>/<node>/... Default
	// /run/avnet-lab/<Name>. It must be traversable by the frr user: not
	// under a 0700 directory such as the one t.TempDir makes.
	StateDir string
	// MgmtBridge is the Linux bridge in the root namespace that the
	// management interface (mgmt0) of every switch is plugged in.
	MgmtBridge string
	// MgmtCIDR is the bridge's own address and the management prefix.
	MgmtCIDR netip.Prefix
	// SSHUser is the account allowed to log in to the nodes' sshd
	// (key authentication only). Default root: its sessions can run
	// ovs-vsctl and vtysh. Any other account must already exist.
	SSHUser string

	mu     sync.Mutex
	inited bool
	inv    inventory
}

// inventory is what state.json holds: everything the lab made, recorded
// before it was made.
type inventory struct {
	Name       string          `json:"name"`
	StateDir   string          `json:"state_dir"`
	MgmtBridge string          `json:"mgmt_bridge"`
	MgmtCIDR   string          `json:"mgmt_cidr"`
	SSHUser    string          `json:"ssh_user"`
	BridgeMade bool            `json:"bridge_made,omitempty"`
	Namespaces []nsRecord      `json:"namespaces"`
	RootLinks  []string        `json:"root_links"`
	Links      []linkRecord    `json:"links"`
	Processes  []processRecord `json:"processes"`
	// Paths outside StateDir made by the lab (symlinks and directories
	// under /etc/frr, /var/run/frr and /etc/netns), removed by Down.
	Paths []string `json:"paths"`
}

type nsRecord struct {
	Node    string `json:"node"`
	Netns   string `json:"netns"`
	MgmtIP  string `json:"mgmt_ip,omitempty"`
	Created bool   `json:"created"`
}

type linkRecord struct {
	ANode string `json:"a_node"`
	AIf   string `json:"a_if"`
	BNode string `json:"b_node,omitempty"`
	BIf   string `json:"b_if"`
	MTU   int    `json:"mtu,omitempty"`
}

// processRecord is a daemon of the lab. Down kills the pid read from
// PIDFile (or PID when there is no pid file) only while the process's
// command line still holds Match as consecutive words.
type processRecord struct {
	Node    string   `json:"node"`
	Name    string   `json:"name"`
	PIDFile string   `json:"pid_file,omitempty"`
	PID     int      `json:"pid,omitempty"`
	Match   []string `json:"match"`
	// Stage orders Down: lower stages are killed (and waited for) first,
	// so that a supervisor (watchfrr) cannot restart what is being killed.
	Stage int `json:"stage"`
}

const inventoryFile = "state.json"

var (
	nameRE   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)
	ifnameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$`)
)

// Load reads the inventory in stateDir, written by a Lab that may have
// crashed, and returns a Lab that can go on with it or take it Down.
func Load(stateDir string) (*Lab, error) {
	b, err := os.ReadFile(filepath.Join(stateDir, inventoryFile))
	if err != nil {
		return nil, fmt.Errorf("netlab: load lab state from %s: %w (is this the state directory of a lab?)", stateDir, err)
	}
	var inv inventory
	if err := json.Unmarshal(b, &inv); err != nil {
		return nil, fmt.Errorf("netlab: load lab state %s: %w (the file is corrupt: remove the lab's namespaces with `ip netns del` and the directory by hand)", filepath.Join(stateDir, inventoryFile), err)
	}
	l := &Lab{Name: inv.Name, StateDir: stateDir, MgmtBridge: inv.MgmtBridge, SSHUser: inv.SSHUser}
	if inv.MgmtCIDR != "" {
		p, err := netip.ParsePrefix(inv.MgmtCIDR)
		if err != nil {
			return nil, fmt.Errorf("netlab: load lab state %s: bad mgmt_cidr: %w", stateDir, err)
		}
		l.MgmtCIDR = p
	}
	inv.StateDir = stateDir
	l.inv = inv
	l.inited = true
	return l, nil
}

// Labs lists the state directories of the labs under root ("": the
// default /run/avnet-lab) that hold an inventory: labs that are up, or
// left by a crash, for Load and Down.
func Labs(root string) ([]string, error) {
	if root == "" {
		root = DefaultStateRoot
	}
	ents, err := os.ReadDir(root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range ents {
		dir := filepath.Join(root, e.Name())
		if _, err := os.Stat(filepath.Join(dir, inventoryFile)); err == nil {
			out = append(out, dir)
		}
	}
	return out, nil
}

// init fills in the defaults, checks the fields and creates the state
// directory and inventory. Called with l.mu held.
func (l *Lab) init() error {
	if l.inited {
		return nil
	}
	if !nameRE.MatchString(l.Name) || len(l.Name) > 40 {
		return fmt.Errorf("netlab: lab name %q: use 1 to 40 letters, digits, '-', '_' or '.'", l.Name)
	}
	if l.StateDir == "" {
		l.StateDir = filepath.Join(DefaultStateRoot, l.Name)
	}
	if !filepath.IsAbs(l.StateDir) || strings.ContainsAny(l.StateDir, " \t\n") {
		return fmt.Errorf("netlab: lab %s: state directory %q must be an absolute path without spaces", l.Name, l.StateDir)
	}
	l.StateDir = filepath.Clean(l.StateDir)
	if l.MgmtBridge == "" {
		l.MgmtBridge = DefaultMgmtBridge
	}
	if !ifnameRE.MatchString(l.MgmtBridge) {
		return fmt.Errorf("netlab: lab %s: management bridge name %q is not a valid interface name (at most 15 characters)", l.Name, l.MgmtBridge)
	}
	if !l.MgmtCIDR.IsValid() {
		l.MgmtCIDR = DefaultMgmtCIDR
	}
	if !l.MgmtCIDR.Addr().Is4() {
		return fmt.Errorf("netlab: lab %s: management prefix %s must be IPv4", l.Name, l.MgmtCIDR)
	}
	if l.SSHUser == "" {
		l.SSHUser = DefaultSSHUser
	}
	if _, err := os.Stat(filepath.Join(l.StateDir, inventoryFile)); err == nil {
		return fmt.Errorf("netlab: lab %s: %s already holds a lab's state: take that lab down first (netlab.Load(%q) then Down, or `avnet lab down`)", l.Name, l.StateDir, l.StateDir)
	}
	if err := os.MkdirAll(l.StateDir, 0o755); err != nil {
		return fmt.Errorf("netlab: lab %s: create state directory: %w", l.Name, err)
	}
	// The frr user must reach <StateDir>/<node>/frr.
	if err := os.Chmod(l.StateDir, 0o755); err != nil {
		return fmt.Errorf("netlab: lab %s: %w", l.Name, err)
	}
	l.inv = inventory{
		Name: l.Name, StateDir: l.StateDir, MgmtBridge: l.MgmtBridge,
		MgmtCIDR: l.MgmtCIDR.String(), SSHUser: l.SSHUser,
	}
	l.inited = true
	return l.saveLocked()
}

// saveLocked writes the inventory atomically. Called with l.mu held.
func (l *Lab) saveLocked() error {
	b, err := json.MarshalIndent(&l.inv, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(l.StateDir, inventoryFile+".tmp")
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("netlab: lab %s: write inventory: %w", l.Name, err)
	}
	if err := os.Rename(tmp, filepath.Join(l.StateDir, inventoryFile)); err != nil {
		return fmt.Errorf("netlab: lab %s: write inventory: %w", l.Name, err)
	}
	return nil
}

// record runs f on the inventory under the lock and saves it.
func (l *Lab) record(f func(inv *inventory) error) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.init(); err != nil {
		return err
	}
	if err := f(&l.inv); err != nil {
		return err
	}
	return l.saveLocked()
}

// ensureInit initializes the lab (state directory, inventory) if needed.
func (l *Lab) ensureInit() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.init()
}

// NetnsName is the network namespace (and FRR pathspace) name of a node:
// <lab>-<node>.
func (l *Lab) NetnsName(node string) string { return l.Name + "-" + node }

// NetnsPath is the file of a node's network namespace (for setns).
func (l *Lab) NetnsPath(node string) string { return filepath.Join(netnsDir, l.NetnsName(node)) }

// NodeDir is the state directory of a node.
func (l *Lab) NodeDir(node string) string { return filepath.Join(l.StateDir, node) }

// Nodes lists the nodes (namespaces) of the lab, in creation order.
func (l *Lab) Nodes() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, n := range l.inv.Namespaces {
		out = append(out, n.Node)
	}
	return out
}

// netns returns the namespace name of a node the lab has, or an error.
func (l *Lab) netns(node string) (string, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.init(); err != nil {
		return "", err
	}
	for _, n := range l.inv.Namespaces {
		if n.Node == node {
			return n.Netns, nil
		}
	}
	return "", fmt.Errorf("netlab: lab %s has no node %q: call AddNamespace(ctx, %q) first", l.Name, node, node)
}

// rootLinkName derives a short, stable root-namespace interface name.
func rootLinkName(prefix, key string) string {
	h := sha1.Sum([]byte(key))
	return prefix + hex.EncodeToString(h[:])[:15-len(prefix)]
}

// removeOwnedPath removes a path recorded in the inventory: a symlink
// only if it points into the state dir, a directory with RemoveAll.
func (l *Lab) removeOwnedPath(p string) error {
	fi, err := os.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		target, err := os.Readlink(p)
		if err != nil {
			return err
		}
		if !strings.HasPrefix(filepath.Clean(target)+"/", l.StateDir+"/") {
			return fmt.Errorf("netlab: lab %s: not removing %s: it points to %s, outside the lab's state directory", l.Name, p, target)
		}
		return os.Remove(p)
	}
	return os.RemoveAll(p)
}

// SwitchKernel sets the kernel of a switch's namespace: no IPv6 (no
// router solicitations or MLD flooding the lab, no address
// configuration work for every port Open vSwitch adds), ARP answered
// only on the interface that holds the address (the ports share the
// namespace with the SVIs), no reverse-path filter; forwarding when the
// switch routes (an L3 fabric).
func (l *Lab) SwitchKernel(ctx context.Context, node string, routes bool) error {
	s := `set -e
echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6
echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6
for c in all default; do
  echo 1 > /proc/sys/net/ipv4/conf/$c/arp_ignore
  echo 2 > /proc/sys/net/ipv4/conf/$c/arp_announce
  echo 0 > /proc/sys/net/ipv4/conf/$c/rp_filter
done
`
	if routes {
		s += "echo 1 > /proc/sys/net/ipv4/ip_forward\n"
	}
	_, err := l.Exec(ctx, node, "sh", "-c", s)
	return err
}

// Exec runs argv in node's network namespace (`ip netns exec`) and
// returns its standard output; a failure's error holds its standard error.
func (l *Lab) Exec(ctx context.Context, node string, argv ...string) ([]byte, error) {
	ns, err := l.netns(node)
	if err != nil {
		return nil, err
	}
	if len(argv) == 0 {
		return nil, fmt.Errorf("netlab: node %s: Exec with no command", node)
	}
	return run(ctx, node, "", nil, append([]string{"ip", "netns", "exec", ns}, argv...)...)
}
