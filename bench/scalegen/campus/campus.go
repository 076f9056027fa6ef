// Package campus generates a broadcast campus of any size as an avnet
// design, for scale benchmarks and scale tests: red and blue L3 leaf–spine
// planes (Arista EOS red, Cisco NX-OS blue) routing multicast with
// PIM-SSM, one room per leaf pair, about 22 dual-homed ST 2110 endpoints
// per room, each sending 10 ST 2022-7 flows (2 × ST 2110-20, 6 × ST
// 2110-30, 2 × ST 2110-40) to 2 or 3 receivers.
//
// The output is deterministic (the same size gives the same bytes) and is
// split over files as a user would write it: facility.cue for the
// facility-wide parts and the spines, and one rooms-NNN.cue per room with
// its leaves, VLANs, endpoints, cables and flows.
package campus

import (
	"fmt"
	"sort"
	"strings"
)

// Package is the CUE package name of the generated design.
const Package = "campus"

// Shape is the size of a generated campus.
type Shape struct {
	Switches  int // spines and leaves of both planes
	Spines    int // per plane
	Rooms     int // = leaves per plane
	Endpoints int
	Flows     int
}

// ShapeOf returns the shape of the campus Generate(switches) writes.
func ShapeOf(switches int) Shape {
	s := Shape{Spines: 2}
	s.Rooms = switches/2 - s.Spines
	if s.Rooms < 2 {
		s.Rooms = 2
	}
	s.Switches = 2 * (s.Spines + s.Rooms)
	for r := 0; r < s.Rooms; r++ {
		s.Endpoints += endpointsIn(r)
	}
	s.Flows = s.Endpoints * len(flowKinds)
	return s
}

// MaxSwitches is the largest campus: a spine chassis has 576 ports.
const MaxSwitches = 2 * (576 + 2)

// endpointsIn is the number of endpoints in room r: 22, one more in every
// fifth room.
func endpointsIn(r int) int {
	if r%5 == 0 {
		return 23
	}
	return 22
}

// flowKind is one of the 10 flows every endpoint sends.
type flowKind struct {
	suffix, essence, class, body string
}

var flowKinds = []flowKind{
	{"video-1", "st2110-20", "video", `video: {format: "1080p50", sampling: "YCbCr-4:2:2", depth: 10, senderType: "2110TPN"}`},
	{"video-2", "st2110-20", "video", `video: {format: "1080p50", sampling: "YCbCr-4:2:2", depth: 10, senderType: "2110TPN"}`},
	{"audio-1", "st2110-30", "audio", `audio: {channels: 2, packetTime: "1ms", channelOrder: ["ST"]}`},
	{"audio-2", "st2110-30", "audio", `audio: {channels: 2, packetTime: "1ms", channelOrder: ["ST"]}`},
	{"audio-3", "st2110-30", "audio", `audio: {channels: 8, packetTime: "1ms", channelOrder: ["ST", "ST", "ST", "ST"]}`},
	{"audio-4", "st2110-30", "audio", `audio: {channels: 8, packetTime: "1ms", channelOrder: ["ST", "ST", "ST", "ST"]}`},
	{"audio-5", "st2110-30", "audio", `audio: {channels: 2, packetTime: "1ms", channelOrder: ["ST"]}`},
	{"audio-6", "st2110-30", "audio", `audio: {channels: 2, packetTime: "1ms", channelOrder: ["ST"]}`},
	{"anc-1", "st2110-40", "video", `anc: data: ["cea-708"]`},
	{"anc-2", "st2110-40", "video", `anc: data: ["op-47", "timecode"]`},
}

// Generate returns the design's files by name for a campus of about
// switches switches (rounded to an even number, at least 8, at most
// MaxSwitches).
func Generate(switches int) map[string][]byte {
	if switches > MaxSwitches {
		switches = MaxSwitches
	}
	sh := ShapeOf(switches)
	g := &gen{sh: sh, files: map[string][]byte{}}
	g.facility()
	first := 0
	for r := 0; r < sh.Rooms; r++ {
		g.room(r, first)
		first += endpointsIn(r)
	}
	return g.files
}

// Names returns the file names of a generated design, sorted.
func Names(files map[string][]byte) []string {
	var out []string
	for n := range files {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

type gen struct {
	sh    Shape
	files map[string][]byte
}

// plane is one of the two media planes.
type plane struct {
	name, letter, platform string
	leafModel, spineModel  string
	octet                  int // second octet of the plane's addresses
	transit                int // second octet of its point-to-point links
}

var planes = []plane{
	{"red", "r", "eos", "arista-dcs-7280sr3-48yc8", "campus-spine-eos", 64, 250},
	{"blue", "b", "nxos", "cisco-n9k-c93180yc-fx", "campus-spine-nxos", 128, 251},
}

// leafPort names a leaf's access port n (1-based) and uplink u (0-based).
func (p plane) leafPort(n int) string {
	if p.platform == "eos" {
		return fmt.Sprintf("Ethernet%d", n)
	}
	return fmt.Sprintf("Ethernet1/%d", n)
}

func (p plane) leafUplink(u int) string {
	if p.platform == "eos" {
		return fmt.Sprintf("Ethernet%d/1", 49+u)
	}
	return fmt.Sprintf("Ethernet1/%d", 49+u)
}

// spinePort names a spine chassis port for leaf r: 16 line cards of 36 ports.
func (p plane) spinePort(r int) string {
	card, port := r/36+1, r%36+1
	if p.platform == "eos" {
		return fmt.Sprintf("Ethernet%d/%d/1", card, port)
	}
	return fmt.Sprintf("Ethernet%d/%d", card, port)
}

func (p plane) spine(s int) string  { return fmt.Sprintf("spine-%s%d", p.letter, s+1) }
func (p plane) leaf(r int) string   { return fmt.Sprintf("leaf-%s%03d", p.letter, r+1) }
func (p plane) vlan(r int) string   { return fmt.Sprintf("media-%s-%03d", p.name, r+1) }
func (p plane) vlanID(r int) int    { return map[string]int{"red": 1000, "blue": 2000}[p.name] + r + 1 }
func roomName(r int) string         { return fmt.Sprintf("room-%03d", r+1) }
func endpointName(r, e int) string  { return fmt.Sprintf("ep-%03d-%02d", r+1, e+1) }
func (p plane) subnet(r int) string { return fmt.Sprintf("10.%d.%d.0/24", p.octet+r/256, r%256) }
func (p plane) host(r, h int) string {
	return fmt.Sprintf("10.%d.%d.%d", p.octet+r/256, r%256, h)
}

// p2p returns the two /31 addresses of the link between leaf r and spine s.
func (p plane) p2p(r, s int) (leaf, spine string) {
	n := (r*2 + s) * 2
	spine = fmt.Sprintf("10.%d.%d.%d/31", p.transit, n/256, n%256)
	leaf = fmt.Sprintf("10.%d.%d.%d/31", p.transit, n/256, n%256+1)
	return leaf, spine
}

// group returns the SSM group of flow k of endpoint i on the plane: the
// planes differ in the second octet (and so in the multicast MAC).
func (p plane) group(i, k int) string {
	id := i*len(flowKinds) + k
	base := 10
	if p.name == "blue" {
		base = 20
	}
	return fmt.Sprintf("232.%d.%d.%d", base+id>>16, (id>>8)&255, id&255)
}

func (g *gen) facility() {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("package %s\n\n", Package)
	w("// A generated broadcast campus (bench/scalegen): %d switches, %d rooms,\n", g.sh.Switches, g.sh.Rooms)
	w("// %d endpoints, %d ST 2022-7 flows. Red plane Arista EOS, blue plane\n", g.sh.Endpoints, g.sh.Flows)
	w("// Cisco NX-OS, both routed (OSPF and PIM-SSM) leaf–spine fabrics.\n\n")
	w("facility: name: %q\n", fmt.Sprintf("Generated campus, %d switches", g.sh.Switches))
	w("facility: language: \"en\"\n\n")
	w("planes: [\"red\", \"blue\"]\n\n")
	w("routing: {mode: \"l3\", ospf: {}, pim: {}}\n\n")
	w("qos: {\n\ttrust: \"dscp\"\n\tclasses: {\n")
	w("\t\t\"ptp\": {dscp: [46, 56], queue: 7, scheduling: \"strict\"}\n")
	w("\t\t\"audio\": {dscp: [34], queue: 6, scheduling: \"strict\"}\n")
	w("\t\t\"video\": {dscp: [26], queue: 5, scheduling: \"weighted\", weight: 80}\n")
	w("\t\t\"best-effort\": {dscp: [0], queue: 0, scheduling: \"weighted\", weight: 20}\n")
	w("\t}\n}\n\n")
	w("ptp: \"media\": {\n\tprofile: \"st2059-2\"\n\tgrandmasters: {\n")
	w("\t\t\"gm-1\": {priority1: 100}\n\t\t\"gm-2\": {priority1: 110}\n\t}\n}\n\n")
	// Spine chassis: 16 line cards of 36 × 100G.
	for _, p := range planes {
		w("deviceTypes: %q: {\n", p.spineModel)
		if p.platform == "eos" {
			w("\tmanufacturer: \"Arista\", model: \"DCS-7816R3 (16 × 36 × 100G)\", kind: \"switch\"\n")
		} else {
			w("\tmanufacturer: \"Cisco\", model: \"Nexus 9516 (16 × N9K-X9736C-FX)\", kind: \"switch\"\n")
		}
		w("\tports: {\n")
		for r := 0; r < 576; r++ {
			w("\t\t%q: {speed: \"100G\", media: \"qsfp28\"}\n", p.spinePort(r))
		}
		w("\t}\n}\n\n")
	}
	w("devices: {\n")
	for _, p := range planes {
		for s := 0; s < g.sh.Spines; s++ {
			w("\t%q: {\n", p.spine(s))
			w("\t\trole: \"switch\", model: %q, platform: %q, plane: %q, room: \"core\"\n", p.spineModel, p.platform, p.name)
			w("\t\tptp: {mode: \"boundary\", domain: \"media\"}\n")
			w("\t\tinterfaces: {\n")
			for r := 0; r < g.sh.Rooms; r++ {
				_, sp := p.p2p(r, s)
				w("\t\t\t%q: {ip: %q}\n", p.spinePort(r), sp)
			}
			w("\t\t}\n\t}\n")
		}
	}
	w("}\n\n")
	w("rooms: \"core\": description: \"Core room: the spines\"\n")
	g.files["facility.cue"] = []byte(b.String())
}

func (g *gen) room(r, first int) {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	n := endpointsIn(r)
	room := roomName(r)
	w("package %s\n\n", Package)
	w("// %s: a leaf pair and %d endpoints.\n\n", room, n)
	w("rooms: %q: {}\n\n", room)
	w("vlans: {\n")
	for _, p := range planes {
		w("\t%q: {id: %d, plane: %q, subnet: %q, gateway: %q, purpose: \"media\", mtu: 9000, routed: true, igmp: {}}\n",
			p.vlan(r), p.vlanID(r), p.name, p.subnet(r), p.host(r, 1))
	}
	w("}\n\n")
	w("devices: {\n")
	for _, p := range planes {
		w("\t%q: {\n", p.leaf(r))
		w("\t\trole: \"switch\", model: %q, platform: %q, plane: %q, room: %q\n", p.leafModel, p.platform, p.name, room)
		w("\t\tptp: {mode: \"boundary\", domain: \"media\"}\n")
		w("\t\tinterfaces: {\n")
		for s := 0; s < g.sh.Spines; s++ {
			lf, _ := p.p2p(r, s)
			w("\t\t\t%q: {ip: %q}\n", p.leafUplink(s), lf)
		}
		w("\t\t}\n\t}\n")
	}
	// The two grandmasters sit in the first two rooms, on the last access port.
	if r < 2 {
		gm := fmt.Sprintf("gm-%d", r+1)
		w("\t%q: {\n\t\trole: \"ptp-grandmaster\", model: \"generic-ptp-grandmaster\", room: %q\n", gm, room)
		w("\t\tptp: {mode: \"ordinary\", domain: \"media\"}\n\t\tinterfaces: {\n")
		for _, p := range planes {
			w("\t\t\t%q: {vlan: %q, ip: \"%s/24\"}\n", p.name, p.vlan(r), p.host(r, 250))
		}
		w("\t\t}\n\t}\n")
	}
	for e := 0; e < n; e++ {
		w("\t%q: {\n", endpointName(r, e))
		w("\t\trole: \"gateway\", model: \"generic-2110-gateway\", room: %q\n", room)
		w("\t\tptp: {mode: \"ordinary\", domain: \"media\"}\n")
		w("\t\tcapabilities: {receiverType: \"NL\", audioConformance: \"C\"}\n")
		w("\t\tinterfaces: {\n")
		for _, p := range planes {
			w("\t\t\t%q: {vlan: %q, ip: \"%s/24\"}\n", p.name, p.vlan(r), p.host(r, 10+e))
		}
		w("\t\t}\n\t}\n")
	}
	w("}\n\n")
	w("links: {\n")
	for _, p := range planes {
		pl := strings.ToUpper(p.letter)
		for s := 0; s < g.sh.Spines; s++ {
			w("\t\"%s-%03d-U%d\": {a: \"%s:%s\", b: \"%s:%s\", speed: \"100G\", medium: \"smf\"}\n",
				pl, r+1, s+1, p.leaf(r), p.leafUplink(s), p.spine(s), p.spinePort(r))
		}
		for e := 0; e < n; e++ {
			w("\t\"%s-%03d-%02d\": {a: \"%s:%s\", b: \"%s:%s\", speed: \"25G\", medium: \"smf\"}\n",
				pl, r+1, e+1, p.leaf(r), p.leafPort(e+1), endpointName(r, e), p.name)
		}
		if r < 2 {
			w("\t\"%s-%03d-GM\": {a: \"%s:%s\", b: \"gm-%d:%s\", speed: \"25G\", medium: \"smf\"}\n",
				pl, r+1, p.leaf(r), p.leafPort(48), r+1, p.name)
		}
	}
	w("}\n\n")
	w("flows: {\n")
	for e := 0; e < n; e++ {
		ep := endpointName(r, e)
		for k, fk := range flowKinds {
			// Two receivers in the room; every third flow also reaches the
			// same endpoint of the next room, across the spines.
			rx := []string{endpointName(r, (e+1)%n), endpointName(r, (e+2)%n)}
			if k%3 == 0 {
				next := (r + 1) % g.sh.Rooms
				rx = append(rx, endpointName(next, e%endpointsIn(next)))
			}
			w("\t\"%s/%s\": {\n", ep, fk.suffix)
			w("\t\tsender: %q, essence: %q, class: %q, protection: \"st2022-7\"\n", ep, fk.essence, fk.class)
			w("\t\t%s\n", fk.body)
			w("\t\tgroups: {red: %q, blue: %q}\n", planes[0].group(first+e, k), planes[1].group(first+e, k))
			w("\t\treceivers: [%s]\n", quoteAll(rx))
			w("\t}\n")
		}
	}
	w("}\n")
	g.files[fmt.Sprintf("%s.cue", room)] = []byte(b.String())
}

func quoteAll(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}
