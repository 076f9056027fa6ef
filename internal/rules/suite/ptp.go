package suite

import "github.com/avnet/avnet/internal/rules"

// ptpFamily lists AV-PTP, in catalog order.
func ptpFamily() []*rules.Rule {
	return []*rules.Rule{}
}
