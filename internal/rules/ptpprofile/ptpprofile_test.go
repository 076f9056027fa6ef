package ptpprofile_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/ptpprofile"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", ptpprofile.Rule) }
