package essence

import (
	"strings"
	"testing"
)

func TestAncDIDSDID(t *testing.T) {
	got, err := AncDIDSDID([]string{"op-47", "scte-104", "op-47", "cea-708", "timecode", "afd", "cea-608"})
	want := "DID_SDID={0x43,0x02};DID_SDID={0x41,0x07};DID_SDID={0x61,0x01};DID_SDID={0x60,0x60};DID_SDID={0x41,0x05};DID_SDID={0x61,0x02}"
	if err != nil || got != want {
		t.Errorf("got %q, %v\nwant %q", got, err, want)
	}
	if got, err := AncDIDSDID(nil); got != "" || err != nil {
		t.Errorf("none: %q, %v", got, err)
	}
	if _, err := AncDIDSDID([]string{"teletext"}); err == nil || !strings.Contains(err.Error(), "op-47") {
		t.Errorf("unknown type: %v", err)
	}
}
