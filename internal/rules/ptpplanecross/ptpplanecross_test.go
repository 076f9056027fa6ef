package ptpplanecross_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/ptpplanecross"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", ptpplanecross.Rule) }
