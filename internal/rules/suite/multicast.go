package suite

import (
	"github.com/avnet/avnet/internal/rules"
	"github.com/avnet/avnet/internal/rules/igmpsnoop"
	"github.com/avnet/avnet/internal/rules/mcastaddr"
	"github.com/avnet/avnet/internal/rules/mcastdup"
	"github.com/avnet/avnet/internal/rules/mcastflood"
	"github.com/avnet/avnet/internal/rules/mcastmac"
	"github.com/avnet/avnet/internal/rules/pimpath"
	"github.com/avnet/avnet/internal/rules/ssmigmp"
	"github.com/avnet/avnet/internal/rules/trunkvlan"
)

// multicast lists AV-MC (multicast) and the path-based AV-L2-004, in catalog
// order (AV-L2-005, the path MTU rule, is listed in media.go).
func multicast() []*rules.Rule {
	return []*rules.Rule{
		// AV-L2-004 is listed here, not with the structural rules: it
		// follows the flows' paths and the VLAN membership of the cabling.
		trunkvlan.Rule,
		mcastaddr.Rule,
		mcastflood.Rule,
		mcastdup.Rule,
		mcastmac.Rule,
		igmpsnoop.Rule,
		ssmigmp.Rule,
		pimpath.Rule,
	}
}
