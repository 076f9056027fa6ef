package diagram

import (
	"math"
	"strings"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/model"
)

// colour is a stroke colour and a pale fill of the same hue.
type colour struct{ stroke, fill string }

var (
	palette = []colour{
		{"#c62828", "#fde4e4"}, // red
		{"#1565c0", "#e1ecfb"}, // blue
		{"#2e7d32", "#e6f4e7"}, // green
		{"#6a1b9a", "#f1e4f6"}, // purple
		{"#e65100", "#fff0e0"}, // orange
	}
	byName = map[string]int{"red": 0, "rouge": 0, "blue": 1, "bleu": 1, "green": 2, "vert": 2, "purple": 3, "violet": 3, "orange": 4}

	mgmtColour    = colour{"#8a8a8a", "#f2f2f2"}
	itColour      = colour{"#37474f", "#eceff1"}
	clockColour   = colour{"#8d6e00", "#fff5cc"}
	neutralColour = colour{"#424242", "#ffffff"}
)

// planeColour is the colour of a plane: its own name when it is a colour
// ("red", "bleu"), else the palette in the design's plane order.
func planeColour(f *model.Facility, plane string) colour {
	if plane == "" {
		return itColour
	}
	if i, ok := byName[strings.ToLower(plane)]; ok {
		return palette[i]
	}
	for i, p := range f.Planes {
		if p == plane {
			return palette[i%len(palette)]
		}
	}
	return itColour
}

// isMgmtLink reports whether a cable belongs to the management network:
// it lands on a management-only port, on a device's management interface,
// or carries only management VLANs.
func isMgmtLink(f *model.Facility, facts *analysis.Facts, l *model.Link) bool {
	for _, m := range facts.Topology.MgmtLinks {
		if m == l {
			return true
		}
	}
	for _, end := range []string{l.A, l.B} {
		p := analysis.ParsePort(end)
		if d := f.Devices[p.Device]; d != nil && d.Mgmt != nil && d.Mgmt.Interface == p.Interface && !d.IsSwitch() {
			return true
		}
	}
	vlans := linkVLANs(f, l)
	if len(vlans) == 0 {
		return false
	}
	for _, v := range vlans {
		if vl := f.VLANs[v]; vl == nil || vl.Purpose != "management" {
			return false
		}
	}
	return true
}

// linkVLANs lists the VLANs a cable is declared for: its own `vlans`, else
// the VLANs of a declared interface at either end.
func linkVLANs(f *model.Facility, l *model.Link) []string {
	if len(l.VLANs) > 0 {
		return l.VLANs
	}
	var out []string
	for _, end := range []string{l.A, l.B} {
		p := analysis.ParsePort(end)
		if d := f.Devices[p.Device]; d != nil {
			if i := d.Interfaces[p.Interface]; i != nil {
				out = append(out, i.AllVLANs()...)
			}
		}
	}
	return out
}

// linkPlane is the plane a cable belongs to: an interface's plane, else
// the plane of the VLANs it carries, else the plane both switches share;
// "" for the IT network.
func linkPlane(f *model.Facility, l *model.Link) string {
	for _, end := range []string{l.A, l.B} {
		p := analysis.ParsePort(end)
		if d := f.Devices[p.Device]; d != nil {
			if i := d.Interfaces[p.Interface]; i != nil && i.Plane != "" {
				return i.Plane
			}
		}
	}
	plane := ""
	for _, v := range linkVLANs(f, l) {
		vl := f.VLANs[v]
		if vl == nil || vl.Plane == "" {
			return ""
		}
		if plane != "" && plane != vl.Plane {
			return ""
		}
		plane = vl.Plane
	}
	if plane != "" {
		return plane
	}
	a, b := f.Devices[analysis.ParsePort(l.A).Device], f.Devices[analysis.ParsePort(l.B).Device]
	if a != nil && b != nil && a.Plane != "" && a.Plane == b.Plane {
		return a.Plane
	}
	return ""
}

// penWidth grows with the link speed: 1G thin, 100G thick.
func penWidth(speed string) float64 {
	bps := model.SpeedBps(speed)
	if bps <= 1e9 {
		return 1.2
	}
	return math.Round((1.2+0.9*math.Log10(bps/1e9))*10) / 10
}

// roleCategory groups roles for fills and shapes.
func roleStyle(f *model.Facility, d *model.Device) (fill string, rounded bool) {
	switch d.Role {
	case "switch":
		if d.Plane != "" {
			return planeColour(f, d.Plane).fill, false
		}
		return itColour.fill, false
	case "router", "firewall":
		return "#ede7f6", false
	case "ptp-grandmaster":
		return clockColour.fill, false
	}
	return "#ffffff", true
}
