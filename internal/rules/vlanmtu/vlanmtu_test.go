package vlanmtu_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/ruletest"
	"github.com/avnet/avnet/internal/rules/vlanmtu"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", vlanmtu.Rule) }
