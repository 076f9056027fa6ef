package suite

import (
	"github.com/avnet/avnet/internal/rules"
	"github.com/avnet/avnet/internal/rules/aes67baseline"
	"github.com/avnet/avnet/internal/rules/audiolevel"
	"github.com/avnet/avnet/internal/rules/channelorder"
	"github.com/avnet/avnet/internal/rules/danteptp"
	"github.com/avnet/avnet/internal/rules/receivertype"
	"github.com/avnet/avnet/internal/rules/st22rate"
	"github.com/avnet/avnet/internal/rules/udpsize"
	"github.com/avnet/avnet/internal/rules/videoformat"
	"github.com/avnet/avnet/internal/rules/vlanmtu"
)

// media lists AV-ST20, AV-ST21, AV-ST30, AV-AES67, AV-DANTE, AV-ST22 (media essences), in catalog order.
func media() []*rules.Rule {
	return []*rules.Rule{
		// AV-L2-005 is a structural rule listed here because it shares the
		// MTU logic of AV-ST20-002: it reports VLANs too small for
		// standard-size datagrams, AV-ST20-002 flows that chose jumbo ones.
		vlanmtu.Rule, // AV-L2-005

		videoformat.Rule,   // AV-ST20-001
		udpsize.Rule,       // AV-ST20-002
		receivertype.Rule,  // AV-ST21-001
		audiolevel.Rule,    // AV-ST30-001
		channelorder.Rule,  // AV-ST30-002
		aes67baseline.Rule, // AV-AES67-001
		danteptp.Rule,      // AV-DANTE-001
		st22rate.Rule,      // AV-ST22-001
	}
}
