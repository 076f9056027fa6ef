// Package all registers every switch platform, in one plain list.
package all

import (
	"github.com/avnet/avnet/internal/platform"
	"github.com/avnet/avnet/internal/platform/eos"
	"github.com/avnet/avnet/internal/platform/iosxe"
	"github.com/avnet/avnet/internal/platform/linux"
	"github.com/avnet/avnet/internal/platform/nxos"
)

// Register adds every platform to r.
func Register(r *platform.Registry) {
	eos.Register(r)
	nxos.Register(r)
	iosxe.Register(r)
	linux.Register(r)
}

// Registry returns a registry holding every platform.
func Registry() *platform.Registry {
	r := platform.NewRegistry()
	Register(r)
	if err := r.Err(); err != nil {
		panic(err) // a duplicate name among avnet's own platforms is a bug
	}
	return r
}
