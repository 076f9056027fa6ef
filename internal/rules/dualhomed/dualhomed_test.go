package dualhomed_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/dualhomed"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", dualhomed.Rule) }
