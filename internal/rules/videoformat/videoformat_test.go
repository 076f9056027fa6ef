package videoformat_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/ruletest"
	"github.com/avnet/avnet/internal/rules/videoformat"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", videoformat.Rule) }
