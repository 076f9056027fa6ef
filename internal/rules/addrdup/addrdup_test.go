package addrdup_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/addrdup"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", addrdup.Rule) }
