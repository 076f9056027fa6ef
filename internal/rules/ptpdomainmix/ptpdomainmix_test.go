package ptpdomainmix_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/ptpdomainmix"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", ptpdomainmix.Rule) }
