package mgmtisolation_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/mgmtisolation"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", mgmtisolation.Rule) }
