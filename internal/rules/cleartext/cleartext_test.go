package cleartext_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/cleartext"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", cleartext.Rule) }
