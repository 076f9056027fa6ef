package audiolevel

import (
	_ "embed"
	"fmt"
	"math"
	"strings"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/essence"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-ST30-001.
var Rule = &rules.Rule{
	ID:       "AV-ST30-001",
	Name:     "audiolevel",
	Doc:      rules.ExtractDoc(doc, "audiolevel"),
	Standard: "SMPTE ST 2110-30:2017 §7 (Table 2, receiver conformance levels A, AX, B, BX, C, CX)",
	Severity: diag.Error,
	Run:      run,
}

// mode is one (sample rate, packet time) pair a level accepts, with its
// channel limit.
type mode struct {
	rate   int
	ptime  float64 // seconds
	maxCh  int
	ptName string
}

const (
	ms1   = 1e-3
	us125 = 125e-6
)

var (
	a48    = mode{48000, ms1, 8, "1 ms"}
	a96    = mode{96000, ms1, 4, "1 ms"}
	b48    = mode{48000, us125, 8, "125 µs"}
	b96    = mode{96000, us125, 8, "125 µs"}
	c48    = mode{48000, us125, 64, "125 µs"}
	c96    = mode{96000, us125, 32, "125 µs"}
	levels = map[string][]mode{
		"A":  {a48},
		"AX": {a48, a96},
		"B":  {a48, b48},
		"BX": {a48, b48, a96, b96},
		"C":  {a48, c48},
		"CX": {a48, c48, a96, c96},
	}
	// order lists the levels from the least to the most capable.
	order = []string{"A", "AX", "B", "BX", "C", "CX"}
)

func run(pass *rules.Pass) error {
	f := pass.Facility
	for _, name := range model.SortedKeys(f.Flows) {
		fl := f.Flows[name]
		if fl == nil || fl.Audio == nil || (fl.Essence != "st2110-30" && fl.Essence != "aes67") {
			continue
		}
		a := fl.Audio
		rate := a.SampleRate
		if rate == 0 {
			rate = 48000
		}
		pt := a.PacketTime
		if pt == "" {
			pt = "1ms"
		}
		ptime, err := essence.ParsePacketTime(pt)
		if err != nil {
			continue // not a packet time at all: the essence rules report it
		}
		what := fmt.Sprintf("%d channel%s at %s / %s", a.Channels, rules.Plural(a.Channels), khz(rate), ptLabel(pt, ptime))
		seen := map[string]bool{}
		for k, r := range fl.Receivers {
			d := f.Devices[r]
			if d == nil || d.Capabilities == nil || seen[r] {
				continue
			}
			seen[r] = true
			lvl := strings.ToUpper(strings.TrimSpace(d.Capabilities.AudioConformance))
			modes, ok := levels[lvl]
			if !ok || accepts(modes, rate, ptime, a.Channels) {
				continue
			}
			pass.Report(diag.Diagnostic{
				Pos:     f.PosOf("flows", name, "receivers", fmt.Sprint(k)),
				Subject: "flow " + name,
				Message: fmt.Sprintf("receiver %s supports ST 2110-30 level %s (%s) but flow %s sends %s",
					r, lvl, describe(modes), name, what),
				Related: []diag.Related{
					{Pos: f.PosOf("devices", r, "capabilities", "audioConformance"), Message: fmt.Sprintf("%s declares conformance level %s here", r, lvl)},
					{Pos: f.PosOf("flows", name, "audio"), Message: fmt.Sprintf("flow %s: %s", name, what)},
				},
				Hint: hint(modes, rate, ptime, a.Channels),
			})
		}
	}
	return nil
}

func accepts(modes []mode, rate int, ptime float64, ch int) bool {
	for _, m := range modes {
		if m.rate == rate && same(m.ptime, ptime) && ch >= 1 && ch <= m.maxCh {
			return true
		}
	}
	return false
}

func same(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func describe(modes []mode) string {
	var parts []string
	for _, m := range modes {
		parts = append(parts, fmt.Sprintf("%s / %s up to %d ch", khz(m.rate), m.ptName, m.maxCh))
	}
	return strings.Join(parts, ", ")
}

func hint(modes []mode, rate int, ptime float64, ch int) string {
	var fixes []string
	// Within the receiver's level: the same rate and packet time with
	// fewer channels per flow, or the level's own rate and packet time.
	m, found := modes[0], false
	for _, x := range modes {
		if x.rate == rate && same(x.ptime, ptime) {
			m, found = x, true
			break
		}
	}
	if !found {
		for _, x := range modes {
			if x.rate == rate {
				m = x
				break
			}
		}
	}
	var fix string
	if !found {
		fix = fmt.Sprintf("send at %s / %s (sampleRate: %d, packetTime: %q)", khz(m.rate), m.ptName, m.rate, ptString(m.ptime))
	}
	if ch > m.maxCh {
		split := fmt.Sprintf("%d flows of at most %d channels", (ch+m.maxCh-1)/m.maxCh, m.maxCh)
		if fix == "" {
			fix = "split the flow into " + split
		} else {
			fix += " in " + split
		}
	}
	if fix != "" {
		fixes = append(fixes, fix)
	}
	for _, lvl := range order {
		if accepts(levels[lvl], rate, ptime, ch) {
			fixes = append(fixes, fmt.Sprintf("use a receiver of level %s", lvl))
			break
		}
	}
	if len(fixes) == 0 {
		return "send 48 kHz, 1 ms, at most 8 channels per flow: every ST 2110-30 receiver accepts it"
	}
	return strings.Join(fixes, ", or ")
}

func ptString(p float64) string {
	if same(p, ms1) {
		return "1ms"
	}
	return "125us"
}

func ptLabel(label string, p float64) string {
	switch {
	case same(p, ms1):
		return "1 ms"
	case same(p, us125):
		return "125 µs"
	case same(p, 1.0/3000):
		return "333 µs"
	case same(p, 250e-6):
		return "250 µs"
	case same(p, 4e-3):
		return "4 ms"
	}
	return label
}

func khz(rate int) string {
	if rate%1000 == 0 {
		return fmt.Sprintf("%d kHz", rate/1000)
	}
	return fmt.Sprintf("%.1f kHz", float64(rate)/1000)
}
