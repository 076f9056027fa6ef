// Package ptpcfg is the "ptp" generator: one linuxptp configuration file,
// ptp/<device>.conf, for every clock of a PTP domain that runs ptp4l:
//
//   - every grandmaster declared under ptp.<domain>.grandmasters (it gets
//     its priority1, priority2 and clockClass, and the clockIdentity that
//     the SDP files name, see IdentityOf);
//   - every endpoint with ptp.mode "ordinary" (a slave-only clock:
//     slaveOnly 1, clockClass 255), "boundary" or "transparent";
//   - every switch with platform "linux" and ptp.mode "boundary" (a
//     boundary clock, one port section per port in the domain) or
//     "transparent" (clock_type E2E_TC or P2P_TC after the domain's delay
//     mechanism). Switches of other platforms get their PTP settings in
//     their own configuration (generator "configs").
//
// Every profile value is written out, even where it equals ptp4l's
// default, so a reader sees the whole profile: domainNumber, the log
// message intervals, announceReceiptTimeout, delay_mechanism,
// network_transport, the clock's priorities and class, and the DSCP of the
// design's PTP QoS class on event and general messages (the class named
// "ptp", as rule AV-QOS-002 finds it; EF 46 when there is none).
//
// The option names are those of linuxptp 3.1.1 (Debian 12): a slave-only
// clock is "slaveOnly 1" (linuxptp 4.0 renamed it clientOnly and still
// reads slaveOnly). Port sections ([swp1], [media-a]) are the interfaces
// cabled toward other clocks of the domain: management ports are left out,
// and an endpoint with media-VLAN interfaces uses only those. An interface
// name Linux cannot carry (longer than 15 characters, or with '/', ':' or
// spaces) is listed in a comment instead, to be given with -i.
//
// time_stamping is "hardware", the production setting; avnet's lab runs
// the same files with -S (software time stamping on veth interfaces) and
// --free_running 1, so that the lab never steers the host's clock.
//
// A device in two domains gets one file per domain,
// ptp/<device>.<domain>.conf. A device with ptp.version 1 (first-generation
// Dante) gets none: ptp4l speaks PTPv2 only.
//
// File names: the device name with every '/' replaced by '_'. Two devices
// whose file names differ only by case, or by '/' versus '_', are refused
// with an error, since they would overwrite each other on Windows and macOS.
package ptpcfg

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/model"
)

// Generator is the "ptp" generator.
var Generator = &gen.Generator{
	Name:      "ptp",
	Doc:       "linuxptp ptp4l configurations (ptp/<device>.conf) of the grandmasters, PTP endpoints and Linux switches",
	PerDevice: true,
	Generate:  Generate,
}

// Clock kinds.
const (
	Grandmaster = "grandmaster"
	Ordinary    = "ordinary" // slave-only ordinary clock
	Boundary    = "boundary"
	Transparent = "transparent"
)

// Clock is one ptp4l instance: a device's clock in one domain.
type Clock struct {
	Device     string
	DomainName string
	Domain     *model.PTPDomain
	Kind       string
	// GM holds the grandmaster's attributes when Kind is Grandmaster;
	// Elected reports whether the best master clock algorithm picks it.
	GM      *model.Grandmaster
	Elected bool
	// Tree and Node place the clock in the domain's clock tree (nil when
	// analysis did not reach it).
	Tree *analysis.PTPTree
	Node *analysis.PTPNode
	// Ports are the interfaces ptp4l runs on, in natural order.
	Ports []Port
	// Skipped lists interfaces in the domain whose names Linux cannot carry.
	Skipped []Port
	// File is the output path, "ptp/<device>.conf".
	File string
}

// Port is one PTP port of a clock.
type Port struct {
	Name string
	Peer analysis.Port
	Link string
	// MasterOnly is set on a boundary clock's ports that face a slave-only
	// clock: such a port never takes time from what is behind it.
	MasterOnly bool
}

// Generate writes ptp/<device>.conf for every clock of Clocks.
func Generate(ctx context.Context, f *model.Facility, facts *analysis.Facts, sink gen.Sink) error {
	env := gen.EnvFrom(ctx)
	clocks, err := Clocks(f, facts)
	if err != nil {
		return err
	}
	dscp := PTPDSCP(f)
	for _, c := range clocks {
		if !env.WantDevice(c.Device) {
			continue
		}
		if err := sink.Write(c.File, Render(c, f, dscp, env)); err != nil {
			return err
		}
	}
	return nil
}

// Clocks lists the ptp4l instances of the design, sorted by file name.
func Clocks(f *model.Facility, facts *analysis.Facts) ([]*Clock, error) {
	var out []*Clock
	perDevice := map[string]int{}
	for _, dn := range model.SortedKeys(f.PTP) {
		dom := f.PTP[dn]
		var df *analysis.PTPDomainFacts
		if facts != nil {
			df = facts.PTP[dn]
		}
		for _, name := range model.SortedKeys(f.Devices) {
			d := f.Devices[name]
			c := &Clock{Device: name, DomainName: dn, Domain: dom}
			gm, isGM := dom.Grandmasters[name]
			member := d.PTP != nil && d.PTP.Mode != "none" && d.PTP.Domain == dn
			if !isGM && !member {
				continue
			}
			if d.PTP != nil && d.PTP.Version == 1 {
				continue
			}
			switch {
			case isGM:
				c.Kind, c.GM = Grandmaster, gm
			case isForwarder(d):
				if d.Platform != "linux" || (d.PTP.Mode != "boundary" && d.PTP.Mode != "transparent") {
					continue
				}
				c.Kind = d.PTP.Mode
			case d.PTP.Mode == "ordinary":
				c.Kind = Ordinary
			default:
				c.Kind = d.PTP.Mode
			}
			if df != nil {
				for _, t := range df.Trees {
					if n := t.Nodes[name]; n != nil {
						c.Tree, c.Node = t, n
						break
					}
				}
			}
			c.Elected = c.Kind == Grandmaster && c.Tree != nil && c.Tree.Grandmaster == name
			c.Ports, c.Skipped = ports(f, facts, c)
			perDevice[name]++
			out = append(out, c)
		}
	}
	seen := map[string]string{}
	for _, c := range out {
		base := SafeName(c.Device)
		if perDevice[c.Device] > 1 {
			base += "." + SafeName(c.DomainName)
		}
		c.File = "ptp/" + base + ".conf"
		key := strings.ToLower(c.File)
		if prev, ok := seen[key]; ok {
			return nil, fmt.Errorf("ptp: devices %q and %q would both be written to %s (file names replace '/' by '_' and must differ by more than letter case); rename one of them", prev, c.Device, c.File)
		}
		seen[key] = c.Device
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out, nil
}

// SafeName maps an entity name to a file name: '/' becomes '_'.
func SafeName(name string) string { return strings.ReplaceAll(name, "/", "_") }

func isForwarder(d *model.Device) bool {
	return d.Role == "switch" || d.Role == "router" || d.Role == "firewall"
}

// member reports whether device name takes part in domain dn.
func member(f *model.Facility, dn, name string) bool {
	if _, ok := f.PTP[dn].Grandmasters[name]; ok && f.Devices[name] != nil {
		return true
	}
	d := f.Devices[name]
	return d != nil && d.PTP != nil && d.PTP.Mode != "none" && d.PTP.Domain == dn
}

// slaveOnly reports whether name is a slave-only clock of domain dn.
func slaveOnly(f *model.Facility, dn, name string) bool {
	if _, ok := f.PTP[dn].Grandmasters[name]; ok {
		return false
	}
	d := f.Devices[name]
	return d != nil && !isForwarder(d) && d.PTP != nil && d.PTP.Domain == dn && d.PTP.Mode == "ordinary"
}

// ports finds the interfaces of c's device that carry the domain: those
// cabled to another clock of the domain, and for an endpoint also those
// cabled to a switch (a PTP-unaware switch still forwards PTP), leaving
// out management ports; an endpoint with interfaces in a media VLAN keeps
// only those.
func ports(f *model.Facility, facts *analysis.Facts, c *Clock) (keep, skipped []Port) {
	if facts == nil || facts.Topology == nil {
		return nil, nil
	}
	d := f.Devices[c.Device]
	fwd := isForwarder(d)
	var cands []Port
	media := map[string]bool{}
	seen := map[string]bool{}
	for _, e := range facts.Topology.Adj[c.Device] {
		in := e.From.Interface
		if seen[in] || isMgmtPort(f, d, in) {
			continue
		}
		peer := f.Devices[e.To.Device]
		if peer == nil {
			continue
		}
		isMember := member(f, c.DomainName, e.To.Device)
		if !isMember && (fwd || !isForwarder(peer)) {
			continue
		}
		if i := d.Interfaces[in]; i != nil && !fwd {
			vs := i.AllVLANs()
			onlyMgmt := len(vs) > 0
			for _, vn := range vs {
				v := f.VLANs[vn]
				if v == nil || v.Purpose != "management" {
					onlyMgmt = false
				}
				if v != nil && v.Purpose == "media" {
					media[in] = true
				}
			}
			if onlyMgmt {
				continue
			}
		}
		seen[in] = true
		p := Port{Name: in, Peer: e.To, Link: e.Link.Label}
		p.MasterOnly = c.Kind == Boundary && slaveOnly(f, c.DomainName, e.To.Device)
		cands = append(cands, p)
	}
	if !fwd && len(media) > 0 {
		var m []Port
		for _, p := range cands {
			if media[p.Name] {
				m = append(m, p)
			}
		}
		cands = m
	}
	sort.SliceStable(cands, func(i, j int) bool { return naturalLess(cands[i].Name, cands[j].Name) })
	for _, p := range cands {
		if ValidIfName(p.Name) {
			keep = append(keep, p)
		} else {
			skipped = append(skipped, p)
		}
	}
	return keep, skipped
}

func isMgmtPort(f *model.Facility, d *model.Device, iface string) bool {
	if d.Mgmt != nil && d.Mgmt.Interface == iface {
		return true
	}
	if dt := f.DeviceTypes[d.Model]; dt != nil {
		if p := dt.Ports[iface]; p != nil && p.MgmtOnly {
			return true
		}
	}
	return false
}

// ValidIfName reports whether Linux accepts name as a network interface
// name (net/core/dev.c dev_valid_name: 1 to 15 bytes, not "." or "..",
// no '/', ':' or white space).
func ValidIfName(name string) bool {
	if name == "" || len(name) > 15 || name == "." || name == ".." {
		return false
	}
	return !strings.ContainsAny(name, "/: \t\n\r\v\f")
}

// naturalLess orders "swp2" before "swp10".
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digitsPrefix(a), digitsPrefix(b)
		if da != "" && db != "" {
			na, _ := strconv.Atoi(da)
			nb, _ := strconv.Atoi(db)
			if na != nb {
				return na < nb
			}
			a, b = a[len(da):], b[len(db):]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digitsPrefix(s string) string {
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// PTPDSCP is the DSCP of the design's PTP QoS class: the class named
// "ptp" (or whose name contains "ptp"), else a class holding EF 46 that no
// flow uses (as rule AV-QOS-002 finds it). Within the class EF 46 is
// preferred, else its first code point. 46 when the design has no such class.
func PTPDSCP(f *model.Facility) int {
	names := model.SortedKeys(f.QoS.Classes)
	pick := ""
	for _, n := range names {
		if strings.EqualFold(n, "ptp") {
			pick = n
			break
		}
	}
	if pick == "" {
		for _, n := range names {
			if strings.Contains(strings.ToLower(n), "ptp") {
				pick = n
				break
			}
		}
	}
	if pick == "" {
		used := map[string]bool{}
		for _, fl := range f.Flows {
			used[fl.Class] = true
		}
		for _, n := range names {
			if !used[n] && containsInt(f.QoS.Classes[n].DSCP, 46) {
				pick = n
				break
			}
		}
	}
	if pick == "" || len(f.QoS.Classes[pick].DSCP) == 0 {
		return 46
	}
	if ds := f.QoS.Classes[pick].DSCP; containsInt(ds, 46) {
		return 46
	} else {
		return ds[0]
	}
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
