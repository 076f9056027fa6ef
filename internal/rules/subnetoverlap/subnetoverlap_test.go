package subnetoverlap_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/ruletest"
	"github.com/avnet/avnet/internal/rules/subnetoverlap"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", subnetoverlap.Rule) }
