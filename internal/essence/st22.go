package essence

import (
	"fmt"
	"math"
)

// rfc9134Header is the JPEG XS RTP payload header (RFC 9134 §4.3), the
// usual ST 2110-22 codec.
const rfc9134Header = 4

// ST2110_22 computes a constant-bit-rate compressed video flow. Give either
// bitrateBps (the codestream rate, e.g. a JPEG XS profile target) or ratio,
// the compression ratio against the uncompressed ST 2110-20 pixel payload
// of v (Sampling/Depth are only used for the ratio). ST 2110-22 requires a
// constant number of octets and packets per frame (per field when
// interlaced); packets carry as much codestream as MaxUDP allows after the
// 4-octet RFC 9134 header, the last one of each frame being short.
func ST2110_22(v Video, bitrateBps float64, ratio float64) (Result, error) {
	needPg := bitrateBps <= 0
	s, err := setupVideo(v, needPg)
	if err != nil {
		return Result{}, err
	}
	if s.packing != "GPM" {
		return Result{}, fmt.Errorf("essence: Packing %q applies to ST 2110-20 only", v.Packing)
	}
	unitRate := s.f.UnitRate()
	var unitBytes int
	var note string
	// The 1e-6 guard keeps exact quotients (518400.0000000001) from
	// rounding up to one more octet.
	if bitrateBps > 0 {
		if math.IsInf(bitrateBps, 0) {
			return Result{}, fmt.Errorf("essence: bad ST 2110-22 bit rate %v", bitrateBps)
		}
		unitBytes = int(math.Ceil(bitrateBps/bitsPerOctet/unitRate - 1e-6))
		note = fmt.Sprintf("declared codestream rate %.6g b/s", bitrateBps)
	} else {
		if !(ratio >= 1) || math.IsInf(ratio, 0) {
			return Result{}, fmt.Errorf("essence: ST 2110-22 needs a bit rate > 0 or a compression ratio >= 1 (e.g. 10 for 10:1), got rate %v ratio %v", bitrateBps, ratio)
		}
		unitPixelBytes := float64(s.f.Width*s.f.UnitLines()/s.pg.pixels()) * float64(s.pg.octets)
		unitBytes = int(math.Ceil(unitPixelBytes/ratio - 1e-6))
		note = fmt.Sprintf("codestream = uncompressed %s payload / %.4g", s.sampling, ratio)
	}
	maxData := s.maxPayload - rfc9134Header
	full := unitBytes / maxData
	classes := []pktClass{{perSec: float64(full) * unitRate, media: maxData, hdr: rtpHeader + rfc9134Header}}
	npackets := full
	if last := unitBytes - full*maxData; last > 0 {
		classes = append(classes, pktClass{perSec: unitRate, media: last, hdr: rtpHeader + rfc9134Header})
		npackets++
	}
	r := videoResult("ST 2110-22", s, classes, npackets, v.Tagged)
	r.Notes = append([]string{note, fmt.Sprintf("%d codestream octets per %s, rounded up", unitBytes, unitName(s.f))}, r.Notes...)
	return r, nil
}
