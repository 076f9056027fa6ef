package ssmigmp_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/ruletest"
	"github.com/avnet/avnet/internal/rules/ssmigmp"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", ssmigmp.Rule) }
