package endpointspeed_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/endpointspeed"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", endpointspeed.Rule) }
