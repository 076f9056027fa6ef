package receivertype_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/receivertype"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", receivertype.Rule) }
