package subnetoverlap

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

// Rule is AV-IP-001.
var Rule = &rules.Rule{
	ID:       "AV-IP-001",
	Name:     "subnetoverlap",
	Doc:      rules.ExtractDoc(doc, "subnetoverlap"),
	Standard: "RFC 950 (subnets), RFC 4632 §3.1 (CIDR prefixes), RFC 1122 §3.3.1 (local delivery)",
	Severity: diag.Error,
	Run:      run,
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	type subnet struct {
		vlan string
		p    netip.Prefix
	}
	var seen []subnet
	for _, name := range model.SortedKeys(f.VLANs) {
		v := f.VLANs[name]
		p, err := netip.ParsePrefix(v.Subnet)
		if err != nil || !p.Addr().Is4() {
			continue // no subnet, or the schema has already refused it
		}
		if p != p.Masked() {
			// 10.110.0.5/24 reads as a subnet but names a host: every
			// consumer (switch SVIs, NetBox prefixes, DHCP) needs the network.
			pass.Report(diag.Diagnostic{
				Pos:     f.PosOf("vlans", name, "subnet"),
				Subject: "vlan " + name,
				Message: fmt.Sprintf("subnet %s of vlan %s has host bits set: its network is %s", p, name, p.Masked()),
				Hint:    fmt.Sprintf("write the network address: subnet: %q", p.Masked().String()),
			})
		}
		p = p.Masked()
		for _, s := range seen {
			if !s.p.Overlaps(p) {
				continue
			}
			var how string
			switch {
			case s.p == p:
				how = fmt.Sprintf("subnet %s of vlan %s is the same as vlan %s's", p, name, s.vlan)
			case s.p.Bits() < p.Bits():
				how = fmt.Sprintf("subnet %s of vlan %s lies inside vlan %s's %s", p, name, s.vlan, s.p)
			default:
				how = fmt.Sprintf("subnet %s of vlan %s contains vlan %s's %s", p, name, s.vlan, s.p)
			}
			pass.Report(diag.Diagnostic{
				Pos:     f.PosOf("vlans", name, "subnet"),
				Subject: "vlan " + name,
				Message: how,
				Related: []diag.Related{{Pos: f.PosOf("vlans", s.vlan, "subnet"), Message: fmt.Sprintf("vlan %s's subnet %s is declared here", s.vlan, s.p)}},
				Hint:    hint(p, f),
			})
			break
		}
		seen = append(seen, subnet{name, p})
	}
	return nil
}

// hint proposes a prefix of the same length that overlaps no VLAN.
func hint(p netip.Prefix, f *model.Facility) string {
	var used []netip.Prefix
	for _, v := range f.VLANs {
		if q, err := netip.ParsePrefix(v.Subnet); err == nil && q.Addr().Is4() {
			used = append(used, q.Masked())
		}
	}
	h := "give each VLAN its own, non-overlapping subnet"
	if free, ok := nextFree(p, used); ok {
		h += fmt.Sprintf(": %s is free", free)
	}
	return h
}

// nextFree looks for a prefix of p's length that overlaps none of used,
// inside the /16 (or, for short prefixes, the /8) that holds p, so the
// proposal stays in the same address plan; it starts after p and wraps.
func nextFree(p netip.Prefix, used []netip.Prefix) (netip.Prefix, bool) {
	parentBits := 16
	if p.Bits() <= 16 {
		parentBits = 8
	}
	if p.Bits() <= parentBits || p.Bits() > 30 {
		return netip.Prefix{}, false
	}
	parent := netip.PrefixFrom(p.Addr(), parentBits).Masked()
	base := toUint(parent.Addr())
	step := uint32(1) << (32 - p.Bits())
	n := uint32(1) << (p.Bits() - parentBits)
	first := (toUint(p.Addr()) - base) / step
	for i := uint32(1); i < n; i++ {
		c := netip.PrefixFrom(fromUint(base+((first+i)%n)*step), p.Bits())
		clash := false
		for _, u := range used {
			if u.Overlaps(c) {
				clash = true
				break
			}
		}
		if !clash {
			return c, true
		}
	}
	return netip.Prefix{}, false
}

func toUint(a netip.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func fromUint(n uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)})
}
