package qosptp_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/qosptp"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", qosptp.Rule) }
