package platform

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/avnet/avnet/internal/escape"
)

// Lang is the output language of a template. Its escapers are the only
// functions whose result a template may print: every action that prints
// ({{…}} without a variable declaration) must end in one of them, which
// ExecuteTemplate checks before it runs a template (CheckEscaped). A
// template that prints a raw string does not render.
type Lang struct {
	Name     string
	Escapers template.FuncMap
}

// CLI is the language of EOS, NX-OS and IOS XE configurations and of
// frr.conf: "cli" prints free text to the end of the line (descriptions,
// comments, banner lines, multi-word keywords avnet writes), "word" one
// token (names, addresses, numbers).
var CLI = Lang{Name: "cli", Escapers: template.FuncMap{
	"cli":  func(v any) (string, error) { return escapeValue(v, escape.CLI) },
	"word": func(v any) (string, error) { return escapeValue(v, escape.CLIWord) },
}}

// Shell is the language of the OVS script: "sh" prints one shell word,
// "comment" the text of a # comment.
var Shell = Lang{Name: "shell", Escapers: template.FuncMap{
	"sh":      func(v any) (string, error) { return escapeValue(v, escape.Shell) },
	"comment": func(v any) (string, error) { return escapeValue(v, escape.Line) },
}}

// escapeValue escapes a string; numbers and booleans, which cannot hold
// text, print as Go prints them. Any other type is an error: a template
// must pick what it prints.
func escapeValue(v any, esc func(string) string) (string, error) {
	switch x := v.(type) {
	case string:
		return esc(x), nil
	case int:
		return strconv.Itoa(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case uint32:
		return strconv.FormatUint(uint64(x), 10), nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case bool:
		return strconv.FormatBool(x), nil
	}
	return "", fmt.Errorf("cannot print a value of type %T: convert it to a string first", v)
}

// CheckEscaped returns an error naming every action of t (and of the
// templates it defines) that prints a value without passing it through
// one of lang's escapers last.
func CheckEscaped(t *template.Template, lang Lang) error {
	trees := map[string]*parse.Tree{}
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			trees[tt.Name()] = tt.Tree
		}
	}
	return CheckTrees(t.Name(), trees, lang)
}

// CheckTrees is CheckEscaped on parse trees (text/template/parse).
func CheckTrees(name string, trees map[string]*parse.Tree, lang Lang) error {
	var bad []string
	names := make([]string, 0, len(trees))
	for n := range trees {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		tree := trees[n]
		if tree.Root == nil {
			continue
		}
		walkActions(tree.Root, func(a *parse.ActionNode) {
			if len(a.Pipe.Decl) > 0 {
				return // {{$x := …}} prints nothing
			}
			if k := len(a.Pipe.Cmds); k > 0 && len(a.Pipe.Cmds[k-1].Args) > 0 {
				if id, ok := a.Pipe.Cmds[k-1].Args[0].(*parse.IdentifierNode); ok {
					if _, ok := lang.Escapers[id.Ident]; ok {
						return
					}
				}
			}
			loc, text := tree.ErrorContext(a)
			bad = append(bad, fmt.Sprintf("%s: %s prints a value without a %s escaper (end the pipeline with %s)", loc, text, lang.Name, escaperNames(lang)))
		})
	}
	if len(bad) > 0 {
		return fmt.Errorf("template %s: %s", name, strings.Join(bad, "; "))
	}
	return nil
}

func escaperNames(lang Lang) string {
	var names []string
	for n := range lang.Escapers {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, " or ")
}

// walkActions calls f for every action node under n, branches included.
func walkActions(n parse.Node, f func(*parse.ActionNode)) {
	switch x := n.(type) {
	case *parse.ListNode:
		if x == nil {
			return
		}
		for _, c := range x.Nodes {
			walkActions(c, f)
		}
	case *parse.ActionNode:
		f(x)
	case *parse.IfNode:
		walkActions(x.List, f)
		walkActions(x.ElseList, f)
	case *parse.RangeNode:
		walkActions(x.List, f)
		walkActions(x.ElseList, f)
	case *parse.WithNode:
		walkActions(x.List, f)
		walkActions(x.ElseList, f)
	case *parse.TemplateNode:
		// {{template "x" .}} prints what x prints: x is checked as one
		// of t.Templates().
	}
}
