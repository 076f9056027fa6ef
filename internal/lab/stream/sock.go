package stream

import (
	"context"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"net"
	"net/netip"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"
)

// Send is a test stream to send.
type Send struct {
	ID string `json:"id"`
	// Dst is the group (or a receiver's address for a unicast leg), Port
	// the UDP destination port.
	Dst  string `json:"dst"`
	Port int    `json:"port"`
	// Src is the address of the interface IfName to send from.
	Src    string `json:"src"`
	IfName string `json:"if"`
	DSCP   int    `json:"dscp"`
	TTL    int    `json:"ttl"`
	// PayloadType and ClockRate of the RTP stream; Rate is the packet
	// rate (packets per second) and Count the packets to send.
	PayloadType int     `json:"pt"`
	ClockRate   int     `json:"clock_rate"`
	Rate        float64 `json:"rate"`
	Count       int     `json:"count"`
	PayloadSize int     `json:"payload_size"`
}

// SendResult is what a sender did.
type SendResult struct {
	Sent     int    `json:"sent"`
	SSRC     uint32 `json:"ssrc"`
	FirstSeq uint16 `json:"first_seq"`
	Err      string `json:"error,omitempty"`
}

func ifaceIndex(name string) (int, error) {
	ifi, err := net.InterfaceByName(name)
	if err != nil {
		return 0, err
	}
	return ifi.Index, nil
}

func addr4(s string) ([4]byte, error) {
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return [4]byte{}, fmt.Errorf("%q is not an IPv4 address", s)
	}
	return a.As4(), nil
}

// sender is an open Send.
type sender struct {
	s  Send
	fd int
	to *unix.SockaddrInet4
}

// open makes the stream's socket: bound to the source address, with the
// class's DSCP, the TTL and, for a group, the interface to send on.
func (s Send) open() (*sender, error) {
	dst, err := addr4(s.Dst)
	if err != nil {
		return nil, err
	}
	src, err := addr4(s.Src)
	if err != nil {
		return nil, err
	}
	idx, err := ifaceIndex(s.IfName)
	if err != nil {
		return nil, err
	}
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*sender, error) {
		unix.Close(fd)
		return nil, err
	}
	ttl := s.TTL
	if ttl <= 0 {
		ttl = 16
	}
	multicast := dst[0]&0xf0 == 0xe0
	opts := []struct {
		name      string
		opt, val  int
		multicast bool
	}{
		{"IP_TOS", unix.IP_TOS, s.DSCP << 2, false},
		{"IP_TTL", unix.IP_TTL, ttl, false},
		{"IP_MULTICAST_TTL", unix.IP_MULTICAST_TTL, ttl, true},
		{"IP_MULTICAST_LOOP", unix.IP_MULTICAST_LOOP, 0, true},
	}
	for _, o := range opts {
		if o.multicast && !multicast {
			continue
		}
		if err := unix.SetsockoptInt(fd, unix.IPPROTO_IP, o.opt, o.val); err != nil {
			return fail(fmt.Errorf("%s: %w", o.name, err))
		}
	}
	if multicast {
		if err := unix.SetsockoptIPMreqn(fd, unix.IPPROTO_IP, unix.IP_MULTICAST_IF, &unix.IPMreqn{Address: src, Ifindex: int32(idx)}); err != nil {
			return fail(fmt.Errorf("IP_MULTICAST_IF %s: %w", s.IfName, err))
		}
	}
	if err := unix.Bind(fd, &unix.SockaddrInet4{Addr: src}); err != nil {
		return fail(fmt.Errorf("bind %s: %w", s.Src, err))
	}
	return &sender{s: s, fd: fd, to: &unix.SockaddrInet4{Addr: dst, Port: s.Port}}, nil
}

// run sends the stream and closes its socket: RTP packets with
// consecutive sequence numbers from a random start, and timestamps that
// advance with the clock rate at the (reduced) packet rate, paced by a
// ticker.
func (sd *sender) run(ctx context.Context) SendResult {
	defer unix.Close(sd.fd)
	s := sd.s
	res := SendResult{SSRC: rand.Uint32(), FirstSeq: uint16(rand.Uint32())}
	fail := func(err error) SendResult { res.Err = err.Error(); return res }
	rate := s.Rate
	if rate <= 0 {
		rate = 100
	}
	size := s.PayloadSize
	if size < 0 {
		size = 0
	}
	pkt := make([]byte, 0, RTPHeaderLen+size)
	payload := make([]byte, size)
	for i := range payload {
		payload[i] = byte(i)
	}
	ts0 := rand.Uint32()
	// A random phase within the first interval, so that many streams
	// started together do not send in bursts.
	interval := time.Duration(float64(time.Second) / rate)
	select {
	case <-ctx.Done():
		return fail(ctx.Err())
	case <-time.After(time.Duration(rand.Int64N(int64(interval)))):
	}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for i := 0; i < s.Count; i++ {
		if i > 0 {
			select {
			case <-ctx.Done():
				return fail(ctx.Err())
			case <-tick.C:
			}
		}
		h := Header{PayloadType: uint8(s.PayloadType), Seq: res.FirstSeq + uint16(i), SSRC: res.SSRC,
			Timestamp: ts0 + uint32(float64(i)*float64(s.ClockRate)/rate), Marker: i == s.Count-1}
		pkt = append(h.Append(pkt[:0]), payload...)
		if err := unix.Sendto(sd.fd, pkt, 0, sd.to); err != nil {
			return fail(fmt.Errorf("send to %s:%d: %w", s.Dst, s.Port, err))
		}
		res.Sent++
	}
	return res
}

// Recv is a test stream to receive.
type Recv struct {
	ID string `json:"id"`
	// Group and Port the stream is sent to; for a unicast leg Group is
	// empty and the receiver listens on Port.
	Group string `json:"group,omitempty"`
	Port  int    `json:"port"`
	// IfName is the interface to join on; Source, when set, makes the
	// join source-specific (IGMPv3 INCLUDE {Source}), else any-source.
	IfName string `json:"if"`
	Source string `json:"source,omitempty"`
	// Expect is how many packets the sender sends: once they are all
	// here the receiver stops without waiting for the drain time.
	Expect      int `json:"expect"`
	PayloadType int `json:"pt"`
}

// RecvResult is what a receiver got.
type RecvResult struct {
	Received int `json:"received"`
	Lost     int `json:"lost"`
	Late     int `json:"late"`
	TSJumps  int `json:"ts_jumps"`
	SSRCs    int `json:"ssrcs"`
	WrongPT  int `json:"wrong_pt"`
	NotRTP   int `json:"not_rtp"`
	// TOS counts packets by IP TOS byte (DSCP<<2 | ECN) as received.
	TOS map[int]int `json:"tos,omitempty"`
	// Ifaces counts packets by the interface they arrived on.
	Ifaces map[string]int `json:"ifaces,omitempty"`
	Err    string         `json:"error,omitempty"`
}

// receiver is an open Recv.
type receiver struct {
	r    Recv
	fd   int
	res  RecvResult
	seq  SeqCheck
	done atomic.Bool
}

// open binds the socket and joins the group. The socket is bound to the
// group address (so it gets only that group's datagrams) with
// IP_MULTICAST_ALL off, and asks for the TOS and the arrival interface
// of every datagram.
func (r Recv) open() (*receiver, error) {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	rc := &receiver{r: r, fd: fd, res: RecvResult{TOS: map[int]int{}, Ifaces: map[string]int{}}}
	fail := func(what string, err error) (*receiver, error) {
		unix.Close(fd)
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	for _, o := range []struct {
		name       string
		level, opt int
	}{
		{"SO_REUSEADDR", unix.SOL_SOCKET, unix.SO_REUSEADDR},
		{"IP_RECVTOS", unix.IPPROTO_IP, unix.IP_RECVTOS},
		{"IP_PKTINFO", unix.IPPROTO_IP, unix.IP_PKTINFO},
	} {
		if err := unix.SetsockoptInt(fd, o.level, o.opt, 1); err != nil {
			return fail(o.name, err)
		}
	}
	tv := unix.NsecToTimeval(recvPoll.Nanoseconds())
	if err := unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &tv); err != nil {
		return fail("SO_RCVTIMEO", err)
	}
	sa := &unix.SockaddrInet4{Port: r.Port}
	if r.Group != "" {
		g, err := addr4(r.Group)
		if err != nil {
			return fail("group", err)
		}
		sa.Addr = g
		if err := unix.SetsockoptInt(fd, unix.IPPROTO_IP, unix.IP_MULTICAST_ALL, 0); err != nil {
			return fail("IP_MULTICAST_ALL", err)
		}
	}
	if err := unix.Bind(fd, sa); err != nil {
		return fail(fmt.Sprintf("bind %s:%d", r.Group, r.Port), err)
	}
	if r.Group == "" {
		return rc, nil
	}
	if err := join(fd, r.Group, r.IfName, r.Source); err != nil {
		return fail("join", err)
	}
	return rc, nil
}

// join makes the socket a member of group on ifName: any-source
// (IP_ADD_MEMBERSHIP, an IGMPv2 report or IGMPv3 EXCLUDE {}) or, with a
// source, source-specific (IP_ADD_SOURCE_MEMBERSHIP, IGMPv3 INCLUDE
// {source}). The IGMP version on the wire is the interface's
// (force_igmp_version, set by the lab from the VLAN's igmp.version).
func join(fd int, group, ifName, source string) error {
	g, err := addr4(group)
	if err != nil {
		return err
	}
	ifi, err := net.InterfaceByName(ifName)
	if err != nil {
		return err
	}
	if source == "" {
		return unix.SetsockoptIPMreqn(fd, unix.IPPROTO_IP, unix.IP_ADD_MEMBERSHIP, &unix.IPMreqn{Multiaddr: g, Ifindex: int32(ifi.Index)})
	}
	s, err := addr4(source)
	if err != nil {
		return err
	}
	// struct ip_mreq_source (linux/in.h): imr_multiaddr, imr_interface
	// (the local address of the interface), imr_sourceaddr.
	local, err := ifaceAddr4(ifi)
	if err != nil {
		return err
	}
	var mreq [12]byte
	copy(mreq[0:4], g[:])
	copy(mreq[4:8], local[:])
	copy(mreq[8:12], s[:])
	return unix.SetsockoptString(fd, unix.IPPROTO_IP, unix.IP_ADD_SOURCE_MEMBERSHIP, string(mreq[:]))
}

func ifaceAddr4(ifi *net.Interface) ([4]byte, error) {
	addrs, err := ifi.Addrs()
	if err != nil {
		return [4]byte{}, err
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok {
			if v4 := n.IP.To4(); v4 != nil {
				return [4]byte(v4), nil
			}
		}
	}
	return [4]byte{}, fmt.Errorf("interface %s has no IPv4 address (IGMPv3 source-specific joins name the interface by its address)", ifi.Name)
}

// recvPoll is how often a blocked receive wakes up to look at the stop
// signal. Every receiver and sniffer socket of every node wakes that
// often, so it is not short: 200 of them at 20 ms took a core from the
// switches' datapaths on a 2-core machine, and the streams lost packets.
const recvPoll = 100 * time.Millisecond

// loop reads datagrams until stop is closed and then either every
// expected packet is in or the deadline passes.
func (rc *receiver) loop(stop <-chan struct{}, drain *atomic.Int64, names ifNames) {
	buf := make([]byte, 65536)
	oob := make([]byte, 256)
	for {
		select {
		case <-stop:
			if d := drain.Load(); d != 0 && time.Now().UnixNano() > d {
				return
			}
			if rc.r.Expect > 0 && rc.res.Received >= rc.r.Expect {
				return
			}
		default:
		}
		n, oobn, _, _, err := unix.Recvmsg(rc.fd, buf, oob, 0)
		if err != nil {
			continue // timeout (SO_RCVTIMEO) or interrupted
		}
		tos, ifindex := -1, 0
		if cms, err := unix.ParseSocketControlMessage(oob[:oobn]); err == nil {
			for _, cm := range cms {
				switch {
				case cm.Header.Level == unix.IPPROTO_IP && cm.Header.Type == unix.IP_TOS && len(cm.Data) >= 1:
					tos = int(cm.Data[0])
				case cm.Header.Level == unix.IPPROTO_IP && cm.Header.Type == unix.IP_PKTINFO && len(cm.Data) >= 4:
					ifindex = int(binary.NativeEndian.Uint32(cm.Data[0:4]))
				}
			}
		}
		h, _, err := ParseHeader(buf[:n])
		if err != nil {
			rc.res.NotRTP++
			continue
		}
		if int(h.PayloadType) != rc.r.PayloadType {
			rc.res.WrongPT++
		}
		rc.seq.Add(h)
		rc.res.Received = rc.seq.Received
		if tos >= 0 {
			rc.res.TOS[tos]++
		}
		rc.res.Ifaces[names.name(ifindex)]++
	}
}

func (rc *receiver) result() RecvResult {
	unix.Close(rc.fd)
	r := rc.res
	r.Lost, r.Late, r.TSJumps, r.SSRCs = rc.seq.Lost, rc.seq.Late, rc.seq.TSJumps, rc.seq.SSRCs
	return r
}

// Sniff counts the IPv4 multicast UDP datagrams that reach an interface
// (not those it sends), whatever the host joined: an AF_PACKET socket on
// the interface, the honest way to see flooding.
type Sniff struct {
	IfName string `json:"if"`
}

// SniffResult counts datagrams by destination group, and their TOS.
type SniffResult struct {
	Groups map[string]int         `json:"groups,omitempty"`
	TOS    map[string]map[int]int `json:"tos,omitempty"`
	Err    string                 `json:"error,omitempty"`
}

type sniffer struct {
	s   Sniff
	fd  int
	res SniffResult
}

func htons(v uint16) uint16 { return v<<8 | v>>8 }

func (s Sniff) open() (*sniffer, error) {
	idx, err := ifaceIndex(s.IfName)
	if err != nil {
		return nil, err
	}
	proto := htons(unix.ETH_P_ALL)
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_CLOEXEC, int(proto))
	if err != nil {
		return nil, fmt.Errorf("AF_PACKET socket: %w", err)
	}
	if err := unix.Bind(fd, &unix.SockaddrLinklayer{Protocol: proto, Ifindex: idx}); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("bind AF_PACKET to %s: %w", s.IfName, err)
	}
	tv := unix.NsecToTimeval(recvPoll.Nanoseconds())
	_ = unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &tv)
	return &sniffer{s: s, fd: fd, res: SniffResult{Groups: map[string]int{}, TOS: map[string]map[int]int{}}}, nil
}

func (sn *sniffer) loop(stop <-chan struct{}, drain *atomic.Int64) {
	buf := make([]byte, 65536)
	for {
		select {
		case <-stop:
			if d := drain.Load(); d != 0 && time.Now().UnixNano() > d {
				return
			}
		default:
		}
		n, from, err := unix.Recvfrom(sn.fd, buf, 0)
		if err != nil {
			continue
		}
		if ll, ok := from.(*unix.SockaddrLinklayer); ok && ll.Pkttype == unix.PACKET_OUTGOING {
			continue
		}
		group, tos, ok := multicastUDP(buf[:n])
		if !ok {
			continue
		}
		sn.res.Groups[group]++
		if sn.res.TOS[group] == nil {
			sn.res.TOS[group] = map[int]int{}
		}
		sn.res.TOS[group][tos]++
	}
}

// multicastUDP reads an Ethernet frame (maybe 802.1Q tagged) holding an
// IPv4 UDP datagram to a multicast group.
func multicastUDP(f []byte) (group string, tos int, ok bool) {
	if len(f) < 14 {
		return "", 0, false
	}
	off := 12
	et := binary.BigEndian.Uint16(f[off:])
	for et == 0x8100 || et == 0x88a8 {
		off += 4
		if len(f) < off+2 {
			return "", 0, false
		}
		et = binary.BigEndian.Uint16(f[off:])
	}
	ip := f[off+2:]
	if et != 0x0800 || len(ip) < 20 || ip[0]>>4 != 4 || ip[9] != 17 || ip[16]&0xf0 != 0xe0 {
		return "", 0, false
	}
	return netip.AddrFrom4([4]byte(ip[16:20])).String(), int(ip[1]), true
}

func (sn *sniffer) result() SniffResult {
	unix.Close(sn.fd)
	return sn.res
}
