package suite

import (
	"github.com/avnet/avnet/internal/rules"
	"github.com/avnet/avnet/internal/rules/ptpdomainmix"
	"github.com/avnet/avnet/internal/rules/ptpgrandmasters"
	"github.com/avnet/avnet/internal/rules/ptpmgmt"
	"github.com/avnet/avnet/internal/rules/ptpplanecross"
	"github.com/avnet/avnet/internal/rules/ptpprofile"
	"github.com/avnet/avnet/internal/rules/ptpunaware"
)

// ptpFamily lists AV-PTP, in catalog order.

func ptpFamily() []*rules.Rule {
	return []*rules.Rule{
		ptpprofile.Rule,
		ptpdomainmix.Rule,
		ptpgrandmasters.Rule,
		ptpunaware.Rule,
		ptpplanecross.Rule,
		ptpmgmt.Rule,
	}
}
