package mcastflood

import (
	_ "embed"
	"fmt"
	"net/netip"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-MC-002.
var Rule = &rules.Rule{
	ID:       "AV-MC-002",
	Name:     "mcastflood",
	Doc:      rules.ExtractDoc(doc, "mcastflood"),
	Standard: "RFC 4541 §2.1.2 (224.0.0.x forwarded on all ports); RFC 1112 §6.4 (group → MAC mapping); RFC 5771 §4",
	Severity: diag.Error,
	Run:      run,
}

var (
	multicast = netip.MustParsePrefix("224.0.0.0/4")
	localCtl  = netip.MustParsePrefix("224.0.0.0/24")
)

func run(pass *rules.Pass) error {
	f := pass.Facility
	for _, name := range model.SortedKeys(f.Flows) {
		fl := f.Flows[name]
		legs := fl.Legs()
		rate := ""
		if ff := pass.Facts.Flows[name]; ff != nil && ff.RateErr == nil && ff.Rate.Bitrate.L1 > 0 {
			rate = fmt.Sprintf(" (%s per leg)", bps(ff.Rate.Bitrate.L1))
		}
		for _, plane := range model.SortedKeys(legs) {
			a, err := netip.ParseAddr(legs[plane])
			if err != nil || !a.Is4() || !multicast.Contains(a) {
				continue // AV-MC-001
			}
			path := []string{"flows", name, "group"}
			leg := "flow " + name
			if plane != "" {
				path = []string{"flows", name, "groups", plane}
				leg = fmt.Sprintf("the %s leg of flow %s", plane, name)
			}
			o := a.As4()
			mac := fmt.Sprintf("01:00:5e:%02x:%02x:%02x", o[1]&0x7f, o[2], o[3])
			var msg string
			switch {
			case localCtl.Contains(a):
				msg = fmt.Sprintf("group %s of %s is in the Local Network Control Block 224.0.0.0/24 (RFC 5771 §4): snooping switches forward it on every port of the VLAN (RFC 4541 §2.1.2) and routers never forward it off the link, so every host gets the stream%s",
					a, leg, rate)
			case o[1]&0x7f == 0 && o[2] == 0:
				msg = fmt.Sprintf("group %s of %s maps to MAC %s, the MAC of 224.0.0.%d (low 23 bits, RFC 1112 §6.4): switches that forward multicast by MAC flood it on every port of the VLAN like 224.0.0.x (RFC 4541 §2.1.2), so every host gets the stream%s",
					a, leg, mac, o[3], rate)
			default:
				continue
			}
			pass.Report(diag.Diagnostic{
				Pos:     f.PosOf(path...),
				Subject: "flow " + name,
				Message: msg,
				Hint:    hint(o),
			})
		}
	}
	return nil
}

// hint proposes a nearby group whose MAC is not in 01:00:5e:00:00:xx.
func hint(o [4]byte) string {
	first := o[0]
	if first == 224 {
		first = 239
	}
	return fmt.Sprintf("move the group out of x.0.0.0/24 and x.128.0.0/24, e.g. %d.%d.1.%d", first, o[1], o[3])
}

func bps(v float64) string {
	if v >= 1e9 {
		return fmt.Sprintf("%.2f Gb/s", v/1e9)
	}
	return fmt.Sprintf("%.1f Mb/s", v/1e6)
}
