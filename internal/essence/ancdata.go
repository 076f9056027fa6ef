package essence

import (
	"fmt"
	"slices"
	"strings"
)

// ancDataTypes are the ancillary data types a design may name for an ST
// 2110-40 flow (schemas/facility.cue #AncData), by their SMPTE ST 291
// data identifiers {DID, SDID} as registered with SMPTE.
var ancDataTypes = map[string][2]byte{
	"cea-708":  {0x61, 0x01}, // SMPTE ST 334-1, CEA-708 caption distribution packet
	"cea-608":  {0x61, 0x02}, // SMPTE ST 334-1, CEA-608 captions
	"op-47":    {0x43, 0x02}, // SMPTE RDD 8, OP-47 subtitling distribution packet
	"scte-104": {0x41, 0x07}, // SMPTE ST 2010, SCTE 104 messages
	"afd":      {0x41, 0x05}, // SMPTE ST 2016-3, AFD and bar data
	"timecode": {0x60, 0x60}, // SMPTE ST 12-2, ancillary time code
}

// AncDIDSDID is the RFC 8331 format parameter list of the given data
// types ("DID_SDID={0x43,0x02};DID_SDID={0x41,0x07}"), in the order
// given, each once; "" for none.
func AncDIDSDID(data []string) (string, error) {
	var params []string
	seen := map[string]bool{}
	for _, d := range data {
		id, ok := ancDataTypes[d]
		if !ok {
			names := make([]string, 0, len(ancDataTypes))
			for k := range ancDataTypes {
				names = append(names, k)
			}
			slices.Sort(names)
			return "", fmt.Errorf("%q is not an ancillary data type avnet knows (%s)", d, strings.Join(names, ", "))
		}
		if !seen[d] {
			seen[d] = true
			params = append(params, fmt.Sprintf("DID_SDID={0x%02X,0x%02X}", id[0], id[1]))
		}
	}
	return strings.Join(params, ";"), nil
}
