package mcastflood_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/mcastflood"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", mcastflood.Rule) }
