package mcastmac_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/mcastmac"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", mcastmac.Rule) }
