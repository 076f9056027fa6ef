package lsp

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"cuelang.org/go/cue/ast"
	"cuelang.org/go/cue/format"
	"cuelang.org/go/cue/parser"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/rules/suite"
	"github.com/avnet/avnet/schemas"
)

// ruleDocs indexes the rule catalog by ID.
func ruleDocs() map[string]diag.RuleInfo {
	out := map[string]diag.RuleInfo{}
	for _, r := range suite.Infos() {
		out[r.ID] = r
	}
	return out
}

func ruleMarkdown(r diag.RuleInfo) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** %s (%s)\n\n", r.ID, r.Title, r.Severity)
	if r.Standard != "" {
		fmt.Fprintf(&b, "*%s*\n\n", r.Standard)
	}
	if _, rest, ok := strings.Cut(r.Doc, "\n"); ok {
		b.WriteString(strings.TrimSpace(rest))
	}
	return b.String()
}

// fieldDoc is one field of a schema definition: where it is declared,
// its constraint as written, and its comment.
type fieldDoc struct {
	def, constraint, comment string
}

// schemaFields reads the embedded schema once and lists, for every field
// name, each definition that declares it.
func schemaFields() map[string][]fieldDoc {
	out := map[string][]fieldDoc{}
	names, _ := fs.Glob(schemas.FS, "*.cue")
	for _, n := range names {
		if n == schemas.CatalogFile {
			continue
		}
		src, err := fs.ReadFile(schemas.FS, n)
		if err != nil {
			continue
		}
		f, err := parser.ParseFile(n, src, parser.ParseComments)
		if err != nil {
			continue
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.Field); ok {
				collectFields(labelName(fd.Label), fd, out)
			}
		}
	}
	for k := range out {
		sort.Slice(out[k], func(i, j int) bool { return out[k][i].def < out[k][j].def })
	}
	return out
}

func labelName(l ast.Label) string {
	name, _, _ := ast.LabelName(l)
	return name
}

func collectFields(def string, fd *ast.Field, out map[string][]fieldDoc) {
	st, ok := fd.Value.(*ast.StructLit)
	if !ok {
		return
	}
	for _, e := range st.Elts {
		f, ok := e.(*ast.Field)
		if !ok {
			continue
		}
		name := labelName(f.Label)
		if name == "" {
			continue
		}
		var comment []string
		for _, cg := range ast.Comments(f) {
			if cg.Position == 0 || cg.Doc {
				comment = append(comment, strings.TrimSpace(cg.Text()))
			}
		}
		constraint := ""
		if _, isStruct := f.Value.(*ast.StructLit); isStruct {
			constraint = "{…}"
		} else if b, err := format.Node(f.Value); err == nil {
			constraint = string(b)
			if len(constraint) > 200 {
				constraint = constraint[:200] + "…"
			}
		}
		out[name] = append(out[name], fieldDoc{def: def, constraint: constraint, comment: strings.Join(comment, "\n")})
		collectFields(def+"."+name, f, out)
	}
}

func fieldMarkdown(name string, docs []fieldDoc) string {
	var b strings.Builder
	for i, d := range docs {
		if i == 4 {
			fmt.Fprintf(&b, "… and %d more definitions\n", len(docs)-i)
			break
		}
		fmt.Fprintf(&b, "**%s.%s**: `%s`\n\n", d.def, name, d.constraint)
		if d.comment != "" {
			b.WriteString(d.comment + "\n\n")
		}
	}
	return strings.TrimSpace(b.String())
}
