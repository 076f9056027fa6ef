package ptpmgmt_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/ptpmgmt"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", ptpmgmt.Rule) }
