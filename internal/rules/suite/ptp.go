package suite

import (
	"github.com/avnet/avnet/internal/rules"
	"github.com/avnet/avnet/internal/rules/ptpdomainmix"
	"github.com/avnet/avnet/internal/rules/ptpgrandmasters"
	"github.com/avnet/avnet/internal/rules/ptpplanecross"
	"github.com/avnet/avnet/internal/rules/ptpprofile"
	"github.com/avnet/avnet/internal/rules/ptpunaware"
)

// ptpFamily lists AV-PTP, in catalog order.
//
// AV-PTP-006 (internal/rules/ptpmgmt) reads devices.<name>.ptp.dropManagement,
// which the schema does not have yet; it builds with the avnet_ptpmgmt tag
// and joins this list once the field exists.
func ptpFamily() []*rules.Rule {
	return []*rules.Rule{
		ptpprofile.Rule,
		ptpdomainmix.Rule,
		ptpgrandmasters.Rule,
		ptpunaware.Rule,
		ptpplanecross.Rule,
	}
}
