package platform_test

import (
	"io/fs"
	"path"
	"strings"
	"testing"
	"text/template"
	"text/template/parse"

	"github.com/avnet/avnet/internal/platform"
	"github.com/avnet/avnet/internal/scaffold"
	"github.com/avnet/avnet/templates"
)

// langs is the output language of every switch template; a template
// missing here fails the test.
var langs = map[string]platform.Lang{
	"eos.tmpl": platform.CLI, "nxos.tmpl": platform.CLI, "iosxe.tmpl": platform.CLI,
	"linux-frr.tmpl": platform.CLI, "linux-ovs.tmpl": platform.Shell,
}

// parseTrees parses src as text/template does, without knowing its
// functions.
func parseTrees(t *testing.T, name, src string) map[string]*parse.Tree {
	t.Helper()
	tr := parse.New(name)
	tr.Mode = parse.SkipFuncCheck | parse.ParseComments
	trees := map[string]*parse.Tree{}
	if _, err := tr.Parse(src, "{{", "}}", trees); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return trees
}

// TestTemplatesEscapeEveryValue walks the parse tree of every switch
// template: an action that prints a value without its language's escaper
// is a failure.
func TestTemplatesEscapeEveryValue(t *testing.T) {
	files, err := fs.Glob(templates.FS, "switchcfg/*.tmpl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no switch templates (%v)", err)
	}
	for _, f := range files {
		name := path.Base(f)
		lang, ok := langs[name]
		if !ok {
			t.Errorf("%s: no output language declared for it in this test", name)
			continue
		}
		src, err := fs.ReadFile(templates.FS, f)
		if err != nil {
			t.Fatal(err)
		}
		if err := platform.CheckTrees(name, parseTrees(t, name, string(src)), lang); err != nil {
			t.Error(err)
		}
	}
	if _, err := scaffold.ParseTemplate(); err != nil {
		t.Error(err)
	}
}

// TestCheckTreesFails: the check refuses every way of printing a raw
// value, so the test above can fail.
func TestCheckTreesFails(t *testing.T) {
	for src, ok := range map[string]bool{
		`hostname {{.Name}}`:                           false,
		`hostname {{.Name | upper}}`:                   false,
		`hostname {{word .Name | upper}}`:              false,
		`{{range .Ports}}{{.Name}}{{end}}`:             false,
		`{{if .X}}{{else}}{{.Y}}{{end}}`:               false,
		`{{with .X}}{{.}}{{end}}`:                      false,
		`{{define "x"}}{{.}}{{end}}{{template "x" .}}`: false,
		`hostname {{.Name | word}}`:                    true,
		`description {{cli .Description}}`:             true,
		`{{$x := .Name}}{{$x | word}}`:                 true,
		`{{range .Ports}}{{.Name | word}}{{end}}`:      true,
	} {
		err := platform.CheckTrees("t", parseTrees(t, "t", src), platform.CLI)
		if (err == nil) != ok {
			t.Errorf("%s: error %v, want ok=%v", src, err, ok)
		}
	}
	if err := platform.CheckTrees("t", parseTrees(t, "t", `add-port {{.Name | word}}`), platform.Shell); err == nil {
		t.Error("a CLI escaper passes in a shell template")
	}
}

// TestRenderRefusesRawTemplate: rendering checks too (ExecuteTemplate),
// not only this test.
func TestRenderRefusesRawTemplate(t *testing.T) {
	id := func(s string) string { return s }
	funcs := template.FuncMap{"sh": id, "comment": id, "bridge": func() string { return "br0" }, "ovsdb": id, "ovsdbQuoted": id, "ovsArg": id}
	if _, err := platform.ExecuteTemplate("linux-ovs.tmpl", platform.CLI, funcs, &platform.Device{}); err == nil || !strings.Contains(err.Error(), "without a cli escaper") {
		t.Errorf("the OVS script renders with the CLI's escapers: %v", err)
	}
}
