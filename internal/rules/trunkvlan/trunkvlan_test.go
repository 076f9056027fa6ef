package trunkvlan_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/ruletest"
	"github.com/avnet/avnet/internal/rules/trunkvlan"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", trunkvlan.Rule) }
