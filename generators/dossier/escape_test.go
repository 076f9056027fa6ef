package dossier

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// trustedConversions are the only places the dossier marks a string as
// safe for html/template: the diagrams' SVG, which Graphviz writes with
// every text of the design XML-escaped (the corpus of hostile designs
// checks the rendered dossier too).
var trustedConversions = map[string]int{"diagrams.go": 1}

// TestNoTrustedDesignText: the dossier is rendered by html/template
// (contextual escaping) and no code converts a string to one of
// html/template's trusted types beyond trustedConversions.
func TestNoTrustedDesignText(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	trusted := map[string]bool{"HTML": true, "HTMLAttr": true, "JS": true, "JSStr": true, "CSS": true, "URL": true, "Srcset": true}
	fset := token.NewFileSet()
	got := map[string]int{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		tmplName := ""
		for _, im := range file.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			switch p {
			case "text/template":
				t.Errorf("%s imports text/template: the dossier is HTML, rendered by html/template", f)
			case "html/template":
				tmplName = "template"
				if im.Name != nil {
					tmplName = im.Name.Name
				}
			}
		}
		if tmplName == "" {
			continue
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && trusted[sel.Sel.Name] {
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == tmplName {
					got[f]++
					if got[f] > trustedConversions[f] {
						t.Errorf("%s: template.%s(…) marks a string as safe HTML: let html/template escape it", fset.Position(call.Pos()), sel.Sel.Name)
					}
				}
			}
			return true
		})
	}
}
