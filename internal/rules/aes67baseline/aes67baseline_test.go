package aes67baseline_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/aes67baseline"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", aes67baseline.Rule) }
