package suite

import (
	"github.com/avnet/avnet/internal/rules"
	"github.com/avnet/avnet/internal/rules/disjointpaths"
	"github.com/avnet/avnet/internal/rules/dualhomed"
	"github.com/avnet/avnet/internal/rules/planebridge"
)

// redundancy lists AV-RED (ST 2022-7 and plane separation), in catalog order.
func redundancy() []*rules.Rule {
	return []*rules.Rule{
		disjointpaths.Rule,
		dualhomed.Rule,
		planebridge.Rule,
	}
}
