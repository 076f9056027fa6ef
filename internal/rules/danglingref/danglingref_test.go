package danglingref_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/danglingref"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", danglingref.Rule) }
