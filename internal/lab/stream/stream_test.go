package stream

import (
	"context"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"
)

func TestRTPHeaderRoundTrip(t *testing.T) {
	h := Header{Marker: true, PayloadType: 97, Seq: 65535, Timestamp: 0xdeadbeef, SSRC: 42}
	b := h.Append(nil)
	if len(b) != RTPHeaderLen || b[0] != 0x80 || b[1] != 0x80|97 {
		t.Fatalf("header bytes % x", b)
	}
	got, off, err := ParseHeader(append(b, 1, 2, 3))
	if err != nil || got != h || off != RTPHeaderLen {
		t.Errorf("ParseHeader = %+v, %d, %v; want %+v, 12", got, off, err, h)
	}
	// Two CSRCs and a one-word extension.
	ext := []byte{0x80 | 0x10 | 2, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 0xbe, 0xde, 0, 1, 9, 9, 9, 9, 0xff}
	if _, off, err := ParseHeader(ext); err != nil || off != 28 {
		t.Errorf("with CSRCs and an extension: offset %d, %v; want 28", off, err)
	}
	if _, _, err := ParseHeader([]byte{0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}); err == nil {
		t.Error("version 1 accepted")
	}
}

func TestSeqCheck(t *testing.T) {
	var c SeqCheck
	ts := uint32(1000)
	for _, seq := range []uint16{65534, 65535, 0, 1, 4, 2, 4, 5} { // wraps, loses 2 and 3, 2 late, 4 twice
		c.Add(Header{Seq: seq, Timestamp: ts + uint32(seq)*900, SSRC: 7})
	}
	if c.Received != 8 || c.Lost != 2 || c.Late != 2 || c.SSRCs != 1 {
		t.Errorf("SeqCheck = %+v; want 8 received, 2 lost, 2 late, 1 SSRC", c)
	}
}

func TestMulticastUDP(t *testing.T) {
	frame := func(tagged bool, proto byte, dst [4]byte) []byte {
		f := []byte{1, 0, 0x5e, 1, 2, 3, 2, 0, 0, 0, 0, 1}
		if tagged {
			f = append(f, 0x81, 0, 0, 110)
		}
		f = append(f, 0x08, 0)
		ip := make([]byte, 20)
		ip[0], ip[1], ip[9] = 0x45, 26<<2, proto
		copy(ip[16:], dst[:])
		return append(f, ip...)
	}
	if g, tos, ok := multicastUDP(frame(false, 17, [4]byte{239, 1, 2, 3})); !ok || g != "239.1.2.3" || tos != 104 {
		t.Errorf("untagged: %q %d %v", g, tos, ok)
	}
	if g, _, ok := multicastUDP(frame(true, 17, [4]byte{239, 1, 2, 3})); !ok || g != "239.1.2.3" {
		t.Errorf("802.1Q tagged: %q %v", g, ok)
	}
	if _, _, ok := multicastUDP(frame(false, 2, [4]byte{224, 0, 0, 22})); ok {
		t.Error("IGMP counted as a stream")
	}
	if _, _, ok := multicastUDP(frame(false, 17, [4]byte{10, 0, 0, 1})); ok {
		t.Error("unicast counted as multicast")
	}
}

// A unicast stream over the loopback interface: RTP sequence, DSCP and
// arrival interface as the receiver reads them.
func TestSendRecvLoopback(t *testing.T) {
	var rc *receiver
	var port int
	for i := 0; i < 20; i++ {
		port = 20000 + rand.IntN(20000)
		var err error
		if rc, err = (Recv{ID: "r", Port: port, IfName: "lo", Expect: 20, PayloadType: 97}).open(); err == nil {
			break
		}
	}
	if rc == nil {
		t.Fatal("no free UDP port on the loopback")
	}
	stop := make(chan struct{})
	var drain atomic.Int64
	done := make(chan struct{})
	go func() { rc.loop(stop, &drain, &ifNames{}); close(done) }()
	sr := Send{ID: "s", Dst: "127.0.0.1", Port: port, Src: "127.0.0.1", IfName: "lo", DSCP: 34,
		PayloadType: 97, ClockRate: 48000, Rate: 1000, Count: 20, PayloadSize: 288}.run(context.Background())
	if sr.Err != "" || sr.Sent != 20 {
		t.Fatalf("send: %+v", sr)
	}
	drain.Store(time.Now().Add(2 * time.Second).UnixNano())
	close(stop)
	<-done
	r := rc.result()
	if r.Received != 20 || r.Lost != 0 || r.Late != 0 || r.SSRCs != 1 || r.WrongPT != 0 || r.TSJumps != 0 {
		t.Errorf("received %+v; want 20 in order, one SSRC, steady timestamps", r)
	}
	if r.TOS[34<<2] != 20 || r.Ifaces["lo"] != 20 {
		t.Errorf("TOS %v, interfaces %v; want 20 with TOS %d on lo", r.TOS, r.Ifaces, 34<<2)
	}
}
