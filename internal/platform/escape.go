package platform

import (
	"fmt"
	"strconv"
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
	names := make([]string, 0, len(lang.Escapers))
	for n := range lang.Escapers {
		names = append(names, n)
	}
	return escape.CheckTemplate(name, trees, lang.Name, names...)
}
