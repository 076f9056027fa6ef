package udpsize

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/avnet/avnet/internal/diag"
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
