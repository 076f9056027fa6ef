package diagram_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os/exec"
	"strings"
	"testing"

	"github.com/avnet/avnet/generators/diagram"
	"github.com/avnet/avnet/generators/gentest"
)

// hostileDiagrams draws lab-minimal with v in the facility's name (every
// title) and in an endpoint's name (nodes, labels, edges), past the
// schema.
func hostileDiagrams(t *testing.T, v string, renameEndpoint bool) map[string]diagram.Diagram {
	t.Helper()
	f := gentest.LabMinimal(t)
	f.Info.Name = gentest.Marked(v)
	if renameEndpoint {
		gentest.Rename(t, f, "cam-1", "cam-1"+gentest.Marked(v))
	}
	ds, err := diagram.Render(context.Background(), f, gentest.Reanalyze(f), "fr")
	if err != nil && ds == nil {
		t.Fatal(err)
	}
	out := map[string]diagram.Diagram{}
	for _, d := range ds {
		out[d.Name] = d
	}
	return out
}

// counts is what Graphviz's gc counts in a graph: nodes and edges.
func counts(t *testing.T, name string, src []byte) string {
	t.Helper()
	gc, err := exec.LookPath("gc")
	if err != nil {
		t.Fatal("gc is needed: apt-get install graphviz")
	}
	cmd := exec.Command(gc, "-n", "-e")
	cmd.Stdin = bytes.NewReader(src)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Fatalf("%s: gc: %v\n%s", name, err, stderr.String())
	}
	return strings.Join(strings.Fields(stdout.String()), " ")
}

// TestHostileDiagrams is the outputs-inert corpus for DOT and SVG: every
// diagram parses with Graphviz's dot, has the plain design's nodes and
// edges, and its SVG is well-formed XML.
func TestHostileDiagrams(t *testing.T) {
	if testing.Short() {
		t.Skip("draws every hostile case")
	}
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Fatal("dot is needed: apt-get install graphviz")
	}
	plain := hostileDiagrams(t, gentest.Plain, true)
	for _, h := range gentest.HostileCorpus {
		t.Run(h.Name, func(t *testing.T) {
			// A link end is "device:port": a name with a colon changes
			// the topology (the schema refuses it).
			got := hostileDiagrams(t, h.Value, !strings.Contains(h.Value, ":"))
			for _, n := range diagram.Names {
				src := got[n].DOT
				cmd := exec.Command(dot, "-Tcanon")
				cmd.Stdin = bytes.NewReader(src)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				if err := cmd.Run(); err != nil || stderr.Len() > 0 {
					t.Errorf("%s.dot: dot -Tcanon: %v\n%s\n%s", n, err, stderr.String(), src)
					continue
				}
				if want, have := counts(t, n, plain[n].DOT), counts(t, n, src); !strings.Contains(h.Value, ":") && want != have {
					t.Errorf("%s.dot: gc counts %q, the plain design's %q", n, have, want)
				}
				dec := xml.NewDecoder(bytes.NewReader(got[n].SVG))
				dec.Strict = true
				for {
					_, err := dec.Token()
					if err == io.EOF {
						break
					}
					if err != nil {
						t.Errorf("%s.svg is not well-formed XML: %v", n, err)
						break
					}
				}
			}
		})
	}
}
