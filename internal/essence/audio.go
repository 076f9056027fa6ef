package essence

import (
	"fmt"
	"math"
)

// Audio describes a PCM audio flow.
type Audio struct {
	Channels   int
	SampleRate int    // 48000 (default), 96000 or 44100
	Depth      int    // 16 (L16) or 24 (L24, default); ignored by ST 2110-31
	PacketTime string // "1ms" (default), "125us", "250us", "333us", "4ms"
	// MaxUDP is the UDP size limit including the 8-octet UDP header, as for
	// Video: 1460 by default (ST 2110-10 standard limit).
	MaxUDP int
	// FlowChannels is the Dante flow size: 4 (default, unicast flows) or the
	// device's multicast flow size (8, 16, ... 64). Dante only.
	FlowChannels int
	Tagged       bool
}

type audioSetup struct {
	rate, samples, maxPayload int
	ptime                     float64
}

func setupAudio(a Audio, octetsPerSample int) (audioSetup, error) {
	var s audioSetup
	if a.Channels < 1 {
		return s, fmt.Errorf("essence: audio needs at least 1 channel, got %d", a.Channels)
	}
	s.rate = a.SampleRate
	if s.rate == 0 {
		s.rate = 48000
	}
	if s.rate != 44100 && s.rate != 48000 && s.rate != 96000 {
		return s, fmt.Errorf("essence: sample rate %d not supported; valid: 44100, 48000, 96000", s.rate)
	}
	pt := a.PacketTime
	if pt == "" {
		pt = "1ms"
	}
	var err error
	if s.ptime, err = ParsePacketTime(pt); err != nil {
		return s, err
	}
	exact := float64(s.rate) * s.ptime
	s.samples = int(math.Round(exact))
	if s.samples < 1 || math.Abs(exact-float64(s.samples)) > 1e-6 {
		return s, fmt.Errorf("essence: packet time %s at %d Hz is %.4g samples; it must be a whole number", pt, s.rate, exact)
	}
	maxUDP := a.MaxUDP
	if maxUDP == 0 {
		maxUDP = defaultMaxUDP
	}
	if maxUDP > ExtendedUDP || maxUDP < minUDPDatagram {
		return s, fmt.Errorf("essence: MaxUDP %d out of range %d..%d", maxUDP, minUDPDatagram, ExtendedUDP)
	}
	s.maxPayload = maxUDP - udpHeader - rtpHeader
	if payload := a.Channels * s.samples * octetsPerSample; payload > s.maxPayload {
		return s, &PayloadError{Channels: a.Channels, Samples: s.samples, Octets: octetsPerSample,
			MaxPayload: s.maxPayload, MaxUDP: maxUDP}
	}
	return s, nil
}

// PayloadError is an audio packet larger than the RTP payload its UDP size
// limit allows (ST 2110-10 §6.3): the sender cannot send the flow as
// declared. `avnet calc` prints it, and `avnet vet` reports it (AV-ST20-002).
type PayloadError struct {
	Channels, Samples, Octets int
	MaxPayload, MaxUDP        int
}

// Fit is how many channels one packet can carry.
func (e *PayloadError) Fit() int { return e.MaxPayload / (e.Samples * e.Octets) }

func (e *PayloadError) Error() string {
	return fmt.Sprintf("essence: %d channels x %d samples x %d octets = %d octets exceeds the %d-octet RTP payload allowed by MaxUDP %d; at most %d channels fit",
		e.Channels, e.Samples, e.Octets, e.Channels*e.Samples*e.Octets, e.MaxPayload, e.MaxUDP, e.Fit())
}

func pcmDepth(d int) (int, error) {
	switch d {
	case 0, 24:
		return 3, nil
	case 16:
		return 2, nil
	}
	return 0, fmt.Errorf("essence: audio depth %d not supported; valid: 16 (L16), 24 (L24)", d)
}

// ST2110_30 computes an ST 2110-30 PCM flow: one RTP packet per packet
// time carrying channels x samples x depth/8 octets (samples = rate x
// packet time: 48 at 48 kHz / 1 ms, 6 at 125 µs, 16 at 333 µs).
func ST2110_30(a Audio) (Result, error) { return pcm("ST 2110-30", a) }

// AES67 uses the same packet layout as ST 2110-30 (ST 2110-30 is a
// constrained profile of AES67); AES67 interoperability requires 48 kHz,
// 1 ms, 1 to 8 channels.
func AES67(a Audio) (Result, error) { return pcm("AES67", a) }

func pcm(essence string, a Audio) (Result, error) {
	oct, err := pcmDepth(a.Depth)
	if err != nil {
		return Result{}, err
	}
	s, err := setupAudio(a, oct)
	if err != nil {
		return Result{}, err
	}
	payload := a.Channels * s.samples * oct
	r := simpleResult(essence, []pktClass{{perSec: float64(s.rate) / float64(s.samples), media: payload, hdr: rtpHeader}}, a.Tagged,
		fmt.Sprintf("%d ch x %d samples x %d octets = %d octets per packet", a.Channels, s.samples, oct, payload))
	if lvl := level2110_30(s.rate, s.samples, a.Channels); lvl != "" {
		r.Notes = append(r.Notes, lvl)
	}
	return r, nil
}

// level2110_30 names the smallest ST 2110-30 receiver conformance level
// that must accept the flow (levels A, B, C at 48 kHz).
func level2110_30(rate, samples, ch int) string {
	if rate != 48000 {
		return ""
	}
	switch {
	case samples == 48 && ch <= 8:
		return "within ST 2110-30 conformance level A (48 kHz, 1 ms, up to 8 channels)"
	case samples == 6 && ch <= 8:
		return "within ST 2110-30 conformance level B (48 kHz, 125 µs, up to 8 channels)"
	case samples == 6 && ch <= 64:
		return "within ST 2110-30 conformance level C (48 kHz, 125 µs, up to 64 channels)"
	}
	return ""
}

// am824Octets: ST 2110-31 carries each AES3 subframe as a 32-bit AM824
// word (8 bits of flags/preamble + 24 bits of audio), so every channel
// sample takes 4 octets whatever the audio word length.
const am824Octets = 4

// ST2110_31 computes an ST 2110-31 (AES3 transparent) flow. Channels must
// be even since AES3 carries subframe pairs.
func ST2110_31(a Audio) (Result, error) {
	if a.Channels%2 != 0 {
		return Result{}, fmt.Errorf("essence: ST 2110-31 carries AES3 subframe pairs; channels must be even, got %d", a.Channels)
	}
	s, err := setupAudio(a, am824Octets)
	if err != nil {
		return Result{}, err
	}
	payload := a.Channels * s.samples * am824Octets
	return simpleResult("ST 2110-31", []pktClass{{perSec: float64(s.rate) / float64(s.samples), media: payload, hdr: rtpHeader}}, a.Tagged,
		fmt.Sprintf("%d subframes x %d samples x 4 octets (AM824) = %d octets per packet", a.Channels, s.samples, payload)), nil
}

// Dante estimates native Dante audio. Model (documented, not a protocol
// specification, since Dante's audio transport is proprietary):
//   - channels are grouped into flows of FlowChannels (default 4: Audinate's
//     Dante Controller guide says unicast flows carry up to 4 channels;
//     multicast flow size is device dependent, 8 to 64);
//   - a flow is sized for all its channel slots even when partly used
//     (a flow with 1 channel costs as much as one with 4);
//   - each flow sends one packet per PacketTime with a 12-octet header in
//     place of Dante's own, over UDP/IPv4; when PacketTime is empty the
//     longest of 1 ms, 250 µs, 125 µs whose packet fits MaxUDP is used.
//
// Treat the result as a planning estimate; Dante devices set to AES67 mode
// should be computed with AES67.
func Dante(a Audio) (Result, error) {
	oct, err := pcmDepth(a.Depth)
	if err != nil {
		return Result{}, err
	}
	flowCh := a.FlowChannels
	if flowCh == 0 {
		flowCh = 4
	}
	if flowCh < 1 || flowCh > 64 {
		return Result{}, fmt.Errorf("essence: Dante flow size %d out of range 1..64", flowCh)
	}
	if a.Channels < 1 {
		return Result{}, fmt.Errorf("essence: audio needs at least 1 channel, got %d", a.Channels)
	}
	flows := ceilDiv(a.Channels, flowCh)
	one := a
	one.Channels = flowCh
	var s audioSetup
	if a.PacketTime != "" {
		if s, err = setupAudio(one, oct); err != nil {
			return Result{}, err
		}
	} else {
		// Unspecified: the longest usual packet time whose packet fits.
		for _, pt := range []string{"1ms", "250us", "125us"} {
			one.PacketTime = pt
			if s, err = setupAudio(one, oct); err == nil {
				break
			}
		}
		if err != nil {
			return Result{}, err
		}
	}
	payload := flowCh * s.samples * oct
	pps := float64(s.rate) / float64(s.samples)
	r := simpleResult("Dante", []pktClass{{perSec: pps * float64(flows), media: payload, hdr: rtpHeader}}, a.Tagged,
		fmt.Sprintf("%d channels in %d flow(s) of %d channel slots; one packet per flow per %.4g ms", a.Channels, flows, flowCh, s.ptime*1e3),
		"Dante native transport is proprietary: estimate modelled as AES67-style packets with a 12-octet header")
	r.Streams = flows
	return r, nil
}
