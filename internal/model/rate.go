package model

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/avnet/avnet/internal/essence"
)

// Rate is a bit rate as the design gives it: a string with an SI suffix
// ("8M", "1.5G", "250k") or a whole number of bit/s (8000000). It is
// parsed once, at load; BPS is the value every consumer computes with,
// String the form people read.
type Rate struct {
	BPS  float64
	text string // as the design wrote it; "" when written as a number
}

// IsZero reports whether the design gave no rate.
func (r Rate) IsZero() bool { return r.BPS == 0 && r.text == "" }

// String is the rate as the design wrote it ("8M"), or, for a number,
// its shortest SI form (8000000 → "8M").
func (r Rate) String() string {
	if r.text != "" || r.BPS == 0 {
		return r.text
	}
	for _, u := range []struct {
		suffix string
		mult   float64
	}{{"G", 1e9}, {"M", 1e6}, {"k", 1e3}} {
		if v := r.BPS / u.mult; v >= 1 {
			return strconv.FormatFloat(v, 'f', -1, 64) + u.suffix
		}
	}
	return strconv.FormatFloat(r.BPS, 'f', -1, 64)
}

// UnmarshalJSON accepts both forms; the schema has already checked them.
func (r *Rate) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		bps, err := essence.ParseRate(s)
		if err != nil {
			return err
		}
		*r = Rate{BPS: bps, text: s}
		return nil
	}
	var n float64
	if err := json.Unmarshal(b, &n); err != nil || n <= 0 {
		return fmt.Errorf("bad bit rate %s: write a positive number of bit/s (8000000) or a string with a k, M or G suffix (\"8M\")", b)
	}
	*r = Rate{BPS: n}
	return nil
}

// MarshalJSON writes the rate as the design wrote it.
func (r Rate) MarshalJSON() ([]byte, error) {
	if r.text == "" {
		return json.Marshal(r.BPS)
	}
	return json.Marshal(r.text)
}

// ParseRate builds a Rate from its string form, for code that makes
// models without the loader (tests, generators of example designs).
func ParseRate(s string) (Rate, error) {
	bps, err := essence.ParseRate(s)
	if err != nil {
		return Rate{}, err
	}
	return Rate{BPS: bps, text: s}, nil
}
