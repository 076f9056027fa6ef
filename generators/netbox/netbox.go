// Package netbox is the "netbox" generator: netbox/records.json, every
// object `avnet netbox apply` would create in an empty NetBox 4.x, in the
// shape of the API's create requests and in dependency order (site,
// locations, manufacturers, device types with their interface templates,
// roles, platforms, VLAN groups per plane, VLANs, prefixes and multicast
// ranges, devices, interfaces with their 802.1Q mode and VLANs, IP
// addresses, cables with labels and plane colours, config contexts for
// QoS and PTP), each tagged "avnet".
//
// Records refer to each other by local id: a reference field holds the id
// of an earlier record, which NetBox's id replaces on import; "refs" names
// the record each one points at. The last records are partial updates
// (a device's primary IP) of records that needed later ones.
package netbox

import (
	"context"

	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/model"
	nb "github.com/avnet/avnet/internal/netbox"
)

// Generator is the "netbox" generator.
var Generator = &gen.Generator{
	Name:     "netbox",
	Doc:      "NetBox 4.x records of the design (netbox/records.json), as `avnet netbox apply` creates them",
	Generate: Generate,
}

// File is the output path.
const File = "netbox/records.json"

// Generate writes netbox/records.json.
func Generate(ctx context.Context, f *model.Facility, facts *analysis.Facts, sink gen.Sink) error {
	s, err := nb.Desired(f, facts)
	if err != nil {
		return err
	}
	r, err := nb.BuildRecords(s)
	if err != nil {
		return err
	}
	return sink.Write(File, r.JSON())
}
