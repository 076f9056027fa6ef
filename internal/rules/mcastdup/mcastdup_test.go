package mcastdup_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/mcastdup"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", mcastdup.Rule) }
