package linkplanning_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/linkplanning"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", linkplanning.Rule) }
