package ptpcfg

import (
	"crypto/sha256"
	"fmt"
)

// ClockIdentity is an IEEE 1588 clockIdentity (an EUI-64).
type ClockIdentity [8]byte

// IdentityOf returns the clockIdentity avnet gives the grandmaster named
// device. A design does not record the MAC address a clock identity is
// normally derived from, yet the SDP files (RFC 7273 a=ts-refclk) must name
// the grandmaster, so avnet derives one from the device name and writes it
// into the grandmaster's ptp4l configuration (option clockIdentity): the
// SDP and the clock then agree by construction.
//
// The construction follows IEEE 1588-2008 §7.5.2.2.2, which maps an EUI-48
// to a clockIdentity as OUI, FF-FE, then the three NIC-specific octets
// (ptp4l does the same with the port's MAC address). The EUI-48 is the first
// six octets of SHA-256("avnet/ptp/clock-identity\x00" + device) with the
// locally administered bit set and the group bit cleared, so it can never
// collide with a vendor-assigned address. A hardware grandmaster keeps its
// own identity; see the package documentation.
func IdentityOf(device string) ClockIdentity {
	h := sha256.Sum256([]byte("avnet/ptp/clock-identity\x00" + device))
	mac := [6]byte{h[0]&0xfc | 0x02, h[1], h[2], h[3], h[4], h[5]}
	return ClockIdentity{mac[0], mac[1], mac[2], 0xff, 0xfe, mac[3], mac[4], mac[5]}
}

// SDP renders the identity as RFC 7273 writes a ptp-gmid: eight
// upper-case hexadecimal octets separated by dashes ("02-1A-2B-FF-FE-3C-4D-5E").
func (c ClockIdentity) SDP() string {
	return fmt.Sprintf("%02X-%02X-%02X-%02X-%02X-%02X-%02X-%02X", c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7])
}

// PTP4L renders the identity as ptp4l's clockIdentity option and pmc
// print it ("021a2b.fffe.3c4d5e").
func (c ClockIdentity) PTP4L() string {
	return fmt.Sprintf("%02x%02x%02x.%02x%02x.%02x%02x%02x", c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7])
}
