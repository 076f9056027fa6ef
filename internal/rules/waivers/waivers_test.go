package waivers_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/ruletest"
	"github.com/avnet/avnet/internal/rules/waivers"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", waivers.Rule) }
