package essence

import (
	"fmt"
	"math"
)

// rfc8331Header is the ST 2110-40 / RFC 8331 payload header after the RTP
// header: extended sequence number 2, length 2, ANC_Count 1, F + reserved 3.
const rfc8331Header = 8

// ST2110_40 computes an ancillary data flow for the raster and rate of v.
// bitrateBps is the rate of packed ANC data (the RFC 8331 ANC packets:
// per-packet C/line/offset/stream fields, DID, SDID, data count, UDW and
// checksum words), i.e. everything after the 8-octet payload header.
//
// Assumptions: ANC data of a field (interlaced) or frame is sent in as few
// packets as MaxUDP allows, and at least one packet is sent per field or
// frame even when bitrateBps is 0 (an empty ANC_Count = 0 packet carrying
// the marker bit), which is the conservative planning choice. Typical
// loads (timecode, captions, AFD) are a few hundred octets per field, so
// this is usually one packet per field/frame.
func ST2110_40(v Video, bitrateBps float64) (Result, error) {
	s, err := setupVideo(v, false)
	if err != nil {
		return Result{}, err
	}
	if bitrateBps < 0 || math.IsNaN(bitrateBps) || math.IsInf(bitrateBps, 0) {
		return Result{}, fmt.Errorf("essence: ST 2110-40 bit rate must be >= 0, got %v", bitrateBps)
	}
	unitRate := s.f.UnitRate()
	unitBytes := int(math.Ceil(bitrateBps / bitsPerOctet / unitRate))
	maxData := s.maxPayload - rfc8331Header
	hdr := rtpHeader + rfc8331Header
	full := unitBytes / maxData
	var classes []pktClass
	if full > 0 {
		classes = append(classes, pktClass{perSec: float64(full) * unitRate, media: maxData, hdr: hdr})
	}
	npackets := full
	if last := unitBytes - full*maxData; last > 0 || npackets == 0 {
		classes = append(classes, pktClass{perSec: unitRate, media: last, hdr: hdr})
		npackets++
	}
	sortClasses(classes)
	r := simpleResult("ST 2110-40", classes, v.Tagged,
		fmt.Sprintf("%d ANC octets per %s in %d packet(s); at least one packet per %s", unitBytes, unitName(s.f), npackets, unitName(s.f)))
	r.PacketsPerFrame = npackets
	if s.f.Interlaced {
		r.PacketsPerField = npackets
		r.PacketsPerFrame = 2 * npackets
	}
	return r, nil
}
