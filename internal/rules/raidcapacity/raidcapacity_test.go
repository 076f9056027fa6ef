package raidcapacity_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/raidcapacity"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", raidcapacity.Rule) }
