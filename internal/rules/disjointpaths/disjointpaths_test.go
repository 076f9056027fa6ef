package disjointpaths_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/disjointpaths"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", disjointpaths.Rule) }
