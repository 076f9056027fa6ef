package dscpconflict_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/dscpconflict"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", dscpconflict.Rule) }
