package suite

import "github.com/avnet/avnet/internal/rules"

// qosFamily lists AV-QOS, in catalog order.
func qosFamily() []*rules.Rule {
	return []*rules.Rule{}
}
