// Package clab is the "clab" generator: the design as a containerlab
// topology, clab/<design>.clab.yml, with the Dockerfiles of the two images
// avnet itself provides (clab/linux-switch/, clab/endpoint/).
//
// Every switch is a node of the kind its platform runs as (EOS:
// arista_ceos, NX-OS: cisco_n9kv, IOS-XE: cisco_cat9kv, Linux: linux with
// Open vSwitch, FRR and linuxptp), started with the configuration `avnet
// build` generated for it (startup-config, or for a Linux switch its
// Open vSwitch and FRR files bound into the container); every other device
// with a cable is a linux node with its addresses; every cable between two
// nodes is a link. A design changes kinds, images and port naming per
// platform with lab.images.
//
// A vendor image names its data ports from the container's eth1, eth2…
// (containerlab v0.60.0: cEOS eth<k> is Ethernet<k>, n9kv Ethernet1/<k>,
// cat9kv GigabitEthernet1/0/<k>, c8000v GigabitEthernet<k+1>); a design
// port is cabled to the eth<k> its name gives. A Linux node's ports keep
// the Linux names avnet's namespace lab gives them (package labnames), so
// the two labs cable the same ports. The mapping is in the file's
// comments and in the dossier.
//
// The topology is YAML written by gopkg.in/yaml.v3 from a node tree (no
// text template): every design string is a YAML scalar the encoder
// quotes; comments carry design names with their control characters
// replaced.
package clab

import (
	"context"
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/lab/labnames"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/platform/all"
)

// Generator is "clab".
var Generator = &gen.Generator{
	Name:     "clab",
	Doc:      "a containerlab topology of the design (clab/<design>.clab.yml) and the Dockerfiles of avnet's Linux switch and endpoint images",
	Generate: Generate,
}

// Dir is the generator's folder in the build: not lab/, which is `avnet
// lab test`'s (build.LabDir), carried over by a build and kept out of its
// manifest.
const Dir = "clab/"

// File is the topology's path in the build for a design named name.
func File(name string) string { return Dir + name + ".clab.yml" }

// Topology is the containerlab view of a design.
type Topology struct {
	Name string
	// MgmtSubnet and MgmtGateway are the design's management VLAN ("" when
	// the switches have no common management plan).
	MgmtNetwork, MgmtSubnet, MgmtGateway string
	Nodes                                []*Node // sorted by node name
	Links                                []*Link // sorted by cable label
	// Skipped says what of the design the topology leaves out, and why.
	Skipped []string
}

// Node is a device that runs in the lab.
type Node struct {
	Device   string
	Name     string
	Switch   bool
	Platform string // "" for an endpoint
	Image
	MgmtIPv4      string
	StartupConfig string   // relative to the topology file
	Binds         []string // host:container[:ro], host relative to the topology file
	Exec          []string
	Ports         []Port
	// Notes are comments for the node (ports the image cannot name…).
	Notes []string
}

// Link is a cable between two nodes.
type Link struct {
	Label        string
	A, B         string // design ends "dev:if"
	ANode, AIf   string
	BNode, BIf   string
	AOS, BOS     string // the network OS's port names
	Mismatch     bool
	Speed, Media string
}

// PortOf returns the node's port of a design interface, nil if none.
func (n *Node) PortOf(design string) *Port {
	for i := range n.Ports {
		if n.Ports[i].Design == design {
			return &n.Ports[i]
		}
	}
	return nil
}

// Generate writes the topology and the Dockerfiles.
func Generate(ctx context.Context, f *model.Facility, facts *analysis.Facts, sink gen.Sink) error {
	t, err := Build(f, facts)
	if err != nil {
		return err
	}
	if len(t.Nodes) == 0 {
		return nil
	}
	b, err := t.YAML(gen.EnvFrom(ctx).Version)
	if err != nil {
		return err
	}
	if err := sink.Write(File(t.Name), b); err != nil {
		return err
	}
	used := map[string]bool{}
	for _, n := range t.Nodes {
		used[n.Image.Image] = true
	}
	for _, df := range dockerfiles(gen.EnvFrom(ctx).Version) {
		if !used[df.image] {
			continue
		}
		for _, file := range df.files {
			if err := sink.Write(Dir+df.dir+"/"+file.name, []byte(file.data)); err != nil {
				return err
			}
		}
	}
	return nil
}

// Build computes the containerlab view of f.
func Build(f *model.Facility, facts *analysis.Facts) (*Topology, error) {
	t := &Topology{Name: designName(f)}
	t.MgmtNetwork = t.Name + "-mgmt"
	topo := facts.Topology
	reg := all.Registry()

	// Nodes: every switch with a platform; every other device with a
	// declared interface cabled to another device (as avnet's lab).
	isNode := map[string]bool{}
	var devs []string
	for _, name := range model.SortedKeys(f.Devices) {
		d := f.Devices[name]
		if d.IsSwitch() {
			if d.Platform == "" {
				t.Skipped = append(t.Skipped, fmt.Sprintf("switch %s: no platform, no configuration to start it with", name))
				continue
			}
			isNode[name] = true
			devs = append(devs, name)
			continue
		}
		cabled := false
		for in := range d.Interfaces {
			if l := topo.LinkAt[analysis.Port{Device: name, Interface: in}]; l != nil {
				a, _ := model.SplitEnd(l.A)
				b, _ := model.SplitEnd(l.B)
				cabled = cabled || a != b
			}
		}
		if !cabled {
			continue
		}
		isNode[name] = true
		devs = append(devs, name)
	}
	nodeNames := labnames.NodeNames(devs)

	// Cables between nodes, each port once.
	type cable struct {
		l    *model.Link
		a, b analysis.Port
	}
	var cables []cable
	usedPort := map[analysis.Port]string{}
	cabledIfs := map[string]map[string]bool{}
	for _, label := range model.SortedKeys(f.Links) {
		l := f.Links[label]
		a, b := analysis.ParsePort(l.A), analysis.ParsePort(l.B)
		switch {
		case !isNode[a.Device] || !isNode[b.Device]:
			t.Skipped = append(t.Skipped, fmt.Sprintf("cable %s (%s - %s): an end is not a lab node", label, l.A, l.B))
			continue
		case a.Device == b.Device:
			t.Skipped = append(t.Skipped, fmt.Sprintf("cable %s: loop cable on %s", label, a.Device))
			continue
		case isMgmtPort(f, a) || isMgmtPort(f, b):
			t.Skipped = append(t.Skipped, fmt.Sprintf("cable %s (%s - %s): a switch's management port; containerlab's management network (mgmt) stands for it", label, l.A, l.B))
			continue
		case usedPort[a] != "" || usedPort[b] != "":
			t.Skipped = append(t.Skipped, fmt.Sprintf("cable %s: a port is already cabled by cable %s", label, usedPort[a]+usedPort[b]))
			continue
		}
		usedPort[a], usedPort[b] = label, label
		for _, p := range []analysis.Port{a, b} {
			if cabledIfs[p.Device] == nil {
				cabledIfs[p.Device] = map[string]bool{}
			}
			cabledIfs[p.Device][p.Interface] = true
		}
		cables = append(cables, cable{l, a, b})
	}

	// Management: the switches' common management VLAN.
	var mgmtVLAN string
	for _, name := range devs {
		if plan := facts.SwitchPlan(name); plan != nil && plan.Mgmt != nil && plan.Mgmt.Address != "" {
			if v := f.VLANs[plan.Mgmt.VLAN]; v != nil && v.Subnet != "" {
				mgmtVLAN = plan.Mgmt.VLAN
				t.MgmtSubnet, t.MgmtGateway = v.Subnet, v.Gateway
				break
			}
		}
	}
	mgmtPrefix, _ := netip.ParsePrefix(t.MgmtSubnet)

	nodes := map[string]*Node{}
	for _, name := range devs {
		d := f.Devices[name]
		n := &Node{Device: name, Name: nodeNames[name], Switch: d.IsSwitch(), Platform: d.Platform}
		if n.Switch {
			n.Image = ImageFor(f, d.Platform)
		} else {
			n.Image = ImageFor(f, "endpoint")
		}
		// The names the namespace lab maps for this node (lab.NewTopology):
		// declared and cabled interfaces, management ports.
		set := map[string]bool{}
		for in := range cabledIfs[name] {
			set[in] = true
		}
		if n.Image.Pattern == "" {
			for in := range d.Interfaces {
				set[in] = true
			}
			if dt := f.DeviceTypes[d.Model]; dt != nil {
				for pn, p := range dt.Ports {
					if p.MgmtOnly {
						set[pn] = true
					}
				}
			}
			if d.Mgmt != nil && d.Mgmt.Interface != "" {
				set[d.Mgmt.Interface] = true
			}
		}
		n.Ports = mapPorts(n.Image, model.SortedKeys(set))
		for _, p := range n.Ports {
			if p.Mismatch {
				n.Notes = append(n.Notes, fmt.Sprintf("%s has no port %s: its cable lands on %s (%s in the image), which the startup configuration does not configure", n.Image.Kind, p.Design, p.Lab, p.OS))
			}
		}
		if n.Switch {
			kind, err := reg.Lookup(d.Platform)
			if err != nil {
				return nil, fmt.Errorf("device %s: %w", name, err)
			}
			if plan := facts.SwitchPlan(name); plan != nil && plan.Mgmt != nil && plan.Mgmt.VLAN == mgmtVLAN {
				if pfx, err := netip.ParsePrefix(plan.Mgmt.Address); err == nil && mgmtPrefix.Contains(pfx.Addr()) {
					n.MgmtIPv4 = pfx.Addr().String()
				}
			}
			if n.Image.Kind == "linux" && kind.Name == "linux" {
				// containerlab's linux kind has no startup configuration: the
				// image's entry point applies the bound files.
				n.Binds = []string{
					"../configs/" + name + ".ovs.sh:/etc/avnet/ovs.sh:ro",
					"../configs/" + name + ".frr.conf:/etc/avnet/frr.conf:ro",
				}
				if d.PTP != nil && d.PTP.Mode != "" && d.PTP.Mode != "none" {
					n.Binds = append(n.Binds, "../ptp/"+name+".conf:/etc/avnet/ptp4l.conf:ro")
				}
			} else {
				n.StartupConfig = "../configs/" + name + "." + kind.ConfigExt
			}
		} else {
			n.Exec = endpointExec(f, d, n)
		}
		nodes[name] = n
		t.Nodes = append(t.Nodes, n)
	}
	sort.Slice(t.Nodes, func(i, j int) bool { return t.Nodes[i].Name < t.Nodes[j].Name })

	for _, c := range cables {
		na, nb := nodes[c.a.Device], nodes[c.b.Device]
		pa, pb := na.PortOf(c.a.Interface), nb.PortOf(c.b.Interface)
		t.Links = append(t.Links, &Link{Label: c.l.Label, A: c.l.A, B: c.l.B,
			ANode: na.Name, AIf: pa.Lab, AOS: pa.OS, BNode: nb.Name, BIf: pb.Lab, BOS: pb.OS,
			Mismatch: pa.Mismatch || pb.Mismatch, Speed: c.l.Speed, Media: c.l.Medium})
	}
	sort.Strings(t.Skipped)
	return t, nil
}

// isMgmtPort reports whether p is a switch's management port: in
// containerlab it is the container's eth0 on the management network.
func isMgmtPort(f *model.Facility, p analysis.Port) bool {
	d := f.Devices[p.Device]
	if d == nil || !d.IsSwitch() {
		return false
	}
	if d.Mgmt != nil && d.Mgmt.Interface == p.Interface {
		return true
	}
	if dt := f.DeviceTypes[d.Model]; dt != nil && dt.Ports[p.Interface] != nil {
		return dt.Ports[p.Interface].MgmtOnly
	}
	return false
}

// endpointExec configures an endpoint's cabled interfaces: MTU, address,
// IGMP version of its VLAN, up; the first media or IPTV interface carries
// the multicast route.
func endpointExec(f *model.Facility, d *model.Device, n *Node) []string {
	var out []string
	route := ""
	for _, p := range n.Ports {
		i := d.Interfaces[p.Design]
		if i == nil {
			continue
		}
		mtu := 1500
		igmp := 0
		for _, vn := range i.AllVLANs() {
			if v := f.VLANs[vn]; v != nil {
				mtu = max(mtu, v.MTU)
				if v.IGMP != nil && vn == i.VLAN {
					igmp = v.IGMP.Version
				}
				if route == "" && vn == i.VLAN && (v.Purpose == "media" || v.Purpose == "iptv") {
					route = p.Lab
				}
			}
		}
		out = append(out, fmt.Sprintf("ip link set dev %s mtu %d", p.Lab, mtu))
		if i.IP != "" {
			if _, err := netip.ParsePrefix(i.IP); err == nil {
				out = append(out, fmt.Sprintf("ip address add %s dev %s", i.IP, p.Lab))
			}
		}
		if igmp > 0 {
			out = append(out, fmt.Sprintf("sysctl -w net.ipv4.conf.%s.force_igmp_version=%d", p.Lab, igmp))
		}
		out = append(out, fmt.Sprintf("ip link set dev %s up", p.Lab))
	}
	if route != "" {
		out = append(out, "ip route add 224.0.0.0/4 dev "+route)
	}
	return out
}

func designName(f *model.Facility) string {
	d := strings.TrimRight(f.Dir, "/")
	if d == "" {
		return labnames.LabName(f.Package)
	}
	return labnames.LabName(d)
}
