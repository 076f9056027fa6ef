package suite

import "github.com/avnet/avnet/internal/rules"

// multicast lists AV-MC (multicast) and the path-based AV-L2-004/005, in catalog order.
func multicast() []*rules.Rule {
	return []*rules.Rule{}
}
