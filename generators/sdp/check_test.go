package sdp_test

import (
	"fmt"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// checkSDP returns what is wrong with an SDP file, by the grammar of RFC
// 4566 and the rules of the standards each essence follows. It is the
// strict half of the SDP tests: ffprobe (ffprobe_test.go) is a real
// receiver but ignores the format parameters it does not use.
func checkSDP(data []byte) []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	text := string(data)
	if !strings.HasSuffix(text, "\r\n") {
		bad("the last line does not end with CRLF (RFC 4566 §5)")
		return errs
	}
	lines := strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n")
	lineRE := regexp.MustCompile(`^([a-z])=(.*)$`)

	type section struct {
		fields map[byte][]string
		order  []byte
	}
	newSection := func() *section { return &section{fields: map[byte][]string{}} }
	session := newSection()
	var medias []*section
	cur := session
	for i, l := range lines {
		m := lineRE.FindStringSubmatch(l)
		if m == nil || strings.ContainsAny(l, "\r\n\x00") {
			bad("line %d %q is not <type>=<value>", i+1, l)
			continue
		}
		typ := m[1][0]
		if typ == 'm' {
			cur = newSection()
			medias = append(medias, cur)
		}
		cur.fields[typ] = append(cur.fields[typ], m[2])
		cur.order = append(cur.order, typ)
	}
	inOrder := func(where string, s *section, allowed string) {
		last := -1
		for _, typ := range s.order {
			i := strings.IndexByte(allowed, typ)
			if i < 0 {
				bad("%s: %c= is not allowed here", where, typ)
				continue
			}
			if i < last {
				bad("%s: %c= is out of the order %q (RFC 4566 §5)", where, typ, allowed)
			}
			last = i
		}
	}
	inOrder("session", session, "vosiuepcbtrzka")
	one := func(where string, s *section, typ byte) string {
		if n := len(s.fields[typ]); n != 1 {
			bad("%s: %d %c= lines, want 1", where, n, typ)
			return ""
		}
		return s.fields[typ][0]
	}
	if v := one("session", session, 'v'); v != "0" {
		bad("v=%s, want v=0", v)
	}
	if o := one("session", session, 'o'); !regexp.MustCompile(`^- [1-9][0-9]* [1-9][0-9]* IN IP4 ([0-9]{1,3}\.){3}[0-9]{1,3}$`).MatchString(o) {
		bad("o=%s: want o=- <session id> <version> IN IP4 <unicast address>", o)
	}
	if s := one("session", session, 's'); strings.TrimSpace(s) == "" {
		bad("empty s=")
	}
	if tl := one("session", session, 't'); tl != "0 0" {
		bad("t=%s, want t=0 0 (a permanent session)", tl)
	}
	if len(medias) == 0 {
		bad("no m= section")
	}
	attrs := func(s *section) map[string][]string {
		out := map[string][]string{}
		for _, a := range s.fields['a'] {
			k, v, _ := strings.Cut(a, ":")
			out[k] = append(out[k], v)
		}
		return out
	}
	sa := attrs(session)
	var dup []string
	for _, g := range sa["group"] {
		if strings.HasPrefix(g, "DUP ") {
			dup = strings.Fields(g)[1:]
		}
	}
	if len(dup) > 0 && len(dup) != len(medias) {
		bad("a=group:DUP names %d legs, the file has %d m= sections", len(dup), len(medias))
	}
	mids := map[string]bool{}
	mRE := regexp.MustCompile(`^(video|audio) ([0-9]+) RTP/AVP ([0-9]+)$`)
	cRE := regexp.MustCompile(`^IN IP4 ([0-9.]+)(/([0-9]+))?$`)
	for n, s := range medias {
		where := fmt.Sprintf("m= section %d", n+1)
		inOrder(where, s, "micbka")
		mm := mRE.FindStringSubmatch(s.fields['m'][0])
		if mm == nil {
			bad("%s: m=%s is not <video|audio> <port> RTP/AVP <payload type>", where, s.fields['m'][0])
			continue
		}
		if p, _ := strconv.Atoi(mm[2]); p < 1 || p > 65535 {
			bad("%s: port %s out of range", where, mm[2])
		}
		pt := mm[3]
		cs := s.fields['c']
		if len(cs) == 0 {
			cs = session.fields['c']
		}
		if len(cs) != 1 {
			bad("%s: %d c= lines apply, want 1", where, len(cs))
			continue
		}
		cm := cRE.FindStringSubmatch(cs[0])
		if cm == nil {
			bad("%s: c=%s is not IN IP4 <address>[/ttl]", where, cs[0])
			continue
		}
		addr, err := netip.ParseAddr(cm[1])
		if err != nil || !addr.Is4() {
			bad("%s: c=%s is not IN IP4 <address>[/ttl]", where, cs[0])
			continue
		}
		if addr.IsMulticast() != (cm[3] != "") {
			bad("%s: c=%s: an IPv4 multicast address takes a TTL, a unicast one none (RFC 4566 §5.7)", where, cs[0])
		}
		a := attrs(s)
		if addr.IsMulticast() {
			sf := a["source-filter"]
			if len(sf) != 1 || !regexp.MustCompile(`^ incl IN IP4 `+regexp.QuoteMeta(addr.String())+` ([0-9]{1,3}\.){3}[0-9]{1,3}$`).MatchString(sf[0]) {
				bad("%s: want one a=source-filter: incl IN IP4 %s <sender> (RFC 4570), got %q", where, addr, sf)
			}
		}
		var rtpmap, fmtp string
		for _, r := range a["rtpmap"] {
			if p, enc, _ := strings.Cut(r, " "); p == pt {
				rtpmap = enc
			}
		}
		for _, r := range a["fmtp"] {
			if p, params, _ := strings.Cut(r, " "); p == pt {
				fmtp = params
			}
		}
		if rtpmap == "" {
			bad("%s: no a=rtpmap for payload type %s", where, pt)
			continue
		}
		enc := strings.Split(rtpmap, "/")
		clocked := true
		switch {
		case enc[0] == "raw" && rtpmap == "raw/90000" && mm[1] == "video":
			checkParams(where+" ST 2110-20", fmtp, bad, map[string]string{
				"sampling":       `^(YCbCr-4:4:4|YCbCr-4:2:2|YCbCr-4:2:0|RGB)$`,
				"width":          `^[1-9][0-9]*$`,
				"height":         `^[1-9][0-9]*$`,
				"exactframerate": `^([1-9][0-9]*|[1-9][0-9]*000/1001)$`,
				"depth":          `^(8|10|12|16)$`,
				"TCS":            `^(SDR|PQ|HLG)$`,
				"colorimetry":    `^(BT601|BT709|BT2020|BT2100)$`,
				"PM":             `^2110(GPM|BPM)$`,
				"SSN":            `^ST2110-20:2017$`,
				"TP":             `^2110(TPN|TPNL|TPW)$`,
			}, map[string]string{"interlace": "", "segmented": "", "MAXUDP": `^8960$`})
		case enc[0] == "jxsv" && rtpmap == "jxsv/90000" && mm[1] == "video":
			checkParams(where+" RFC 9134", fmtp, bad, map[string]string{
				"packetmode": `^[01]$`,
				"SSN":        `^ST2110-22:2019$`,
				"TP":         `^2110(TPN|TPNL|TPW)$`,
			}, map[string]string{
				"sampling": `^(YCbCr-4:4:4|YCbCr-4:2:2|YCbCr-4:2:0|RGB)$`, "width": `^[1-9][0-9]*$`, "height": `^[1-9][0-9]*$`,
				"exactframerate": `^([1-9][0-9]*|[1-9][0-9]*000/1001)$`, "depth": `^(8|10|12|16)$`,
				"colorimetry": `^(BT601|BT709|BT2020|BT2100)$`, "TCS": `^(SDR|PQ|HLG)$`, "interlace": "",
			})
		case (enc[0] == "H264" || enc[0] == "H265") && len(enc) == 2 && enc[1] == "90000":
		case enc[0] == "L24" || enc[0] == "L16" || enc[0] == "AM824":
			if mm[1] != "audio" || len(enc) != 3 || !regexp.MustCompile(`^(44100|48000|96000)$`).MatchString(enc[1]) || !regexp.MustCompile(`^[1-9][0-9]*$`).MatchString(enc[2]) {
				bad("%s: a=rtpmap %s: want an audio section with <encoding>/<rate>/<channels>", where, rtpmap)
			}
			if p := a["ptime"]; len(p) != 1 || !regexp.MustCompile(`^(0\.125|0\.25|0\.333|1|4)$`).MatchString(p[0]) {
				bad("%s: want one a=ptime of 0.125, 0.25, 0.333, 1 or 4 ms (ST 2110-30, AES67), got %q", where, p)
			}
			if fmtp != "" {
				checkParams(where+" ST 2110-30", fmtp, bad, map[string]string{
					"channel-order": `^SMPTE2110\.\((M|DM|ST|LtRt|51|71|222|SGRP|U[0-6][0-9])(,(M|DM|ST|LtRt|51|71|222|SGRP|U[0-6][0-9]))*\)$`,
				}, nil)
				if n, ok := channelOrderCount(fmtp); ok && len(enc) == 3 && strconv.Itoa(n) != enc[2] {
					bad("%s: channel-order describes %d channels, a=rtpmap %s carries %s", where, n, rtpmap, enc[2])
				}
			}
		case rtpmap == "smpte291/90000" && mm[1] == "video":
			// RFC 8331 §4.3: DID_SDID={0xNN,0xNN}, repeatable.
			if fmtp != "" && !regexp.MustCompile(`^DID_SDID=\{0x[0-9A-F]{2},0x[0-9A-F]{2}\}(;DID_SDID=\{0x[0-9A-F]{2},0x[0-9A-F]{2}\})*$`).MatchString(fmtp) {
				bad("%s: a=fmtp %q: want DID_SDID={0xNN,0xNN} pairs (RFC 8331)", where, fmtp)
			}
		case rtpmap == "SMPTE2022-6/27000000" && mm[1] == "video":
		case rtpmap == "MP2T/90000" && pt == "33" && mm[1] == "video":
			clocked = false
		default:
			bad("%s: unexpected a=rtpmap %s on m=%s", where, rtpmap, mm[1])
		}
		if enc[0] == "jxsv" || enc[0] == "H264" || enc[0] == "H265" {
			if b := s.fields['b']; len(b) != 1 || !regexp.MustCompile(`^AS:[1-9][0-9]*$`).MatchString(b[0]) {
				bad("%s: ST 2110-22 wants one b=AS:<kb/s>, got %q", where, b)
			}
		}
		refRE := regexp.MustCompile(`^ptp=IEEE1588-2008:(traceable|([0-9A-F]{2}-){7}[0-9A-F]{2}:([0-9]|[1-9][0-9]|1[01][0-9]|12[0-7]))$`)
		if rc := a["ts-refclk"]; clocked && (len(rc) != 1 || !refRE.MatchString(rc[0])) {
			bad("%s: want one a=ts-refclk:ptp=IEEE1588-2008:<gmid>:<domain 0-127> or :traceable (RFC 7273, ST 2110-10), got %q", where, rc)
		}
		if mc := a["mediaclk"]; clocked && (len(mc) != 1 || mc[0] != "direct=0") {
			bad("%s: want a=mediaclk:direct=0 (ST 2110-10), got %q", where, mc)
		}
		if len(dup) > 0 {
			mid := a["mid"]
			if len(mid) != 1 || mid[0] != dup[n] || mids[mid[0]] {
				bad("%s: want a=mid:%s (RFC 7104 order), got %q", where, dup[n], mid)
			} else {
				mids[mid[0]] = true
			}
		} else if len(a["mid"]) > 0 {
			bad("%s: a=mid without a=group", where)
		}
	}
	return errs
}

// checkParams checks "a=b; c; d=e;" format parameters: required ones
// must be there, every one must match its pattern ("" for a flag without
// value), and no unknown one may appear.
func checkParams(where, fmtp string, bad func(string, ...any), required, optional map[string]string) {
	seen := map[string]bool{}
	for _, p := range strings.Split(fmtp, ";") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		k, v, hasValue := strings.Cut(p, "=")
		pat, ok := required[k]
		if !ok {
			pat, ok = optional[k]
		}
		switch {
		case !ok:
			bad("%s: unknown format parameter %q", where, k)
		case seen[k]:
			bad("%s: format parameter %q twice", where, k)
		case pat == "" && hasValue:
			bad("%s: %s takes no value, got %q", where, k, p)
		case pat != "" && !regexp.MustCompile(pat).MatchString(v):
			bad("%s: %s=%s does not match %s", where, k, v, pat)
		}
		seen[k] = true
	}
	for k := range required {
		if !seen[k] {
			bad("%s: missing required format parameter %s", where, k)
		}
	}
}

// The checker itself catches what it is meant to catch.
func TestCheckSDPRejects(t *testing.T) {
	good := "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=x\r\nt=0 0\r\nm=audio 5004 RTP/AVP 97\r\nc=IN IP4 239.1.1.1/64\r\n" +
		"a=source-filter: incl IN IP4 239.1.1.1 10.0.0.1\r\na=rtpmap:97 L24/48000/2\r\na=ptime:1\r\n" +
		"a=ts-refclk:ptp=IEEE1588-2008:traceable\r\na=mediaclk:direct=0\r\n"
	if errs := checkSDP([]byte(good)); len(errs) > 0 {
		t.Fatalf("a good SDP is rejected: %v", errs)
	}
	ordered := strings.Replace(good, "a=ptime:1\r\n", "a=fmtp:97 channel-order=SMPTE2110.(ST)\r\na=ptime:1\r\n", 1)
	if errs := checkSDP([]byte(ordered)); len(errs) > 0 {
		t.Fatalf("a good SDP with a channel order is rejected: %v", errs)
	}
	anc := "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=x\r\nt=0 0\r\nm=video 5004 RTP/AVP 100\r\nc=IN IP4 239.1.1.1/64\r\n" +
		"a=source-filter: incl IN IP4 239.1.1.1 10.0.0.1\r\na=rtpmap:100 smpte291/90000\r\na=fmtp:100 DID_SDID={0x43,0x02};DID_SDID={0x41,0x07}\r\n" +
		"a=ts-refclk:ptp=IEEE1588-2008:traceable\r\na=mediaclk:direct=0\r\n"
	if errs := checkSDP([]byte(anc)); len(errs) > 0 {
		t.Fatalf("a good ST 2110-40 SDP is rejected: %v", errs)
	}
	if errs := checkSDP([]byte(strings.Replace(anc, "{0x41,0x07}", "{41,7}", 1))); len(errs) == 0 {
		t.Errorf("DID_SDID without hexadecimal: not rejected")
	}
	for _, tc := range []struct{ name, from, to string }{
		{"LF endings", "\r\n", "\n"},
		{"no TTL", "239.1.1.1/64", "239.1.1.1"},
		{"no ptime", "a=ptime:1\r\n", ""},
		{"bad refclk", "traceable", "127"},
		{"order", "t=0 0\r\n", ""},
		{"no source filter", "a=source-filter: incl IN IP4 239.1.1.1 10.0.0.1\r\n", ""},
		{"channel order short", "a=ptime:1\r\n", "a=fmtp:97 channel-order=SMPTE2110.(M)\r\na=ptime:1\r\n"},
		{"channel order symbol", "a=ptime:1\r\n", "a=fmtp:97 channel-order=SMPTE2110.(5.1)\r\na=ptime:1\r\n"},
	} {
		if errs := checkSDP([]byte(strings.ReplaceAll(good, tc.from, tc.to))); len(errs) == 0 {
			t.Errorf("%s: not rejected", tc.name)
		}
	}
}

// channelOrderCount adds up the channels of an fmtp channel-order
// (ST 2110-30 §6.2.2 Table 1), independently of the generator's table.
func channelOrderCount(fmtp string) (int, bool) {
	m := regexp.MustCompile(`channel-order=SMPTE2110\.\(([^)]*)\)`).FindStringSubmatch(fmtp)
	if m == nil {
		return 0, false
	}
	size := map[string]int{"M": 1, "DM": 2, "ST": 2, "LtRt": 2, "51": 6, "71": 8, "222": 24, "SGRP": 4}
	n := 0
	for _, g := range strings.Split(m[1], ",") {
		if k, ok := size[g]; ok {
			n += k
		} else if u, err := strconv.Atoi(strings.TrimPrefix(g, "U")); err == nil && strings.HasPrefix(g, "U") {
			n += u
		} else {
			return 0, false
		}
	}
	return n, true
}
