package backup321_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/backup321"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", backup321.Rule) }
