package personaldata_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/personaldata"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", personaldata.Rule) }
