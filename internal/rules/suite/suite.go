// Package suite is the list of every rule avnet runs, as a plain slice
// (like go vet's suite): adding a rule means adding one line here.
package suite

import (
	"github.com/avnet/avnet/internal/rules"
	"github.com/avnet/avnet/internal/rules/danglingref"
)

// All returns the rule suite in catalog order: the structural rules
// below, then each family from its own file (bandwidth.go, media.go…).
func All() []*rules.Rule {
	var all []*rules.Rule
	for _, family := range [][]*rules.Rule{structural(), bandwidth(), media(), multicast(), ptpFamily(), qosFamily(), redundancy(), operations()} {
		all = append(all, family...)
	}
	return all
}

// structural lists AV-REF, AV-L2 and AV-IP.
func structural() []*rules.Rule {
	return []*rules.Rule{
		danglingref.Rule,
	}
}

// ByID finds a rule of the suite.
func ByID(id string) *rules.Rule {
	for _, r := range All() {
		if r.ID == id {
			return r
		}
	}
	return nil
}
