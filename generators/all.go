// Package generators lists every generator of `avnet build`, in the order
// they run (the dossier last: it includes the other artifacts).
package generators

import (
	"fmt"
	"strings"

	"github.com/avnet/avnet/generators/clab"
	"github.com/avnet/avnet/generators/diagram"
	"github.com/avnet/avnet/generators/dossier"
	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/generators/iptv"
	"github.com/avnet/avnet/generators/netbox"
	"github.com/avnet/avnet/generators/nmos"
	"github.com/avnet/avnet/generators/ptpcfg"
	"github.com/avnet/avnet/generators/sdp"
	"github.com/avnet/avnet/generators/switchcfg"
)

// All returns the generators in run order.
func All() []*gen.Generator {
	return []*gen.Generator{
		switchcfg.Generator, // configs: switch configurations
		sdp.Generator,       // sdp: SDP files of the media flows
		ptpcfg.Generator,    // ptp: ptp4l configurations
		iptv.Generator,      // iptv: the IPTV bouquet
		clab.Generator,      // clab: the containerlab topology (lab/<design>.clab.yml)
		nmos.Generator,      // nmos: IS-04 resources and IS-05 staged requests
		// netbox, diagrams, dossier come last: the dossier includes the others.
		netbox.Generator,  // netbox: NetBox 4.x records (netbox/records.json)
		diagram.Generator, // diagrams: topology, logical network, synoptic, PTP tree, load map
		dossier.Generator, // dossier: the dossier technique (HTML and PDF), last
	}
}

// Select returns the generators named in only (all when only is empty),
// or an error listing the valid names.
func Select(only []string) ([]*gen.Generator, error) {
	all := All()
	if len(only) == 0 {
		return all, nil
	}
	var names []string
	byName := map[string]*gen.Generator{}
	for _, g := range all {
		byName[g.Name] = g
		names = append(names, g.Name)
	}
	var out []*gen.Generator
	for _, o := range only {
		g, ok := byName[strings.TrimSpace(o)]
		if !ok {
			return nil, fmt.Errorf("generator %q is not supported. Supported generators are %q", o, names)
		}
		out = append(out, g)
	}
	return out, nil
}
