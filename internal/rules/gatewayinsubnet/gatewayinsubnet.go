package gatewayinsubnet

import (
	_ "embed"
	"fmt"
	"net/netip"
	"strings"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
	"github.com/avnet/avnet/internal/suggest"
)

//go:embed doc.go
var doc string

// Rule is AV-IP-004.
var Rule = &rules.Rule{
	ID:       "AV-IP-004",
	Name:     "gatewayinsubnet",
	Doc:      rules.ExtractDoc(doc, "gatewayinsubnet"),
	Standard: "RFC 1122 §3.3.1.1 (first-hop gateway on the connected network), RFC 950; RFC 2236 §3, RFC 3376 §6.6.2, RFC 4541 §2.1.1 (IGMP querier)",
	Severity: diag.Error,
	Run:      run,
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	devices := model.SortedKeys(f.Devices)
	for _, name := range model.SortedKeys(f.VLANs) {
		v := f.VLANs[name]
		var sn netip.Prefix
		if p, err := netip.ParsePrefix(v.Subnet); err == nil && p.Addr().Is4() {
			sn = p.Masked()
		}
		if v.Gateway != "" {
			if a, err := netip.ParseAddr(v.Gateway); err == nil {
				inSubnet(pass, name, sn, a, "gateway", f.PosOf("vlans", name, "gateway"))
			}
		}
		if v.IGMP == nil || v.IGMP.Querier == "" {
			continue
		}
		q := v.IGMP.Querier
		pos := f.PosOf("vlans", name, "igmp", "querier")
		if a, err := netip.ParseAddr(q); err == nil {
			inSubnet(pass, name, sn, a, "IGMP querier", pos)
			continue
		}
		if looksLikeAddress(q) {
			pass.Report(diag.Diagnostic{
				Pos: pos, Subject: "vlan " + name,
				Message: fmt.Sprintf("IGMP querier %q is not a valid IPv4 address", q),
				Hint:    "write the querier as a dotted-quad address in the VLAN's subnet (four numbers 0–255), or as the name of the device that queries",
			})
			continue
		}
		if _, ok := f.Devices[q]; ok {
			continue
		}
		hint := "name the device that queries (usually the switch that serves the VLAN), or write its address"
		if s := suggest.Closest(q, devices); s != "" {
			hint = fmt.Sprintf("did you mean %q?", s)
		}
		pass.Report(diag.Diagnostic{
			Pos: pos, Subject: "vlan " + name,
			Message: fmt.Sprintf("IGMP querier %q is neither an IPv4 address nor a device of the design", q),
			Hint:    hint,
		})
	}
	return nil
}

// inSubnet reports a, the VLAN's gateway or querier, when it is outside
// the subnet sn or is its network or broadcast address.
func inSubnet(pass *rules.Pass, vlan string, sn netip.Prefix, a netip.Addr, what string, pos diag.Pos) {
	if !sn.IsValid() {
		return // a VLAN without a subnet: nothing to check against
	}
	f := pass.Facility
	related := []diag.Related{{Pos: f.PosOf("vlans", vlan, "subnet"), Message: fmt.Sprintf("vlan %s's subnet %s is declared here", vlan, sn)}}
	first, last := hosts(sn)
	use := fmt.Sprintf("use an address in %s–%s (by convention the gateway is %s)", first, last, first)
	if what != "gateway" {
		use = fmt.Sprintf("use the address of the switch that queries, in %s–%s", first, last)
		if gw, err := netip.ParseAddr(f.VLANs[vlan].Gateway); err == nil && sn.Contains(gw) {
			use += fmt.Sprintf(" (often the gateway's, %s)", gw)
		}
	}
	var msg, hint string
	switch {
	case !sn.Contains(a):
		msg = fmt.Sprintf("%s %s of vlan %s is outside its subnet %s", what, a, vlan, sn)
		hint = use
	case sn.Bits() <= 30 && a == sn.Addr():
		msg = fmt.Sprintf("%s %s of vlan %s is the network address of its subnet %s", what, a, vlan, sn)
		hint = "the first address of a subnet names the network; " + use
	case sn.Bits() <= 30 && a == broadcast(sn):
		msg = fmt.Sprintf("%s %s of vlan %s is the broadcast address of its subnet %s", what, a, vlan, sn)
		hint = "the last address of a subnet is its broadcast address; " + use
	default:
		return
	}
	pass.Report(diag.Diagnostic{Pos: pos, Subject: "vlan " + vlan, Message: msg, Related: related, Hint: hint})
}

// looksLikeAddress reports whether s was meant as an address: digits and dots only.
func looksLikeAddress(s string) bool {
	return s != "" && strings.Trim(s, "0123456789.") == "" && strings.Contains(s, ".")
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
