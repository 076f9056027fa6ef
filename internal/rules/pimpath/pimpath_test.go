package pimpath_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/pimpath"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", pimpath.Rule) }
