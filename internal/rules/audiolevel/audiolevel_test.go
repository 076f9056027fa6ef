package audiolevel_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/audiolevel"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", audiolevel.Rule) }
