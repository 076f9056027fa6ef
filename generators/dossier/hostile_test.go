package dossier_test

import (
	"context"
	"strings"
	"testing"

	"github.com/avnet/avnet/generators/dossier"
	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/generators/gentest"
)

// TestHostileHTML is the outputs-inert corpus for the dossier: markup in
// the facility's name, an endpoint's name and description and a flow's
// description (past the schema) appears only escaped, diagrams included,
// and the document stays well-formed.
func TestHostileHTML(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the dossier for every markup case")
	}
	for _, h := range gentest.HostileCorpus {
		if !strings.ContainsAny(h.Value, `<>&"'`) {
			continue // html/template escapes markup; the rest is the schema's
		}
		t.Run(h.Name, func(t *testing.T) {
			f := gentest.LabMinimal(t)
			v := gentest.Marked(h.Value)
			f.Info.Name = v
			if !strings.Contains(h.Value, ":") {
				gentest.Rename(t, f, "cam-1", "cam-1"+v)
			}
			for _, d := range f.Devices {
				d.Description = v
			}
			for _, fl := range f.Flows {
				fl.Description = v
			}
			doc, err := dossier.HTML(gen.WithEnv(context.Background(), env("fr")), f, gentest.Reanalyze(f))
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(doc), v) && strings.ContainsAny(h.Value, "<>&") {
				t.Errorf("the dossier holds %q unescaped", v)
			}
			checkHTML(t, doc)
		})
	}
}
