package linkoverload_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/linkoverload"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", linkoverload.Rule) }
