package essence

import (
	"fmt"
	"math"
	"strings"
)

// SDI describes an ST 2022-6 (SDI over RTP, "HBRMT") flow.
type SDI struct {
	// Signal is "sd" (270 Mb/s), "hd" (1.485 Gb/s) or "3g" (2.97 Gb/s).
	Signal string
	// Rate is the field rate for interlaced signals and the frame rate
	// otherwise: "59.94", "50", "60", "29.97", "25", "30", "23.98", "24".
	// Rates with a 1.001 divisor use 1.485/1.001 (2.97/1.001) Gb/s; SD is
	// 270 Mb/s at both 50 and 59.94.
	Rate string
	// Format is optional: "1080i" (default for hd at 50/59.94/60), "1080p"
	// (hd at 23.98..30 as PsF, and 3g), "720p" (hd), "576i"/"480i" (sd).
	Format string
	// VideoTimestamp counts the optional 4-octet HBRMT video timestamp
	// (present when the CF field is non-zero).
	VideoTimestamp bool
	Tagged         bool
}

// ST 2022-6 packet: RTP 12 + HBRMT payload header 8 (+4 video timestamp
// when CF > 0) + 1376 octets of SDI data (upipe bitstream/smpte/2022_6_hbrmt.h).
const (
	hbrmtHeader    = 8
	hbrmtTimestamp = 4
	hbrmtData      = 1376
)

type sdiSignal struct {
	bitrate float64 // nominal integer-rate SDI bit rate
	formats map[string][]string
	// fixed is true for SD-SDI, which is 270 Mb/s for both 525/59.94 and
	// 625/50 (858 x 525 x 20 bits x 30000/1001 = 270e6 exactly).
	fixed bool
}

var sdiSignals = map[string]sdiSignal{
	"sd": {270e6, map[string][]string{"576i": {"50"}, "480i": {"59.94"}}, true},
	"hd": {1.485e9, map[string][]string{
		"1080i": {"50", "59.94", "60"},
		"1080p": {"23.98", "24", "25", "29.97", "30"},
		"720p":  {"23.98", "24", "25", "29.97", "30", "50", "59.94", "60"},
	}, false},
	"3g": {2.97e9, map[string][]string{"1080p": {"50", "59.94", "60"}}, false},
}

// ST2022_6 computes an ST 2022-6 flow. Every datagram carries exactly 1376
// octets of the serial SDI stream (all samples, blanking included); the
// last datagram of a frame is padded, so packets per frame =
// ceil(frame octets / 1376), with frame octets = SDI bit rate / frame
// rate / 8 (6,187,500 for 1080i59.94). Payload is the SDI bit rate itself.
func ST2022_6(s SDI) (Result, error) {
	sig, ok := sdiSignals[strings.ToLower(strings.TrimSpace(s.Signal))]
	if !ok {
		return Result{}, fmt.Errorf("essence: unknown SDI signal %q; valid: sd (270 Mb/s), hd (1.485 Gb/s), 3g (2.97 Gb/s)", s.Signal)
	}
	rt, ok := lookupRate(strings.TrimSpace(s.Rate))
	if !ok {
		return Result{}, fmt.Errorf("essence: unknown SDI rate %q; valid: %s", s.Rate, sdiChoices(sig))
	}
	format := strings.ToLower(strings.TrimSpace(s.Format))
	if format == "" {
		format = defaultSDIFormat(s.Signal, rt.label)
	}
	rates, ok := sig.formats[format]
	if !ok || !contains(rates, rt.label) {
		return Result{}, fmt.Errorf("essence: %s-SDI does not carry %s at %s; valid: %s", strings.ToUpper(s.Signal), format, rt.label, sdiChoices(sig))
	}
	frameNum, frameDen := rt.num, rt.den
	if strings.HasSuffix(format, "i") {
		frameDen *= 2 // the rate label is a field rate
	}
	bitrate := sig.bitrate
	if rt.den == 1001 && !sig.fixed {
		bitrate = sig.bitrate * 1000 / 1001
	}
	frameRate := float64(frameNum) / float64(frameDen)
	frameOctets := bitrate / frameRate / bitsPerOctet
	perFrame := int(math.Ceil(frameOctets - 1e-6))
	perFrame = ceilDiv(perFrame, hbrmtData)
	hdr := rtpHeader + hbrmtHeader
	if s.VideoTimestamp {
		hdr += hbrmtTimestamp
	}
	r := simpleResult("ST 2022-6", []pktClass{{perSec: float64(perFrame) * frameRate, media: hbrmtData, hdr: hdr}}, s.Tagged,
		fmt.Sprintf("%s %s%s: %.0f SDI octets per frame in %d datagrams of 1376 octets (last one padded)", strings.ToUpper(s.Signal), format, rt.label, frameOctets, perFrame))
	// Media is the SDI stream itself; padding of the last datagram is not.
	r.Bitrate.Payload, r.Average.Payload = bitrate, bitrate
	r.PacketsPerFrame = perFrame
	return r, nil
}

func defaultSDIFormat(signal, rate string) string {
	switch strings.ToLower(signal) {
	case "sd":
		if rate == "50" {
			return "576i"
		}
		return "480i"
	case "3g":
		return "1080p"
	}
	switch rate {
	case "50", "59.94", "60":
		return "1080i"
	}
	return "1080p"
}

func sdiChoices(sig sdiSignal) string {
	var out []string
	for _, f := range []string{"1080i", "1080p", "720p", "576i", "480i"} {
		for _, r := range sig.formats[f] {
			out = append(out, f+r)
		}
	}
	return strings.Join(out, ", ")
}
