package mcastaddr_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/mcastaddr"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", mcastaddr.Rule) }
