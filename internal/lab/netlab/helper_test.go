package netlab

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// The test binary doubles as a tiny traffic tool run inside the lab's
// namespaces (`ip netns exec <ns> <test binary> netlab-helper ...`), so the
// tests need no socat or tcpdump.
func TestMain(m *testing.M) {
	if len(os.Args) > 2 && os.Args[1] == "netlab-helper" {
		if err := helper(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "netlab-helper:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func helper(args []string) error {
	switch args[0] {
	case "mcast-recv": // group:port ifaddr want timeout: join, print the count received
		if len(args) != 5 {
			return fmt.Errorf("usage: mcast-recv group:port ifaddr want timeout")
		}
		gaddr, err := net.ResolveUDPAddr("udp4", args[1])
		if err != nil {
			return err
		}
		ifi, err := ifaceByAddr(args[2])
		if err != nil {
			return err
		}
		want, _ := strconv.Atoi(args[3])
		timeout, err := time.ParseDuration(args[4])
		if err != nil {
			return err
		}
		c, err := net.ListenMulticastUDP("udp4", ifi, gaddr)
		if err != nil {
			return err
		}
		defer c.Close()
		fmt.Println("joined")
		deadline := time.Now().Add(timeout)
		n := 0
		buf := make([]byte, 2048)
		for n < want {
			_ = c.SetReadDeadline(deadline)
			if _, _, err := c.ReadFrom(buf); err != nil {
				break
			}
			n++
		}
		fmt.Printf("received %d\n", n)
		return nil
	case "mcast-send": // group:port ifaddr count
		if len(args) != 4 {
			return fmt.Errorf("usage: mcast-send group:port ifaddr count")
		}
		count, _ := strconv.Atoi(args[3])
		fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_DGRAM, 0)
		if err != nil {
			return err
		}
		defer syscall.Close(fd)
		src := net.ParseIP(args[2]).To4()
		if src == nil {
			return fmt.Errorf("bad ifaddr %s", args[2])
		}
		var mreq [4]byte
		copy(mreq[:], src)
		if err := syscall.SetsockoptInet4Addr(fd, syscall.IPPROTO_IP, syscall.IP_MULTICAST_IF, mreq); err != nil {
			return err
		}
		_ = syscall.SetsockoptInt(fd, syscall.IPPROTO_IP, syscall.IP_MULTICAST_TTL, 8)
		g, err := net.ResolveUDPAddr("udp4", args[1])
		if err != nil {
			return err
		}
		var dst syscall.SockaddrInet4
		copy(dst.Addr[:], g.IP.To4())
		dst.Port = g.Port
		for i := 0; i < count; i++ {
			if err := syscall.Sendto(fd, []byte(fmt.Sprintf("pkt %d", i)), 0, &dst); err != nil {
				return err
			}
		}
		return nil
	case "sniff": // ifname dstmac: count frames to dstmac seen on ifname until stdin closes
		if len(args) != 3 {
			return fmt.Errorf("usage: sniff ifname dstmac")
		}
		mac, err := net.ParseMAC(args[2])
		if err != nil {
			return err
		}
		ifi, err := net.InterfaceByName(args[1])
		if err != nil {
			return err
		}
		proto := htons(syscall.ETH_P_ALL)
		fd, err := syscall.Socket(syscall.AF_PACKET, syscall.SOCK_RAW, int(proto))
		if err != nil {
			return err
		}
		defer syscall.Close(fd)
		if err := syscall.Bind(fd, &syscall.SockaddrLinklayer{Protocol: proto, Ifindex: ifi.Index}); err != nil {
			return err
		}
		tv := syscall.NsecToTimeval((20 * time.Millisecond).Nanoseconds())
		_ = syscall.SetsockoptTimeval(fd, syscall.SOL_SOCKET, syscall.SO_RCVTIMEO, &tv)
		var stop atomic.Bool
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop.Store(true)
		}()
		fmt.Println("sniffing")
		n := 0
		buf := make([]byte, 65536)
		for {
			stopping := stop.Load() // read before recv: frames queued before the stop are counted
			k, _, err := syscall.Recvfrom(fd, buf, 0)
			if err != nil {
				if stopping {
					break
				}
				continue
			}
			if k >= 6 && bytes.Equal(buf[:6], mac) {
				n++
			}
		}
		fmt.Printf("seen %d\n", n)
		return nil
	}
	return fmt.Errorf("unknown helper %q", args[0])
}

func htons(v uint16) uint16 {
	var b [2]byte
	binary.BigEndian.PutUint16(b[:], v)
	return binary.NativeEndian.Uint16(b[:])
}

func ifaceByAddr(addr string) (*net.Interface, error) {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil, err
	}
	for i := range ifs {
		addrs, _ := ifs[i].Addrs()
		for _, a := range addrs {
			if ipn, ok := a.(*net.IPNet); ok && ipn.IP.String() == addr {
				return &ifs[i], nil
			}
		}
	}
	return nil, fmt.Errorf("no interface has address %s", addr)
}
