package netlab

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// vswitchSchema is the OVS database schema (Debian: openvswitch-common).
var vswitchSchema = "/usr/share/openvswitch/vswitch.ovsschema"

// maxSocketPath is the longest unix socket path (sun_path less the NUL).
const maxSocketPath = 107

// OVS is the Open vSwitch of a node: its own ovsdb-server and
// ovs-vswitchd, running in the node's namespace, with the database,
// sockets, pid files and logs in <node dir>/ovs. ovs-vsctl and ovs-appctl
// only talk over these unix sockets, so they run from the root namespace.
type OVS struct {
	lab     *Lab
	Node    string
	Dir     string // also OVS_RUNDIR for ovs-vsctl/ovs-appctl run by hand
	DBSock  string // unix:<DBSock> is the --db of ovs-vsctl
	CtlSock string // ovs-appctl -t <CtlSock>
	Server  Daemon // ovsdb-server
	Switchd Daemon // ovs-vswitchd
}

// ovsEnv points OVS's default paths (bridge management sockets among
// them: <rundir>/<bridge>.mgmt) at the node's directory, so that two
// nodes' switches never share a file.
func ovsEnv(dir string) []string {
	return []string{"OVS_RUNDIR=" + dir, "OVS_LOGDIR=" + dir, "OVS_DBDIR=" + dir}
}

// StartOVS starts a node's own ovsdb-server and ovs-vswitchd and returns
// once ovs-vswitchd has applied the database (it is ready for add-br).
// Bridges must use the userspace datapath (AddBridge does): this
// machine's kernel may have no openvswitch module.
func (l *Lab) StartOVS(ctx context.Context, node string) (*OVS, error) {
	ns, err := l.netns(node)
	if err != nil {
		return nil, err
	}
	if err := CheckPrograms(ProgramsBase, ProgramsOVS); err != nil {
		return nil, err
	}
	if _, err := os.Stat(vswitchSchema); err != nil {
		return nil, fmt.Errorf("netlab: node %s: OVS schema %s missing: install it with `apt-get install openvswitch-common`", node, vswitchSchema)
	}
	dir := filepath.Join(l.NodeDir(node), "ovs")
	o := &OVS{lab: l, Node: node, Dir: dir,
		DBSock:  filepath.Join(dir, "db.sock"),
		CtlSock: filepath.Join(dir, "ovs-vswitchd.ctl"),
	}
	for _, s := range []string{o.CtlSock, filepath.Join(dir, "ovsdb-server.ctl"), filepath.Join(dir, "br-longest-name.mgmt")} {
		if len(s) > maxSocketPath {
			return nil, fmt.Errorf("netlab: node %s: socket path %s is longer than %d bytes: shorten the lab or node name or Lab.StateDir", node, s, maxSocketPath)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "conf.db")); err == nil {
		return nil, fmt.Errorf("netlab: node %s: OVS already started (%s exists)", node, filepath.Join(dir, "conf.db"))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("netlab: node %s: %w", node, err)
	}
	env := ovsEnv(dir)
	srvPID := filepath.Join(dir, "ovsdb-server.pid")
	vsPID := filepath.Join(dir, "ovs-vswitchd.pid")
	o.Server = Daemon{Node: node, Name: "ovsdb-server", PIDFile: srvPID}
	o.Switchd = Daemon{Node: node, Name: "ovs-vswitchd", PIDFile: vsPID}
	// Recorded before they start: a crash in between leaves nothing
	// Down does not know about.
	if err := l.record(func(inv *inventory) error {
		inv.Processes = append(inv.Processes,
			processRecord{Node: node, Name: "ovsdb-server", PIDFile: srvPID, Match: []string{"--pidfile=" + srvPID}, Stage: 2},
			processRecord{Node: node, Name: "ovs-vswitchd", PIDFile: vsPID, Match: []string{"--pidfile=" + vsPID}, Stage: 1},
		)
		return nil
	}); err != nil {
		return nil, err
	}
	steps := []struct {
		argv []string
		hint string
	}{
		{[]string{"ovsdb-tool", "create", filepath.Join(dir, "conf.db"), vswitchSchema}, ""},
		// --detach returns once the server listens and its pid file is written.
		{[]string{"ip", "netns", "exec", ns, "ovsdb-server", filepath.Join(dir, "conf.db"),
			"--remote=punix:" + o.DBSock, "--pidfile=" + srvPID,
			"--unixctl=" + filepath.Join(dir, "ovsdb-server.ctl"),
			"--log-file=" + filepath.Join(dir, "ovsdb-server.log"), "--detach", "--no-chdir"},
			"see " + filepath.Join(dir, "ovsdb-server.log")},
		{[]string{"ovs-vsctl", "--db=unix:" + o.DBSock, "--no-wait", "init"}, ""},
		// --detach returns once ovs-vswitchd has read the database.
		{[]string{"ip", "netns", "exec", ns, "ovs-vswitchd", "unix:" + o.DBSock,
			"--pidfile=" + vsPID, "--unixctl=" + o.CtlSock,
			"--log-file=" + filepath.Join(dir, "ovs-vswitchd.log"), "--detach", "--no-chdir"},
			"see " + filepath.Join(dir, "ovs-vswitchd.log")},
	}
	for _, s := range steps {
		if _, err := run(ctx, node, s.hint, env, s.argv...); err != nil {
			return nil, err
		}
	}
	// Without --no-wait, ovs-vsctl returns once ovs-vswitchd has applied
	// the change: the switch is then ready.
	if _, err := o.Vsctl(ctx, "set", "Open_vSwitch", ".", "external_ids:avnet-lab="+l.Name, "external_ids:avnet-node="+node); err != nil {
		return nil, err
	}
	for _, d := range []*Daemon{&o.Server, &o.Switchd} {
		d.PID, _ = readPIDFile(d.PIDFile)
		if d.PID == 0 || !procAlive(d.PID) {
			return nil, fmt.Errorf("netlab: node %s: %s is not running after start: see %s", node, d.Name, filepath.Join(dir, d.Name+".log"))
		}
		// ovs-appctl without -t (in an SSH session, or `avnet lab exec`,
		// where OVS_RUNDIR is the node's) looks for <daemon>.<pid>.ctl.
		_ = os.Symlink(d.Name+".ctl", filepath.Join(dir, fmt.Sprintf("%s.%d.ctl", d.Name, d.PID)))
	}
	return o, nil
}

// OVS returns the handle of a node's Open vSwitch started earlier, by
// this Lab or by one whose state was loaded with Load.
func (l *Lab) OVS(node string) (*OVS, error) {
	if _, err := l.netns(node); err != nil {
		return nil, err
	}
	dir := filepath.Join(l.NodeDir(node), "ovs")
	o := &OVS{lab: l, Node: node, Dir: dir, DBSock: filepath.Join(dir, "db.sock"), CtlSock: filepath.Join(dir, "ovs-vswitchd.ctl"),
		Server:  Daemon{Node: node, Name: "ovsdb-server", PIDFile: filepath.Join(dir, "ovsdb-server.pid")},
		Switchd: Daemon{Node: node, Name: "ovs-vswitchd", PIDFile: filepath.Join(dir, "ovs-vswitchd.pid")},
	}
	for _, d := range []*Daemon{&o.Server, &o.Switchd} {
		d.PID, _ = readPIDFile(d.PIDFile)
		if d.PID == 0 || !procAlive(d.PID) {
			return nil, fmt.Errorf("netlab: node %s: Open vSwitch is not running (no live %s): call StartOVS", node, d.Name)
		}
	}
	return o, nil
}

// Vsctl runs ovs-vsctl against the node's database and waits (10 s at
// most) for ovs-vswitchd to apply the change.
func (o *OVS) Vsctl(ctx context.Context, args ...string) ([]byte, error) {
	argv := append([]string{"ovs-vsctl", "--db=unix:" + o.DBSock, "--timeout=10"}, args...)
	return run(ctx, o.Node, "see "+filepath.Join(o.Dir, "ovs-vswitchd.log"), ovsEnv(o.Dir), argv...)
}

// Appctl runs ovs-appctl against the node's ovs-vswitchd, e.g.
// Appctl(ctx, "mdb/show", "br0") or Appctl(ctx, "fdb/show", "br0").
func (o *OVS) Appctl(ctx context.Context, args ...string) ([]byte, error) {
	argv := append([]string{"ovs-appctl", "-t", o.CtlSock, "--timeout=10"}, args...)
	return run(ctx, o.Node, "", ovsEnv(o.Dir), argv...)
}

// AddBridge adds a bridge with the userspace datapath (datapath_type
// netdev), a plain learning switch (NORMAL action).
func (o *OVS) AddBridge(ctx context.Context, bridge string) error {
	if !ifnameRE.MatchString(bridge) {
		return fmt.Errorf("netlab: node %s: bridge name %q is not a valid interface name", o.Node, bridge)
	}
	_, err := o.Vsctl(ctx, "add-br", bridge, "--", "set", "Bridge", bridge, "datapath_type=netdev")
	return err
}

// SetIGMPSnooping turns IGMP snooping on or off on a bridge. It works in
// the userspace datapath; see NOTES.md for flooding of reports and the
// querier.
func (o *OVS) SetIGMPSnooping(ctx context.Context, bridge string, on bool) error {
	_, err := o.Vsctl(ctx, "set", "Bridge", bridge, "mcast_snooping_enable="+strconv.FormatBool(on))
	return err
}

// AddAccessPort adds an interface of the node (a veth end) to a bridge
// as an access port of a VLAN.
func (o *OVS) AddAccessPort(ctx context.Context, bridge, port string, vlan int) error {
	if vlan < 1 || vlan > 4094 {
		return fmt.Errorf("netlab: node %s: port %s: VLAN %d is not in 1..4094", o.Node, port, vlan)
	}
	_, err := o.Vsctl(ctx, "add-port", bridge, port, "tag="+strconv.Itoa(vlan))
	return err
}

// AddTrunkPort adds an interface of the node to a bridge as a trunk
// carrying the given VLANs tagged (all VLANs if none are given). IGMP
// reports are flooded to trunks, so that the switch across learns the
// groups without a querier.
func (o *OVS) AddTrunkPort(ctx context.Context, bridge, port string, vlans []int) error {
	args := []string{"add-port", bridge, port}
	if len(vlans) > 0 {
		var s []string
		for _, v := range vlans {
			if v < 1 || v > 4094 {
				return fmt.Errorf("netlab: node %s: trunk %s: VLAN %d is not in 1..4094", o.Node, port, v)
			}
			s = append(s, strconv.Itoa(v))
		}
		args = append(args, "trunks="+strings.Join(s, ","))
	}
	args = append(args, "other_config:mcast-snooping-flood-reports=true")
	_, err := o.Vsctl(ctx, args...)
	return err
}

// AddInternalPort adds an internal port (a switch virtual interface: a
// tap device in the node's namespace in the userspace datapath) in a
// VLAN, sets it up and gives it addresses. FRR can route on it and pimd
// can be the IGMP querier there.
func (o *OVS) AddInternalPort(ctx context.Context, bridge, port string, vlan int, addrs ...string) error {
	if !ifnameRE.MatchString(port) {
		return fmt.Errorf("netlab: node %s: port name %q is not a valid interface name", o.Node, port)
	}
	args := []string{"add-port", bridge, port}
	if vlan > 0 {
		args = append(args, "tag="+strconv.Itoa(vlan))
	}
	args = append(args, "--", "set", "Interface", port, "type=internal")
	if _, err := o.Vsctl(ctx, args...); err != nil {
		return err
	}
	ns := o.lab.NetnsName(o.Node)
	// The tap device appears when ovs-vswitchd has applied the change,
	// which Vsctl waited for.
	if err := waitFor(ctx, 5*time.Second, "internal port "+port, func() (bool, error) {
		_, err := run(ctx, o.Node, "", nil, "ip", "-n", ns, "link", "show", port)
		return err == nil, nil
	}); err != nil {
		return fmt.Errorf("netlab: node %s: %w", o.Node, err)
	}
	for _, a := range addrs {
		if _, err := run(ctx, o.Node, "", nil, "ip", "-n", ns, "addr", "add", a, "dev", port); err != nil {
			return err
		}
	}
	_, err := run(ctx, o.Node, "", nil, "ip", "-n", ns, "link", "set", port, "up")
	return err
}
