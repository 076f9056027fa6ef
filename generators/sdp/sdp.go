// Package sdp is the "sdp" generator: one SDP file (RFC 4566) per media
// flow, sdp/<flow>.sdp, as a receiver or an NMOS IS-05 controller needs it
// to join the flow.
//
// # File names
//
// A flow name may contain '/' ("cam-1/video"); the file name replaces each
// '/' by '_' ("sdp/cam-1_video.sdp"). Two flows whose file names would differ
// only by letter case, or by '/' versus '_' ("cam-1/video" and
// "cam-1_video"), are refused with an error naming both: they would
// overwrite each other, on every system or on Windows and macOS.
//
// # What each file holds
//
//	v=0
//	o=- <session id> <version> IN IP4 <sender address of the first leg>
//	s=<flow name>
//	i=<flow description, when the design gives one>
//	t=0 0
//	a=group:DUP primary secondary            ST 2022-7 flows (RFC 7104)
//	m=<video|audio> <port> RTP/AVP <payload type>   one m= section per leg
//	c=IN IP4 <group>/64
//	b=AS:<kb/s>                              ST 2110-22 only
//	a=source-filter: incl IN IP4 <group> <sender address on that leg>  (RFC 4570)
//	a=rtpmap / a=fmtp / a=ptime              per essence, below
//	a=ts-refclk:ptp=IEEE1588-2008:<grandmaster>:<domain>   (RFC 7273, ST 2110-10)
//	a=mediaclk:direct=0
//	a=mid:primary                            ST 2022-7 flows
//
// Lines end with CRLF, as RFC 4566 §5 writes them. The session id is a
// hash of the flow name, so it never changes; the version is a hash of
// the rest of the file, so it changes exactly when the description does
// (a receiver comparing versions sees the change; the value is not
// monotonic, since a build keeps no state). Legs follow the order of the
// design's planes, the first being "primary"; the sender address of each
// leg is the address of the sender's interface on that leg's VLAN.
//
// # Essences
//
//	st2110-20  raw/90000, fmtp per ST 2110-20:2017 §7 (sampling, width,
//	           height, exactframerate, depth, TCS, colorimetry, PM, SSN, TP
//	           from ST 2110-21; interlace for interlaced formats; MAXUDP=8960
//	           when the design allows datagrams above 1460 octets), PT 96
//	st2110-22  JPEG XS jxsv/90000 (RFC 9134: packetmode=0 and the raster
//	           parameters, SSN=ST2110-22:2019, TP), PT 112; H264/90000 or
//	           H265/90000 when video.codec says so, PT 96; b=AS is the
//	           average IP-layer rate in kb/s, rounded up
//	st2110-30, aes67  L24 or L16/<rate>/<channels> (RFC 3190) and
//	           a=ptime in milliseconds (0.125, 0.25, 0.333, 1, 4), PT 97;
//	           fmtp channel-order=SMPTE2110.(…) (ST 2110-30 §6.2.2) from
//	           audio.channelOrder, or one undefined group (U08) for
//	           ST 2110-30 when the design gives none
//	st2110-31  AM824/<rate>/<channels> and a=ptime, PT 97 (channel-order
//	           when the design gives one)
//	st2110-40  smpte291/90000 (RFC 8331), PT 100; fmtp DID_SDID={…} for
//	           each data type anc.data names
//	st2022-6   SMPTE2022-6/27000000, PT 98
//	mpeg-ts    MP2T/90000 on static PT 33 (RFC 3551, RFC 2250); as an IPTV
//	           stream it carries no PTP reference. The first leg's c= and
//	           source-filter also appear at session level: libavformat
//	           (ffmpeg, ffplay, mpv) creates no stream for MP2T and so reads
//	           only session-level connection data for it.
//
// Dante (Audinate's own transport), SRT (unicast, with its own handshake)
// and NDI (discovered by mDNS) have no SDP description: those flows get
// no file.
//
// # Reference clock
//
// a=ts-refclk names the grandmaster the best master clock algorithm elects
// in the clock tree of the leg (the tree holding the sender's first switch
// on that plane, else the sender), with the domain number of the sender's
// PTP domain. Its identity is the one avnet gives that grandmaster
// (ptpcfg.IdentityOf) and writes into its ptp4l configuration, so the SDP
// and the clock agree in the lab. When no grandmaster is known (no PTP
// domain, or none declared in the sender's tree), the line says
// ptp=IEEE1588-2008:traceable: RFC 7273 §4.8's way of saying the clock is
// traceable to the international time standard without naming a
// grandmaster, which a receiver locked to any traceable PTP grandmaster
// can honour.
package sdp

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"github.com/avnet/avnet/internal/escape"
	"math"
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/generators/ptpcfg"
	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/essence"
	"github.com/avnet/avnet/internal/model"
)

// Generator is the "sdp" generator. With --device it writes the SDP files
// of the flows those devices send.
var Generator = &gen.Generator{
	Name:      "sdp",
	Doc:       "SDP files (sdp/<flow>.sdp) of every RTP media flow: ST 2110, ST 2022-6, AES67, MPEG-TS",
	PerDevice: true,
	Generate:  Generate,
}

// TTL is the multicast TTL written on c= lines.
const TTL = 64

// Payload types, dynamic except MPEG-TS's static 33.
const (
	ptRaw   = 96
	ptAudio = 97
	ptHBRMT = 98
	ptANC   = 100
	ptJXSV  = 112
	ptH26x  = 96
	ptMP2T  = 33
)

// Describable reports whether the flow's essence has an SDP description.
func Describable(fl *model.Flow) bool {
	if fl.RawUDP() {
		return false // no RTP, no SDP: receivers tune to udp://@group:port
	}
	switch fl.Essence {
	case "st2110-20", "st2110-22", "st2110-30", "st2110-31", "st2110-40", "st2022-6", "aes67", "mpeg-ts":
		return true
	}
	return false
}

// FileName is the output path of a flow's SDP file.
func FileName(flow string) string { return "sdp/" + strings.ReplaceAll(flow, "/", "_") + ".sdp" }

// FileNames maps every describable flow to its file, refusing collisions.
func FileNames(f *model.Facility) (map[string]string, error) {
	out := map[string]string{}
	seen := map[string]string{}
	for _, name := range model.SortedKeys(f.Flows) {
		if !Describable(f.Flows[name]) {
			continue
		}
		p := FileName(name)
		key := strings.ToLower(p)
		if prev, ok := seen[key]; ok {
			return nil, fmt.Errorf("sdp: flows %q and %q would both be written to %s (file names replace '/' by '_' and must differ by more than letter case); rename one of them", prev, name, p)
		}
		seen[key] = name
		out[name] = p
	}
	return out, nil
}

// Generate writes the SDP file of every describable flow.
func Generate(ctx context.Context, f *model.Facility, facts *analysis.Facts, sink gen.Sink) error {
	env := gen.EnvFrom(ctx)
	files, err := FileNames(f)
	if err != nil {
		return err
	}
	for _, name := range model.SortedKeys(files) {
		if !env.WantDevice(f.Flows[name].Sender) {
			continue
		}
		b, err := Render(f, facts, name)
		if err != nil {
			return err
		}
		if err := sink.Write(files[name], b); err != nil {
			return err
		}
	}
	return nil
}

// media is what an essence puts in its m= sections.
type media struct {
	kind      string // m= media type: video or audio
	pt        int
	rtpmap    string
	fmtp      string
	ptime     string
	bandwidth int // b=AS in kb/s; 0 for none
	clocked   bool
}

// leg is one m= section.
type leg struct {
	plane, group, source, refclk string
}

// Render writes the SDP file of the named flow.
func Render(f *model.Facility, facts *analysis.Facts, name string) ([]byte, error) {
	fl := f.Flows[name]
	if fl == nil {
		return nil, fmt.Errorf("sdp: no flow %q", name)
	}
	ff := facts.Flows[name]
	if ff == nil || len(ff.Legs) == 0 {
		return nil, fmt.Errorf("sdp: flow %s has no destination: give it a group (or groups.<plane> for ST 2022-7)", name)
	}
	m, err := describe(fl, ff)
	if err != nil {
		return nil, fmt.Errorf("sdp: flow %s: %w", name, err)
	}
	var legs []leg
	for _, l := range orderLegs(f, ff.Legs) {
		src, err := senderAddress(f, fl, l)
		if err != nil {
			return nil, fmt.Errorf("sdp: flow %s: %w", name, err)
		}
		legs = append(legs, leg{plane: l.Plane, group: l.Group, source: src, refclk: refclk(f, facts, fl, l)})
	}

	var body []string
	add := func(format string, args ...any) { body = append(body, fmt.Sprintf(format, args...)) }
	add("s=%s", oneLine(name))
	if d := oneLine(fl.Description); d != "" {
		add("i=%s", d)
	}
	if fl.Essence == "mpeg-ts" {
		add("c=%s", connection(legs[0].group))
	}
	add("t=0 0")
	mids := []string{}
	if len(legs) > 1 {
		for i := range legs {
			mids = append(mids, midOf(i))
		}
		add("a=group:DUP %s", strings.Join(mids, " "))
	}
	if fl.Essence == "mpeg-ts" && isMulticast(legs[0].group) {
		add("a=source-filter: incl IN IP4 %s %s", legs[0].group, legs[0].source)
	}
	for i, l := range legs {
		add("m=%s %d RTP/AVP %d", m.kind, fl.Port, m.pt)
		add("c=%s", connection(l.group))
		if m.bandwidth > 0 {
			add("b=AS:%d", m.bandwidth)
		}
		if isMulticast(l.group) {
			add("a=source-filter: incl IN IP4 %s %s", l.group, l.source)
		}
		add("a=rtpmap:%d %s", m.pt, m.rtpmap)
		if m.fmtp != "" {
			add("a=fmtp:%d %s", m.pt, m.fmtp)
		}
		if m.ptime != "" {
			add("a=ptime:%s", m.ptime)
		}
		if m.clocked {
			add("a=ts-refclk:%s", l.refclk)
			add("a=mediaclk:direct=0")
		}
		if len(mids) > 0 {
			add("a=mid:%s", mids[i])
		}
	}
	version := hash32("avnet/sdp/version\x00" + strings.Join(body, "\n"))
	lines := append([]string{
		"v=0",
		fmt.Sprintf("o=- %d %d IN IP4 %s", hash32("avnet/sdp/session\x00"+name), version, legs[0].source),
	}, body...)
	return []byte(strings.Join(lines, "\r\n") + "\r\n"), nil
}

func midOf(i int) string {
	switch i {
	case 0:
		return "primary"
	case 1:
		return "secondary"
	}
	return "leg" + strconv.Itoa(i+1)
}

// hash32 is a stable 32-bit number from s, never 0.
func hash32(s string) uint32 {
	h := sha256.Sum256([]byte(s))
	v := binary.BigEndian.Uint32(h[:4])
	if v == 0 {
		v = 1
	}
	return v
}

func oneLine(s string) string { return escape.SDP(s) }

func isMulticast(addr string) bool {
	a, err := netip.ParseAddr(addr)
	return err == nil && a.IsMulticast()
}

func connection(addr string) string {
	if isMulticast(addr) {
		return fmt.Sprintf("IN IP4 %s/%d", addr, TTL)
	}
	return "IN IP4 " + addr
}

// orderLegs puts legs in the order of the design's planes; planes the
// list does not name follow, by name.
func orderLegs(f *model.Facility, legs []*analysis.Leg) []*analysis.Leg {
	rank := func(p string) int {
		for i, q := range f.Planes {
			if q == p {
				return i
			}
		}
		return len(f.Planes)
	}
	out := append([]*analysis.Leg(nil), legs...)
	sort.SliceStable(out, func(i, j int) bool {
		ri, rj := rank(out[i].Plane), rank(out[j].Plane)
		if ri != rj {
			return ri < rj
		}
		return out[i].Plane < out[j].Plane
	})
	return out
}

// senderAddress is the sender's address on the leg: its interface on the
// leg's VLAN, or the flow's declared source.
func senderAddress(f *model.Facility, fl *model.Flow, l *analysis.Leg) (string, error) {
	where := "the flow"
	if l.Plane != "" {
		where = "plane " + l.Plane
	}
	if l.Sender.Interface == "" {
		return "", fmt.Errorf("sender %s has no interface on %s: add one in a VLAN of that plane", fl.Sender, where)
	}
	d := f.Devices[fl.Sender]
	if i := d.Interfaces[l.Sender.Interface]; i != nil && i.IP != "" {
		if p, err := netip.ParsePrefix(i.IP); err == nil {
			return p.Addr().String(), nil
		}
		if a, err := netip.ParseAddr(i.IP); err == nil {
			return a.String(), nil
		}
	}
	if fl.Source != "" && l.Plane == "" {
		return fl.Source, nil
	}
	return "", fmt.Errorf("sender interface %s has no IP address, which the SDP needs (o= and a=source-filter): set devices.%q.interfaces.%q.ip", l.Sender, fl.Sender, l.Sender.Interface)
}

// refclk is the RFC 7273 clock source of a leg.
func refclk(f *model.Facility, facts *analysis.Facts, fl *model.Flow, l *analysis.Leg) string {
	const traceable = "ptp=IEEE1588-2008:traceable"
	dn := ptpDomainOf(f, fl.Sender)
	if dn == "" || facts.PTP[dn] == nil {
		return traceable
	}
	trees := facts.PTP[dn].Trees
	find := func(dev string) *analysis.PTPTree {
		if dev == "" {
			return nil
		}
		for _, t := range trees {
			if t.Nodes[dev] != nil {
				return t
			}
		}
		return nil
	}
	firstHop := ""
	if link := facts.Topology.LinkAt[l.Sender]; link != nil {
		a, b := analysis.ParsePort(link.A), analysis.ParsePort(link.B)
		firstHop = a.Device
		if a == l.Sender {
			firstHop = b.Device
		}
	}
	t := find(firstHop)
	if t == nil {
		t = find(fl.Sender)
	}
	if t == nil {
		var withGM []*analysis.PTPTree
		for _, x := range trees {
			if x.Grandmaster != "" {
				withGM = append(withGM, x)
			}
		}
		if len(withGM) == 1 {
			t = withGM[0]
		}
	}
	if t == nil || t.Grandmaster == "" {
		return traceable
	}
	return fmt.Sprintf("ptp=IEEE1588-2008:%s:%d", ptpcfg.IdentityOf(t.Grandmaster).SDP(), f.PTP[dn].Domain)
}

// ptpDomainOf is the PTP domain a sender's media clock follows: its own,
// the one it is a grandmaster of, or the design's only domain.
func ptpDomainOf(f *model.Facility, sender string) string {
	if d := f.Devices[sender]; d != nil && d.PTP != nil && d.PTP.Mode != "none" && f.PTP[d.PTP.Domain] != nil {
		return d.PTP.Domain
	}
	var gmOf []string
	for _, dn := range model.SortedKeys(f.PTP) {
		if _, ok := f.PTP[dn].Grandmasters[sender]; ok {
			gmOf = append(gmOf, dn)
		}
	}
	if len(gmOf) == 1 {
		return gmOf[0]
	}
	if len(f.PTP) == 1 {
		return model.SortedKeys(f.PTP)[0]
	}
	return ""
}

func describe(fl *model.Flow, ff *analysis.FlowFacts) (media, error) {
	switch fl.Essence {
	case "st2110-20":
		v := fl.Video
		if v == nil {
			return media{}, fmt.Errorf("essence st2110-20 needs a video block")
		}
		vf, err := essence.ParseFormat(v.Format)
		if err != nil {
			return media{}, err
		}
		p := []string{
			"sampling=" + v.Sampling,
			fmt.Sprintf("width=%d", vf.Width),
			fmt.Sprintf("height=%d", vf.Height),
			"exactframerate=" + exactFrameRate(vf),
			fmt.Sprintf("depth=%d", v.Depth),
			"TCS=" + v.TCS,
			"colorimetry=" + v.Colorimetry,
			"PM=2110" + v.Packing,
			"SSN=ST2110-20:2017",
			"TP=" + v.SenderType,
		}
		if vf.Interlaced {
			p = append(p, "interlace")
		}
		if v.MaxUDP > essence.StandardUDP {
			p = append(p, fmt.Sprintf("MAXUDP=%d", essence.ExtendedUDP))
		}
		return media{kind: "video", pt: ptRaw, rtpmap: "raw/90000", fmtp: fmtp(p), clocked: true}, nil
	case "st2110-22":
		v := fl.Video
		if v == nil {
			return media{}, fmt.Errorf("essence st2110-22 needs a video block")
		}
		vf, err := essence.ParseFormat(v.Format)
		if err != nil {
			return media{}, err
		}
		m := media{kind: "video", clocked: true}
		if ff != nil && ff.RateErr == nil && ff.Rate.Average.IP > 0 {
			m.bandwidth = int(math.Ceil(ff.Rate.Average.IP/1000 - 1e-9))
		}
		switch v.Codec {
		case "h264":
			m.pt, m.rtpmap, m.fmtp = ptH26x, "H264/90000", "packetization-mode=1"
		case "h265":
			m.pt, m.rtpmap = ptH26x, "H265/90000"
		default:
			p := []string{
				"packetmode=0",
				"sampling=" + v.Sampling,
				fmt.Sprintf("width=%d", vf.Width),
				fmt.Sprintf("height=%d", vf.Height),
				"exactframerate=" + exactFrameRate(vf),
				fmt.Sprintf("depth=%d", v.Depth),
				"colorimetry=" + v.Colorimetry,
				"TCS=" + v.TCS,
				"SSN=ST2110-22:2019",
				"TP=" + v.SenderType,
			}
			if vf.Interlaced {
				p = append(p, "interlace")
			}
			m.pt, m.rtpmap, m.fmtp = ptJXSV, "jxsv/90000", fmtp(p)
		}
		return m, nil
	case "st2110-30", "aes67", "st2110-31":
		a := fl.Audio
		if a == nil {
			return media{}, fmt.Errorf("essence %s needs an audio block", fl.Essence)
		}
		pt, err := essence.ParsePacketTime(a.PacketTime)
		if err != nil {
			return media{}, err
		}
		enc := fmt.Sprintf("L%d", a.Depth)
		if fl.Essence == "st2110-31" {
			enc = "AM824"
		}
		m := media{kind: "audio", pt: ptAudio, rtpmap: fmt.Sprintf("%s/%d/%d", enc, a.SampleRate, a.Channels),
			ptime: strconv.FormatFloat(math.Round(pt*1e6)/1e3, 'f', -1, 64), clocked: true}
		// ST 2110-30 signals its channels' grouping (an undefined group
		// of them when the design says nothing); AES67 and AM824 only
		// when the design gives it.
		if fl.Essence == "st2110-30" || len(a.ChannelOrder) > 0 {
			m.fmtp = "channel-order=" + essence.ChannelOrder(a.Channels, a.ChannelOrder)
		}
		return m, nil
	case "st2110-40":
		m := media{kind: "video", pt: ptANC, rtpmap: "smpte291/90000", clocked: true}
		if fl.Anc != nil {
			ids, err := essence.AncDIDSDID(fl.Anc.Data)
			if err != nil {
				return media{}, err
			}
			m.fmtp = ids
		}
		return m, nil
	case "st2022-6":
		return media{kind: "video", pt: ptHBRMT, rtpmap: "SMPTE2022-6/27000000", clocked: true}, nil
	case "mpeg-ts":
		return media{kind: "video", pt: ptMP2T, rtpmap: "MP2T/90000"}, nil
	}
	return media{}, fmt.Errorf("essence %q has no SDP description", fl.Essence)
}

// fmtp joins format parameters as ST 2110 examples write them: "a=b; c=d;".
func fmtp(params []string) string { return strings.Join(params, "; ") + ";" }

// exactFrameRate writes a frame rate as ST 2110-20 does: an integer, or
// the exact ratio ("60000/1001").
func exactFrameRate(f essence.Format) string {
	if f.FrameDen == 1 {
		return strconv.FormatInt(f.FrameNum, 10)
	}
	return fmt.Sprintf("%d/%d", f.FrameNum, f.FrameDen)
}
