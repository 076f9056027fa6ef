package linkoverload

import (
	_ "embed"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-BW-001.
var Rule = &rules.Rule{
	ID:       "AV-BW-001",
	Name:     "linkoverload",
	Doc:      rules.ExtractDoc(doc, "linkoverload"),
	Standard: "SMPTE ST 2110-21:2022 §6.3 (gapped senders peak at 1/RACTIVE = 1125/1080 of their average); IEEE 802.3 line rates",
	Severity: diag.Error,
	Run:      run,
}

func run(pass *rules.Pass) error {
	f, facts := pass.Facility, pass.Facts
	if facts == nil {
		return nil
	}
	for _, ld := range facts.LoadsSorted() {
		if ld.Link == nil || ld.Capacity <= 0 || ld.Bps <= ld.Capacity {
			continue
		}
		flows := byFlow(ld)
		d := diag.Diagnostic{
			Pos:     f.PosOf("links", ld.Link.Label, "speed"),
			Subject: "link " + ld.Link.Label,
			Message: fmt.Sprintf("link %s %s -> %s carries %s of %s (%s): %s",
				ld.Link.Label, ld.From, ld.To, rate(ld.Bps, ld.Capacity), rate(ld.Capacity, 0), percent(ld.Percent()), topFlows(flows, 3)),
			Hint: hint(facts, ld, flows),
		}
		for i, fl := range flows {
			if i == 3 {
				break
			}
			d.Related = append(d.Related, diag.Related{
				Pos:     f.PosOf("flows", fl.name),
				Message: fmt.Sprintf("flow %s puts %s on this link direction", fl.name, rate(fl.bps, 0)),
			})
		}
		pass.Report(d)
	}
	return nil
}

type flowLoad struct {
	name string
	bps  float64
}

// byFlow sums the legs of each flow (a flow whose two ST 2022-7 legs share
// a link counts twice) and sorts them heaviest first, then by name.
func byFlow(ld *analysis.Load) []flowLoad {
	sum := map[string]float64{}
	for _, l := range ld.Legs {
		sum[l.Flow] += l.Bps
	}
	out := make([]flowLoad, 0, len(sum))
	for _, name := range model.SortedKeys(sum) {
		out = append(out, flowLoad{name, sum[name]})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].bps > out[j].bps })
	return out
}

func topFlows(flows []flowLoad, n int) string {
	var parts []string
	for i, fl := range flows {
		if i == n {
			break
		}
		parts = append(parts, fmt.Sprintf("%s %s", fl.name, rate(fl.bps, 0)))
	}
	s := strings.Join(parts, ", ")
	if rest := len(flows) - n; rest > 0 {
		s += fmt.Sprintf(" and %d more flow%s", rest, rules.Plural(rest))
	}
	return s
}

func hint(facts *analysis.Facts, ld *analysis.Load, flows []flowLoad) string {
	h := "move senders or receivers so that fewer flows cross this link, or send lighter flows (ST 2110-22, 2110TPNL senders)"
	if s := speedFor(ld.Bps); s != "" && model.SpeedBps(s) > ld.Capacity {
		h = fmt.Sprintf("use a %s (or faster) link: the flows need %s; or %s", s, rate(ld.Bps, 0), h)
	}
	if gapped(facts, flows) {
		h += "; the load counts gapped ST 2110-21 senders (2110TPN/2110TPW) at their peak, ×1125/1080 of the average"
	}
	return h
}

// gapped reports whether a gapped video sender contributes to the load.
func gapped(facts *analysis.Facts, flows []flowLoad) bool {
	for _, fl := range flows {
		ff := facts.Flows[fl.name]
		if ff != nil && ff.RateErr == nil && (ff.Rate.SenderType == "2110TPN" || ff.Rate.SenderType == "2110TPW") {
			return true
		}
	}
	return false
}

// speedFor is the smallest usual Ethernet line rate that carries bps.
func speedFor(bps float64) string {
	for _, s := range []string{"1G", "10G", "25G", "40G", "50G", "100G", "200G", "400G"} {
		if model.SpeedBps(s) >= bps {
			return s
		}
	}
	return ""
}

// rate prints a bit rate with three significant digits ("27.4 Gb/s");
// when it would read the same as ref, it prints more digits so that a
// load just over the line rate does not read "25 Gb/s of 25 Gb/s".
func rate(bps, ref float64) string {
	s := format(bps, 3)
	if ref > 0 && bps != ref && s == format(ref, 3) {
		s = format(bps, 6)
	}
	return s
}

func format(bps float64, digits int) string {
	unit, div := "b/s", 1.0
	switch {
	case bps >= 1e9:
		unit, div = "Gb/s", 1e9
	case bps >= 1e6:
		unit, div = "Mb/s", 1e6
	case bps >= 1e3:
		unit, div = "kb/s", 1e3
	}
	v := bps / div
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 0, 64) + " " + unit
	}
	dec := digits - 1
	for x := v; x >= 10 && dec > 0; x /= 10 {
		dec--
	}
	return strconv.FormatFloat(v, 'f', dec, 64) + " " + unit
}

func percent(p float64) string {
	s := trim(strconv.FormatFloat(p, 'f', 1, 64))
	if s == "100" && p != 100 {
		s = strconv.FormatFloat(p, 'f', 3, 64)
	}
	return s + " %"
}

func trim(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
