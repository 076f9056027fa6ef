// Package switchcfg is the `configs` generator: one configuration per
// switch, in its platform's own syntax (Arista EOS, Cisco NX-OS, Cisco IOS
// XE, or Open vSwitch + FRR for a Linux whitebox switch).
//
// The generator decides; the platforms (internal/platform/<kind>) only
// write. From the design and its facts it builds, for each switch, a
// platform.Device: VLANs with their IGMP snooping and querier, the port
// plan of internal/analysis (access, trunk with the VLANs it must carry,
// routed or shut), QoS queues, the PTP clock, management, services and the
// local administrator with a salted hash of the password read from the
// environment.
package switchcfg

import (
	"context"
	"fmt"
	"github.com/avnet/avnet/internal/escape"
	"net/netip"
	"sort"
	"strings"

	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/platform"
	"github.com/avnet/avnet/internal/platform/all"
)

// Generator is `configs`.
var Generator = &gen.Generator{
	Name:      "configs",
	Doc:       "switch configurations, one per switch in its platform's syntax (configs/<device>.eos|.nxos|.iosxe, .ovs.sh and .frr.conf)",
	PerDevice: true,
	Generate:  Generate,
}

// Generate writes configs/<device>.<ext> for every switch with a platform.
func Generate(ctx context.Context, f *model.Facility, facts *analysis.Facts, sink gen.Sink) error {
	env := gen.EnvFrom(ctx)
	reg := all.Registry()
	for _, name := range model.SortedKeys(f.Devices) {
		d := f.Devices[name]
		if !d.IsSwitch() || d.Platform == "" || !env.WantDevice(name) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		kind, err := reg.Lookup(d.Platform)
		if err != nil {
			return fmt.Errorf("device %s: %w", name, err)
		}
		dev, err := Build(f, facts, d, kind, env)
		if err != nil {
			return err
		}
		files, err := kind.Render(dev)
		if err != nil {
			return fmt.Errorf("device %s: render %s configuration: %w", name, kind.Name, err)
		}
		for _, file := range files {
			if err := sink.Write("configs/"+file.Name, file.Data); err != nil {
				return err
			}
		}
	}
	return nil
}

// Build derives the platform-neutral configuration of switch d.
func Build(f *model.Facility, facts *analysis.Facts, d *model.Device, kind *platform.Kind, env *gen.Env) (*platform.Device, error) {
	plan := facts.SwitchPlan(d.Name)
	if plan == nil {
		return nil, fmt.Errorf("device %s is not a switch", d.Name)
	}
	dev := &platform.Device{
		Name: d.Name, Facility: escape.CLI(f.Info.Name), Platform: kind.Name, Version: env.Version,
		Design: designName(f), Plane: d.Plane, Model: d.Model, Role: escape.CLI(d.Description),
	}
	if t := f.DeviceTypes[d.Model]; t != nil {
		dev.Model = t.Manufacturer + " " + t.Model
	}
	dev.Banner = banner(f, d, dev.Model)
	dev.Services = platform.Services{NTP: f.Info.Services.NTP, Syslog: f.Info.Services.Syslog, DNS: f.Info.Services.DNS, Domain: f.Info.Services.Domain}

	users, err := buildUsers(f, d, kind, env)
	if err != nil {
		return nil, err
	}
	dev.Users = users

	vlans := map[string]*platform.VLAN{}
	for _, vn := range plan.VLANs {
		v := f.VLANs[vn]
		pv := &platform.VLAN{ID: v.ID, Name: truncate(vn, 32), MTU: v.MTU, Snooping: true, PTP: v.Purpose == "media"}
		if v.IGMP != nil {
			pv.Snooping, pv.Version = v.IGMP.Snooping, v.IGMP.Version
		}
		if v.MTU > dev.MaxMTU {
			dev.MaxMTU = v.MTU
		}
		vlans[vn] = pv
		dev.VLANs = append(dev.VLANs, pv)
	}
	dev.HasJumbo = dev.MaxMTU > 1500
	l3 := f.Routing != nil && f.Routing.Mode == "l3"
	for _, s := range plan.SVIs {
		pv := vlans[s.VLAN]
		if pv == nil {
			continue
		}
		if s.Querier && pv.Snooping {
			pv.Querier, pv.QuerierAddress = true, s.QuerierAddress
			if pv.Version == 0 {
				pv.Version = 2
			}
		}
		if s.L3 && s.Address != "" {
			pv.SVI = &platform.SVI{Address: s.Address, Gateway: s.Gateway, PIM: l3, OSPF: l3, IGMP: l3 || s.Querier}
		} else if s.Querier && s.QuerierAddress != "" && kind.Name == "linux" {
			// Open vSwitch snoops but does not query: the querier is FRR's
			// IGMP on an internal port that holds the querier address.
			pv.SVI = &platform.SVI{Address: s.QuerierAddress + "/" + subnetBits(f.VLANs[s.VLAN]), IGMP: true}
		}
	}
	for _, p := range plan.Ports {
		pp := &platform.Port{Name: p.Name, Description: p.Description(), Mode: p.Mode, MTU: p.MTU,
			Speed: p.Speed, PortSpeed: p.PortSpeed, Edge: p.Edge, PTP: p.PTP, PTPSlave: p.PTPSlave, PTPMaster: p.PTP && p.Edge && !p.PTPSlave && !p.PTPGrandmaster, Address: p.Address, Note: p.Note}
		if p.AccessVLAN != "" {
			pp.AccessVLAN = f.VLANs[p.AccessVLAN].ID
		}
		// A trunk's allowed list includes its native VLAN: a switch drops
		// untagged frames of a VLAN the trunk does not allow.
		for _, v := range p.VLANList() {
			if p.Mode == analysis.PortTrunk {
				pp.Allowed = append(pp.Allowed, f.VLANs[v].ID)
			}
		}
		sort.Ints(pp.Allowed)
		pp.SetSpeed = p.Mode != analysis.PortUnused && p.Speed != "" && p.PortSpeed != "" && model.SpeedBps(p.Speed) < model.SpeedBps(p.PortSpeed)
		if p.Mode == analysis.PortRouted {
			pp.OSPF, pp.PIM = l3, l3
		}
		dev.Ports = append(dev.Ports, pp)
	}
	if plan.Mgmt != nil {
		dev.Mgmt = &platform.Mgmt{Interface: plan.Mgmt.Interface, Address: plan.Mgmt.Address, Gateway: plan.Mgmt.Gateway}
		if plan.Mgmt.Interface == "" {
			dev.Mgmt.VLAN = vlans[plan.Mgmt.VLAN]
		}
	} else {
		dev.Notes = append(dev.Notes, "the design gives no management address (devices."+d.Name+".mgmt): the switch is reachable on its console only")
	}
	dev.QoS = buildQoS(f)
	dev.PTP, dev.Notes = buildPTP(f, facts, d, plan, dev, dev.Notes)
	if l3 {
		dev.Routing = &platform.Routing{Area: "0.0.0.0", SSMRange: "232.0.0.0/8", PIM: true}
		if f.Routing.OSPF != nil && f.Routing.OSPF.Area != "" {
			dev.Routing.Area = f.Routing.OSPF.Area
		}
		if f.Routing.PIM != nil {
			dev.Routing.RP = f.Routing.PIM.RP
			if f.Routing.PIM.SSMRange != "" {
				dev.Routing.SSMRange = f.Routing.PIM.SSMRange
			}
		}
		if dev.Routing.SSMRange != "232.0.0.0/8" {
			dev.Notes = append(dev.Notes, "SSM range "+dev.Routing.SSMRange+" is not the default 232.0.0.0/8")
		}
		if dev.Mgmt != nil {
			dev.Routing.RouterID = platform.HostAddr(dev.Mgmt.Address)
			dev.Notes = append(dev.Notes, "OSPF router ID is the management address: the design language has no loopback or router-id field")
		}
	}
	return dev, nil
}

func designName(f *model.Facility) string {
	d := strings.TrimRight(f.Dir, "/")
	if i := strings.LastIndexByte(d, '/'); i >= 0 {
		d = d[i+1:]
	}
	return d
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func subnetBits(v *model.VLAN) string {
	if v != nil {
		if p, err := netip.ParsePrefix(v.Subnet); err == nil {
			return fmt.Sprint(p.Bits())
		}
	}
	return "24"
}

// banner is the login banner: who owns the switch and that access is
// restricted, in the facility's language and in English, ASCII only.
func banner(f *model.Facility, d *model.Device, model string) []string {
	name := escape.CLI(f.Info.Name)
	var out []string
	if f.Info.Language == "fr" {
		out = append(out,
			"Acces reserve aux personnes autorisees.",
			name+" - "+d.Name+" ("+model+")",
			"Toute connexion est journalisee ; deconnectez-vous si vous n'etes pas autorise.",
			"")
	}
	out = append(out,
		"Authorised access only.",
		name+" - "+d.Name+" ("+model+")",
		"All sessions are logged; disconnect now if you are not authorised.")
	return out
}

// buildUsers reads the administrator's secret and hashes it for the platform.
func buildUsers(f *model.Facility, d *model.Device, kind *platform.Kind, env *gen.Env) ([]platform.User, error) {
	c := f.Admin(d)
	if c == nil {
		return nil, nil
	}
	if kind.HashPassword == nil {
		return nil, nil // the platform's files carry no account (linux: the host's own)
	}
	u := platform.User{Name: c.Username, Role: c.Role, SSHKey: c.SSHKey}
	var password string
	switch {
	case c.PasswordEnv != "":
		getenv := env.Getenv
		if getenv == nil {
			getenv = func(string) (string, bool) { return "", false }
		}
		v, ok := getenv(c.PasswordEnv)
		if (!ok || v == "") && c.SSHKey != "" {
			// The account still logs in with its key: a build without the
			// secret (a student's laptop, CI) gives a valid key-only config.
			u.Source = "SSH key only (" + c.PasswordEnv + " was not set at build time)"
			break
		}
		if !ok || v == "" {
			return nil, fmt.Errorf("device %s: the password of %s is read from the environment variable %s, which is not set: export %s=<password> (for example with `read -rs %s; export %s`) and run avnet build again; the configuration keeps only its salted hash",
				d.Name, c.Username, c.PasswordEnv, c.PasswordEnv, c.PasswordEnv, c.PasswordEnv)
		}
		password, u.Source = v, "environment variable "+c.PasswordEnv
	case c.PasswordFile != "":
		if env.ReadFile == nil {
			return nil, fmt.Errorf("device %s: the password of %s is in the file %s, but this build cannot read files", d.Name, c.Username, c.PasswordFile)
		}
		b, err := env.ReadFile(c.PasswordFile)
		if err != nil {
			field := []string{"facility", "credentials", "passwordFile"}
			if d.Credentials != nil {
				field = []string{"devices", d.Name, "credentials", "passwordFile"}
			}
			return nil, fmt.Errorf("%s: %s: device %s: the password of %s cannot be read from %q: %w",
				f.PosOf(field...), model.PathKey(field...), d.Name, c.Username, c.PasswordFile, err)
		}
		password, u.Source = strings.TrimRight(string(b), "\r\n"), "file "+c.PasswordFile
	case c.Password != "":
		password, u.Source = c.Password, "the design (a clear password: AV-SEC-002 rejects it)"
	case c.SSHKey == "":
		return nil, fmt.Errorf("device %s: the credentials of %s give neither passwordEnv, passwordFile nor sshKey: set credentials.passwordEnv to the name of an environment variable holding the password, or give an sshKey", d.Name, c.Username)
	}
	if password != "" {
		u.Hash = kind.HashPassword(password, d.Name, c.Username)
	}
	return []platform.User{u}, nil
}

// buildQoS turns the design's classes into per-queue scheduling: strict
// queues get priority levels from the highest queue down; weighted queues
// share the bandwidth the strict ones leave, the design's weights scaled
// to percentages that add up to 100.
func buildQoS(f *model.Facility) *platform.QoS {
	if len(f.QoS.Classes) == 0 {
		return nil
	}
	q := &platform.QoS{Trust: f.QoS.Trust}
	queues := make([]*platform.Queue, 8)
	for i := range queues {
		queues[i] = &platform.Queue{ID: i}
	}
	weights := map[int]int{}
	for _, name := range model.SortedKeys(f.QoS.Classes) {
		c := f.QoS.Classes[name]
		dscp := append([]int(nil), c.DSCP...)
		sort.Ints(dscp)
		pc := &platform.QoSClass{Name: name, Ident: "AVNET-" + strings.ToUpper(strings.NewReplacer(".", "-", "/", "-", "+", "-", "_", "-").Replace(name)),
			DSCP: dscp, Queue: c.Queue, Strict: c.Scheduling == "strict", Default: c.Queue == 0, Description: escape.CLI(c.Description)}
		q.Classes = append(q.Classes, pc)
		qu := queues[c.Queue]
		qu.Used = true
		qu.Classes = append(qu.Classes, name)
		if pc.Strict {
			qu.Strict = true
		} else {
			weights[c.Queue] += c.Weight
		}
	}
	sort.SliceStable(q.Classes, func(i, j int) bool { return q.Classes[i].Queue > q.Classes[j].Queue })
	// Traffic no class matches lands in queue 0: when no class uses it, it
	// still gets a minimal share rather than starving.
	if !queues[0].Used {
		queues[0].Used = true
		weights[0] = 1
	}
	level := 0
	total := 0
	for i := 7; i >= 0; i-- {
		if queues[i].Strict {
			level++
			queues[i].Level = level
			continue
		}
		total += weights[i]
	}
	// Largest-remainder rounding, so the percentages add up to exactly 100.
	if total > 0 {
		type rem struct{ q, r int }
		var rems []rem
		sum := 0
		for i := 7; i >= 0; i-- {
			if queues[i].Strict || weights[i] == 0 {
				continue
			}
			queues[i].Percent = weights[i] * 100 / total
			sum += queues[i].Percent
			rems = append(rems, rem{i, weights[i] * 100 % total})
		}
		sort.SliceStable(rems, func(a, b int) bool { return rems[a].r > rems[b].r })
		for k := 0; sum < 100 && k < len(rems); k++ {
			queues[rems[k].q].Percent++
			sum++
		}
	}
	for i := 7; i >= 0; i-- {
		q.Queues = append(q.Queues, queues[i])
	}
	q.DefaultPercent = queues[0].Percent
	shared := map[int]int{}
	for _, c := range q.Classes {
		if !c.Strict {
			shared[c.Queue]++
		}
	}
	for _, c := range q.Classes {
		qu := queues[c.Queue]
		c.Level = qu.Level
		if !c.Strict && shared[c.Queue] > 0 {
			c.Percent = qu.Percent / shared[c.Queue]
		}
	}
	return q
}

// buildPTP configures the switch's clock from its ptp block.
func buildPTP(f *model.Facility, facts *analysis.Facts, d *model.Device, plan *analysis.SwitchPlan, dev *platform.Device, notes []string) (*platform.PTP, []string) {
	if d.PTP == nil || (d.PTP.Mode != "boundary" && d.PTP.Mode != "transparent") {
		return nil, notes
	}
	dom := f.PTP[d.PTP.Domain]
	if dom == nil {
		return nil, notes
	}
	p := &platform.PTP{Mode: d.PTP.Mode, Profile: dom.Profile, Domain: dom.Domain, DomainName: dom.Name,
		LogAnnounceInterval: dom.LogAnnounceInterval, LogSyncInterval: dom.LogSyncInterval,
		LogMinDelayReqInterval: dom.LogMinDelayReqInterval, AnnounceReceiptTimeout: dom.AnnounceReceiptTimeout,
		Transport: dom.Transport, Delay: dom.DelayMechanism, Priority1: 128, Priority2: 128}
	// A switch must never win the best master clock election against a
	// grandmaster: its priority1 stays above every grandmaster's.
	for _, gm := range dom.Grandmasters {
		if gm.Priority1 >= p.Priority1 {
			p.Priority1 = min(gm.Priority1+1, 255)
		}
	}
	if df := facts.PTP[d.PTP.Domain]; df != nil {
		for _, t := range df.Trees {
			if t.Nodes[d.Name] != nil {
				p.Grandmaster = t.Grandmaster
			}
		}
	}
	carried := map[string]bool{}
	for _, v := range plan.VLANs {
		carried[v] = true
	}
	for _, name := range model.SortedKeys(f.Devices) {
		o := f.Devices[name]
		if o.PTP == nil || o.PTP.Version != 1 {
			continue
		}
		for _, in := range o.Interfaces {
			for _, v := range in.AllVLANs() {
				if carried[v] && !contains(p.V1Devices, name) {
					p.V1Devices = append(p.V1Devices, name)
				}
			}
		}
	}
	p.ForwardV1 = len(p.V1Devices) > 0
	// The source address of PTP messages: the switch's address in a media
	// VLAN, else any address of its own, else its management address.
	for _, pass := range []func(*platform.VLAN) bool{func(v *platform.VLAN) bool { return v.PTP }, func(*platform.VLAN) bool { return true }} {
		for _, v := range dev.VLANs {
			if p.Source == "" && v.SVI != nil && pass(v) {
				p.Source = platform.HostAddr(v.SVI.Address)
			}
		}
	}
	if p.Source == "" {
		for _, port := range dev.Ports {
			if p.Source == "" && port.Address != "" {
				p.Source = platform.HostAddr(port.Address)
			}
		}
	}
	if p.Source == "" && dev.Mgmt != nil {
		p.Source = platform.HostAddr(dev.Mgmt.Address)
		if dev.Platform == "nxos" {
			notes = append(notes, "PTP messages leave from the management address (ptp source): the design gives this switch no address in a media VLAN")
		}
	}
	return p, notes
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
