package clab_test

import (
	"net/netip"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	"github.com/avnet/avnet/generators/clab"
	"github.com/avnet/avnet/generators/gentest"
	"github.com/avnet/avnet/generators/switchcfg"
	"github.com/avnet/avnet/internal/build"
	"github.com/avnet/avnet/internal/lab"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/schemacheck"
)

const archives = "../sdp/testdata/designs"

// clabSchema is containerlab's topology schema in the module cache.
func clabSchema(t *testing.T) string {
	t.Helper()
	dir, err := schemacheck.ModuleDir(schemacheck.ContainerlabModule, schemacheck.ContainerlabVersion)
	if err != nil {
		t.Fatalf("containerlab's JSON schema: %v", err)
	}
	return filepath.Join(dir, "schemas", "clab.schema.json")
}

// Every design's topology validates against containerlab's own schema.
func TestSchema(t *testing.T) {
	schema := clabSchema(t)
	set := schemacheck.NewSet()
	n := 0
	for _, d := range gentest.Designs(t, archives) {
		t.Run(d.Name, func(t *testing.T) {
			f, facts := d.Loaded(t)
			files := gentest.Generate(t, clab.Generator, f, facts, nil)
			for name, b := range files {
				if strings.HasPrefix(name, build.LabDir+"/") {
					t.Errorf("%s is in %s/, which belongs to avnet lab test (a build carries it over unwritten)", name, build.LabDir)
				}
				if !strings.HasSuffix(name, ".clab.yml") {
					continue
				}
				n++
				if err := set.ValidateYAML(schema, b); err != nil {
					t.Errorf("%s does not validate against containerlab %s's schema: %v", name, schemacheck.ContainerlabVersion, err)
				}
			}
		})
	}
	if n == 0 {
		t.Fatal("no topology was generated")
	}
	// The schema can fail: a node without a kind's valid value is refused.
	if err := set.ValidateYAML(schema, []byte("name: x\ntopology:\n  nodes:\n    a: {kind: not-a-kind}\n")); err == nil {
		t.Error("containerlab's schema accepted an unknown kind: the check proves nothing")
	}
}

// The flagship and the lab design match their golden topologies.
func TestGolden(t *testing.T) {
	for _, name := range []string{"chaine-tv-ip", "lab-minimal"} {
		t.Run(name, func(t *testing.T) {
			f, facts, skip := gentest.Vetted(t, filepath.Join("..", "..", "designs", name))
			if skip != "" {
				t.Skip(skip)
			}
			gentest.Golden(t, name, gentest.Generate(t, clab.Generator, f, facts, nil))
		})
	}
}

func TestDeterministic(t *testing.T) { gentest.Deterministic(t, archives, clab.Generator) }

// The Linux part of lab-minimal in containerlab is the namespace lab's:
// the same nodes, the same cables between the same Linux interfaces, and
// every port the switch's generated Open vSwitch transaction adds is a
// cabled interface of its container.
func TestSameAsNamespaceLab(t *testing.T) {
	f, facts, skip := gentest.Vetted(t, filepath.Join("..", "..", "designs", "lab-minimal"))
	if skip != "" {
		t.Skip(skip)
	}
	ct, err := clab.Build(f, facts)
	if err != nil {
		t.Fatal(err)
	}
	lt, err := lab.NewTopology(f, netip.MustParsePrefix("198.18.0.1/15"))
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, l := range ct.Links {
		got = append(got, l.Label+" "+l.ANode+":"+l.AIf+" "+l.BNode+":"+l.BIf)
	}
	for _, l := range lt.Links {
		want = append(want, l.Label+" "+l.ANode+":"+l.AIf+" "+l.BNode+":"+l.BIf)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("containerlab links differ from the namespace lab's (-lab +clab):\n%s", diff)
	}
	var gotNodes, wantNodes []string
	for _, n := range ct.Nodes {
		gotNodes = append(gotNodes, n.Name)
		for _, p := range n.Ports {
			if ln := lt.NodeOf(n.Device); ln != nil && ln.IfNames[p.Design] != p.Lab {
				t.Errorf("%s port %s: clab %s, lab %s", n.Device, p.Design, p.Lab, ln.IfNames[p.Design])
			}
		}
	}
	for _, n := range append(append([]*lab.Node{}, lt.Switches...), lt.Endpoints...) {
		wantNodes = append(wantNodes, n.Name)
	}
	sort.Strings(wantNodes)
	if diff := cmp.Diff(wantNodes, gotNodes); diff != "" {
		t.Errorf("containerlab nodes differ from the namespace lab's (-lab +clab):\n%s", diff)
	}

	configs := gentest.Generate(t, switchcfg.Generator, f, facts, nil)
	addPort := regexp.MustCompile(`add-port br0 (\S+)`)
	internalPort := regexp.MustCompile(`set Interface (\S+) type=internal`)
	for _, n := range ct.Nodes {
		if !n.Switch {
			continue
		}
		cabled := map[string]bool{}
		for _, l := range ct.Links {
			if l.ANode == n.Name {
				cabled[l.AIf] = true
			}
			if l.BNode == n.Name {
				cabled[l.BIf] = true
			}
		}
		if len(n.Binds) == 0 {
			t.Fatalf("%s: no configuration bound", n.Name)
		}
		for _, b := range n.Binds {
			host := strings.SplitN(b, ":", 2)[0]
			if _, ok := configs[strings.TrimPrefix(host, "../")]; !ok && strings.HasPrefix(host, "../configs/") {
				t.Errorf("%s binds %s, which the build does not write", n.Name, host)
			}
		}
		script := configs["configs/"+n.Device+".ovs.sh"]
		internal := map[string]bool{} // Open vSwitch makes these itself
		for _, m := range internalPort.FindAllSubmatch(script, -1) {
			internal[string(m[1])] = true
		}
		ms := addPort.FindAllSubmatch(script, -1)
		if len(ms) == 0 {
			t.Fatalf("%s.ovs.sh adds no port", n.Device)
		}
		for _, m := range ms {
			if p := string(m[1]); !cabled[p] && !internal[p] {
				t.Errorf("%s.ovs.sh adds port %s, which no containerlab link gives the container", n.Device, p)
			}
		}
	}
}

// Each kind's port naming, as containerlab v0.60.0 maps eth<k>.
func TestPortNaming(t *testing.T) {
	for _, tc := range []struct {
		platform, kind string
		ports          map[string]string // design port -> container interface
	}{
		{"eos", "", map[string]string{"Ethernet1": "eth1", "Ethernet12": "eth12", "Ethernet49/1": "eth49_1"}},
		{"nxos", "", map[string]string{"Ethernet1/1": "eth1", "Ethernet1/49": "eth49"}},
		{"iosxe", "", map[string]string{"GigabitEthernet1/0/1": "eth1", "GigabitEthernet1/0/24": "eth24"}},
		{"iosxe", "cisco_c8000v", map[string]string{"GigabitEthernet2": "eth1", "GigabitEthernet5": "eth4"}},
	} {
		f := &model.Facility{}
		if tc.kind != "" {
			f.Lab = &model.Lab{Images: map[string]*model.LabImage{tc.platform: {Kind: tc.kind}}}
		}
		img := clab.ImageFor(f, tc.platform)
		var names []string
		for n := range tc.ports {
			names = append(names, n)
		}
		for _, p := range clab.MapPorts(img, names) {
			if p.Lab != tc.ports[p.Design] || p.Mismatch {
				t.Errorf("%s/%s: %s -> %s (mismatch %v), want %s", tc.platform, img.Kind, p.Design, p.Lab, p.Mismatch, tc.ports[p.Design])
			}
		}
	}
	// A port the image cannot name lands after every named one, flagged.
	img := clab.ImageFor(&model.Facility{}, "nxos")
	ps := clab.MapPorts(img, []string{"Ethernet1/3", "mgmt0", "Ethernet2/1"})
	got := map[string]string{}
	for _, p := range ps {
		got[p.Design] = p.Lab
		if p.Mismatch != (p.Design != "Ethernet1/3") {
			t.Errorf("%s: mismatch %v", p.Design, p.Mismatch)
		}
	}
	if diff := cmp.Diff(map[string]string{"Ethernet1/3": "eth3", "Ethernet2/1": "eth4", "mgmt0": "eth5"}, got); diff != "" {
		t.Errorf("fallback ports (-want +got):\n%s", diff)
	}
}

// Design strings reach the YAML as scalars the encoder quotes, and
// comments without line breaks: the file reads back as it was meant.
func TestYAMLEscaping(t *testing.T) {
	evil := "x\n  injected: true # : - [a] {b} 'c' \"d\""
	tp := &clab.Topology{Name: "t", Nodes: []*clab.Node{{
		Device: evil, Name: "n-1", Image: clab.Image{Kind: "linux", Image: "yes"},
		Exec:  []string{"echo " + evil},
		Ports: []clab.Port{{Design: evil, Lab: "e1", OS: evil}},
		Notes: []string{evil},
	}}, Links: []*clab.Link{{Label: evil, A: evil, B: evil, ANode: "n-1", AIf: "e1", BNode: "n-1", BIf: "e2"}},
		Skipped: []string{evil}}
	b, err := tp.YAML("dev\nname: pwned")
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Name     string
		Topology struct {
			Nodes map[string]struct {
				Image  string
				Exec   []string
				Labels map[string]string
			}
		}
	}
	if err := yaml.Unmarshal(b, &back); err != nil {
		t.Fatalf("not YAML: %v\n%s", err, b)
	}
	n := back.Topology.Nodes["n-1"]
	if back.Name != "t" || n.Image != "yes" || len(n.Exec) != 1 || n.Exec[0] != "echo "+evil || n.Labels["avnet.device"] != evil {
		t.Errorf("the YAML does not read back as written:\n%s", b)
	}
	// No key the design's strings spelled made it into the tree.
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if k := n.Content[i].Value; k == "injected" || k == "pwned" {
					t.Errorf("line %d: a design string became the key %q", n.Content[i].Line, k)
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&doc)
	if root := doc.Content[0]; len(root.Content) != 4 {
		t.Errorf("the root has %d keys, want name and topology", len(root.Content)/2)
	}
}
