package dualhomed

import (
	_ "embed"
	"fmt"
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

// Rule is AV-RED-002.
var Rule = &rules.Rule{
	ID:       "AV-RED-002",
	Name:     "dualhomed",
	Doc:      rules.ExtractDoc(doc, "dualhomed"),
	Standard: "SMPTE ST 2022-7:2019 (one stream per path); JT-NM TR-1001-1:2020 (media nodes on two media networks)",
	Severity: diag.Error,
	Run:      run,
}

// gap is a device missing one plane, with the flows that need it.
type gap struct {
	dev, plane string
	uncabled   string // the interface on the plane that has no cable
	sends      []string
	receives   []string
	firstFlow  string
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	topo := pass.Facts.Topology
	gaps := map[[2]string]*gap{}
	for _, name := range model.SortedKeys(f.Flows) {
		fl := f.Flows[name]
		if !fl.Redundant() {
			continue
		}
		planes := model.SortedKeys(fl.Groups)
		if len(planes) < 2 {
			declared := "a single group"
			if len(planes) == 1 {
				declared = fmt.Sprintf("one leg only (groups.%s)", planes[0])
			}
			pass.Report(diag.Diagnostic{
				Pos:     f.PosOf("flows", name, "protection"),
				Subject: "flow " + name,
				Message: fmt.Sprintf("flow %s is protected by ST 2022-7 but declares %s: 2022-7 sends one leg per plane, so it needs a group on each of two planes", name, declared),
				Hint:    fmt.Sprintf("declare groups: {%s}, or remove protection", groupsExample(f.Planes)),
			})
			continue
		}
		devs := []string{fl.Sender}
		for _, r := range fl.Receivers {
			if !slices.Contains(devs, r) {
				devs = append(devs, r)
			}
		}
		for k, dn := range devs {
			if f.Devices[dn] == nil {
				continue // AV-REF-001
			}
			for _, p := range planes {
				ok, uncabled := onPlane(f, topo, dn, p)
				if ok {
					continue
				}
				key := [2]string{dn, p}
				g := gaps[key]
				if g == nil {
					g = &gap{dev: dn, plane: p, uncabled: uncabled, firstFlow: name}
					gaps[key] = g
				}
				if k == 0 {
					g.sends = append(g.sends, name)
				} else {
					g.receives = append(g.receives, name)
				}
			}
		}
	}
	keys := make([][2]string, 0, len(gaps))
	for k := range gaps {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	for _, k := range keys {
		g := gaps[k]
		var roles []string
		if len(g.sends) > 0 {
			roles = append(roles, fmt.Sprintf("sends %s (%s)", count(g.sends), short(g.sends)))
		}
		if len(g.receives) > 0 {
			roles = append(roles, fmt.Sprintf("receives %s (%s)", count(g.receives), short(g.receives)))
		}
		what := strings.Join(roles, " and ")
		pos := f.PosOf("devices", g.dev, "interfaces")
		var msg string
		if g.uncabled != "" {
			pos = f.PosOf("devices", g.dev, "interfaces", g.uncabled)
			msg = fmt.Sprintf("device %s %s, but its interface %s on plane %s is not cabled: the %s legs are lost there, so ST 2022-7 cannot protect it",
				g.dev, what, g.uncabled, g.plane, g.plane)
		} else {
			msg = fmt.Sprintf("device %s %s, but has no interface on plane %s: it handles only one copy, so ST 2022-7 cannot protect it",
				g.dev, what, g.plane)
		}
		hint := fmt.Sprintf("give %s an interface in a VLAN of plane %s", g.dev, g.plane)
		if v := planeVLAN(f, g.plane); v != "" {
			hint = fmt.Sprintf("give %s an interface in vlan %s (plane %s)", g.dev, v, g.plane)
		}
		hint += fmt.Sprintf(" and cable it to a %s switch", g.plane)
		if g.uncabled != "" {
			hint = fmt.Sprintf("cable %s:%s to a switch of plane %s", g.dev, g.uncabled, g.plane)
		}
		pass.Report(diag.Diagnostic{
			Pos:     pos,
			Subject: "device " + g.dev,
			Message: msg,
			Related: []diag.Related{{Pos: f.PosOf("flows", g.firstFlow, "groups", g.plane), Message: fmt.Sprintf("the %s leg of flow %s is declared here", g.plane, g.firstFlow)}},
			Hint:    hint,
		})
	}
	return nil
}

// onPlane reports whether a device has a cabled interface on the plane,
// and names an uncabled one when that is all it has.
func onPlane(f *model.Facility, topo *analysis.Topology, dev, plane string) (bool, string) {
	d := f.Devices[dev]
	uncabled := ""
	for _, in := range model.SortedKeys(d.Interfaces) {
		i := d.Interfaces[in]
		if !ifaceOnPlane(f, i, plane) {
			continue
		}
		if topo.LinkAt[analysis.Port{Device: dev, Interface: in}] != nil {
			return true, ""
		}
		if uncabled == "" {
			uncabled = in
		}
	}
	return false, uncabled
}

func ifaceOnPlane(f *model.Facility, i *model.Interface, plane string) bool {
	if i.Plane != "" {
		return i.Plane == plane
	}
	for _, vn := range i.AllVLANs() {
		if v := f.VLANs[vn]; v != nil && v.Plane == plane {
			return true
		}
	}
	return false
}

// planeVLAN proposes a VLAN of the plane, media first.
func planeVLAN(f *model.Facility, plane string) string {
	best := ""
	for _, vn := range model.SortedKeys(f.VLANs) {
		v := f.VLANs[vn]
		if v.Plane != plane {
			continue
		}
		if v.Purpose == "media" {
			return vn
		}
		if best == "" {
			best = vn
		}
	}
	return best
}

func groupsExample(planes []string) string {
	if len(planes) < 2 {
		return `red: "239.1.1.1", blue: "239.2.1.1"`
	}
	return fmt.Sprintf(`%s: "239.1.1.1", %s: "239.2.1.1"`, planes[0], planes[1])
}

func count(flows []string) string {
	if len(flows) == 1 {
		return "1 protected flow"
	}
	return fmt.Sprintf("%d protected flows", len(flows))
}

// short lists flows, the first five and a count of the rest.
func short(flows []string) string {
	if len(flows) > 5 {
		return fmt.Sprintf("%s and %d more", strings.Join(flows[:5], ", "), len(flows)-5)
	}
	return strings.Join(flows, ", ")
}
