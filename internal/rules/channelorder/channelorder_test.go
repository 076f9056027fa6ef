package channelorder_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/channelorder"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", channelorder.Rule) }
