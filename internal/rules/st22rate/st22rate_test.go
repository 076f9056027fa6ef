package st22rate_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/ruletest"
	"github.com/avnet/avnet/internal/rules/st22rate"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", st22rate.Rule) }
