package essence

import (
	"fmt"
	"sort"
)

// AncType is one type of SMPTE ST 291 ancillary data: its data
// identifier pair and the standard that defines it.
type AncType struct {
	DID, SDID byte
	Standard  string
}

// AncDataTypes are the ancillary data types a design may name for an ST
// 2110-40 flow (schemas/facility.cue #AncData), by their DID/SDID as
// registered with SMPTE (RP 291 register).
var AncDataTypes = map[string]AncType{
	"cea-708":  {0x61, 0x01, "SMPTE ST 334-1 (CEA-708 caption distribution packet)"},
	"cea-608":  {0x61, 0x02, "SMPTE ST 334-1 (CEA-608 captions)"},
	"op-47":    {0x43, 0x02, "SMPTE RDD 8 (OP-47 subtitling distribution packet)"},
	"scte-104": {0x41, 0x07, "SMPTE ST 2010 (SCTE 104 messages)"},
	"afd":      {0x41, 0x05, "SMPTE ST 2016-3 (AFD and bar data)"},
	"timecode": {0x60, 0x60, "SMPTE ST 12-2 (ancillary time code)"},
}

// AncDIDSDID is the RFC 8331 format parameter list of the given data
// types ("DID_SDID={0x43,0x02};DID_SDID={0x41,0x07}"), in the order
// given, each once; "" for none.
func AncDIDSDID(data []string) (string, error) {
	var out string
	seen := map[string]bool{}
	for _, d := range data {
		t, ok := AncDataTypes[d]
		if !ok {
			return "", fmt.Errorf("%q is not an ancillary data type avnet knows (%v)", d, AncDataNames())
		}
		if seen[d] {
			continue
		}
		seen[d] = true
		if out != "" {
			out += ";"
		}
		out += fmt.Sprintf("DID_SDID={0x%02X,0x%02X}", t.DID, t.SDID)
	}
	return out, nil
}

// AncDataNames lists the known data types, sorted.
func AncDataNames() []string {
	var n []string
	for k := range AncDataTypes {
		n = append(n, k)
	}
	sort.Strings(n)
	return n
}
