package udpsize

import (
	_ "embed"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/essence"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
	"github.com/avnet/avnet/internal/rules/vlanmtu"
)

//go:embed doc.go
var doc string

// Rule is AV-ST20-002.
var Rule = &rules.Rule{
	ID:       "AV-ST20-002",
	Name:     "udpsize",
	Doc:      rules.ExtractDoc(doc, "udpsize"),
	Standard: "SMPTE ST 2110-10:2022 §6.3, §6.4, §8.6 (UDP size limits 1460 / 8960, MAXUDP); ST 2110-40:2023 §5.2.1",
	Severity: diag.Error,
	Run:      run,
}

// ST 2110-10 UDP size limits, UDP header included; IPv4 header size.
const (
	standardUDP = 1460
	extendedUDP = 8960
	ipv4Header  = 20
	defaultMTU  = 1500
)

func run(pass *rules.Pass) error {
	f, facts := pass.Facility, pass.Facts
	for _, name := range model.SortedKeys(f.Flows) {
		fl := f.Flows[name]
		if fl != nil && fl.Audio != nil && facts != nil {
			reportAudio(pass, name, facts.Flows[name])
		}
		if fl == nil || fl.Video == nil {
			continue
		}
		switch fl.Essence {
		case "st2110-20", "st2110-22", "st2110-40":
		default:
			continue
		}
		maxUDP := fl.Video.MaxUDP
		if maxUDP == 0 {
			maxUDP = standardUDP
		}
		pos := f.PosOf("flows", name, "video", "maxUDP")
		subject := "flow " + name
		switch {
		case maxUDP > extendedUDP:
			pass.Reportf(pos, subject,
				"use maxUDP: 8960 with jumbo frames (mtu: 9000 on the VLANs it crosses), or the standard 1460",
				"flow %s sets maxUDP %d, above the ST 2110-10 Extended UDP Size Limit of %d octets (UDP header included): receivers are not required to accept it",
				name, maxUDP, extendedUDP)
			continue
		case fl.Essence == "st2110-40" && maxUDP > standardUDP:
			pass.Reportf(pos, subject,
				"remove maxUDP from the ancillary flow (the default is 1460)",
				"ST 2110-40 ancillary flow %s sets maxUDP %d, but ST 2110-40 allows only the Standard UDP Size Limit of %d octets",
				name, maxUDP, standardUDP)
			continue
		}
		if facts == nil {
			continue
		}
		ff := facts.Flows[name]
		if ff == nil || ff.RateErr != nil || ff.Rate.MaxIPBytes-ipv4Header <= standardUDP {
			continue
		}
		ip := ff.Rate.MaxIPBytes
		var small []string
		var rel []diag.Related
		for _, vn := range vlanmtu.VLANsCrossed(f, ff) {
			v := f.VLANs[vn]
			if v == nil {
				continue
			}
			m := v.MTU
			if m <= 0 {
				m = defaultMTU
			}
			if m < ip {
				small = append(small, fmt.Sprintf("vlan %s (MTU %d)", vn, m))
				rel = append(rel, diag.Related{Pos: f.PosOf("vlans", vn, "mtu"), Message: fmt.Sprintf("vlan %s has an MTU of %d octets", vn, m)})
			}
		}
		if len(small) == 0 {
			continue
		}
		pass.Report(diag.Diagnostic{
			Pos:     pos,
			Subject: subject,
			Message: fmt.Sprintf("flow %s sends %d-octet IP datagrams (maxUDP %d) but its path crosses %s: the switches drop every such packet",
				name, ip, maxUDP, strings.Join(small, ", ")),
			Related: rel,
			Hint:    fmt.Sprintf("set mtu: 9000 on %s (and on every switch port and SVI that carries it), or use the standard maxUDP: 1460", strings.TrimSuffix(strings.Join(vlanNames(small), ", "), ", ")),
		})
	}
	return nil
}

// vlanNames turns "vlan x (MTU n)" back into "vlan x".
func vlanNames(items []string) []string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i], _, _ = strings.Cut(s, " (")
	}
	return out
}

// reportAudio reports an audio flow whose packets do not fit the standard
// UDP size: analysis could not compute its rate for that reason, and
// `avnet calc` refuses the same parameters with the same message.
func reportAudio(pass *rules.Pass, name string, ff *analysis.FlowFacts) {
	var pe *essence.PayloadError
	if ff == nil || !errors.As(ff.RateErr, &pe) {
		return
	}
	f := pass.Facility
	fl := f.Flows[name]
	hint := fmt.Sprintf("send at most %d channel%s per flow (split this one into %d flows)", pe.Fit(), rules.Plural(pe.Fit()), (pe.Channels+pe.Fit()-1)/max(pe.Fit(), 1))
	rate := fl.Audio.SampleRate
	if rate == 0 {
		rate = 48000
	}
	// The longest standard packet time whose packet carries every channel.
	for _, pt := range []string{"1ms", "250us", "125us"} {
		sec, _ := essence.ParsePacketTime(pt)
		samples := int(math.Round(float64(rate) * sec))
		if samples < pe.Samples && pe.Channels*samples*pe.Octets <= pe.MaxPayload {
			hint += fmt.Sprintf(", or send packetTime: %q, where all %d channels fit one packet", pt, pe.Channels)
			break
		}
	}
	pass.Report(diag.Diagnostic{
		Pos:     f.PosOf("flows", name, "audio", "channels"),
		Subject: "flow " + name,
		Message: fmt.Sprintf("flow %s cannot be sent: %s", name, strings.TrimPrefix(pe.Error(), "essence: ")),
		Related: []diag.Related{{Pos: f.PosOf("flows", name, "audio", "packetTime"), Message: fmt.Sprintf("the packet time gives %d samples per channel per packet", pe.Samples)}},
		Hint:    hint,
	})
}
