package suite

import (
	"github.com/avnet/avnet/internal/rules"
	"github.com/avnet/avnet/internal/rules/dscpconflict"
	"github.com/avnet/avnet/internal/rules/qosclass"
	"github.com/avnet/avnet/internal/rules/qosptp"
	"github.com/avnet/avnet/internal/rules/qostrust"
)

// qosFamily lists AV-QOS, in catalog order.
func qosFamily() []*rules.Rule {
	return []*rules.Rule{
		qosclass.Rule,
		qosptp.Rule,
		dscpconflict.Rule,
		qostrust.Rule,
	}
}
