package addrinsubnet

import (
	_ "embed"
	"fmt"
	"net/netip"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-IP-002.
var Rule = &rules.Rule{
	ID:       "AV-IP-002",
	Name:     "addrinsubnet",
	Doc:      rules.ExtractDoc(doc, "addrinsubnet"),
	Standard: "RFC 950 (subnets), RFC 1122 §3.2.1.3 (network and broadcast addresses), RFC 4632 §3.1 (prefix length), RFC 3021 (/31)",
	Severity: diag.Error,
	Run:      run,
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	for _, dn := range model.SortedKeys(f.Devices) {
		d := f.Devices[dn]
		subject := "device " + dn
		for _, in := range model.SortedKeys(d.Interfaces) {
			i := d.Interfaces[in]
			if i.IP == "" || i.VLAN == "" {
				continue
			}
			addr, err := netip.ParsePrefix(i.IP)
			if err != nil || !addr.Addr().Is4() {
				continue // the schema refuses it
			}
			check(pass, subject, fmt.Sprintf("address %s of %s:%s", addr.Addr(), dn, in), addr.Addr(), addr.Bits(), i.VLAN,
				f.PosOf("devices", dn, "interfaces", in, "ip"), "interface")
		}
		if d.Mgmt != nil && d.Mgmt.IP != "" && d.Mgmt.VLAN != "" {
			a, err := netip.ParseAddr(d.Mgmt.IP)
			if err != nil || !a.Is4() {
				continue
			}
			check(pass, subject, fmt.Sprintf("management address %s of %s", a, dn), a, -1, d.Mgmt.VLAN,
				f.PosOf("devices", dn, "mgmt", "ip"), "mgmt")
		}
	}
	return nil
}

// check reports what is wrong with addr (written with prefix length bits,
// or -1 for a bare address) in vlan's subnet.
func check(pass *rules.Pass, subject, what string, addr netip.Addr, bits int, vlan string, pos diag.Pos, kind string) {
	f := pass.Facility
	v := f.VLANs[vlan]
	if v == nil {
		return // AV-REF-001
	}
	sn, err := netip.ParsePrefix(v.Subnet)
	if err != nil || !sn.Addr().Is4() {
		return // no subnet to check against
	}
	sn = sn.Masked()
	related := []diag.Related{{Pos: f.PosOf("vlans", vlan, "subnet"), Message: fmt.Sprintf("vlan %s's subnet %s is declared here", vlan, sn)}}
	report := func(msg, hint string) {
		pass.Report(diag.Diagnostic{Pos: pos, Subject: subject, Message: msg, Related: related, Hint: hint})
	}
	first, last := hosts(sn)
	usable := fmt.Sprintf("%s–%s", first, last)
	switch {
	case !sn.Contains(addr):
		hint := fmt.Sprintf("use an address in %s (%s)", sn, usable)
		if other := vlanHolding(f, addr); other != "" && other != vlan {
			field := "vlan"
			if kind == "mgmt" {
				field = "mgmt.vlan"
			}
			hint += fmt.Sprintf(", or set %s: %q, whose subnet holds %s", field, other, addr)
		}
		report(fmt.Sprintf("%s is outside vlan %s's subnet %s", what, vlan, sn), hint)
	case bits >= 0 && bits != sn.Bits():
		report(fmt.Sprintf("%s has prefix length /%d, but vlan %s's subnet %s is a /%d", what, bits, vlan, sn, sn.Bits()),
			fmt.Sprintf("write %s/%d", addr, sn.Bits()))
	case sn.Bits() <= 30 && addr == sn.Addr():
		report(fmt.Sprintf("%s is the network address of vlan %s's subnet %s", what, vlan, sn),
			fmt.Sprintf("the first address of a subnet names the network; use one of %s", usable))
	case sn.Bits() <= 30 && addr == broadcast(sn):
		report(fmt.Sprintf("%s is the broadcast address of vlan %s's subnet %s", what, vlan, sn),
			fmt.Sprintf("the last address of a subnet is its broadcast address; use one of %s", usable))
	}
}

// vlanHolding returns the VLAN (first in name order) whose subnet contains a.
func vlanHolding(f *model.Facility, a netip.Addr) string {
	for _, n := range model.SortedKeys(f.VLANs) {
		if p, err := netip.ParsePrefix(f.VLANs[n].Subnet); err == nil && p.Masked().Contains(a) {
			return n
		}
	}
	return ""
}

func broadcast(p netip.Prefix) netip.Addr {
	a := p.Masked().Addr().As4()
	n := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
	n |= uint32(1)<<(32-p.Bits()) - 1
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)})
}

// hosts returns the first and last host addresses of p.
func hosts(p netip.Prefix) (netip.Addr, netip.Addr) {
	if p.Bits() >= 31 {
		return p.Addr(), broadcast(p)
	}
	return p.Addr().Next(), broadcast(p).Prev()
}
