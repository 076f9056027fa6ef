package essence

import (
	"fmt"
	"sort"
	"strings"
)

// pgroup is an ST 2110-20 pixel group: the smallest run of whole octets
// holding whole pixels. Senders never split a pgroup across packets.
type pgroup struct {
	octets int // pgroup size in octets
	xPix   int // horizontal pixels covered
	yLines int // lines covered: 2 for 4:2:0 (one pgroup spans a line pair)
}

func (p pgroup) pixels() int { return p.xPix * p.yLines }

// pgroups follows ST 2110-20 tables 1-3 (also RFC 4175 §4.3). Cross-checked
// with OpenVisualCloud MTL lib/src/st2110/st_fmt.c (st20_pgroups: size and
// coverage) and NVIDIA Rivermax sdp_extractor.c (pgi_lookup_table).
// RGB uses the 4:4:4 geometry. 4:2:0 pgroups cover two lines
// (Y'00 Y'01 Y'10 Y'11 CB CR for 8 bit), so a "sample row" is a line pair.
var pgroups = map[string]map[int]pgroup{
	"YCbCr-4:2:2": {8: {4, 2, 1}, 10: {5, 2, 1}, 12: {6, 2, 1}, 16: {8, 2, 1}},
	"YCbCr-4:4:4": {8: {3, 1, 1}, 10: {15, 4, 1}, 12: {9, 2, 1}, 16: {6, 1, 1}},
	"RGB":         {8: {3, 1, 1}, 10: {15, 4, 1}, 12: {9, 2, 1}, 16: {6, 1, 1}},
	"YCbCr-4:2:0": {8: {6, 2, 2}, 10: {15, 4, 2}, 12: {9, 2, 2}},
}

// samplingAliases accepts the usual spellings of the SDP sampling names.
var samplingAliases = map[string]string{
	"ycbcr-4:2:2": "YCbCr-4:2:2", "4:2:2": "YCbCr-4:2:2", "422": "YCbCr-4:2:2",
	"ycbcr-4:4:4": "YCbCr-4:4:4", "4:4:4": "YCbCr-4:4:4", "444": "YCbCr-4:4:4",
	"ycbcr-4:2:0": "YCbCr-4:2:0", "4:2:0": "YCbCr-4:2:0", "420": "YCbCr-4:2:0",
	"rgb": "RGB",
}

func lookupPgroup(sampling string, depth int) (pgroup, string, error) {
	if sampling == "" {
		sampling = "YCbCr-4:2:2"
	}
	canon, ok := samplingAliases[strings.ToLower(strings.TrimSpace(sampling))]
	if !ok {
		return pgroup{}, "", fmt.Errorf("essence: unknown sampling %q; valid: YCbCr-4:2:2, YCbCr-4:4:4, YCbCr-4:2:0, RGB", sampling)
	}
	byDepth := pgroups[canon]
	pg, ok := byDepth[depth]
	if !ok {
		return pgroup{}, "", fmt.Errorf("essence: %s has no %d-bit pgroup in ST 2110-20; valid depths for %s: %s",
			canon, depth, canon, depthList(byDepth))
	}
	return pg, canon, nil
}

func depthList(m map[int]pgroup) string {
	var d []int
	for k := range m {
		d = append(d, k)
	}
	sort.Ints(d)
	s := make([]string, len(d))
	for i, v := range d {
		s[i] = fmt.Sprint(v)
	}
	return strings.Join(s, ", ")
}
