package lab

import (
	"context"
	"fmt"
	"github.com/avnet/avnet/internal/plural"
	"io"
	"net/netip"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/avnet/avnet/internal/build"
	"github.com/avnet/avnet/internal/lab/netlab"
	"github.com/avnet/avnet/internal/lab/stream"
	"github.com/avnet/avnet/internal/model"
)

// TestOptions tune `lab test`.
type TestOptions struct {
	// Count packets per leg at Rate packets per second (default 30 at 100/s).
	Count int
	Rate  float64
	// PTPTimeout bounds the wait for every clock to follow its
	// grandmaster (default 20 s).
	PTPTimeout time.Duration
	// SkipPTP leaves PTP out.
	SkipPTP bool
	Log     io.Writer
}

func (o *TestOptions) fill() {
	if o.Count <= 0 {
		o.Count = 30
	}
	if o.Rate <= 0 {
		o.Rate = 100
	}
	if o.PTPTimeout <= 0 {
		o.PTPTimeout = 20 * time.Second
	}
}

func (o *TestOptions) logf(format string, args ...any) {
	if o.Log != nil {
		fmt.Fprintf(o.Log, format+"\n", args...)
	}
}

// labSession is a lab that is up, reopened for `lab test`.
type labSession struct {
	inv  *Inventory
	nl   *netlab.Lab
	topo *Topology
}

func openLab(stateDir string) (*labSession, error) {
	inv, err := LoadInventory(stateDir)
	if err != nil {
		return nil, err
	}
	if !inv.Ready {
		return nil, fmt.Errorf("lab %s is not ready (its `lab up` did not finish): take it down and up again", inv.Lab)
	}
	digest, err := build.DesignDigest(inv.Design)
	if err != nil {
		return nil, err
	}
	if digest != inv.DesignDigest {
		return nil, fmt.Errorf("lab %s is stale: the design in %s changed since `lab up`; take the lab down and up again", inv.Lab, inv.Design)
	}
	f, err := loadDesign(inv.Design)
	if err != nil {
		return nil, err
	}
	mgmt, err := netip.ParsePrefix(inv.Mgmt.CIDR)
	if err != nil {
		return nil, err
	}
	topo, err := NewTopology(f, mgmt)
	if err != nil {
		return nil, err
	}
	nl, err := netlab.Load(stateDir)
	if err != nil {
		return nil, err
	}
	return &labSession{inv: inv, nl: nl, topo: topo}, nil
}

// Test runs the acceptance tests on the lab in stateDir: every leg of
// every flow is sent as RTP from its sender's namespace and must reach
// every receiver (on the leg's own interface, with the class's DSCP) and
// no other endpoint of its VLAN; every PTP domain tree must elect the
// grandmaster the design intends. It returns the results, passed or not;
// an error means the test could not run.
func Test(ctx context.Context, stateDir string, o TestOptions) (*Results, error) {
	o.fill()
	if err := Check(); err != nil {
		return nil, err
	}
	t0 := time.Now()
	s, err := openLab(stateDir)
	if err != nil {
		return nil, err
	}
	res := &Results{Schema: ResultsSchema, Lab: s.inv.Lab, Design: s.inv.Design, DesignDigest: s.inv.DesignDigest,
		Language: s.topo.Design.Info.Language, Count: o.Count, Rate: o.Rate, Timings: map[string]float64{}}
	for _, sk := range s.topo.Skipped {
		res.Notes = append(res.Notes, "not in the lab: "+sk)
	}

	// The queriers query now, not at their next interval, so that the
	// switches know their multicast-router ports when receivers join
	// (runStreams waits for that).
	s.queryNow(ctx, &o)
	// PTP first: it converges while the streams run.
	var ptp *ptpRun
	if !o.SkipPTP {
		t1 := time.Now()
		ptp, err = s.startPTP(ctx, &o)
		if err != nil {
			return nil, err
		}
		defer ptp.stop(context.WithoutCancel(ctx))
		res.Timings["ptp_start"] = secs(t1)
	}

	t1 := time.Now()
	nominal := o.Rate
	// Every leg at once, at a rate the lab's switches (userspace
	// datapaths sharing this machine's cores) carry without loss.
	legs := 0
	for _, ff := range s.topo.Facts.Flows {
		legs += len(ff.Legs)
	}
	if legs > 0 && o.Rate*float64(legs) > maxAggregateRate {
		o.Rate = max(maxAggregateRate/float64(legs), 10)
		res.Rate = o.Rate
		res.Notes = append(res.Notes, fmt.Sprintf("%s at once: %.0f packets/s per leg, so that the lab carries them all (%.0f packets/s in all)", plural.Count(legs, "leg", "legs"), o.Rate, maxAggregateRate))
	}
	plan := s.planStreams(res, &o, nil)
	if err := s.runStreams(ctx, plan, &o); err != nil {
		return nil, err
	}
	plan.evaluate(res)
	if again := res.LossOnly(); len(again) > 0 {
		if err := s.resend(ctx, res, again, o, nominal); err != nil {
			return nil, err
		}
	}
	res.Timings["streams"] = secs(t1)

	if ptp != nil {
		t1 = time.Now()
		res.PTP = ptp.check(ctx, o.PTPTimeout)
		res.Notes = append(res.Notes, ptp.notes...)
		res.Timings["ptp_check"] = secs(t1)
	}
	res.Passed = true
	for _, f := range res.Flows {
		res.Passed = res.Passed && f.Passed
	}
	for _, p := range res.PTP {
		res.Passed = res.Passed && p.Passed
	}
	res.Timings["total"] = secs(t0)
	return res, nil
}

// maxAggregateRate bounds the packets per second of all legs together.
// Every packet crosses several userspace datapaths (ovs-vswitchd, netdev)
// sharing this machine's cores with the lab's ptp4l and the test's sockets: at
// 3000 packets/s a 2-core machine dropped some of the flagship's (90
// legs); at 1000, none.
const maxAggregateRate = 1000.0

func secs(since time.Time) float64 { return time.Since(since).Round(time.Millisecond).Seconds() }

// profile is the RTP payload type, clock rate and payload size of an
// essence: the payload types of the SDP generator (generators/sdp).
func profile(fl *model.Flow) (pt, clock, size int) {
	switch fl.Essence {
	case "st2110-20":
		return 96, 90000, 1200
	case "st2110-22":
		if fl.Video != nil && (fl.Video.Codec == "h264" || fl.Video.Codec == "h265") {
			return 96, 90000, 1200
		}
		return 112, 90000, 1200
	case "st2110-30", "st2110-31", "aes67", "dante":
		rate, ch, depth, samples := 48000, 2, 3, 48
		if a := fl.Audio; a != nil {
			if a.SampleRate > 0 {
				rate = a.SampleRate
			}
			if a.Channels > 0 {
				ch = a.Channels
			}
			if a.Depth > 0 {
				depth = (a.Depth + 7) / 8
			}
			if d, err := time.ParseDuration(strings.ReplaceAll(a.PacketTime, "µs", "us")); err == nil && d > 0 {
				samples = int(int64(rate) * int64(d) / int64(time.Second))
			}
		}
		pt := 97
		if fl.Essence == "dante" {
			pt = 96
		}
		return pt, rate, ch * depth * samples
	case "st2110-40":
		return 100, 90000, 200
	case "st2022-6":
		return 98, 27000000, 1376
	case "mpeg-ts":
		return 33, 90000, 7 * 188
	}
	return 96, 90000, 1200
}

// streamPlan is every node's stream job and what to check afterwards.
type streamPlan struct {
	jobs   map[string]*stream.Job // by node
	legs   []*legPlan
	groups map[string][]mdbWant // switch node → groups to be learned
	// routers lists, per switch node, the VLANs in which it must know
	// its multicast-router port (group mdbQuerier) before receivers
	// join: a switch sends reports only toward the querier.
	routers map[string][]mdbWant
	out     map[string]*stream.Result
}

type mdbWant struct {
	vlan  int
	group string
}

// mdbQuerier is how ovs-appctl mdb/show names a multicast-router port
// (one on which the switch heard a query) in its GROUP column.
const mdbQuerier = "querier"

type legPlan struct {
	flow  *FlowTest
	leg   *LegTest
	count int
	dscp  int
	// the sender's node and stream ID
	sendNode, sendID string
	recvs            []recvPlan
	silent           []silentPlan
}

type recvPlan struct {
	r           *Reception
	node, id    string
	ifname      string
	unreachable bool
}

type silentPlan struct {
	b            *Bystander
	node, ifname string
}

// LossOnly lists the failed flows whose every receiver got some of the
// stream but not all of it, with nothing else wrong: packets the lab's
// host dropped under load (its switches are userspace datapaths sharing
// a few cores with everything else), not a path the network lacks, which
// delivers nothing, nor a snooping fault, which shows on a bystander.
func (r *Results) LossOnly() map[string]bool {
	out := map[string]bool{}
	for _, f := range r.Flows {
		if f.Passed || len(f.Problems) > 0 {
			continue
		}
		ok := true
		for _, l := range f.Legs {
			if l.Passed {
				continue
			}
			ok = ok && len(l.Problems) == 0
			for _, b := range l.Silent {
				ok = ok && b.Passed
			}
			for _, rc := range l.Receivers {
				ok = ok && (rc.Passed || rc.Received > 0 && rc.Received < r.Count && rc.WrongInterface == 0 && rc.Expected == "")
			}
		}
		if ok {
			out[f.Flow] = true
		}
	}
	return out
}

// resend sends the flows that only lost packets again, without the
// others, and keeps that second result, recording the first.
func (s *labSession) resend(ctx context.Context, res *Results, flows map[string]bool, o TestOptions, nominal float64) error {
	legs := 0
	for name := range flows {
		legs += len(s.topo.Facts.Flows[name].Legs)
	}
	o.Rate = min(nominal, max(maxAggregateRate/float64(legs), 10))
	o.logf("  %s lost packets among all the others: sending %s again alone, at %.0f packets/s per leg", plural.Count(len(flows), "flow", "flows"), plural.Of(len(flows), "it", "them"), o.Rate)
	again := &Results{Count: res.Count}
	p := s.planStreams(again, &o, flows)
	if err := s.runStreams(ctx, p, &o); err != nil {
		return err
	}
	p.evaluate(again)
	second := map[string]*FlowTest{}
	for _, f := range again.Flows {
		second[f.Flow] = f
	}
	var names []string
	for i, f := range res.Flows {
		if g := second[f.Flow]; g != nil {
			g.FirstAttempt = firstAttempt(f)
			res.Flows[i] = g
			names = append(names, f.Flow)
		}
	}
	res.Notes = append(res.Notes, fmt.Sprintf("%s lost packets with every leg at once (the lab's switches share this machine's cores) and %s sent again alone, at %.0f packets/s per leg: %s",
		plural.Count(len(names), "flow", "flows"), plural.Of(len(names), "was", "were"), o.Rate, strings.Join(names, ", ")))
	return nil
}

// firstAttempt sums up what a flow's receivers got the first time.
func firstAttempt(f *FlowTest) string {
	var parts []string
	for _, l := range f.Legs {
		for _, rc := range l.Receivers {
			if !rc.Passed {
				parts = append(parts, fmt.Sprintf("%s received %d", rc.Receiver, rc.Received))
			}
		}
	}
	return strings.Join(parts, "; ")
}

// planStreams turns the flows of the lab view (those in only, when not
// nil) into stream jobs, one per node.
func (s *labSession) planStreams(res *Results, o *TestOptions, only map[string]bool) *streamPlan {
	t := s.topo
	f := t.View
	p := &streamPlan{jobs: map[string]*stream.Job{}, groups: map[string][]mdbWant{}, routers: map[string][]mdbWant{}}
	// After the last packet is sent, receivers wait for stragglers (they
	// stop as soon as they have every packet) and sniffers keep counting:
	// longer in a big lab, whose switches have more to forward.
	nlegs := 0
	for _, ff := range t.Facts.Flows {
		nlegs += len(ff.Legs)
	}
	drain := min(500*time.Millisecond+time.Duration(nlegs)*10*time.Millisecond, 3*time.Second)
	job := func(node string) *stream.Job {
		if p.jobs[node] == nil {
			p.jobs[node] = &stream.Job{Drain: drain}
		}
		return p.jobs[node]
	}
	sniffed := map[string]bool{}
	sniff := func(node, ifname string) {
		if !sniffed[node+"/"+ifname] {
			sniffed[node+"/"+ifname] = true
			j := job(node)
			j.Sniffs = append(j.Sniffs, stream.Sniff{IfName: ifname})
		}
	}
	for _, name := range model.SortedKeys(t.Facts.Flows) {
		if only != nil && !only[name] {
			continue
		}
		ff := t.Facts.Flows[name]
		fl := ff.Flow
		ft := &FlowTest{Flow: name, Essence: fl.Essence, Class: fl.Class}
		if c := f.QoS.Classes[fl.Class]; c != nil && len(c.DSCP) > 0 {
			ft.DSCP = c.DSCP[0]
		}
		res.Flows = append(res.Flows, ft)
		pt, clock, size := profile(fl)
		sender := t.NodeOf(fl.Sender)
		for li, leg := range ff.Legs {
			lt := &LegTest{Plane: leg.Plane, VLAN: leg.VLAN, Group: leg.Group, Port: fl.Port, PayloadType: pt, ClockRate: clock}
			ft.Legs = append(ft.Legs, lt)
			lp := &legPlan{flow: ft, leg: lt, count: o.Count, dscp: ft.DSCP}
			p.legs = append(p.legs, lp)
			v := f.VLANs[leg.VLAN]
			if sender == nil || sender.Switch {
				lt.Problems = append(lt.Problems, fmt.Sprintf("sender %s is not an endpoint of the lab", fl.Sender))
				continue
			}
			lt.Sender = fl.Sender + ":" + sender.DesignIf(leg.Sender.Interface)
			src := hostOf(f.Devices[fl.Sender].Interfaces[leg.Sender.Interface])
			if leg.Sender.Interface == "" || src == "" {
				lt.Problems = append(lt.Problems, fmt.Sprintf("sender %s has no addressed interface in VLAN %q", fl.Sender, leg.VLAN))
				continue
			}
			if v != nil && v.IGMP != nil {
				lt.IGMP = v.IGMP.Version
				if lt.IGMP == 0 {
					lt.IGMP = 3
				}
			}
			if lt.IGMP == 3 && leg.Group != "" {
				lt.Source = fl.Source
				if lt.Source == "" {
					lt.Source = src
				}
			}
			ttl := 16
			if f.Routing != nil && f.Routing.Mode == "l3" {
				ttl = 64
			}
			base := fmt.Sprintf("%s|%d", name, li)
			lp.sendNode, lp.sendID = sender.Name, base
			sendTo := func(id, dst string) {
				j := job(sender.Name)
				j.Sends = append(j.Sends, stream.Send{ID: id, Dst: dst, Port: fl.Port, Src: src, IfName: leg.Sender.Interface,
					DSCP: ft.DSCP, TTL: ttl, PayloadType: pt, ClockRate: clock, Rate: o.Rate, Count: o.Count, PayloadSize: size})
			}
			if !leg.Unicast {
				sendTo(base, leg.Group)
			}
			receivers := map[string]bool{fl.Sender: true}
			for ri, dl := range leg.Deliveries {
				receivers[dl.Receiver] = true
				rn := t.NodeOf(dl.Receiver)
				rc := &Reception{Receiver: dl.Receiver, Expected: dl.Unreachable}
				lt.Receivers = append(lt.Receivers, rc)
				if rn == nil || rn.Switch {
					rc.Problem = "not an endpoint of the lab"
					continue
				}
				if dl.Port.Interface == "" {
					rc.Problem = "no interface in VLAN " + leg.VLAN
					continue
				}
				rc.Interface = rn.DesignIf(dl.Port.Interface)
				for _, ei := range rn.Interfaces {
					if ei.Name == dl.Port.Interface {
						rc.Switch = ei.Switch
					}
				}
				id := fmt.Sprintf("%s|%d", base, ri)
				rp := recvPlan{r: rc, node: rn.Name, id: id, ifname: dl.Port.Interface, unreachable: dl.Unreachable != ""}
				lp.recvs = append(lp.recvs, rp)
				r := stream.Recv{ID: id, Group: leg.Group, Port: fl.Port, IfName: dl.Port.Interface, Source: lt.Source,
					Expect: o.Count, PayloadType: pt}
				if leg.Unicast {
					dst := hostOf(f.Devices[dl.Receiver].Interfaces[dl.Port.Interface])
					if dst == "" {
						rc.Problem = "its interface has no address (unicast leg)"
						continue
					}
					sendTo(id, dst)
					r.Group, r.Source = "", ""
				}
				j := job(rn.Name)
				j.Recvs = append(j.Recvs, r)
				// The switches that must learn the group before the streams
				// start: reports travel from the receiver's switch toward
				// the querier (its multicast-router ports), so every switch
				// of the path from the receiver back to the querier's
				// switch, or the receiver's switch alone when the querier
				// is off the path. A switch nearer the sender than the
				// querier never learns the group, and forwards the stream
				// up its multicast-router port.
				if v != nil && leg.Group != "" && v.IGMP != nil && v.IGMP.Snooping {
					var sws []string // path order, sender's side first
					for _, e := range dl.Path {
						for _, d := range []string{e.From.Device, e.To.Device} {
							if n := t.NodeOf(d); n != nil && n.Switch && (len(sws) == 0 || sws[len(sws)-1] != n.Name) {
								sws = append(sws, n.Name)
							}
						}
					}
					learn := sws[max(len(sws)-1, 0):]
					for i := len(sws) - 1; i >= 0; i-- {
						if t.querierOn(sws[i], leg.VLAN) {
							learn = sws[i:]
							break
						}
					}
					querier := t.querierOn("", leg.VLAN)
					for _, n := range learn {
						p.groups[n] = appendWant(p.groups[n], mdbWant{v.ID, leg.Group})
						if querier {
							p.routers[n] = appendWant(p.routers[n], mdbWant{v.ID, mdbQuerier})
						}
					}
				}
			}
			if leg.Unicast {
				continue
			}
			// Every other endpoint interface in the VLAN must stay silent.
			for _, en := range t.Endpoints {
				if receivers[en.Device] {
					continue
				}
				for _, ei := range en.Interfaces {
					if ei.VLAN != leg.VLAN {
						continue
					}
					b := &Bystander{Device: en.Device, Interface: ei.Design, Switch: ei.Switch}
					lt.Silent = append(lt.Silent, b)
					lp.silent = append(lp.silent, silentPlan{b: b, node: en.Name, ifname: ei.Name})
					sniff(en.Name, ei.Name)
				}
			}
		}
	}
	return p
}

func appendWant(ws []mdbWant, w mdbWant) []mdbWant {
	for _, x := range ws {
		if x == w {
			return ws
		}
	}
	return append(ws, w)
}

// hostOf is an interface's address without its prefix length.
func hostOf(i *model.Interface) string {
	if i == nil || i.IP == "" {
		return ""
	}
	if p, err := netip.ParsePrefix(i.IP); err == nil {
		return p.Addr().String()
	}
	if a, err := netip.ParseAddr(i.IP); err == nil {
		return a.String()
	}
	return ""
}

// runStreams opens every node's sockets (receivers join), waits until
// the switches on the paths learned the groups, sends every stream at
// once, then collects what each node saw.
func (s *labSession) runStreams(ctx context.Context, p *streamPlan, o *TestOptions) error {
	// Before the receivers join, every switch between them and the
	// querier must know its multicast-router port, where it sends their
	// reports (reports are not flooded between switches): a report sent
	// before is lost, and the host repeats it only seconds later. Test
	// had the queriers query at once (queryNow); they send their first
	// query a second later. Should one not be heard, they query again.
	wait := 5 * time.Second
	if missing := s.waitSnooping(ctx, p.routers, 2500*time.Millisecond); len(missing) > 0 {
		o.logf("  switches lack a multicast-router port (%s): the queriers query again", strings.Join(missing, "; "))
		s.queryNow(ctx, o)
		if missing := s.waitSnooping(ctx, p.routers, wait); len(missing) > 0 {
			o.logf("  after %v more, switches still lack a multicast-router port: %s", wait, strings.Join(missing, "; "))
			s.logQueriers(ctx, o)
		}
	}
	var nodes []string
	for n := range p.jobs {
		nodes = append(nodes, n)
	}
	sort.Strings(nodes)
	// Every node's sockets, opened in its namespace from this process.
	sessions := make([]*stream.Session, 0, len(nodes))
	finish := func() {
		if sessions == nil {
			return
		}
		var wg sync.WaitGroup
		outs := make([]*stream.Result, len(sessions))
		for i, ss := range sessions {
			wg.Add(1)
			go func() { defer wg.Done(); outs[i] = ss.Finish() }()
		}
		wg.Wait()
		p.out = map[string]*stream.Result{}
		for i, r := range outs {
			p.out[nodes[i]] = r
		}
		sessions = nil
	}
	defer finish() // an early return closes what was opened
	for _, n := range nodes {
		ss, err := stream.OpenIn(s.nl.NetnsPath(n), *p.jobs[n])
		if err != nil {
			return fmt.Errorf("lab test: node %s: %w", n, err)
		}
		sessions = append(sessions, ss)
	}
	o.logf("  stream sockets open on %s; waiting for IGMP snooping to learn the groups", plural.Count(len(sessions), "node", "nodes"))
	// Reports reach every switch within a second; a switch that has not
	// learned a group after a few seconds will not (a trunk without the
	// VLAN, or a report OVS does not pass on): the test then measures what
	// that does to the stream.
	if missing := s.waitSnooping(ctx, p.groups, wait); len(missing) > 0 {
		o.logf("  after %v, snooping tables still lack: %s", wait, strings.Join(missing, "; "))
	}
	var wg sync.WaitGroup
	for _, ss := range sessions {
		wg.Add(1)
		go func() { defer wg.Done(); ss.Send(ctx) }()
	}
	wg.Wait()
	finish()
	return ctx.Err()
}

// querierOn tells whether the design puts the IGMP querier of vlan (of
// any VLAN when vlan is "") on the device of lab node node (on any lab
// switch when node is "").
func (t *Topology) querierOn(node, vlan string) bool {
	for _, n := range t.Switches {
		if node != "" && n.Name != node {
			continue
		}
		if sp := t.Facts.SwitchPlan(n.Device); sp != nil {
			for _, svi := range sp.SVIs {
				if svi.Querier && (vlan == "" || svi.VLAN == vlan) {
					return true
				}
			}
		}
	}
	return false
}

// queryNow has the IGMP queriers the design puts on lab switches (FRR
// pimd on the switch's VLAN interfaces) send their general queries now.
func (s *labSession) queryNow(ctx context.Context, o *TestOptions) {
	s.onQueriers(ctx, o, "clear ip igmp interfaces", false)
}

// logQueriers logs what the queriers' pimd says of its IGMP interfaces,
// for a switch that heard no query.
func (s *labSession) logQueriers(ctx context.Context, o *TestOptions) {
	s.onQueriers(ctx, o, "show ip igmp interface", true)
}

// onQueriers runs a vtysh command on every lab switch the design gives
// an IGMP querier; it logs failures, and the output when show is set.
func (s *labSession) onQueriers(ctx context.Context, o *TestOptions, cmd string, show bool) {
	for _, sw := range s.inv.Switches {
		if !s.topo.querierOn(sw.Node, "") {
			continue
		}
		f, err := s.nl.FRR(sw.Node)
		if err != nil {
			o.logf("  %s: %v", sw.Device, err)
			continue
		}
		out, err := f.Vtysh(ctx, cmd)
		switch {
		case err != nil:
			o.logf("  %s: vtysh %q: %v", sw.Device, cmd, err)
		case show:
			o.logf("  %s: %s:\n%s", sw.Device, cmd, strings.TrimRight(string(out), "\n"))
		}
	}
}

// waitSnooping polls the switches' IGMP snooping tables until they hold
// every entry of want (groups a receiver behind them joined, or
// multicast-router ports), or timeout passes; it returns what is still
// missing. (A switch that cannot learn a group, as
// when a trunk lacks the VLAN, is what the test then reports.)
func (s *labSession) waitSnooping(ctx context.Context, want map[string][]mdbWant, timeout time.Duration) []string {
	deadline := time.Now().Add(timeout)
	var missing []string
	delay := 5 * time.Millisecond
	for {
		missing = nil
		for _, node := range sortedWantKeys(want) {
			o, err := s.nl.OVS(node)
			if err != nil {
				missing = append(missing, node+": "+err.Error())
				continue
			}
			out, err := o.Appctl(ctx, "mdb/show", "br0")
			if err != nil {
				missing = append(missing, node+": "+err.Error())
				continue
			}
			have := map[mdbWant]bool{}
			for _, line := range strings.Split(string(out), "\n") {
				fs := strings.Fields(line)
				if len(fs) >= 3 {
					if v, err := strconv.Atoi(fs[1]); err == nil {
						have[mdbWant{v, fs[2]}] = true
					}
				}
			}
			for _, w := range want[node] {
				switch {
				case have[w]:
				case w.group == mdbQuerier:
					missing = append(missing, fmt.Sprintf("%s VLAN %d (no query heard)", node, w.vlan))
				default:
					missing = append(missing, fmt.Sprintf("%s VLAN %d group %s", node, w.vlan, w.group))
				}
			}
		}
		if len(missing) == 0 || time.Now().After(deadline) || ctx.Err() != nil {
			return missing
		}
		select {
		case <-ctx.Done():
		case <-time.After(delay):
		}
		if delay < 100*time.Millisecond {
			delay *= 2
		}
	}
}

func sortedWantKeys(m map[string][]mdbWant) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// evaluate turns what the nodes saw into verdicts.
func (p *streamPlan) evaluate(res *Results) {
	errs := map[string][]string{}
	for node, r := range p.out {
		errs[node] = r.Errors
	}
	for _, lp := range p.legs {
		lt := lp.leg
		if lp.sendNode != "" {
			if r := p.out[lp.sendNode]; r != nil {
				sent := 0
				for id, sr := range r.Sent {
					if id == lp.sendID || strings.HasPrefix(id, lp.sendID+"|") {
						if sr.Err != "" {
							lt.Problems = append(lt.Problems, "sender: "+sr.Err)
						}
						if id == lp.sendID || sent == 0 {
							sent = sr.Sent
						}
					}
				}
				lt.Sent = sent
				if sent != lp.count {
					lt.Problems = append(lt.Problems, fmt.Sprintf("sent %d of %d packets", sent, lp.count))
				}
			}
		}
		for _, rp := range lp.recvs {
			rc := rp.r
			r := p.out[rp.node]
			if r == nil {
				rc.Problem = "no report from its stream sockets"
				continue
			}
			rr, ok := r.Recv[rp.id]
			if !ok {
				if rc.Problem == "" {
					rc.Problem = "no report"
				}
				continue
			}
			rc.Received, rc.Lost, rc.Late = rr.Received, rr.Lost, rr.Late
			rc.DSCP = map[int]int{}
			for tos, n := range rr.TOS {
				rc.DSCP[tos>>2] += n
			}
			for ifn, n := range rr.Ifaces {
				if ifn != rp.ifname {
					rc.WrongInterface += n
				}
			}
			var probs []string
			switch {
			case rr.Err != "":
				probs = append(probs, rr.Err)
			case rr.Received == 0:
				probs = append(probs, "received nothing")
			case rr.Received < lp.count:
				probs = append(probs, fmt.Sprintf("received %d of %d packets", rr.Received, lp.count))
			}
			if rr.Lost > 0 || rr.Late > 0 {
				probs = append(probs, fmt.Sprintf("RTP sequence: %d lost, %d late or duplicated", rr.Lost, rr.Late))
			}
			if rr.WrongPT > 0 || rr.NotRTP > 0 {
				probs = append(probs, fmt.Sprintf("%d packets with another payload type, %d not RTP", rr.WrongPT, rr.NotRTP))
			}
			if rr.SSRCs > 1 {
				probs = append(probs, fmt.Sprintf("%d SSRCs (one expected)", rr.SSRCs))
			}
			for d := range rc.DSCP {
				if d != lp.dscp {
					probs = append(probs, fmt.Sprintf("DSCP %d on the wire, want %d (class %s)", d, lp.dscp, lp.flow.Class))
				}
			}
			if rc.WrongInterface > 0 {
				probs = append(probs, fmt.Sprintf("%s arrived on another interface than %s (the other plane)", plural.Count(rc.WrongInterface, "packet", "packets"), rc.Interface))
			}
			if len(probs) > 0 && rc.Expected != "" {
				probs = append(probs, "as the design's analysis predicts: "+rc.Expected)
			}
			rc.Problem = strings.Join(probs, "; ")
			rc.Passed = rc.Problem == ""
		}
		for _, sp := range lp.silent {
			b := sp.b
			r := p.out[sp.node]
			if r == nil {
				continue
			}
			sn := r.Sniff[sp.ifname]
			if sn.Err != "" {
				lt.Problems = append(lt.Problems, fmt.Sprintf("sniffer on %s:%s: %s", b.Device, b.Interface, sn.Err))
				continue
			}
			b.Frames = sn.Groups[lt.Group]
			b.Passed = b.Frames == 0
		}
		lt.Passed = len(lt.Problems) == 0 && len(lt.Receivers) > 0
		if len(lt.Receivers) == 0 {
			lt.Problems = append(lt.Problems, "the flow has no receiver")
		}
		for _, rc := range lt.Receivers {
			lt.Passed = lt.Passed && rc.Passed
		}
		for _, b := range lt.Silent {
			lt.Passed = lt.Passed && b.Passed
		}
	}
	for _, ft := range res.Flows {
		ft.Passed = len(ft.Legs) > 0
		if len(ft.Legs) == 0 {
			ft.Problems = append(ft.Problems, "the flow has no leg (no group and no receiver)")
		}
		for _, l := range ft.Legs {
			ft.Passed = ft.Passed && l.Passed
		}
	}
	for node, es := range errs {
		for _, e := range es {
			res.Notes = append(res.Notes, fmt.Sprintf("streams on %s: %s", node, e))
		}
	}
	sort.Strings(res.Notes)
}

// ResultsDir is where `lab test` writes results.json and results.md for
// a design: <out>/<design name>/lab.
func ResultsDir(out, designDir string) string {
	abs, err := filepath.Abs(designDir)
	if err != nil {
		abs = designDir
	}
	return filepath.Join(out, filepath.Base(abs), "lab")
}
