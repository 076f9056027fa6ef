package planebridge_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/planebridge"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", planebridge.Rule) }
