package storagethroughput_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/ruletest"
	"github.com/avnet/avnet/internal/rules/storagethroughput"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", storagethroughput.Rule) }
