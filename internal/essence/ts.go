package essence

import (
	"fmt"
	"math"
)

const (
	tsPacket     = 188
	tsPerDgram   = 7 // 7 x 188 = 1316 fits a 1500-octet MTU with RTP/UDP/IP
	tsDatagram   = tsPacket * tsPerDgram
	srtHeader    = 16   // draft-sharabayko-srt §3: 4 x 32-bit words
	srtOverheadK = 1.25 // libsrt SRTO_OHEADBW default: 25 % over the input rate
	ndiDatagram  = 1500 - ipv4Header - udpHeader
)

func checkRate(name string, bps float64) error {
	if bps <= 0 || math.IsNaN(bps) || math.IsInf(bps, 0) {
		return fmt.Errorf("essence: %s bit rate must be > 0, got %v", name, bps)
	}
	return nil
}

// MPEGTS computes a constant-rate MPEG-2 transport stream of bitrateBps
// (the TS rate, 188-octet packets included) carried 7 TS packets per RTP
// datagram (RFC 2250 / SMPTE 2022-2). Use MPEGTSUDP for plain UDP.
func MPEGTS(bitrateBps float64) (Result, error) { return mpegts(bitrateBps, true) }

// MPEGTSUDP is MPEGTS without the RTP header (raw UDP multicast).
func MPEGTSUDP(bitrateBps float64) (Result, error) { return mpegts(bitrateBps, false) }

func mpegts(bps float64, rtp bool) (Result, error) {
	if err := checkRate("MPEG-TS", bps); err != nil {
		return Result{}, err
	}
	hdr, name := 0, "MPEG-TS/UDP"
	if rtp {
		hdr, name = rtpHeader, "MPEG-TS/RTP"
	}
	pps := bps / (tsDatagram * bitsPerOctet)
	return simpleResult(name, []pktClass{{perSec: pps, media: tsDatagram, hdr: hdr}}, false,
		"7 x 188-octet TS packets per datagram; packet rate = TS rate / 10528 bits"), nil
}

// SRT computes an MPEG-TS stream of bitrateBps sent over SRT: 1316 octets
// (7 x 188, the libsrt live-mode default payload) behind a 16-octet SRT
// header in each UDP datagram. Average is the steady-state rate; Bitrate
// adds libsrt's default 25 % bandwidth overhead (SRTO_OHEADBW), the
// ceiling the sender may reach while retransmitting. ACK/NAK control
// packets (about 100 per second) are negligible and not counted.
func SRT(bitrateBps float64) (Result, error) {
	if err := checkRate("SRT", bitrateBps); err != nil {
		return Result{}, err
	}
	pps := bitrateBps / (tsDatagram * bitsPerOctet)
	r := simpleResult("SRT", []pktClass{{perSec: pps, media: tsDatagram, hdr: srtHeader}}, false,
		"1316-octet payload + 16-octet SRT header per UDP datagram",
		"planning rate includes 25% ARQ headroom (libsrt SRTO_OHEADBW default)")
	r.Bitrate = r.Average.Scale(srtOverheadK)
	return r, nil
}

// NDI estimates an NDI stream whose encoded rate is bitrateBps (the figure
// NDI publishes per format, e.g. ~125-150 Mb/s for 1080p60 NDI High
// Bandwidth, 10-20 Mb/s for NDI HX). Model: NDI 5+ default transport
// (reliable UDP) filling 1500-octet IP packets (1472-octet UDP payloads);
// NDI's own framing and acknowledgements are not public and not counted.
// NDI video is variable rate, so leave headroom on shared links.
func NDI(bitrateBps float64) (Result, error) {
	if err := checkRate("NDI", bitrateBps); err != nil {
		return Result{}, err
	}
	pps := bitrateBps / (ndiDatagram * bitsPerOctet)
	return simpleResult("NDI", []pktClass{{perSec: pps, media: ndiDatagram, hdr: 0}}, false,
		"estimate: NDI payload in 1472-octet UDP datagrams; NDI framing and ACKs not counted; VBR, leave headroom"), nil
}
