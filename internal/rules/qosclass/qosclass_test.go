package qosclass_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/qosclass"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", qosclass.Rule) }
