package udpsize_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/ruletest"
	"github.com/avnet/avnet/internal/rules/udpsize"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", udpsize.Rule) }
