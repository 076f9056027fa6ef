package suite

import (
	"github.com/avnet/avnet/internal/rules"
	"github.com/avnet/avnet/internal/rules/endpointspeed"
	"github.com/avnet/avnet/internal/rules/linkoverload"
	"github.com/avnet/avnet/internal/rules/linkplanning"
)

// bandwidth lists AV-BW (bandwidth), in catalog order.
func bandwidth() []*rules.Rule {
	return []*rules.Rule{
		linkoverload.Rule,  // AV-BW-001
		linkplanning.Rule,  // AV-BW-002
		endpointspeed.Rule, // AV-BW-003
	}
}
