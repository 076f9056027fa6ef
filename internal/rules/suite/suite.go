// Package suite is the list of every rule avnet runs, as a plain slice
// (like go vet's suite): adding a rule means adding one line here.
package suite

import (
	"github.com/avnet/avnet/internal/rules"
	"github.com/avnet/avnet/internal/rules/addrdup"
	"github.com/avnet/avnet/internal/rules/addrinsubnet"
	"github.com/avnet/avnet/internal/rules/danglingref"
	"github.com/avnet/avnet/internal/rules/gatewayinsubnet"
	"github.com/avnet/avnet/internal/rules/hostname"
	"github.com/avnet/avnet/internal/rules/linkspeed"
	"github.com/avnet/avnet/internal/rules/portreuse"
	"github.com/avnet/avnet/internal/rules/subnetoverlap"
	"github.com/avnet/avnet/internal/rules/unknownport"
	"github.com/avnet/avnet/internal/rules/vlanid"
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

// structural lists AV-REF, AV-L2 and AV-IP, in catalog order.
func structural() []*rules.Rule {
	return []*rules.Rule{
		danglingref.Rule,     // AV-REF-001
		unknownport.Rule,     // AV-REF-002
		vlanid.Rule,          // AV-L2-001
		portreuse.Rule,       // AV-L2-002
		linkspeed.Rule,       // AV-L2-003
		hostname.Rule,        // AV-L2-006
		subnetoverlap.Rule,   // AV-IP-001
		addrinsubnet.Rule,    // AV-IP-002
		addrdup.Rule,         // AV-IP-003
		gatewayinsubnet.Rule, // AV-IP-004
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
