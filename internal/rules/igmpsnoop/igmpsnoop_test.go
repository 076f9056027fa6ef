package igmpsnoop_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/igmpsnoop"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", igmpsnoop.Rule) }
