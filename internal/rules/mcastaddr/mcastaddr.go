package mcastaddr

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

// Rule is AV-MC-001.
var Rule = &rules.Rule{
	ID:       "AV-MC-001",
	Name:     "mcastaddr",
	Doc:      rules.ExtractDoc(doc, "mcastaddr"),
	Standard: "RFC 1112 §4 (224.0.0.0/4); RFC 5771 §3; RFC 2365 §4 (239/8); RFC 4607 §1 (232/8)",
	Severity: diag.Error,
	Run:      run,
}

var (
	multicast = netip.MustParsePrefix("224.0.0.0/4")
	adminScop = netip.MustParsePrefix("239.0.0.0/8")
	ssm       = netip.MustParsePrefix("232.0.0.0/8")
	localCtl  = netip.MustParsePrefix("224.0.0.0/24")
)

// block is a row of RFC 5771 §3's table.
type block struct {
	lo, hi netip.Addr
	name   string
}

func b(lo, hi, name string) block {
	return block{netip.MustParseAddr(lo), netip.MustParseAddr(hi), name}
}

var blocks = []block{
	b("224.0.1.0", "224.0.1.255", "the Internetwork Control Block 224.0.1.0/24, assigned by IANA to protocols such as NTP (224.0.1.1) and PTP (224.0.1.129)"),
	b("224.0.2.0", "224.0.255.255", "AD-HOC Block I (224.0.2.0–224.0.255.255), assigned by IANA"),
	b("224.1.0.0", "224.1.255.255", "224.1.0.0/16, reserved"),
	b("224.2.0.0", "224.2.255.255", "the SDP/SAP Block 224.2.0.0/16, kept for session announcements"),
	b("224.3.0.0", "224.4.255.255", "AD-HOC Block II (224.3.0.0–224.4.255.255), assigned by IANA"),
	b("224.5.0.0", "224.255.255.255", "224.5.0.0–224.255.255.255, reserved"),
	b("225.0.0.0", "231.255.255.255", "225.0.0.0–231.255.255.255, reserved"),
	b("233.0.0.0", "233.251.255.255", "the GLOP Block (233.0.0.0–233.251.255.255), whose 233.X.Y.0/24 belongs to the holder of AS number X.Y (RFC 3180)"),
	b("233.252.0.0", "233.255.255.255", "AD-HOC Block III 233.252.0.0/14, assigned by IANA"),
	b("234.0.0.0", "234.255.255.255", "the Unicast-Prefix-based block 234.0.0.0/8, which belongs to the holders of unicast prefixes (RFC 6034)"),
	b("235.0.0.0", "238.255.255.255", "235.0.0.0–238.255.255.255, reserved"),
}

func blockOf(a netip.Addr) string {
	for _, bl := range blocks {
		if a.Compare(bl.lo) >= 0 && a.Compare(bl.hi) <= 0 {
			return bl.name
		}
	}
	return "a block of RFC 5771 §3 outside 239.0.0.0/8 and 232.0.0.0/8"
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	for _, name := range model.SortedKeys(f.Flows) {
		fl := f.Flows[name]
		legs := fl.Legs()
		for _, plane := range model.SortedKeys(legs) {
			g := legs[plane]
			path := []string{"flows", name, "group"}
			leg := "flow " + name
			if plane != "" {
				path = []string{"flows", name, "groups", plane}
				leg = fmt.Sprintf("the %s leg of flow %s", plane, name)
			}
			a, err := netip.ParseAddr(g)
			if err != nil || !a.Is4() {
				pass.Reportf(f.PosOf(path...), "flow "+name,
					"write the group as a dotted-quad IPv4 multicast address, e.g. 239.1.1.1",
					"group %q of %s is not an IPv4 address", g, leg)
				continue
			}
			switch {
			case !multicast.Contains(a):
				if fl.Essence == "srt" {
					continue // SRT is unicast: the address is the listener's
				}
				pass.Reportf(f.PosOf(path...), "flow "+name, hintFor(a),
					"group %s of %s is not a multicast address: IPv4 host groups are 224.0.0.0/4 (224.0.0.0–239.255.255.255, RFC 1112 §4), so the stream would be sent as unicast and no receiver could join it", a, leg)
			case adminScop.Contains(a), ssm.Contains(a), localCtl.Contains(a):
				// 239/8 and 232/8 are right; 224.0.0.0/24 is AV-MC-002's.
			default:
				pass.Report(diag.Diagnostic{
					Pos:      f.PosOf(path...),
					Severity: diag.Warning,
					Subject:  "flow " + name,
					Message: fmt.Sprintf("group %s of %s is in %s: a facility's own media belongs in 239.0.0.0/8 (administratively scoped, RFC 2365 §4) or 232.0.0.0/8 (source-specific, RFC 4607)",
						a, leg, blockOf(a)),
					Hint: hintFor(a),
				})
			}
		}
	}
	return nil
}

// hintFor proposes the same address moved into 239.0.0.0/8, unless that
// lands on a MAC that switches flood (x.0.0.y, x.128.0.y: AV-MC-002).
func hintFor(a netip.Addr) string {
	o := a.As4()
	if (o[1] == 0 || o[1] == 128) && o[2] == 0 {
		return "use an administratively scoped group in 239.0.0.0/8 (outside 239.0.0.0/24 and 239.128.0.0/24), or 232.0.0.0/8 for source-specific multicast"
	}
	return fmt.Sprintf("use an administratively scoped group in 239.0.0.0/8, e.g. 239.%d.%d.%d, or 232.0.0.0/8 for source-specific multicast", o[1], o[2], o[3])
}
