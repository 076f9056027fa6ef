package pimpath

import (
	_ "embed"
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strings"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-MC-007.
var Rule = &rules.Rule{
	ID:       "AV-MC-007",
	Name:     "pimpath",
	Doc:      rules.ExtractDoc(doc, "pimpath"),
	Standard: "RFC 7761 §3 (PIM-SM: RP and shared tree for ASM); RFC 4607, RFC 4608 (SSM needs no RP)",
	Severity: diag.Error,
	Run:      run,
}

var multicast = netip.MustParsePrefix("224.0.0.0/4")

// set collects flow legs by a key (VLAN, switch).
type set map[string]map[string]bool

func (s set) add(k, leg string) {
	if s[k] == nil {
		s[k] = map[string]bool{}
	}
	s[k][leg] = true
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	if f.Routing == nil || f.Routing.Mode != "l3" {
		return nil
	}
	topo := pass.Facts.Topology
	ssm := netip.MustParsePrefix("232.0.0.0/8")
	if p := f.Routing.PIM; p != nil && p.SSMRange != "" {
		if r, err := netip.ParsePrefix(p.SSMRange); err == nil {
			ssm = r
		}
	}
	routed := map[string]bool{} // leg names
	asm := map[string]bool{}
	firstASM := ""
	vlans, switches := set{}, set{}
	firstRouted := ""
	for _, name := range model.SortedKeys(pass.Facts.Flows) {
		for _, leg := range pass.Facts.Flows[name].Legs {
			a, err := netip.ParseAddr(leg.Group)
			if err != nil || !a.Is4() || !multicast.Contains(a) {
				continue
			}
			ln := legName(name, leg.Plane)
			for _, dl := range leg.Deliveries {
				if dl.Path == nil {
					continue
				}
				rv := portVLAN(f, dl.Port, leg.VLAN)
				hops := routedHops(f, topo, dl.Path, leg.VLAN)
				if rv == leg.VLAN && len(hops) == 0 {
					continue // bridged within the sender's VLAN
				}
				routed[ln] = true
				if firstRouted == "" {
					firstRouted = name
				}
				if !ssm.Contains(a) {
					asm[fmt.Sprintf("%s to %s", ln, a)] = true
					if firstASM == "" {
						firstASM = name
					}
				}
				for _, vn := range []string{leg.VLAN, rv} {
					if v := f.VLANs[vn]; v != nil && !v.Routed {
						vlans.add(vn, ln)
					}
				}
				// The first and last forwarders route in and out of the
				// VLANs; the ends of every routed hop route between them.
				sws := append([]string{dl.Path[0].To.Device, dl.Path[len(dl.Path)-1].From.Device}, hops...)
				for _, sw := range sws {
					if d := f.Devices[sw]; d != nil && d.Role == "switch" && d.Platform == "" {
						switches.add(sw, ln)
					}
				}
			}
		}
	}
	if len(routed) == 0 {
		return nil
	}
	pim := f.Routing.PIM
	switch {
	case pim == nil:
		pass.Report(diag.Diagnostic{
			Pos:     f.PosOf("routing", "mode"),
			Subject: "routing",
			Message: fmt.Sprintf("routing.mode is l3 and the fabric must route %s (%s), but routing declares no pim block: no router builds a multicast tree (RFC 7761), so the streams never leave their VLANs", count(routed, "flow leg"), list(routed)),
			Related: []diag.Related{{Pos: f.PosOf("flows", firstRouted, "receivers"), Message: fmt.Sprintf("flow %s has receivers behind a router here", firstRouted)}},
			Hint:    "add routing: pim: {rp: \"<address of a core router>\"}, or use SSM groups in 232.0.0.0/8 with routing: pim: {}",
		})
	case pim.RP == "" && len(asm) > 0:
		pass.Report(diag.Diagnostic{
			Pos:     f.PosOf("routing", "pim"),
			Subject: "routing",
			Message: fmt.Sprintf("routing.pim declares no rp, but the fabric routes %s to any-source groups outside the SSM range %s (%s): last-hop routers send their (*,G) joins toward the RP (RFC 7761 §3.1), so these streams never reach receivers behind another router", count(asm, "flow leg"), ssm, list(asm)),
			Related: []diag.Related{{Pos: f.PosOf("flows", firstASM, "group"), Message: fmt.Sprintf("flow %s uses an any-source group here", firstASM)}},
			Hint:    fmt.Sprintf("set routing.pim.rp to the address of a core router, or move the groups into the SSM range %s (receivers then join with IGMPv3)", ssm),
		})
	}
	for _, vn := range model.SortedKeys(vlans) {
		legs := vlans[vn]
		pass.Report(diag.Diagnostic{
			Pos:     f.PosOf("vlans", vn, "routed"),
			Subject: "vlan " + vn,
			Message: fmt.Sprintf("vlan %s is not routed, but the L3 fabric routes %s in or out of it (%s): without an SVI there is no first- or last-hop router to run PIM and IGMP", vn, count(legs, "flow leg"), list(legs)),
			Hint:    fmt.Sprintf("set routed: true on vlan %s (with its gateway), so its switches get an SVI with PIM", vn),
		})
	}
	for _, sw := range model.SortedKeys(switches) {
		legs := switches[sw]
		pass.Report(diag.Diagnostic{
			Pos:     f.PosOf("devices", sw, "platform"),
			Subject: "device " + sw,
			Message: fmt.Sprintf("switch %s routes multicast for %s (%s) but has no platform: avnet cannot enable PIM on it, so it is an unmanaged L2 switch in a routed path", sw, count(legs, "flow leg"), list(legs)),
			Hint:    fmt.Sprintf("set the platform of %s (eos, nxos, iosxe or linux) so PIM is configured on it", sw),
		})
	}
	return nil
}

// routedHops returns the forwarders at both ends of every hop of the path
// that does not carry the sender's VLAN at layer 2 (a routed link).
func routedHops(f *model.Facility, topo *analysis.Topology, path []analysis.Edge, vlan string) []string {
	var out []string
	for _, e := range path {
		if !forwarder(f, e.From.Device) || !forwarder(f, e.To.Device) || topo.Carries(e.Link, vlan) {
			continue
		}
		for _, d := range []string{e.From.Device, e.To.Device} {
			if !slices.Contains(out, d) {
				out = append(out, d)
			}
		}
	}
	return out
}

func forwarder(f *model.Facility, dev string) bool {
	d := f.Devices[dev]
	return d != nil && (d.Role == "switch" || d.Role == "router" || d.Role == "firewall")
}

func portVLAN(f *model.Facility, p analysis.Port, legVLAN string) string {
	d := f.Devices[p.Device]
	if d == nil || d.Interfaces[p.Interface] == nil {
		return legVLAN
	}
	vs := d.Interfaces[p.Interface].AllVLANs()
	if slices.Contains(vs, legVLAN) || len(vs) == 0 {
		return legVLAN
	}
	return vs[0]
}

func legName(flow, plane string) string {
	if plane == "" {
		return flow
	}
	return flow + " (" + plane + ")"
}

func count(m map[string]bool, what string) string {
	if len(m) == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", len(m), what)
}

func list(m map[string]bool) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) > 4 {
		return fmt.Sprintf("%s and %d more", strings.Join(keys[:4], ", "), len(keys)-4)
	}
	return strings.Join(keys, ", ")
}
