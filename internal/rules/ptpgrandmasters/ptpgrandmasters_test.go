package ptpgrandmasters_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/ptpgrandmasters"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", ptpgrandmasters.Rule) }
