package lab

import (
	"context"
	"fmt"
	"github.com/avnet/avnet/internal/plural"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/avnet/avnet/generators/ptpcfg"
	"github.com/avnet/avnet/internal/lab/netlab"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/safepath"
)

// ptpRun is the ptp4l instances of a `lab test`.
type ptpRun struct {
	s     *labSession
	start time.Time
	trees []*ptpTree
	procs []*netlab.Daemon
	logf  func(string, ...any)
	notes []string
}

type ptpTree struct {
	test   *PTPTest
	clocks []*ptpClock
}

type ptpClock struct {
	c    *Clock
	node string
	uds  string
	d    *netlab.Daemon
	kind string
	// ready is set once the clock is where the design wants it: the
	// intended grandmaster MASTER, a backup PASSIVE, a slave locked.
	ready bool
	// offsets and delays sampled once the clock locked (ns).
	offsets, delays []float64
}

// startPTP starts ptp4l, with the generated ptp/<dev>.conf of the lab
// view, on every clock of every domain tree that has a grandmaster: the
// grandmasters, the slave-only endpoints and the switches (boundary or
// transparent clocks; in the lab every switch is a linux switch, whose
// PTP the ptp generator configures). Every instance runs with software
// time stamping (-S) and its servo running, so that a slave locks
// (UNCALIBRATED → SLAVE) as on a real network; it runs under netlab's
// clock guard, which makes its adjustments of the system clock (shared
// by every namespace) no-ops. A switch whose ptp4l terminates PTP gets
// OpenFlow rules that drop PTP in its bridge, so that only its ptp4l
// carries it across.
func (s *labSession) startPTP(ctx context.Context, o *TestOptions) (*ptpRun, error) {
	t := s.topo
	run := &ptpRun{s: s, start: time.Now(), logf: o.logf}
	clocks, err := ptpcfg.Clocks(t.View, t.Facts)
	if err != nil {
		return nil, err
	}
	type key struct {
		domain string
		tree   int
	}
	trees := map[key]*ptpTree{}
	var order []key
	for _, dn := range model.SortedKeys(t.Facts.PTP) {
		df := t.Facts.PTP[dn]
		for i, tr := range df.Trees {
			if tr.Grandmaster == "" {
				continue
			}
			pt := &PTPTest{Domain: dn, DomainNumber: df.Domain.Domain, Intended: tr.Grandmaster,
				IntendedIdentity: ptpcfg.IdentityOf(tr.Grandmaster).PTP4L(), ToleranceNs: df.Domain.ToleranceNs(),
				TimeLimit: o.PTPTimeout.Seconds()}
			k := key{dn, i}
			trees[k] = &ptpTree{test: pt}
			order = append(order, k)
		}
	}
	var mu sync.Mutex
	var tasks []func() error
	for _, c := range clocks {
		if len(c.Ports) == 0 || c.Tree == nil || c.Tree.Grandmaster == "" {
			continue
		}
		n := t.NodeOf(c.Device)
		if n == nil {
			continue
		}
		var tree *ptpTree
		for i, tr := range t.Facts.PTP[c.DomainName].Trees {
			if tr == c.Tree {
				tree = trees[key{c.DomainName, i}]
			}
		}
		if tree == nil {
			continue
		}
		conf, err := safepath.Join(s.inv.StateDir, c.File)
		if err != nil {
			return nil, fmt.Errorf("lab: PTP clock %s: %w", c.Device, err)
		}
		if _, err := os.Stat(conf); err != nil {
			return nil, fmt.Errorf("lab: PTP clock %s: %w", c.Device, err)
		}
		pc := &ptpClock{c: &Clock{Device: c.Device, Kind: c.Kind}, node: n.Name, kind: c.Kind}
		tree.clocks = append(tree.clocks, pc)
		tasks = append(tasks, func() error {
			if n.Switch {
				if err := s.dropPTPInBridge(ctx, n.Name); err != nil {
					return err
				}
			}
			name := "ptp4l-" + ptpcfg.SafeName(c.DomainName)
			pc.uds = filepath.Join(s.nl.NodeDir(n.Name), name+".uds")
			_ = os.Remove(pc.uds)
			// boundary_clock_jbod=0: with software time stamping every port
			// uses the one system clock; in jbod mode ptp4l 3.1 faults when
			// a port becomes slave ("Switching PHC, failed to open /dev/ptp-1").
			argv := []string{"ptp4l", "-f", conf, "-S", "--boundary_clock_jbod=0", "--uds_address=" + pc.uds, "-m", "-q"}
			for _, o := range netlab.ServoOptions {
				argv = append(argv, "--"+o[0]+"="+o[1])
			}
			d, err := s.nl.StartProcessClockGuarded(ctx, n.Name, name, argv...)
			if err != nil {
				return err
			}
			mu.Lock()
			pc.d = d
			run.procs = append(run.procs, d)
			mu.Unlock()
			return nil
		})
	}
	for _, k := range order {
		if len(trees[k].clocks) == 0 {
			// Its clocks (dual-homed endpoints, a grandmaster with a port
			// per plane) are one ptp4l each, counted in another tree.
			run.notes = append(run.notes, fmt.Sprintf("PTP domain %s: a clock tree around %s has no clock of its own in the lab (its clocks run as part of another tree)", k.domain, trees[k].test.Intended))
			continue
		}
		run.trees = append(run.trees, trees[k])
	}
	if err := parallel(ctx, 8, tasks); err != nil {
		run.stop(context.WithoutCancel(ctx))
		return nil, err
	}
	o.logf("  %s started", plural.Count(len(run.procs), "ptp4l instance", "ptp4l instances"))
	return run, nil
}

// dropPTPInBridge adds OpenFlow rules to a switch's bridge that drop PTP
// (UDP 319 and 320, and Ethernet type 0x88F7): the switch's own ptp4l
// terminates PTP on each port, as a boundary (or transparent) clock does.
func (s *labSession) dropPTPInBridge(ctx context.Context, node string) error {
	o, err := s.nl.OVS(node)
	if err != nil {
		return err
	}
	for _, flow := range []string{
		"priority=1000,udp,tp_dst=319,actions=drop",
		"priority=1000,udp,tp_dst=320,actions=drop",
		"priority=1000,dl_type=0x88f7,actions=drop",
	} {
		cmd := exec.CommandContext(ctx, "ovs-ofctl", "add-flow", "br0", flow)
		cmd.Env = append(os.Environ(), "OVS_RUNDIR="+o.Dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("lab: %s: ovs-ofctl add-flow br0 %s: %v: %s", node, flow, err, out)
		}
	}
	return nil
}

// pmcState is what pmc reports of a ptp4l.
type pmcState struct {
	identity, gm, state string
	steps               int
	offset, delay       float64
	haveDelay           bool
}

// queryPMC asks a ptp4l over its management socket (pmc answers only
// for the clock's own domain number).
func queryPMC(ctx context.Context, uds string, domain int) (*pmcState, error) {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "pmc", "-u", "-b", "0", "-d", strconv.Itoa(domain), "-s", uds,
		"GET DEFAULT_DATA_SET", "GET PARENT_DATA_SET", "GET CURRENT_DATA_SET", "GET PORT_DATA_SET").Output()
	if err != nil {
		return nil, err
	}
	st := &pmcState{}
	seen := map[string]bool{}
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) != 2 {
			continue
		}
		seen[f[0]] = true
		switch f[0] {
		case "clockIdentity":
			st.identity = f[1]
		case "grandmasterIdentity":
			st.gm = f[1]
		case "stepsRemoved":
			st.steps, _ = strconv.Atoi(f[1])
		case "offsetFromMaster":
			st.offset, _ = strconv.ParseFloat(f[1], 64)
		case "meanPathDelay":
			st.delay, _ = strconv.ParseFloat(f[1], 64)
			st.haveDelay = st.delay != 0
		case "portState":
			// The best port state: a slave port if any, else master.
			if rank(f[1]) > rank(st.state) {
				st.state = f[1]
			}
		}
	}
	if !seen["clockIdentity"] || !seen["grandmasterIdentity"] || !seen["portState"] {
		return nil, fmt.Errorf("pmc: incomplete answer")
	}
	return st, nil
}

func rank(state string) int {
	switch state {
	case "SLAVE":
		return 6
	case "UNCALIBRATED":
		return 5
	case "MASTER":
		return 4
	case "PASSIVE":
		return 3
	case "PRE_MASTER":
		return 2
	case "LISTENING":
		return 1
	}
	return 0
}

// offsetSamples is how many times the offset of every locked clock is
// read once the whole run converged (every Sync interval or so).
const offsetSamples = 8

// check polls every clock until each follows its tree's intended
// grandmaster and every clock that should follow it is locked (port
// SLAVE: ptp4l's servo locked), or timeout passes; it then samples the
// offset and path delay of the locked clocks and returns the verdicts.
func (r *ptpRun) check(ctx context.Context, timeout time.Duration) []*PTPTest {
	deadline := time.Now().Add(timeout)
	delay := 50 * time.Millisecond
	for {
		done := true
		for _, tr := range r.trees {
			if !r.poll(ctx, tr) {
				done = false
			}
		}
		if done || time.Now().After(deadline) || ctx.Err() != nil {
			break
		}
		select {
		case <-ctx.Done():
		case <-time.After(delay):
		}
		if delay < 250*time.Millisecond {
			delay *= 2
		}
	}
	r.sample(ctx)
	var out []*PTPTest
	for _, tr := range r.trees {
		out = append(out, tr.verdict())
	}
	return out
}

// sample reads the offset and path delay of every locked clock
// offsetSamples times, about one Sync interval apart.
func (r *ptpRun) sample(ctx context.Context) {
	var locked []*ptpClock
	var domains []int
	for _, tr := range r.trees {
		for _, pc := range tr.clocks {
			if pc.c.Locked {
				locked = append(locked, pc)
				domains = append(domains, tr.test.DomainNumber)
			}
		}
	}
	if len(locked) == 0 {
		return
	}
	var mu sync.Mutex
	for i := 0; i < offsetSamples && ctx.Err() == nil; i++ {
		tasks := make([]func() error, len(locked))
		for j, pc := range locked {
			tasks[j] = func() error {
				st, err := queryPMC(ctx, pc.uds, domains[j])
				if err == nil && st.state == "SLAVE" {
					mu.Lock()
					pc.offsets = append(pc.offsets, st.offset)
					pc.delays = append(pc.delays, st.delay)
					mu.Unlock()
				}
				return nil
			}
		}
		_ = parallel(ctx, 8, tasks)
		select {
		case <-ctx.Done():
		case <-time.After(125 * time.Millisecond):
		}
	}
}

// poll refreshes a tree's clocks and reports whether it converged.
func (r *ptpRun) poll(ctx context.Context, tr *ptpTree) bool {
	ok := len(tr.clocks) > 0
	for _, pc := range tr.clocks {
		c := pc.c
		if pc.ready {
			continue
		}
		st, err := queryPMC(ctx, pc.uds, tr.test.DomainNumber)
		if err != nil {
			c.Problem = "no answer to pmc (see " + filepath.Join(r.s.nl.NodeDir(pc.node), "ptp4l-"+ptpcfg.SafeName(tr.test.Domain)+".log") + ")"
			ok = false
			continue
		}
		c.Identity, c.GMIdentity, c.PortState, c.StepsRemoved = st.identity, st.gm, st.state, st.steps
		c.OffsetNs, c.PathDelayNs = st.offset, st.delay
		want := tr.test.IntendedIdentity
		intended := pc.c.Device == tr.test.Intended
		c.Problem = ""
		switch {
		case pc.kind == ptpcfg.Grandmaster && !intended && st.state == "PASSIVE":
			// A backup grandmaster that hears a better master is passive
			// (IEEE 1588-2008 §9.3.3: its parent data set stays its own).
			pc.ready = true
		case st.gm != want:
			c.Problem = "follows grandmaster " + st.gm
		case intended && st.state != "MASTER":
			c.Problem = "grandmaster not in MASTER state"
		case intended, pc.kind == ptpcfg.Transparent:
			pc.ready = true
		case st.state == "SLAVE":
			// ptp4l moves a port from UNCALIBRATED to SLAVE when its
			// servo locks (MASTER_CLOCK_SELECTED).
			pc.ready, c.Locked, c.LockedAfter = true, true, secs(r.start)
		case st.state == "UNCALIBRATED":
			c.Problem = "not locked: its servo has not locked to the master (UNCALIBRATED)"
			if !st.haveDelay {
				c.Problem += ", path delay not measured"
			}
		default:
			c.Problem = "no port toward the grandmaster yet (" + st.state + ")"
		}
		if !pc.ready {
			ok = false
		}
	}
	if ok && tr.test.Converged == 0 {
		tr.test.Converged = secs(r.start)
	}
	return ok
}

// median of the absolute values.
func medianAbs(v []float64) float64 {
	a := make([]float64, len(v))
	for i, x := range v {
		a[i] = math.Abs(x)
	}
	sort.Float64s(a)
	if len(a) == 0 {
		return 0
	}
	if len(a)%2 == 1 {
		return a[len(a)/2]
	}
	return (a[len(a)/2-1] + a[len(a)/2]) / 2
}

func (tr *ptpTree) verdict() *PTPTest {
	p := tr.test
	counts := map[string]int{}
	for _, pc := range tr.clocks {
		c := pc.c
		p.Clocks = append(p.Clocks, c)
		if c.GMIdentity != "" {
			counts[c.GMIdentity]++
		}
		c.Passed = pc.ready
		if !pc.ready && c.Problem != "" && p.TimeLimit > 0 {
			c.Problem = fmt.Sprintf("after %.0f s, %s", p.TimeLimit, c.Problem)
		}
		if c.Locked {
			if len(pc.offsets) > 0 {
				c.Samples = len(pc.offsets)
				c.OffsetNs = medianAbs(pc.offsets)
				c.PathDelayNs = medianAbs(pc.delays)
				for _, o := range pc.offsets {
					c.MaxOffsetNs = math.Max(c.MaxOffsetNs, math.Abs(o))
				}
			} else {
				c.OffsetNs = math.Abs(c.OffsetNs)
			}
			if p.ToleranceNs > 0 && c.OffsetNs > p.ToleranceNs {
				c.Passed = false
				c.Problem = fmt.Sprintf("offset %s beyond the domain's tolerance of %s", FormatNs(c.OffsetNs), FormatNs(p.ToleranceNs))
			}
			if len(pc.offsets) == 0 {
				c.Passed = false
				c.Problem = "lost its lock while its offset was measured"
			}
		}
	}
	best := ""
	for id, n := range counts {
		if n > counts[best] || n == counts[best] && id < best {
			best = id
		}
	}
	p.ElectedIdentity = best
	for _, pc := range tr.clocks {
		if best != "" && (pc.c.Identity == best || ptpcfg.IdentityOf(pc.c.Device).PTP4L() == best) && pc.kind == ptpcfg.Grandmaster {
			p.Elected = pc.c.Device
		}
	}
	p.Passed = len(tr.clocks) > 0
	var bad []string
	for _, c := range p.Clocks {
		if c.Locked {
			p.Locked++
		}
		if c.Locked && c.OffsetNs > p.MaxOffsetNs {
			p.MaxOffsetNs = c.OffsetNs
		}
		if !c.Passed {
			p.Passed = false
			bad = append(bad, c.Device+": "+c.Problem)
		}
	}
	switch {
	case len(tr.clocks) == 0:
		p.Problem = "no clock of the tree runs in the lab"
	case best != p.IntendedIdentity:
		p.Problem = fmt.Sprintf("the clocks elect %s, not %s", dash(p.Elected+" "+best), p.Intended)
		p.Passed = false
	case !p.Passed:
		p.Problem = strings.Join(bad, "; ")
	}
	return p
}

// FormatNs writes a duration in nanoseconds the way a recette reads it:
// "850 ns", "12.3 µs", "1.20 ms".
func FormatNs(ns float64) string {
	a := math.Abs(ns)
	switch {
	case a < 1e3:
		return fmt.Sprintf("%.0f ns", ns)
	case a < 1e6:
		return strconv.FormatFloat(ns/1e3, 'f', decimals(a/1e3), 64) + " µs"
	default:
		return strconv.FormatFloat(ns/1e6, 'f', decimals(a/1e6), 64) + " ms"
	}
}

func decimals(v float64) int {
	switch {
	case v < 10:
		return 2
	case v < 100:
		return 1
	}
	return 0
}

// stop ends the ptp4l instances.
func (r *ptpRun) stop(ctx context.Context) {
	for _, d := range r.procs {
		_ = r.s.nl.StopProcess(ctx, d)
	}
}
