package danteptp_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/danteptp"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", danteptp.Rule) }
