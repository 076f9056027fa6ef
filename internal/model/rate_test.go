package model

import (
	"encoding/json"
	"testing"
)

func TestRateForms(t *testing.T) {
	for _, c := range []struct {
		json, str string
		bps       float64
	}{
		{`"8M"`, "8M", 8e6},
		{`"1.5G"`, "1.5G", 1.5e9},
		{`8000000`, "8M", 8e6},
		{`1500000000`, "1.5G", 1.5e9},
		{`250000`, "250k", 250e3},
		{`1234567`, "1.234567M", 1234567},
		{`999`, "999", 999},
	} {
		var r Rate
		if err := json.Unmarshal([]byte(c.json), &r); err != nil {
			t.Fatalf("%s: %v", c.json, err)
		}
		if r.BPS != c.bps || r.String() != c.str {
			t.Errorf("%s: BPS %v String %q, want %v %q", c.json, r.BPS, r.String(), c.bps, c.str)
		}
		if b, _ := json.Marshal(r); string(b) != c.json {
			t.Errorf("%s: marshals back as %s", c.json, b)
		}
	}
	for _, bad := range []string{`"fast"`, `0`, `-5`, `true`} {
		var r Rate
		if err := json.Unmarshal([]byte(bad), &r); err == nil {
			t.Errorf("%s: accepted as %v", bad, r)
		}
	}
}
