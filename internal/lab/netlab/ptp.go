package netlab

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// PTPOptions configures a ptp4l instance of the lab.
type PTPOptions struct {
	// Interfaces ptp4l runs on (one port each).
	Interfaces []string
	// Priority1 of the clock (lower wins the best master election);
	// default 128.
	Priority1 int
	// SlaveOnly keeps the clock from ever becoming master.
	SlaveOnly bool
	// Domain number, default 0.
	Domain int
	// Extra lines for the [global] section of the configuration.
	Extra []string
}

// PTP is a ptp4l instance of the lab.
type PTP struct {
	Daemon
	Config string // configuration file
	UDS    string // management socket, for pmc -s
}

// StartPTP4L starts ptp4l in a node's namespace with software time
// stamping (-S) and its servo running, through the clock guard: a slave
// locks (SLAVE) as on a real network, but the system clock, which every
// namespace shares, is never adjusted (see clockguard.go).
func (l *Lab) StartPTP4L(ctx context.Context, node string, opt PTPOptions) (*PTP, error) {
	if _, err := l.netns(node); err != nil {
		return nil, err
	}
	if err := CheckPrograms(ProgramsPTP); err != nil {
		return nil, err
	}
	if len(opt.Interfaces) == 0 {
		return nil, fmt.Errorf("netlab: node %s: StartPTP4L needs at least one interface", node)
	}
	name := "ptp4l-" + strings.Join(opt.Interfaces, "-")
	dir := l.NodeDir(node)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("netlab: node %s: %w", node, err)
	}
	p := &PTP{Config: filepath.Join(dir, name+".conf"), UDS: filepath.Join(dir, name+".uds")}
	if len(p.UDS) > maxSocketPath {
		return nil, fmt.Errorf("netlab: node %s: ptp4l socket path %s is too long: shorten the names", node, p.UDS)
	}
	if opt.Priority1 == 0 {
		opt.Priority1 = 128
	}
	var c strings.Builder
	c.WriteString("[global]\n")
	// Every instance needs its own management socket: the default
	// /var/run/ptp4l would be shared by all namespaces.
	fmt.Fprintf(&c, "uds_address %s\n", p.UDS)
	fmt.Fprintf(&c, "priority1 %d\n", opt.Priority1)
	fmt.Fprintf(&c, "domainNumber %d\n", opt.Domain)
	if opt.SlaveOnly {
		c.WriteString("slaveOnly 1\n")
	}
	// Faster than the defaults, so a lab converges in about a second.
	c.WriteString("logAnnounceInterval -2\nlogSyncInterval -3\nannounceReceiptTimeout 3\n")
	for _, o := range ServoOptions {
		fmt.Fprintf(&c, "%s %s\n", o[0], o[1])
	}
	for _, e := range opt.Extra {
		c.WriteString(e + "\n")
	}
	if err := os.WriteFile(p.Config, []byte(c.String()), 0o644); err != nil {
		return nil, fmt.Errorf("netlab: node %s: %w", node, err)
	}
	argv := []string{"ptp4l", "-S", "-m", "-f", p.Config}
	for _, i := range opt.Interfaces {
		argv = append(argv, "-i", i)
	}
	d, err := l.StartProcessClockGuarded(ctx, node, name, argv...)
	if err != nil {
		return nil, err
	}
	p.Daemon = *d
	return p, nil
}

// ServoOptions are the ptp4l settings of a lab clock's servo: the PI
// constants ptp4l uses with hardware time stamping. With software time
// stamping ptp4l picks a smaller integral constant and waits about 37 s
// (0.016/ki) before its first frequency estimate; in the lab, where the
// clock guard makes its corrections no-ops, the constants change only how
// soon the servo declares itself locked, not what the offsets measure.
var ServoOptions = [][2]string{{"pi_proportional_const", "0.7"}, {"pi_integral_const", "0.3"}}

// PTPStatus is what pmc tells of a ptp4l instance.
type PTPStatus struct {
	ClockIdentity string // this clock
	PortState     string // of the first port: MASTER, UNCALIBRATED, SLAVE, LISTENING...
	GMPresent     bool
	GMIdentity    string // the grandmaster it follows (itself when master)
	MasterOffset  int64  // ns, as measured (the guarded servo never corrects it)
	// IngressTime is when the last Sync from the master was received (ns,
	// 0 before the first): nonzero means the slave gets the master's Syncs.
	IngressTime int64
}

// Status asks ptp4l (through pmc on its management socket) for its state.
func (p *PTP) Status(ctx context.Context) (*PTPStatus, error) {
	out, err := run(ctx, p.Node, "is ptp4l running? see its log", nil, "pmc", "-u", "-b", "0", "-s", p.UDS,
		"GET DEFAULT_DATA_SET", "GET PORT_DATA_SET", "GET TIME_STATUS_NP")
	if err != nil {
		return nil, err
	}
	st := &PTPStatus{}
	seen := 0
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) != 2 {
			continue
		}
		switch f[0] {
		case "clockIdentity":
			st.ClockIdentity = f[1]
			seen++
		case "portState":
			if st.PortState == "" {
				st.PortState = f[1]
			}
			seen++
		case "gmPresent":
			st.GMPresent = f[1] == "true"
			seen++
		case "gmIdentity":
			st.GMIdentity = f[1]
		case "master_offset":
			st.MasterOffset, _ = strconv.ParseInt(f[1], 10, 64)
		case "ingress_time":
			st.IngressTime, _ = strconv.ParseInt(f[1], 10, 64)
		}
	}
	if seen < 3 {
		return nil, fmt.Errorf("netlab: node %s: ptp4l gave no full answer to pmc yet: %q", p.Node, strings.TrimSpace(string(out)))
	}
	return st, nil
}
