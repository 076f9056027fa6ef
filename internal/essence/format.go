package essence

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Format is a video raster and frame rate.
type Format struct {
	Name       string // canonical name, e.g. "1080i59.94"
	Width      int
	Height     int // active lines of the frame (both fields together)
	Interlaced bool
	// FrameNum/FrameDen is the frame rate as an exact rational:
	// 1080p59.94 is 60000/1001, 1080i50 is 25/1 (50 fields per second).
	FrameNum, FrameDen int64
	// TotalLines is the total raster (1125 for 1080-line systems,
	// 750 for 720p, 2250 for 2160p, 625 for 576i, 525 for 480i).
	TotalLines int
}

// FrameRate is frames per second.
func (f Format) FrameRate() float64 { return float64(f.FrameNum) / float64(f.FrameDen) }

// UnitRate is the packetization rate: fields per second for interlaced
// video (each field is an RTP "frame" in ST 2110-20), frames otherwise.
func (f Format) UnitRate() float64 {
	if f.Interlaced {
		return 2 * f.FrameRate()
	}
	return f.FrameRate()
}

// UnitLines is the number of active lines per packetization unit.
func (f Format) UnitLines() int {
	if f.Interlaced {
		return f.Height / 2
	}
	return f.Height
}

type raster struct {
	width, total int
	scans        string // allowed scan letters
}

// rasters maps active lines to the default width and total lines.
var rasters = map[int]raster{
	480:  {720, 525, "i"},
	576:  {720, 625, "i"},
	720:  {1280, 750, "p"},
	1080: {1920, 1125, "ip"},
	2160: {3840, 2250, "p"},
	4320: {7680, 4500, "p"},
}

// rate is a frame/field rate label and its exact rational value.
type rate struct {
	label    string
	num, den int64
}

var rateTable = []rate{
	{"23.98", 24000, 1001}, {"23.976", 24000, 1001}, {"24", 24, 1},
	{"25", 25, 1}, {"29.97", 30000, 1001}, {"30", 30, 1},
	{"47.95", 48000, 1001}, {"48", 48, 1}, {"50", 50, 1},
	{"59.94", 60000, 1001}, {"60", 60, 1}, {"100", 100, 1},
	{"119.88", 120000, 1001}, {"120", 120, 1},
}

// interlacedRates are field rates; 1080i50 carries 25 frames per second.
var interlacedRates = map[int][]string{
	480:  {"59.94"},
	576:  {"50"},
	1080: {"50", "59.94", "60"},
}

func lookupRate(label string) (rate, bool) {
	for _, r := range rateTable {
		if r.label == label {
			return r, true
		}
	}
	return rate{}, false
}

var formatRE = regexp.MustCompile(`^(?:(\d+)x)?(\d+)([ip])(\d+(?:\.\d+)?)$`)

// ValidFormats lists the canonical format names ParseFormat accepts
// (a "WIDTHx" prefix such as "2048x1080p24" is also accepted).
func ValidFormats() []string {
	var out []string
	for _, h := range []int{480, 576, 720, 1080, 2160, 4320} {
		r := rasters[h]
		for _, s := range r.scans {
			if s == 'i' {
				for _, l := range interlacedRates[h] {
					out = append(out, fmt.Sprintf("%di%s", h, l))
				}
				continue
			}
			for _, rt := range rateTable {
				if rt.label == "23.976" {
					continue
				}
				out = append(out, fmt.Sprintf("%dp%s", h, rt.label))
			}
		}
	}
	return out
}

// ParseFormat parses names like "1080p59.94", "1080i50", "2160p50",
// "720p59.94", "576i50", "480i59.94" or "2048x1080p24". Interlaced rates
// are field rates, as in SMPTE usage (1080i50 = 25 frames per second).
func ParseFormat(s string) (Format, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	m := formatRE.FindStringSubmatch(name)
	if m == nil {
		return Format{}, fmt.Errorf("essence: unknown video format %q; expected e.g. 1080p59.94, 1080i50, 2160p50; valid: %s",
			s, strings.Join(ValidFormats(), ", "))
	}
	height, _ := strconv.Atoi(m[2])
	r, ok := rasters[height]
	if !ok {
		return Format{}, fmt.Errorf("essence: unknown raster height %d in %q; valid heights: 480, 576, 720, 1080, 2160, 4320", height, s)
	}
	scan := m[3]
	if !strings.Contains(r.scans, scan) {
		return Format{}, fmt.Errorf("essence: %d-line video is not defined as %q scan in %q; valid: %s",
			height, scan, s, strings.Join(namesFor(height), ", "))
	}
	rt, ok := lookupRate(m[4])
	if !ok {
		return Format{}, fmt.Errorf("essence: unknown rate %q in %q; valid: %s", m[4], s, strings.Join(namesFor(height), ", "))
	}
	f := Format{Height: height, Width: r.width, TotalLines: r.total, FrameNum: rt.num, FrameDen: rt.den}
	if m[1] != "" {
		f.Width, _ = strconv.Atoi(m[1])
		if f.Width <= 0 || f.Width > 16384 {
			return Format{}, fmt.Errorf("essence: width %d out of range in %q", f.Width, s)
		}
	}
	if scan == "i" {
		if !contains(interlacedRates[height], m[4]) {
			return Format{}, fmt.Errorf("essence: interlaced rates are field rates; %di accepts %s, got %q",
				height, strings.Join(interlacedRates[height], ", "), m[4])
		}
		f.Interlaced = true
		f.FrameDen *= 2 // field rate -> frame rate
		g := gcd(f.FrameNum, f.FrameDen)
		f.FrameNum, f.FrameDen = f.FrameNum/g, f.FrameDen/g
	}
	f.Name = fmt.Sprintf("%d%s%s", height, scan, rt.label)
	if m[1] != "" {
		f.Name = m[1] + "x" + f.Name
	}
	return f, nil
}

func namesFor(height int) []string {
	var out []string
	prefix := strconv.Itoa(height)
	for _, n := range ValidFormats() {
		if strings.HasPrefix(n, prefix) && !strings.ContainsAny(n[len(prefix):len(prefix)+1], "0123456789") {
			out = append(out, n)
		}
	}
	return out
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var rateRE = regexp.MustCompile(`^([0-9]*\.?[0-9]+)\s*([kmgt]?)(?:b(?:it)?(?:ps|/s)?|bps)?$`)

// ParseRate parses a bit rate with an optional SI prefix (decimal, as in
// networking): "8M" = 8e6, "1.5G", "250k", "100Mb/s", "12000000".
func ParseRate(s string) (float64, error) {
	m := rateRE.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return 0, fmt.Errorf("essence: bad bit rate %q; use a number with an optional k, M, G or T suffix, e.g. 8M, 1.5G, 250k", s)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, fmt.Errorf("essence: bad bit rate %q: %v", s, err)
	}
	mult := map[string]float64{"": 1, "k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12}[m[2]]
	return v * mult, nil
}

// packetTimes maps the AES67 / ST 2110-30 packet times to exact seconds.
// 333 µs is really 1/3000 s (16 samples at 48 kHz), not 333e-6.
var packetTimes = []struct {
	label string
	sec   float64
}{
	{"125us", 125e-6}, {"250us", 250e-6}, {"333us", 1.0 / 3000}, {"1ms", 1e-3}, {"4ms", 4e-3},
}

// ParsePacketTime returns the packet time in seconds. It accepts the
// AES67 / ST 2110-30 values 125us, 250us, 333us (= 1/3000 s), 1ms and 4ms,
// and any other "<number>us" or "<number>ms" value ("0.125ms", "333.33us").
func ParsePacketTime(s string) (float64, error) {
	t := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "µ", "u"))
	for _, p := range packetTimes {
		if t == p.label {
			return p.sec, nil
		}
	}
	var unit float64
	switch {
	case strings.HasSuffix(t, "us"):
		unit, t = 1e-6, strings.TrimSuffix(t, "us")
	case strings.HasSuffix(t, "ms"):
		unit, t = 1e-3, strings.TrimSuffix(t, "ms")
	default:
		return 0, fmt.Errorf("essence: bad packet time %q; valid: 125us, 250us, 333us, 1ms, 4ms", s)
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v <= 0 || math.IsInf(v, 0) {
		return 0, fmt.Errorf("essence: bad packet time %q; valid: 125us, 250us, 333us, 1ms, 4ms", s)
	}
	sec := v * unit
	if math.Abs(sec-1.0/3000) < 1e-7 { // 333.33us, 0.333ms
		sec = 1.0 / 3000
	}
	return sec, nil
}
