package linkplanning

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

// Rule is AV-BW-002.
var Rule = &rules.Rule{
	ID:       "AV-BW-002",
	Name:     "linkplanning",
	Doc:      rules.ExtractDoc(doc, "linkplanning"),
	Standard: "design planning threshold (facility.planning); Audinate, Dante information for network administrators: audio at most 70 % of any link",
	Severity: diag.Warning,
	Run:      run,
}

// Defaults of the schema's facility.planning, for designs decoded without them.
const (
	defaultLink  = 90.0
	defaultDante = 70.0
)

func run(pass *rules.Pass) error {
	f, facts := pass.Facility, pass.Facts
	if facts == nil {
		return nil
	}
	linkThr, danteThr := f.Info.Planning.LinkThreshold, f.Info.Planning.DanteThreshold
	if linkThr <= 0 {
		linkThr = defaultLink
	}
	if danteThr <= 0 {
		danteThr = defaultDante
	}
	for _, ld := range facts.LoadsSorted() {
		if ld.Link == nil || ld.Capacity <= 0 || ld.Bps > ld.Capacity {
			continue
		}
		thr, field, why := linkThr, "linkThreshold", "planning threshold"
		dante := danteFlows(f, ld)
		if len(dante) > 0 && danteThr < thr {
			thr, field, why = danteThr, "danteThreshold", "planning threshold for links that carry Dante audio"
		}
		if ld.Percent() <= thr {
			continue
		}
		flows := byFlow(ld)
		msg := fmt.Sprintf("link %s %s -> %s carries %s of %s (%s), above the %s %s: %s",
			ld.Link.Label, ld.From, ld.To, rate(ld.Bps), rate(ld.Capacity), percent(ld.Percent()), percent(thr), why, topFlows(flows, 3))
		if field == "danteThreshold" {
			msg += fmt.Sprintf(" (Dante: %s)", strings.Join(dante, ", "))
		}
		d := diag.Diagnostic{
			Pos:     f.PosOf("links", ld.Link.Label, "speed"),
			Subject: "link " + ld.Link.Label,
			Message: msg,
			Hint:    hint(ld, thr, field),
		}
		if p, ok := f.Positions[model.PathKey("facility", "planning", field)]; ok {
			d.Related = append(d.Related, diag.Related{Pos: p, Message: fmt.Sprintf("the design sets %s to %s here", field, percent(thr))})
		}
		for i, fl := range flows {
			if i == 3 {
				break
			}
			d.Related = append(d.Related, diag.Related{
				Pos:     f.PosOf("flows", fl.name),
				Message: fmt.Sprintf("flow %s puts %s on this link direction", fl.name, rate(fl.bps)),
			})
		}
		pass.Report(d)
	}
	return nil
}

// danteFlows names the Dante flows crossing the link direction, sorted.
func danteFlows(f *model.Facility, ld *analysis.Load) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range ld.Legs {
		if fl := f.Flows[l.Flow]; fl != nil && fl.Essence == "dante" && !seen[l.Flow] {
			seen[l.Flow] = true
			out = append(out, l.Flow)
		}
	}
	sort.Strings(out)
	return out
}

func hint(ld *analysis.Load, thr float64, field string) string {
	h := "move senders or receivers so that fewer flows cross this link"
	if s := speedFor(ld.Bps * 100 / thr); s != "" && model.SpeedBps(s) > ld.Capacity {
		h = fmt.Sprintf("use a %s (or faster) link, which keeps %s under %s; or %s", s, rate(ld.Bps), percent(thr), h)
	}
	return h + fmt.Sprintf("; if this load is intended, raise facility.planning.%s and give the reason in facility.rationale", field)
}

type flowLoad struct {
	name string
	bps  float64
}

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
		parts = append(parts, fmt.Sprintf("%s %s", fl.name, rate(fl.bps)))
	}
	s := strings.Join(parts, ", ")
	if rest := len(flows) - n; rest > 0 {
		s += fmt.Sprintf(" and %d more flow%s", rest, map[bool]string{true: "", false: "s"}[rest == 1])
	}
	return s
}

func speedFor(bps float64) string {
	for _, s := range []string{"1G", "10G", "25G", "40G", "50G", "100G", "200G", "400G"} {
		if model.SpeedBps(s) >= bps {
			return s
		}
	}
	return ""
}

// rate prints a bit rate with three significant digits ("23.1 Gb/s").
func rate(bps float64) string {
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
	dec := 2
	for x := v; x >= 10 && dec > 0; x /= 10 {
		dec--
	}
	return strconv.FormatFloat(v, 'f', dec, 64) + " " + unit
}

func percent(p float64) string {
	s := strconv.FormatFloat(p, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0") + " %"
}
