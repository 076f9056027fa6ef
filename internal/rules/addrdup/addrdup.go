package addrdup

import (
	_ "embed"
	"fmt"
	"net/netip"
	"sort"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-IP-003.
var Rule = &rules.Rule{
	ID:       "AV-IP-003",
	Name:     "addrdup",
	Doc:      rules.ExtractDoc(doc, "addrdup"),
	Standard: "RFC 791 §2.3 and RFC 1122 §3.3.4.1 (an address names one interface); RFC 826 (ARP), RFC 5227 (conflict detection)",
	Severity: diag.Error,
	Run:      run,
}

// use is one place where an address is assigned.
type use struct {
	addr    netip.Addr
	noun    string // "address", "gateway", "management address"
	owner   string // "cam-1:media", "vlan media", "sw-1"
	who     string // how another finding names this use: "cam-1:media", "the gateway of vlan media"
	subject string
	pos     diag.Pos
	vlan    string // the VLAN whose subnet holds it, for the hint
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	var uses []use

	for _, vn := range model.SortedKeys(f.VLANs) {
		v := f.VLANs[vn]
		if a, err := netip.ParseAddr(v.Gateway); err == nil {
			uses = append(uses, use{a, "gateway", "vlan " + vn, "the gateway of vlan " + vn, "vlan " + vn, f.PosOf("vlans", vn, "gateway"), vn})
		}
	}
	// Switches, routers and firewalls first: their addresses are the
	// planned infrastructure that an endpoint collides with, so the finding
	// lands on the endpoint.
	names := model.SortedKeys(f.Devices)
	sort.SliceStable(names, func(i, j int) bool {
		return isNetworkDevice(f, f.Devices[names[i]]) && !isNetworkDevice(f, f.Devices[names[j]])
	})
	for _, dn := range names {
		d := f.Devices[dn]
		network := isNetworkDevice(f, d)
		own := map[netip.Addr]string{} // this device's interface addresses
		for _, in := range model.SortedKeys(d.Interfaces) {
			i := d.Interfaces[in]
			p, err := netip.ParsePrefix(i.IP)
			if err != nil {
				continue
			}
			a := p.Addr()
			own[a] = in
			if network && i.VLAN != "" && gateway(f, i.VLAN) == a {
				continue // the VLAN's gateway itself (SVI)
			}
			uses = append(uses, use{a, "address", dn + ":" + in, dn + ":" + in, "device " + dn, f.PosOf("devices", dn, "interfaces", in, "ip"), i.VLAN})
		}
		if d.Mgmt == nil {
			continue
		}
		a, err := netip.ParseAddr(d.Mgmt.IP)
		if err != nil {
			continue
		}
		if in, ok := own[a]; ok && (d.Mgmt.Interface == "" || d.Mgmt.Interface == in) {
			continue // in-band management on that interface
		}
		if network && gateway(f, d.Mgmt.VLAN) == a {
			continue // managed at the management VLAN's gateway it routes
		}
		uses = append(uses, use{a, "management address", dn, "the management address of " + dn, "device " + dn, f.PosOf("devices", dn, "mgmt", "ip"), d.Mgmt.VLAN})
	}

	taken := map[netip.Addr]bool{}
	for _, u := range uses {
		taken[u.addr] = true
	}
	first := map[netip.Addr]use{}
	for _, u := range uses {
		prev, dup := first[u.addr]
		if !dup {
			first[u.addr] = u
			continue
		}
		hint := "give each interface its own address"
		if free, ok := freeIn(f, u.vlan, taken); ok {
			hint += fmt.Sprintf(": %s is free in vlan %s", free, u.vlan)
			taken[free] = true // do not propose it twice
		}
		pass.Report(diag.Diagnostic{
			Pos:     u.pos,
			Subject: u.subject,
			Message: fmt.Sprintf("%s %s of %s is already used by %s", u.noun, u.addr, u.owner, prev.who),
			Related: []diag.Related{{Pos: prev.pos, Message: fmt.Sprintf("%s is %s, declared here", prev.who, u.addr)}},
			Hint:    hint,
		})
	}
	return nil
}

// isNetworkDevice reports whether d routes or switches (and so may carry a
// VLAN's gateway address).
func isNetworkDevice(f *model.Facility, d *model.Device) bool {
	switch d.Role {
	case "switch", "router", "firewall":
		return true
	}
	if t := f.DeviceTypes[d.Model]; t != nil {
		switch t.Kind {
		case "switch", "router", "firewall":
			return true
		}
	}
	return false
}

func gateway(f *model.Facility, vlan string) netip.Addr {
	if v := f.VLANs[vlan]; v != nil {
		if a, err := netip.ParseAddr(v.Gateway); err == nil {
			return a
		}
	}
	return netip.Addr{}
}

// freeIn returns the first host address of vlan's subnet that is not taken.
func freeIn(f *model.Facility, vlan string, taken map[netip.Addr]bool) (netip.Addr, bool) {
	v := f.VLANs[vlan]
	if v == nil {
		return netip.Addr{}, false
	}
	p, err := netip.ParsePrefix(v.Subnet)
	if err != nil || !p.Addr().Is4() || p.Bits() > 30 {
		return netip.Addr{}, false
	}
	p = p.Masked()
	for a := p.Addr().Next(); p.Contains(a.Next()); a = a.Next() {
		if !taken[a] {
			return a, true
		}
	}
	return netip.Addr{}, false
}
