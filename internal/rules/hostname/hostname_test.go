package hostname_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/hostname"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", hostname.Rule) }
