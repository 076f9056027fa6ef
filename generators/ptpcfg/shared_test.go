package ptpcfg_test

import (
	"testing"

	"github.com/avnet/avnet/generators/gentest"
)

// The designs and helpers the media generators' tests share (package gentest).
const archives = "../sdp/testdata/designs"

type (
	design = gentest.Design
	netns  = gentest.Netns
)

func designs(t *testing.T) []design { return gentest.Designs(t, archives) }

var (
	generate = gentest.Generate
	golden   = gentest.Golden
	vetted   = gentest.Vetted
	lineDiff = gentest.LineDiff
	needRoot = gentest.NeedRoot
	newNetns = gentest.NewNetns
	veth     = gentest.Veth
)
