package vlanid_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/ruletest"
	"github.com/avnet/avnet/internal/rules/vlanid"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", vlanid.Rule) }
