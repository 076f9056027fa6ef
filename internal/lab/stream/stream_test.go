package stream

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
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
	names, err := newIfNames()
	if err != nil {
		t.Fatal(err)
	}
	go func() { rc.loop(stop, &drain, names); close(done) }()
	sd, err := Send{ID: "s", Dst: "127.0.0.1", Port: port, Src: "127.0.0.1", IfName: "lo", DSCP: 34,
		PayloadType: 97, ClockRate: 48000, Rate: 1000, Count: 20, PayloadSize: 288}.open()
	if err != nil {
		t.Fatal(err)
	}
	sr := sd.run(context.Background())
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

// A session opened in a network namespace the test makes: its sockets
// live there (the source address exists only in that namespace), the
// stream arrives on the namespace's loopback, and every thread of this
// process is back in its own namespace afterwards.
func TestSessionInNetns(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root (ip netns, setns)")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("needs ip (iproute2)")
	}
	before, err := netnsOfThreads()
	if err != nil {
		t.Fatal(err)
	}
	ns := fmt.Sprintf("avst%06x", rand.IntN(1<<24))
	ip := func(args ...string) {
		t.Helper()
		if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
			t.Fatalf("ip %v: %v: %s", args, err, out)
		}
	}
	ip("netns", "add", ns)
	t.Cleanup(func() { _ = exec.Command("ip", "netns", "del", ns).Run() })
	ip("-n", ns, "link", "set", "lo", "up")
	ip("-n", ns, "addr", "add", "192.0.2.1/32", "dev", "lo")

	if _, err := OpenIn("/run/netns/"+ns+"-missing", Job{}); err == nil {
		t.Error("OpenIn on a namespace that does not exist: no error")
	}
	job := Job{
		Sends: []Send{{ID: "s", Dst: "192.0.2.1", Port: 5004, Src: "192.0.2.1", IfName: "lo", DSCP: 46,
			PayloadType: 96, ClockRate: 90000, Rate: 1000, Count: 20, PayloadSize: 100}},
		Recvs: []Recv{{ID: "r", Port: 5004, IfName: "lo", Expect: 20, PayloadType: 96}},
		Drain: time.Second,
	}
	s, err := OpenIn("/run/netns/"+ns, job)
	if err != nil {
		t.Fatal(err)
	}
	s.Send(context.Background())
	r := s.Finish()
	if sr := r.Sent["s"]; sr.Err != "" || sr.Sent != 20 {
		t.Fatalf("send: %+v (errors %v)", sr, r.Errors)
	}
	if rr := r.Recv["r"]; rr.Err != "" || rr.Received != 20 || rr.Ifaces["lo"] != 20 || rr.TOS[46<<2] != 20 {
		t.Errorf("receive: %+v; want 20 packets on lo with TOS %d", rr, 46<<2)
	}
	// The same job here fails: 192.0.2.1 is not an address of this
	// namespace.
	if _, err := (Send{Dst: "192.0.2.1", Src: "192.0.2.1", IfName: "lo", Port: 5004}).open(); err == nil {
		t.Error("the namespace's source address is usable outside it")
	}
	after, err := netnsOfThreads()
	if err != nil {
		t.Fatal(err)
	}
	for tid, n := range after {
		if n != before[0] {
			t.Errorf("thread %d left in network namespace %s, not %s", tid, n, before[0])
		}
	}
}

// netnsOfThreads reads the network namespace of every thread of this
// process (index 0: the main thread's).
func netnsOfThreads() (map[int]string, error) {
	ents, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return nil, err
	}
	out := map[int]string{}
	for _, e := range ents {
		tid, _ := strconv.Atoi(e.Name())
		n, err := os.Readlink("/proc/self/task/" + e.Name() + "/ns/net")
		if err != nil {
			continue // the thread ended
		}
		out[tid] = n
	}
	main, err := os.Readlink("/proc/self/ns/net")
	out[0] = main
	return out, err
}
