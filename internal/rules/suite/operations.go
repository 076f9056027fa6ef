package suite

import (
	"github.com/avnet/avnet/internal/rules"
	"github.com/avnet/avnet/internal/rules/backup321"
	"github.com/avnet/avnet/internal/rules/budget"
	"github.com/avnet/avnet/internal/rules/cleartext"
	"github.com/avnet/avnet/internal/rules/mgmtisolation"
	"github.com/avnet/avnet/internal/rules/personaldata"
	"github.com/avnet/avnet/internal/rules/raidcapacity"
	"github.com/avnet/avnet/internal/rules/storagethroughput"
	"github.com/avnet/avnet/internal/rules/waivers"
)

// operations lists AV-STO, AV-SEC, AV-BUD (storage, security, budget), in catalog order.
func operations() []*rules.Rule {
	return []*rules.Rule{
		storagethroughput.Rule,
		raidcapacity.Rule,
		backup321.Rule,
		mgmtisolation.Rule,
		cleartext.Rule,
		personaldata.Rule,
		budget.Rule,
		waivers.Rule, // AV-WAIVER-001
	}
}
