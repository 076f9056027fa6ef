package ptpunaware_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/ptpunaware"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", ptpunaware.Rule) }
