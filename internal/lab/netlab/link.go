package netlab

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// netnsDir is where `ip netns` keeps its namespaces.
const netnsDir = "/var/run/netns"

// etcNetnsDir holds the per-namespace files `ip netns exec` bind-mounts
// over /etc (hostname, hosts).
const etcNetnsDir = "/etc/netns"

// MgmtIfName is the management interface of a node, plugged into the
// lab's management bridge.
const MgmtIfName = "mgmt0"

// AddNamespace creates the network namespace of a node (<lab>-<node>),
// brings its loopback up and writes /etc/netns/<netns>/{hostname,hosts}.
func (l *Lab) AddNamespace(ctx context.Context, node string) error {
	if !nameRE.MatchString(node) || len(node) > 40 {
		return fmt.Errorf("netlab: lab %s: node name %q: use 1 to 40 letters, digits, '-', '_' or '.'", l.Name, node)
	}
	if err := CheckPrograms(ProgramsBase); err != nil {
		return err
	}
	ns := l.NetnsName(node)
	err := l.record(func(inv *inventory) error {
		for _, n := range inv.Namespaces {
			if n.Node == node {
				return fmt.Errorf("netlab: lab %s already has node %s", l.Name, node)
			}
		}
		if _, err := os.Lstat(filepath.Join(netnsDir, ns)); err == nil {
			return fmt.Errorf("netlab: node %s: network namespace %s already exists, left by another lab or a crash: take that lab down (`avnet lab down`) or remove it with `ip netns del %s`", node, ns, ns)
		}
		inv.Namespaces = append(inv.Namespaces, nsRecord{Node: node, Netns: ns})
		inv.Paths = append(inv.Paths, filepath.Join(etcNetnsDir, ns))
		return nil
	})
	if err != nil {
		return err
	}
	if _, err := run(ctx, node, "", nil, "ip", "netns", "add", ns); err != nil {
		// Not created: forget it, so Down does not delete a namespace
		// someone else may have made meanwhile.
		_ = l.record(func(inv *inventory) error {
			inv.Namespaces = removeNS(inv.Namespaces, node)
			return nil
		})
		return err
	}
	if err := l.record(func(inv *inventory) error {
		for i := range inv.Namespaces {
			if inv.Namespaces[i].Node == node {
				inv.Namespaces[i].Created = true
			}
		}
		return nil
	}); err != nil {
		return err
	}
	if _, err := run(ctx, node, "", nil, "ip", "-n", ns, "link", "set", "lo", "up"); err != nil {
		return err
	}
	dir := filepath.Join(etcNetnsDir, ns)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("netlab: node %s: %w", node, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "hostname"), []byte(node+"\n"), 0o644); err != nil {
		return fmt.Errorf("netlab: node %s: %w", node, err)
	}
	return l.writeHosts()
}

func removeNS(s []nsRecord, node string) []nsRecord {
	out := s[:0]
	for _, n := range s {
		if n.Node != node {
			out = append(out, n)
		}
	}
	return out
}

// writeHosts writes /etc/netns/<netns>/hosts of every node: localhost,
// the node itself, and every node's management address.
func (l *Lab) writeHosts() error {
	l.mu.Lock()
	nss := append([]nsRecord(nil), l.inv.Namespaces...)
	l.mu.Unlock()
	var mgmt strings.Builder
	for _, n := range nss {
		if n.MgmtIP != "" {
			fmt.Fprintf(&mgmt, "%s\t%s\n", n.MgmtIP, n.Node)
		}
	}
	for _, n := range nss {
		if !n.Created {
			continue
		}
		dir := filepath.Join(etcNetnsDir, n.Netns)
		if _, err := os.Stat(dir); err != nil {
			continue
		}
		s := "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
		if n.MgmtIP == "" {
			s += "127.0.1.1\t" + n.Node + "\n"
		}
		s += mgmt.String()
		if err := os.WriteFile(filepath.Join(dir, "hosts"), []byte(s), 0o644); err != nil {
			return fmt.Errorf("netlab: node %s: %w", n.Node, err)
		}
	}
	return nil
}

// AddVeth links aNode's interface aIf to bNode's interface bIf with a veth
// pair created directly in both namespaces (no name clash in the root
// namespace), sets both ends up with the given MTU (0: kernel default) and
// turns transmit checksum offload off on both: the OVS userspace datapath
// reads frames with AF_PACKET and never fills in a checksum left partial,
// so without this UDP and TCP through a switch are dropped (ICMP works).
// aNode may equal bNode.
func (l *Lab) AddVeth(ctx context.Context, aNode, aIf, bNode, bIf string, mtu int) error {
	for _, n := range []string{aIf, bIf} {
		if !ifnameRE.MatchString(n) {
			return fmt.Errorf("netlab: lab %s: interface name %q: 1 to 15 letters, digits, '-', '_' or '.'", l.Name, n)
		}
	}
	if mtu < 0 || mtu > 65535 {
		return fmt.Errorf("netlab: lab %s: link %s:%s-%s:%s: bad MTU %d", l.Name, aNode, aIf, bNode, bIf, mtu)
	}
	nsA, err := l.netns(aNode)
	if err != nil {
		return err
	}
	nsB, err := l.netns(bNode)
	if err != nil {
		return err
	}
	if err := l.record(func(inv *inventory) error {
		inv.Links = append(inv.Links, linkRecord{ANode: aNode, AIf: aIf, BNode: bNode, BIf: bIf, MTU: mtu})
		return nil
	}); err != nil {
		return err
	}
	argv := []string{"ip", "link", "add", aIf, "netns", nsA}
	peer := []string{"peer", "name", bIf, "netns", nsB}
	if mtu > 0 {
		m := strconv.Itoa(mtu)
		argv = append(argv, "mtu", m)
		peer = append(peer, "mtu", m)
	}
	argv = append(append(argv, "type", "veth"), peer...)
	node := aNode + "," + bNode
	if _, err := run(ctx, node, "an interface of that name may already exist in one of the namespaces", nil, argv...); err != nil {
		return err
	}
	for _, e := range []struct{ node, ns, ifn string }{{aNode, nsA, aIf}, {bNode, nsB, bIf}} {
		if _, err := run(ctx, e.node, "", nil, "ip", "netns", "exec", e.ns, "ethtool", "-K", e.ifn, "tx", "off"); err != nil {
			return err
		}
		if _, err := run(ctx, e.node, "", nil, "ip", "-n", e.ns, "link", "set", e.ifn, "up"); err != nil {
			return err
		}
	}
	return nil
}

// AddAddress adds an address (with its prefix length) to an interface of
// a node.
func (l *Lab) AddAddress(ctx context.Context, node, ifName string, addr netip.Prefix) error {
	ns, err := l.netns(node)
	if err != nil {
		return err
	}
	_, err = run(ctx, node, "", nil, "ip", "-n", ns, "addr", "add", addr.String(), "dev", ifName)
	return err
}

// AddRoute adds a route to a node (e.g. a default route on an endpoint):
// `ip route add <dst> via <gw>`.
func (l *Lab) AddRoute(ctx context.Context, node string, dst netip.Prefix, via netip.Addr) error {
	ns, err := l.netns(node)
	if err != nil {
		return err
	}
	_, err = run(ctx, node, "", nil, "ip", "-n", ns, "route", "add", dst.String(), "via", via.String())
	return err
}

// AddMgmt plugs a node into the management bridge (created on first use,
// with the address MgmtCIDR in the root namespace): its interface mgmt0
// gets addr with MgmtCIDR's prefix length.
func (l *Lab) AddMgmt(ctx context.Context, node string, addr netip.Addr) error {
	ns, err := l.netns(node)
	if err != nil {
		return err
	}
	if !l.MgmtCIDR.Contains(addr) || addr == l.MgmtCIDR.Addr() || !addr.Is4() {
		return fmt.Errorf("netlab: node %s: management address %s must be in %s and not the bridge's own address", node, addr, l.MgmtCIDR)
	}
	if err := l.ensureBridge(ctx); err != nil {
		return err
	}
	root := rootLinkName("avm", ns)
	if err := l.record(func(inv *inventory) error {
		for i := range inv.Namespaces {
			n := &inv.Namespaces[i]
			if n.MgmtIP == addr.String() && n.Node != node {
				return fmt.Errorf("netlab: node %s: management address %s already belongs to node %s", node, addr, n.Node)
			}
			if n.Node == node {
				if n.MgmtIP != "" {
					return fmt.Errorf("netlab: node %s already has management address %s", node, n.MgmtIP)
				}
				n.MgmtIP = addr.String()
			}
		}
		inv.RootLinks = append(inv.RootLinks, root)
		return nil
	}); err != nil {
		return err
	}
	steps := [][]string{
		{"ip", "link", "add", root, "type", "veth", "peer", "name", MgmtIfName, "netns", ns},
		{"ip", "link", "set", root, "master", l.MgmtBridge, "up"},
		{"ip", "-n", ns, "addr", "add", netip.PrefixFrom(addr, l.MgmtCIDR.Bits()).String(), "dev", MgmtIfName},
		{"ip", "-n", ns, "link", "set", MgmtIfName, "up"},
	}
	for _, argv := range steps {
		if _, err := run(ctx, node, "", nil, argv...); err != nil {
			return err
		}
	}
	return l.writeHosts()
}

// MgmtAddr returns the management address of a node, if it has one.
func (l *Lab) MgmtAddr(node string) (netip.Addr, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, n := range l.inv.Namespaces {
		if n.Node == node && n.MgmtIP != "" {
			a, err := netip.ParseAddr(n.MgmtIP)
			return a, err == nil
		}
	}
	return netip.Addr{}, false
}

// ensureBridge creates the management bridge once.
func (l *Lab) ensureBridge(ctx context.Context) error {
	l.mu.Lock()
	if err := l.init(); err != nil {
		l.mu.Unlock()
		return err
	}
	defer l.mu.Unlock()
	if l.inv.BridgeMade {
		return nil
	}
	if _, err := os.Stat(filepath.Join("/sys/class/net", l.MgmtBridge)); err == nil {
		return fmt.Errorf("netlab: lab %s: management bridge %s already exists (another lab running, or left by a crash?): take that lab down or set Lab.MgmtBridge to another name", l.Name, l.MgmtBridge)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	l.inv.BridgeMade = true
	if err := l.saveLocked(); err != nil {
		return err
	}
	steps := [][]string{
		{"ip", "link", "add", "name", l.MgmtBridge, "type", "bridge"},
		{"ip", "addr", "add", l.MgmtCIDR.String(), "dev", l.MgmtBridge},
		{"ip", "link", "set", l.MgmtBridge, "up"},
	}
	for _, argv := range steps {
		if _, err := run(ctx, "", "", nil, argv...); err != nil {
			return err
		}
	}
	return nil
}
