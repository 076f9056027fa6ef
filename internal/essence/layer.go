package essence

import "sort"

// Header sizes in octets. They are fixed by the protocols, not tunable.
const (
	rtpHeader      = 12 // RFC 3550 fixed header, no CSRC, no extension
	udpHeader      = 8
	ipv4Header     = 20 // no options
	ethHeader      = 14 // destination, source, EtherType
	ethFCS         = 4
	vlanTag        = 4 // IEEE 802.1Q
	ethMinFrame    = 64
	preambleSFD    = 8
	interFrameGap  = 12
	l1PerFrame     = preambleSFD + interFrameGap
	ipUDPOverhead  = udpHeader + ipv4Header
	ethOverhead    = ethHeader + ethFCS
	StandardUDP    = 1460 // ST 2110-10 Standard UDP Size Limit
	ExtendedUDP    = 8960 // ST 2110-10 Extended UDP Size Limit
	bitsPerOctet   = 8
	defaultMaxUDP  = StandardUDP
	mtuClassExtra  = 40 // MaxUDP + 40 gives the MTU class (1500 / 9000)
	minUDPDatagram = udpHeader + rtpHeader + 1
)

// Layer holds one flow's bit rate at each protocol layer, in bits per second.
// See the package documentation for what each layer adds.
type Layer struct{ Payload, IP, L2, L1 float64 }

// Scale multiplies every layer by k (used for 2110-21 peaks and headroom).
func (l Layer) Scale(k float64) Layer {
	return Layer{l.Payload * k, l.IP * k, l.L2 * k, l.L1 * k}
}

// Add sums two layers (used for multi-flow results such as Dante).
func (l Layer) Add(o Layer) Layer {
	return Layer{l.Payload + o.Payload, l.IP + o.IP, l.L2 + o.L2, l.L1 + o.L1}
}

// Result describes one essence flow (or, for Dante, the set of flows
// needed to carry the requested channels).
type Result struct {
	Essence string
	// Streams is the number of IP flows in this result (Dante splits
	// channels into several flows; everything else is 1).
	Streams int
	// PacketsPerFrame is per video frame (both fields when interlaced);
	// PacketsPerField is set for interlaced and PsF video only. Audio: 0.
	PacketsPerFrame  int
	PacketsPerField  int
	PacketsPerSecond float64
	// PayloadBytesPerPacket is the largest number of media octets in one
	// packet (pixel data, samples, SDI words, TS packets); headers excluded.
	PayloadBytesPerPacket int
	// MaxIPBytes is the largest IPv4 datagram of the flow (MTU check).
	MaxIPBytes int
	// Bitrate is the planning rate: what a link must carry. For 2110-21
	// gapped senders it is the peak over the active period; for SRT it
	// includes the retransmission headroom. Average is the long-term mean.
	Bitrate Layer
	Average Layer
	// Tagged reports whether L2/L1 include a 4-octet 802.1Q tag.
	Tagged bool

	// ST 2110-21 timing for video (zero otherwise). Times in seconds.
	TRS, TROffset, TDrain float64
	RActive               float64
	NPackets              int // packets per frame, or per field when interlaced
	CMax, VRXFull         int
	SenderType            string

	Notes []string
}

// WithVLAN returns r with a 4-octet 802.1Q tag counted on every frame.
// It is exact because no flow computed here has frames at the 64-octet
// minimum (RTP+UDP+IPv4+Ethernet is already 58 octets plus payload headers).
func (r Result) WithVLAN() Result {
	if r.Tagged {
		return r
	}
	add := func(l Layer, pps float64) Layer {
		d := pps * vlanTag * bitsPerOctet
		l.L2 += d
		l.L1 += d
		return l
	}
	peakPPS := r.PacketsPerSecond
	if r.Average.L1 > 0 {
		peakPPS *= r.Bitrate.L1 / r.Average.L1
	}
	r.Bitrate = add(r.Bitrate, peakPPS)
	r.Average = add(r.Average, r.PacketsPerSecond)
	r.Tagged = true
	r.Notes = append(append([]string(nil), r.Notes...), "802.1Q tag counted: +4 octets per frame")
	return r
}

// pktClass is a group of identical packets: perSec of them each second,
// each carrying media octets of media and hdr octets of application headers
// above UDP (RTP plus payload headers).
type pktClass struct {
	perSec float64
	media  int
	hdr    int
}

func (p pktClass) ipBytes() int { return p.media + p.hdr + ipUDPOverhead }

func (p pktClass) l2Bytes(tagged bool) int {
	n := p.ipBytes() + ethOverhead
	if tagged {
		n += vlanTag
	}
	if n < ethMinFrame {
		n = ethMinFrame // short frames are padded on the wire
	}
	return n
}

// layers sums the per-layer rates of a set of packet classes and also
// returns packets per second, the largest media payload and the largest
// IP datagram.
func layers(classes []pktClass, tagged bool) (l Layer, pps float64, maxMedia, maxIP int) {
	for _, c := range classes {
		if c.perSec == 0 {
			continue
		}
		pps += c.perSec
		l.Payload += c.perSec * float64(c.media) * bitsPerOctet
		l.IP += c.perSec * float64(c.ipBytes()) * bitsPerOctet
		l2 := c.l2Bytes(tagged)
		l.L2 += c.perSec * float64(l2) * bitsPerOctet
		l.L1 += c.perSec * float64(l2+l1PerFrame) * bitsPerOctet
		maxMedia = max(maxMedia, c.media)
		maxIP = max(maxIP, c.ipBytes())
	}
	return l, pps, maxMedia, maxIP
}

// simpleResult builds a Result for a constant-rate flow whose planning rate
// equals its average.
func simpleResult(essence string, classes []pktClass, tagged bool, notes ...string) Result {
	l, pps, maxMedia, maxIP := layers(classes, tagged)
	return Result{
		Essence:               essence,
		Streams:               1,
		PacketsPerSecond:      pps,
		PayloadBytesPerPacket: maxMedia,
		MaxIPBytes:            maxIP,
		Bitrate:               l,
		Average:               l,
		Tagged:                tagged,
		Notes:                 notes,
	}
}

// sortClasses orders classes so that floating-point sums are reproducible
// (packet classes are collected from maps).
func sortClasses(c []pktClass) {
	sort.Slice(c, func(i, j int) bool {
		if c[i].media != c[j].media {
			return c[i].media < c[j].media
		}
		return c[i].hdr < c[j].hdr
	})
}
