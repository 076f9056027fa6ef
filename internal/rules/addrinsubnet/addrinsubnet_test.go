package addrinsubnet_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/addrinsubnet"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", addrinsubnet.Rule) }
