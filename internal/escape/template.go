package escape

import (
	"fmt"
	"sort"
	"strings"
	"text/template/parse"
)

// CheckTemplate returns an error naming every action of the templates
// trees (text/template parse trees, by template name) that prints a value
// without passing it last through one of the functions escapers, the
// escapers of lang: a template that prints a raw string is an error.
// Actions that declare or assign a variable print nothing.
func CheckTemplate(name string, trees map[string]*parse.Tree, lang string, escapers ...string) error {
	ok := map[string]bool{}
	for _, e := range escapers {
		ok[e] = true
	}
	sorted := append([]string(nil), escapers...)
	sort.Strings(sorted)
	names := make([]string, 0, len(trees))
	for n := range trees {
		names = append(names, n)
	}
	sort.Strings(names)
	var bad []string
	for _, n := range names {
		tree := trees[n]
		if tree == nil || tree.Root == nil {
			continue
		}
		walkActions(tree.Root, func(a *parse.ActionNode) {
			if len(a.Pipe.Decl) > 0 {
				return
			}
			if k := len(a.Pipe.Cmds); k > 0 && len(a.Pipe.Cmds[k-1].Args) > 0 {
				if id, isID := a.Pipe.Cmds[k-1].Args[0].(*parse.IdentifierNode); isID && ok[id.Ident] {
					return
				}
			}
			loc, text := tree.ErrorContext(a)
			bad = append(bad, fmt.Sprintf("%s: %s prints a value without a %s escaper (end the pipeline with %s)", loc, text, lang, strings.Join(sorted, " or ")))
		})
	}
	if len(bad) > 0 {
		return fmt.Errorf("template %s: %s", name, strings.Join(bad, "; "))
	}
	return nil
}

// walkActions calls f for every action node under n, branches included.
// A {{template}} call prints what the called template prints, which is
// checked as one of the trees.
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
	}
}
