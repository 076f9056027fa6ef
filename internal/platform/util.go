package platform

import (
	"github.com/avnet/avnet/internal/escape"
	"net/netip"
	"strconv"
	"strings"
)

// JoinInts joins numbers with sep.
func JoinInts(xs []int, sep string) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, sep)
}

// Netmask returns the dotted mask of a CIDR address ("10.0.0.1/24" → "255.255.255.0").
func Netmask(cidr string) string {
	p, err := netip.ParsePrefix(cidr)
	if err != nil || !p.Addr().Is4() {
		return ""
	}
	bits := p.Bits()
	var m uint32
	if bits > 0 {
		m = ^uint32(0) << (32 - bits)
	}
	return strconv.Itoa(int(m>>24)) + "." + strconv.Itoa(int(m>>16&0xff)) + "." + strconv.Itoa(int(m>>8&0xff)) + "." + strconv.Itoa(int(m&0xff))
}

// HostAddr returns the address part of a CIDR address.
func HostAddr(cidr string) string {
	if i := strings.IndexByte(cidr, '/'); i >= 0 {
		return cidr[:i]
	}
	return cidr
}

// PrefixLen returns the prefix length of a CIDR address as a string.
func PrefixLen(cidr string) string {
	if i := strings.IndexByte(cidr, '/'); i >= 0 {
		return cidr[i+1:]
	}
	return "32"
}

// ASCII folds text to printable ASCII (escape.ASCII).
func ASCII(s string) string { return escape.ASCII(s) }

// Network returns the network address of a CIDR address ("10.0.0.1/24" → "10.0.0.0").
func Network(cidr string) string {
	p, err := netip.ParsePrefix(cidr)
	if err != nil {
		return ""
	}
	return p.Masked().Addr().String()
}

// Wildcard returns the inverse mask of a CIDR address ("/24" → "0.0.0.255").
func Wildcard(cidr string) string {
	m := Netmask(cidr)
	if m == "" {
		return ""
	}
	a, _ := netip.ParseAddr(m)
	b := a.As4()
	for i := range b {
		b[i] = ^b[i]
	}
	return netip.AddrFrom4(b).String()
}
