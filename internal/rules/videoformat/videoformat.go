package videoformat

import (
	_ "embed"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/essence"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
	"github.com/avnet/avnet/internal/suggest"
)

//go:embed doc.go
var doc string

// Rule is AV-ST20-001.
var Rule = &rules.Rule{
	ID:       "AV-ST20-001",
	Name:     "videoformat",
	Doc:      rules.ExtractDoc(doc, "videoformat"),
	Standard: "SMPTE ST 2110-20:2022 §6.2.4 (pgroups, Tables 1–3), §6.3.3 (BPM 180-octet blocks)",
	Severity: diag.Error,
	Run:      run,
}

// probeFormat is a raster every pgroup divides (1920 = 4 x 480 pixels,
// 1080 even lines): an error on it is the sampling/depth's, not the raster's.
const probeFormat = "1080p50"

func run(pass *rules.Pass) error {
	f := pass.Facility
	for _, name := range model.SortedKeys(f.Flows) {
		fl := f.Flows[name]
		if fl == nil || fl.Video == nil || (fl.Essence != "st2110-20" && fl.Essence != "st2110-22") {
			continue
		}
		v := fl.Video
		subject := "flow " + name
		if _, err := essence.ParseFormat(v.Format); err != nil {
			hint := "use a format such as 1080p50, 1080i50, 1080p59.94, 2160p50 or 720p50"
			if s := closestFormat(v.Format); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			pass.Reportf(f.PosOf("flows", name, "video", "format"), subject, hint,
				"video format %q of flow %s is unknown: %s", v.Format, name, clean(err))
			continue
		}
		// ST 2110-22 with a declared bit rate needs no pgroup.
		if fl.Essence == "st2110-22" && (!v.Bitrate.IsZero() || v.Ratio <= 1) {
			continue
		}
		sampling := v.Sampling
		if sampling == "" {
			sampling = "YCbCr-4:2:2"
		}
		depth := v.Depth
		if depth == 0 {
			depth = 10
		}
		if _, err := essence.ST2110_20(essence.Video{Format: probeFormat, Sampling: sampling, Depth: depth}); err != nil {
			pass.Reportf(f.PosOf("flows", name, "video", "depth"), subject,
				fmt.Sprintf("use a depth that %s supports (10 bits is the usual choice), or another sampling", sampling),
				"ST 2110-20 has no pixel group for %s %d-bit (flow %s): %s", sampling, depth, name, clean(err))
			continue
		}
		if _, err := essence.ST2110_20(essence.Video{Format: v.Format, Sampling: sampling, Depth: depth}); err != nil {
			pass.Reportf(f.PosOf("flows", name, "video", "format"), subject,
				"use a width that is a multiple of the pgroup's pixels (standard rasters such as 1920 or 3840 always are), or another sampling",
				"video format %s of flow %s cannot be cut into whole %s %d-bit pixel groups: %s", v.Format, name, sampling, depth, clean(err))
			continue
		}
		if fl.Essence == "st2110-20" && strings.EqualFold(v.Packing, "BPM") {
			if _, err := essence.ST2110_20(essence.Video{Format: v.Format, Sampling: sampling, Depth: depth, Packing: "BPM"}); err != nil {
				pass.Reportf(f.PosOf("flows", name, "video", "packing"), subject,
					`use packing: "GPM" (General Packing Mode, the default)`,
					"flow %s cannot use Block Packing Mode: %s", name, clean(err))
			}
		}
	}
	return nil
}

var formatRE = regexp.MustCompile(`^(\d+)([pi])(\d+(?:\.\d+)?)$`)

// closestFormat suggests a valid format: the same raster and scan at the
// nearest rate ("1080p59.97" -> "1080p59.94"), else the nearest name.
func closestFormat(s string) string {
	m := formatRE.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m != nil {
		want, _ := strconv.ParseFloat(m[3], 64)
		best, bestD := "", math.Inf(1)
		for _, cand := range essence.ValidFormats() {
			c := formatRE.FindStringSubmatch(cand)
			if c == nil || c[1] != m[1] || c[2] != m[2] {
				continue
			}
			r, _ := strconv.ParseFloat(c[3], 64)
			if d := math.Abs(r - want); d < bestD {
				best, bestD = cand, d
			}
		}
		if best != "" {
			return best
		}
	}
	return suggest.Closest(s, essence.ValidFormats())
}

func clean(err error) string {
	return strings.TrimPrefix(err.Error(), "essence: ")
}
