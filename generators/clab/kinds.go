package clab

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/avnet/avnet/internal/lab/labnames"
	"github.com/avnet/avnet/internal/model"
)

// Image is what a platform (or the endpoints) runs as in containerlab: the
// node kind, the container image, and how the image's network OS names the
// container's eth<k> (Pattern with {n} = k + First - 1). An empty Pattern
// means the container's interfaces carry Linux names of their own
// (labnames.IfNames, as in avnet's namespace lab).
type Image struct {
	Kind    string
	Image   string
	Pattern string
	First   int
}

// defaults per platform; "endpoint" is every device that is not a switch.
// The interface patterns are containerlab v0.60.0's own (nodes/vr_n9kv,
// vr_c8000v, vr_cat9kv: InterfaceRegexp and InterfaceOffset; cEOS names
// eth<k> Ethernet<k>).
var defaults = map[string]Image{
	"eos":      {Kind: "arista_ceos", Image: "ceos:4.32.0F", Pattern: "Ethernet{n}", First: 1},
	"nxos":     {Kind: "cisco_n9kv", Image: "vrnetlab/vr-n9kv:10.3.1", Pattern: "Ethernet1/{n}", First: 1},
	"iosxe":    {Kind: "cisco_cat9kv", Image: "vrnetlab/vr-cat9kv:17.12.01", Pattern: "GigabitEthernet1/0/{n}", First: 1},
	"linux":    {Kind: "linux", Image: LinuxSwitchImage},
	"endpoint": {Kind: "linux", Image: EndpointImage},
}

// kindPatterns are the port names of each kind when the design sets a
// kind without a pattern.
var kindPatterns = map[string]Image{
	"arista_ceos":  {Pattern: "Ethernet{n}", First: 1},
	"cisco_n9kv":   {Pattern: "Ethernet1/{n}", First: 1},
	"cisco_c8000v": {Pattern: "GigabitEthernet{n}", First: 2},
	"cisco_cat9kv": {Pattern: "GigabitEthernet1/0/{n}", First: 1},
	"linux":        {},
}

// Images built from the Dockerfiles the generator writes.
const (
	LinuxSwitchImage = "avnet-linux-switch:latest"
	EndpointImage    = "avnet-endpoint:latest"
)

// ImageFor is platform's image after the design's lab.images.
func ImageFor(f *model.Facility, platform string) Image {
	img := defaults[platform]
	if f.Lab == nil || f.Lab.Images[platform] == nil {
		return img
	}
	o := f.Lab.Images[platform]
	if o.Kind != "" && o.Kind != img.Kind {
		img.Kind = o.Kind
		p := kindPatterns[o.Kind]
		img.Pattern, img.First = p.Pattern, p.First
		if o.Image == "" {
			img.Image = ""
		}
	}
	if o.Image != "" {
		img.Image = o.Image
	}
	if o.Interfaces != nil {
		img.Pattern, img.First = o.Interfaces.Pattern, o.Interfaces.First
	}
	return img
}

// Port is one port of a node: the design's name, the container's
// interface (what the topology's links name) and, for a vendor image, the
// network OS's name of that interface.
type Port struct {
	Design string
	Lab    string
	OS     string
	// Mismatch is set when the image has no port of the design's name:
	// the cable lands on Lab, which the network OS calls OS.
	Mismatch bool
}

var ceosSub = regexp.MustCompile(`^Ethernet([1-9][0-9]{0,2})/([1-9][0-9]?)$`)

// mapPorts gives every design port of a node its container interface.
// names are the node's interface names (labnames.IfNames's input: the
// mapping of a Linux node is the namespace lab's, name for name).
func mapPorts(img Image, names []string) []Port {
	sorted := append([]string(nil), names...)
	sort.Slice(sorted, func(i, j int) bool { return natLess(sorted[i], sorted[j]) })
	var out []Port
	if img.Pattern == "" {
		m := labnames.IfNames(sorted)
		for _, n := range sorted {
			out = append(out, Port{Design: n, Lab: m[n], OS: m[n]})
		}
		return out
	}
	re := patternRE(img.Pattern)
	used := map[string]bool{}
	maxK := 0
	var rest []string
	for _, n := range sorted {
		if m := re.FindStringSubmatch(n); m != nil {
			num, err := strconv.Atoi(m[1])
			if k := num - img.First + 1; err == nil && k >= 1 {
				lab := fmt.Sprintf("eth%d", k)
				out = append(out, Port{Design: n, Lab: lab, OS: n})
				used[lab] = true
				maxK = max(maxK, k)
				continue
			}
		}
		// cEOS names eth<a>_<b> Ethernet<a>/<b> (breakout and modular ports).
		if img.Kind == "arista_ceos" {
			if m := ceosSub.FindStringSubmatch(n); m != nil {
				lab := "eth" + m[1] + "_" + m[2]
				out = append(out, Port{Design: n, Lab: lab, OS: n})
				used[lab] = true
				continue
			}
		}
		rest = append(rest, n)
	}
	// A port the image cannot name: the next free eth<k>, after every
	// natural one, so that adding a port never moves another.
	for _, n := range rest {
		k := maxK + 1
		for used[fmt.Sprintf("eth%d", k)] {
			k++
		}
		maxK = k
		lab := fmt.Sprintf("eth%d", k)
		used[lab] = true
		os := strings.Replace(img.Pattern, "{n}", strconv.Itoa(k+img.First-1), 1)
		out = append(out, Port{Design: n, Lab: lab, OS: os, Mismatch: true})
	}
	sort.Slice(out, func(i, j int) bool { return natLess(out[i].Design, out[j].Design) })
	return out
}

// natLess orders names with their numbers compared as numbers
// ("Ethernet2" before "Ethernet10").
func natLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digits(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

func patternRE(p string) *regexp.Regexp {
	i := strings.Index(p, "{n}")
	return regexp.MustCompile("^" + regexp.QuoteMeta(p[:i]) + "([0-9]{1,4})" + regexp.QuoteMeta(p[i+3:]) + "$")
}

// MapPorts gives every design port of a node its container interface
// (what a node of image img has; see Port).
func MapPorts(img Image, names []string) []Port { return mapPorts(img, names) }
