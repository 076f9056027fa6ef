package linkspeed_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/linkspeed"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", linkspeed.Rule) }
