// Package stream is the lab's test-stream sender and receiver: RTP
// (RFC 3550) over UDP with a flow's real destination, port, payload type,
// clock rate and DSCP, sent at a reduced packet rate; receivers that join
// with IGMPv2 (any-source, IP_ADD_MEMBERSHIP) or IGMPv3 source-specific
// (IP_ADD_SOURCE_MEMBERSHIP) membership, check the RTP sequence and read
// the DSCP and arrival interface of every packet; and sniffers, AF_PACKET
// sockets that count the multicast frames reaching an interface that
// joined nothing (what IGMP snooping must keep silent).
//
// A Session opens a node's sockets inside the node's network namespace
// and runs them from the calling process (OpenIn): `lab test` needs no
// process per node.
package stream

import (
	"encoding/binary"
	"errors"
)

// RTPHeaderLen is the length of an RTP fixed header with no CSRC.
const RTPHeaderLen = 12

// Header is an RTP fixed header (RFC 3550 §5.1).
type Header struct {
	Marker      bool
	PayloadType uint8
	Seq         uint16
	Timestamp   uint32
	SSRC        uint32
}

// Append appends the header (version 2, no padding, no extension, no
// CSRC) to b.
func (h Header) Append(b []byte) []byte {
	m := byte(0)
	if h.Marker {
		m = 0x80
	}
	b = append(b, 2<<6, m|h.PayloadType&0x7f)
	b = binary.BigEndian.AppendUint16(b, h.Seq)
	b = binary.BigEndian.AppendUint32(b, h.Timestamp)
	return binary.BigEndian.AppendUint32(b, h.SSRC)
}

// ParseHeader reads an RTP header and returns it with the offset of the
// payload (after any CSRC list and header extension).
func ParseHeader(b []byte) (Header, int, error) {
	if len(b) < RTPHeaderLen {
		return Header{}, 0, errors.New("rtp: packet shorter than a header")
	}
	if b[0]>>6 != 2 {
		return Header{}, 0, errors.New("rtp: version is not 2")
	}
	h := Header{
		Marker:      b[1]&0x80 != 0,
		PayloadType: b[1] & 0x7f,
		Seq:         binary.BigEndian.Uint16(b[2:]),
		Timestamp:   binary.BigEndian.Uint32(b[4:]),
		SSRC:        binary.BigEndian.Uint32(b[8:]),
	}
	off := RTPHeaderLen + 4*int(b[0]&0x0f)
	if b[0]&0x10 != 0 { // extension: 16-bit profile, 16-bit length in words
		if len(b) < off+4 {
			return Header{}, 0, errors.New("rtp: truncated header extension")
		}
		off += 4 + 4*int(binary.BigEndian.Uint16(b[off+2:]))
	}
	if off > len(b) {
		return Header{}, 0, errors.New("rtp: truncated header")
	}
	return h, off, nil
}

// SeqCheck follows an RTP sequence (RFC 3550 appendix A.1, without the
// probation): packets lost in gaps, duplicates or late packets, and
// timestamp steps that differ from the first one seen.
type SeqCheck struct {
	Received  int
	Lost      int
	Late      int // duplicates and reordered packets
	TSJumps   int
	SSRCs     int
	started   bool
	next      uint16
	lastTS    uint32
	step      uint32
	haveStep  bool
	lastSSRC  uint32
	firstSeen bool
}

// Add records a packet.
func (c *SeqCheck) Add(h Header) {
	c.Received++
	if !c.firstSeen || h.SSRC != c.lastSSRC {
		c.SSRCs++
		c.firstSeen, c.lastSSRC = true, h.SSRC
	}
	if !c.started {
		c.started, c.next, c.lastTS = true, h.Seq+1, h.Timestamp
		return
	}
	d := int16(h.Seq - c.next)
	switch {
	case d < 0:
		c.Late++
		return
	case d > 0:
		c.Lost += int(d)
	}
	step := h.Timestamp - c.lastTS
	if d == 0 {
		if !c.haveStep {
			c.step, c.haveStep = step, true
		} else if step != c.step {
			c.TSJumps++
		}
	}
	c.next, c.lastTS = h.Seq+1, h.Timestamp
}
