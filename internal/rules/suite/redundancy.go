package suite

import "github.com/avnet/avnet/internal/rules"

// redundancy lists AV-RED (ST 2022-7 and plane separation), in catalog order.
func redundancy() []*rules.Rule {
	return []*rules.Rule{}
}
