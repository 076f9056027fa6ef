package qostrust_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/qostrust"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", qostrust.Rule) }
