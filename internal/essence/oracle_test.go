package essence

import (
	"math"
	"testing"
)

// This file holds the test oracle: layer arithmetic written out from the
// protocol definitions, independently of layers() in layer.go.
//
//	IP datagram = media + app headers + UDP 8 + IPv4 20
//	L2 frame    = IP + Ethernet 14 + FCS 4            (no frame here is < 64)
//	L1          = L2 + preamble/SFD 8 + IFG 12

type part struct {
	pps   float64 // packets per second
	media int     // media octets per packet
	hdr   int     // RTP + payload header octets per packet
}

func oracle(parts ...part) Layer {
	var l Layer
	for _, p := range parts {
		l.Payload += p.pps * float64(p.media) * 8
		l.IP += p.pps * float64(p.media+p.hdr+8+20) * 8
		l.L2 += p.pps * float64(p.media+p.hdr+8+20+14+4) * 8
		l.L1 += p.pps * float64(p.media+p.hdr+8+20+14+4+8+12) * 8
	}
	return l
}

func oraclePPS(parts ...part) float64 {
	s := 0.0
	for _, p := range parts {
		s += p.pps
	}
	return s
}

// near reports whether a and b agree to a relative 1e-9 (float sums of
// different orders), or exactly for zero.
func near(a, b float64) bool {
	if a == b {
		return true
	}
	return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

func within(a, b, rel float64) bool { return math.Abs(a-b) <= rel*math.Abs(b) }

func checkLayer(t *testing.T, what string, got, want Layer) {
	t.Helper()
	if !near(got.Payload, want.Payload) || !near(got.IP, want.IP) || !near(got.L2, want.L2) || !near(got.L1, want.L1) {
		t.Errorf("%s:\n got  %+v\n want %+v", what, got, want)
	}
}

func TestOracleAgreesWithLayers(t *testing.T) {
	// A 1200-octet 2110-20 packet: IP 1248, L2 1266, L1 1286 octets.
	got, pps, maxMedia, maxIP := layers([]pktClass{{perSec: 1, media: 1200, hdr: 20}}, false)
	checkLayer(t, "one packet", got, Layer{1200 * 8, 1248 * 8, 1266 * 8, 1286 * 8})
	if pps != 1 || maxMedia != 1200 || maxIP != 1248 {
		t.Errorf("pps %v maxMedia %d maxIP %d", pps, maxMedia, maxIP)
	}
	// Frames below 64 octets are padded: 1 media octet, no header -> 47 -> 64.
	got, _, _, _ = layers([]pktClass{{perSec: 1, media: 1}}, false)
	checkLayer(t, "padded", got, Layer{8, 29 * 8, 64 * 8, 84 * 8})
	// 802.1Q adds 4 octets at L2 and L1.
	got, _, _, _ = layers([]pktClass{{perSec: 1, media: 1200, hdr: 20}}, true)
	checkLayer(t, "tagged", got, Layer{1200 * 8, 1248 * 8, 1270 * 8, 1290 * 8})
}
