package budget_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/budget"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", budget.Rule) }
