package essence

import (
	"fmt"
	"strings"
)

// Video describes an ST 2110-20 (or, for the raster, -22/-40) video flow.
type Video struct {
	Format   string // "1080p59.94", "1080i50", "2160p50", "720p59.94", ...
	Sampling string // "YCbCr-4:2:2" (default), "YCbCr-4:4:4", "YCbCr-4:2:0", "RGB"
	Depth    int    // 8, 10 (default), 12, 16
	// Packing is "GPM" (default: as many whole pgroups per packet as fit,
	// continuing onto the next line with another SRD header), "GPM_SL"
	// (general packing, each packet within one line, equal sizes: the
	// common 1200-octet / 4-per-line 1080p layout) or "BPM".
	Packing    string
	SenderType string // "2110TPN" (default), "2110TPNL", "2110TPW"
	// MaxUDP is the ST 2110-10 UDP size limit, counted as the whole UDP
	// datagram including its 8-octet header as MTL (mtl_api.h) and NVIDIA
	// Rivermax (sdp_extractor.c) do: 1460 (default) or up to 8960.
	MaxUDP int
	Tagged bool // count an 802.1Q tag on every frame
}

// 2110-20 payload header sizes (ST 2110-20 §5.3, RFC 4175 §4.1).
const (
	extSeqNum  = 2 // extended sequence number
	srdHeader  = 6 // SRD length 2, F+row 2, C+offset 2
	maxSRDs    = 3 // "one, two, or three Sample Row Data (SRD) Headers"
	bpmBlock   = 180
	bpmPayload = 7 * bpmBlock // 1260 octets, MTL ST_VIDEO_BPM_SIZE
)

type pktKey struct{ media, srds int }

// videoSetup resolves defaults and validates a Video.
type videoSetup struct {
	f          Format
	pg         pgroup
	sampling   string
	packing    string
	sender     string
	maxUDP     int
	maxPayload int // largest RTP payload (after the 12-octet RTP header)
}

func setupVideo(v Video, needPgroup bool) (videoSetup, error) {
	var s videoSetup
	f, err := ParseFormat(v.Format)
	if err != nil {
		return s, err
	}
	s.f = f
	if v.Depth == 0 {
		v.Depth = 10
	}
	if needPgroup {
		s.pg, s.sampling, err = lookupPgroup(v.Sampling, v.Depth)
		if err != nil {
			return s, err
		}
		if f.Width%s.pg.xPix != 0 || f.UnitLines()%s.pg.yLines != 0 {
			return s, fmt.Errorf("essence: %dx%d is not a whole number of %s %d-bit pgroups (%d pixels x %d lines)",
				f.Width, f.UnitLines(), s.sampling, v.Depth, s.pg.xPix, s.pg.yLines)
		}
	}
	s.maxUDP = v.MaxUDP
	if s.maxUDP == 0 {
		s.maxUDP = defaultMaxUDP
	}
	if s.maxUDP > ExtendedUDP {
		return s, fmt.Errorf("essence: MaxUDP %d exceeds the ST 2110-10 extended UDP size limit of %d octets", s.maxUDP, ExtendedUDP)
	}
	s.maxPayload = s.maxUDP - udpHeader - rtpHeader
	if s.maxPayload < extSeqNum+srdHeader+s.pg.octets+1 {
		return s, fmt.Errorf("essence: MaxUDP %d is too small to carry one pgroup", s.maxUDP)
	}
	s.packing = strings.ToUpper(strings.TrimSpace(v.Packing))
	switch s.packing {
	case "":
		s.packing = "GPM"
	case "GPM", "BPM":
	case "GPM_SL", "GPMSL", "GPM-SL":
		s.packing = "GPM_SL"
	default:
		return s, fmt.Errorf("essence: unknown packing %q; valid: GPM, GPM_SL, BPM", v.Packing)
	}
	s.sender = strings.ToUpper(strings.TrimSpace(v.SenderType))
	switch s.sender {
	case "":
		s.sender = "2110TPN"
	case "2110TPN", "2110TPNL", "2110TPW":
	case "N", "NL", "W":
		s.sender = "2110TP" + s.sender
	default:
		return s, fmt.Errorf("essence: unknown sender type %q; valid: 2110TPN, 2110TPNL, 2110TPW", v.SenderType)
	}
	return s, nil
}

// ST2110_20 computes an uncompressed ST 2110-20 video flow, packet by
// packet over one field (interlaced) or frame, active lines only, then
// applies ST 2110-21 timing for the sender type.
func ST2110_20(v Video) (Result, error) {
	s, err := setupVideo(v, true)
	if err != nil {
		return Result{}, err
	}
	rows := s.f.UnitLines() / s.pg.yLines
	rowBytes := s.f.Width / s.pg.xPix * s.pg.octets
	var counts map[pktKey]int
	var note string
	switch s.packing {
	case "GPM":
		counts = packGPM(rows, rowBytes, s.pg.octets, s.maxPayload)
		note = "GPM: whole pgroups fill each packet up to MaxUDP; a packet continues onto the next line with an extra 6-octet SRD header (max 3 SRDs)"
	case "GPM_SL":
		counts = packGPMSingleLine(rows, rowBytes, s.pg.octets, s.maxPayload)
		note = "GPM single-line: each line split into the fewest equal packets that fit MaxUDP (MTL ST20_PACKING_GPM_SL)"
	case "BPM":
		if bpmBlock%s.pg.octets != 0 {
			return Result{}, fmt.Errorf("essence: BPM needs a pgroup size dividing 180 octets; %s %d-bit has %d-octet pgroups; use GPM",
				s.sampling, v.Depth, s.pg.octets)
		}
		counts, err = packBPM(rows, rowBytes, s.maxPayload)
		if err != nil {
			return Result{}, err
		}
		note = "BPM: 1260 octets (7 x 180) of pixel data per packet, crossing lines with extra SRD headers; last packet of the field/frame is short"
	}
	unitRate := s.f.UnitRate()
	var classes []pktClass
	npackets := 0
	for k, n := range counts {
		npackets += n
		classes = append(classes, pktClass{
			perSec: float64(n) * unitRate,
			media:  k.media,
			hdr:    rtpHeader + extSeqNum + srdHeader*k.srds,
		})
	}
	r := videoResult("ST 2110-20", s, classes, npackets, v.Tagged)
	r.Notes = append([]string{fmt.Sprintf("%s %s %d-bit, pgroup %d octets / %d pixels", s.f.Name, s.sampling, v.depthOr10(), s.pg.octets, s.pg.pixels()), note}, r.Notes...)
	return r, nil
}

func (v Video) depthOr10() int {
	if v.Depth == 0 {
		return 10
	}
	return v.Depth
}

// videoResult assembles a video Result and applies ST 2110-21 timing.
func videoResult(essence string, s videoSetup, classes []pktClass, npackets int, tagged bool) Result {
	sortClasses(classes)
	r := simpleResult(essence, classes, tagged)
	r.NPackets = npackets
	r.PacketsPerFrame = npackets
	if s.f.Interlaced {
		r.PacketsPerField = npackets
		r.PacketsPerFrame = 2 * npackets
	}
	t := st2110_21(s.f, npackets, s.sender, s.maxUDP)
	r.TRS, r.TROffset, r.TDrain, r.RActive = t.trs, t.troffset, t.tdrain, t.ractive
	r.CMax, r.VRXFull, r.SenderType = t.cmax, t.vrxFull, s.sender
	r.Bitrate = r.Average.Scale(t.peak)
	r.Notes = append(r.Notes, t.notes...)
	return r
}

// packGPM fills each packet with as many whole pgroups as fit; when a line
// (sample row) ends and room remains for another SRD header plus one pgroup,
// the packet continues on the next line (ST 2110-20 GPM allows up to three
// SRDs). Packets never cross a field/frame boundary.
func packGPM(rows, rowBytes, pgOctets, maxPayload int) map[pktKey]int {
	counts := map[pktKey]int{}
	row, rem := 0, rowBytes
	for row < rows {
		used, srds, data := extSeqNum+srdHeader, 1, 0
		for {
			room := (maxPayload - used - data) / pgOctets * pgOctets
			take := min(rem, room)
			data += take
			rem -= take
			if rem > 0 {
				break // packet full, line continues in the next packet
			}
			row, rem = row+1, rowBytes
			if row == rows || srds == maxSRDs || maxPayload-used-data-srdHeader < pgOctets {
				break
			}
			srds++
			used += srdHeader
		}
		counts[pktKey{data, srds}]++
	}
	return counts
}

// packGPMSingleLine splits every line into the fewest packets that fit and
// spreads the pgroups evenly, as MTL's GPM_SL does (1920-pixel 4:2:2 10-bit
// lines become 4 x 1200 octets, 4320 packets per 1080p frame).
func packGPMSingleLine(rows, rowBytes, pgOctets, maxPayload int) map[pktKey]int {
	maxData := (maxPayload - extSeqNum - srdHeader) / pgOctets * pgOctets
	perLine := ceilDiv(rowBytes, maxData)
	pgPerRow := rowBytes / pgOctets
	pgPerPkt := ceilDiv(pgPerRow, perLine)
	counts := map[pktKey]int{}
	full := pgPerRow / pgPerPkt
	counts[pktKey{pgPerPkt * pgOctets, 1}] += full * rows
	if last := pgPerRow - full*pgPerPkt; last > 0 {
		counts[pktKey{last * pgOctets, 1}] += rows
	}
	return counts
}

// packBPM cuts the field/frame into 1260-octet blocks regardless of line
// boundaries; each packet needs one SRD per line it touches.
func packBPM(rows, rowBytes, maxPayload int) (map[pktKey]int, error) {
	counts := map[pktKey]int{}
	total := rows * rowBytes
	for start := 0; start < total; start += bpmPayload {
		end := min(start+bpmPayload, total)
		srds := (end-1)/rowBytes - start/rowBytes + 1
		if srds > maxSRDs {
			return nil, fmt.Errorf("essence: BPM packet would span %d lines of %d octets; ST 2110-20 allows at most %d SRDs", srds, rowBytes, maxSRDs)
		}
		if need := extSeqNum + srdHeader*srds + end - start; need > maxPayload {
			return nil, fmt.Errorf("essence: BPM packet needs a %d-octet RTP payload but MaxUDP leaves %d", need, maxPayload)
		}
		counts[pktKey{end - start, srds}]++
	}
	return counts, nil
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }
