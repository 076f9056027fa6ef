package suite

import "github.com/avnet/avnet/internal/rules"

// bandwidth lists AV-BW (bandwidth), in catalog order.
func bandwidth() []*rules.Rule {
	return []*rules.Rule{}
}
