package portreuse_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/portreuse"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", portreuse.Rule) }
