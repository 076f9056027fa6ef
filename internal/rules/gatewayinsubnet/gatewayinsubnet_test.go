package gatewayinsubnet_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/gatewayinsubnet"
	"github.com/avnet/avnet/internal/rules/ruletest"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", gatewayinsubnet.Rule) }
