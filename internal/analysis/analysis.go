// Package analysis derives facts from a design once, for rules and
// generators to share: address and VLAN indexes, the port map of every
// device, and (with the validator) bit rates, paths and link loads.
package analysis

import (
	"github.com/avnet/avnet/internal/model"
)

// Facts is everything derived from a Facility.
type Facts struct {
	Facility *model.Facility
}

// Analyze computes the facts of f.
func Analyze(f *model.Facility) *Facts {
	return &Facts{Facility: f}
}
