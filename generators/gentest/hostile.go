package gentest

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/model"
)

// Hostile is one string an attacker writes into a design, to be checked
// inert in every output it reaches.
type Hostile struct {
	Name  string // the case, for test names
	Value string
}

// HostileCorpus is the outputs-inert corpus: the quotes and operators of
// the shell, command and argument injection into ovs-vsctl and the
// switches' CLIs, banner and heredoc ends, markup, DOT and SDP line
// injection, control and bidirectional characters.
var HostileCorpus = []Hostile{
	{"single-quote", "it's"},
	{"double-quote", `say "hi"`},
	{"command-substitution", "media'$(touch pwned)'"},
	{"backticks", "`touch pwned`"},
	{"semicolon", "a; touch pwned"},
	{"pipe", "a | sh"},
	{"ampersand", "a && touch pwned &"},
	{"newline-cli", "x\nusername backdoor privilege 15 nopassword"},
	{"crlf-cli", "x\r\nusername backdoor privilege 15 nopassword\r\n"},
	{"ovs-vsctl", "' -- add-port br0 vx0 -- set Interface vx0 type=vxlan options:remote_ip=1.2.3.4"},
	{"ovs-vsctl-bare", " -- add-port br0 vx0 -- set Interface vx0 type=vxlan options:remote_ip=1.2.3.4"},
	{"hash", "Studio #1"},
	{"caret-c", "end ^C here"},
	{"etx", "end \x03 here"},
	{"eof-line", "x\nEOF\nusername backdoor privilege 15 nopassword"},
	{"script", "</script><script>alert(1)</script>"},
	{"dot", `"]; evil [label="x`},
	{"dot-html", "<B>x</B> & <BR/>"},
	{"sdp-crlf", "s\r\nv=0\r\no=- 1 1 IN IP4 6.6.6.6\r\ns=evil"},
	{"backslash", `a\b\N\l\`},
	{"bidi", "abc\u202edcba"},
	{"escape-sequence", "\x1b]0;pwned\x07\x1b[2J"},
	{"nul", "a\x00b"},
	{"line-separator", "a\u2028b\u0085c"},
	{"dash-dash", "--"},
	{"accents", "Régie — plateau « A »"},
}

// Marked brackets a value between two markers no output writes by
// itself, so that tests can find and replace it.
func Marked(v string) string { return "zq" + v + "qz" }

// Plain is the plain value a hostile one is compared with.
const Plain = "plain"

// Rename replaces the name old by new everywhere in f, map keys included:
// a string equal to old, and the "old:port" and "device:old" forms of link
// ends. It bypasses the schema, as a hostile model built by code would.
func Rename(t *testing.T, f *model.Facility, old, new string) {
	t.Helper()
	n := 0
	rename(reflect.ValueOf(f), func(s string) string {
		switch {
		case s == old:
			n++
			return new
		case strings.HasPrefix(s, old+":"):
			n++
			return new + s[len(old):]
		case strings.HasSuffix(s, ":"+old):
			n++
			return s[:len(s)-len(old)] + new
		}
		return s
	}, map[uintptr]bool{})
	if n == 0 {
		t.Fatalf("rename %q: the design has no such name", old)
	}
}

func rename(v reflect.Value, f func(string) string, seen map[uintptr]bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		rename(v.Elem(), f, seen)
	case reflect.Interface:
		if v.IsNil() {
			return
		}
		c := reflect.New(v.Elem().Type()).Elem()
		c.Set(v.Elem())
		rename(c, f, seen)
		if v.CanSet() {
			v.Set(c)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				rename(v.Field(i), f, seen)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			rename(v.Index(i), f, seen)
		}
	case reflect.Map:
		if v.IsNil() || !v.CanSet() {
			return
		}
		m := reflect.MakeMapWithSize(v.Type(), v.Len())
		iter := v.MapRange()
		for iter.Next() {
			k := reflect.New(v.Type().Key()).Elem()
			k.Set(iter.Key())
			rename(k, f, seen)
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(iter.Value())
			rename(e, f, seen)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.String:
		if v.CanSet() {
			v.SetString(f(v.String()))
		}
	}
}

// LabMinimal loads designs/lab-minimal afresh (a model tests may change)
// from a package directory two levels below the repository root.
func LabMinimal(t *testing.T) *model.Facility {
	t.Helper()
	f, _, skip := Vetted(t, filepath.Join("..", "..", "designs", "lab-minimal"))
	if skip != "" {
		t.Fatal(skip)
	}
	return f
}

// Reanalyze recomputes the facts of a changed model.
func Reanalyze(f *model.Facility) *analysis.Facts { return analysis.Analyze(f) }

// ShellCommand is one simple command of a script as a shell runs it: its
// words after expansion (with an empty environment) and quote removal.
type ShellCommand []string

// ShellCommands parses a script with mvdan.cc/sh, a real shell parser,
// and returns its simple commands; anything else (a pipe, a
// substitution, a redirection, a background job) fails the test.
func ShellCommands(t *testing.T, name, script string) []ShellCommand {
	t.Helper()
	f, err := syntax.NewParser().Parse(strings.NewReader(script), name)
	if err != nil {
		t.Fatalf("%s does not parse: %v", name, err)
	}
	var out []ShellCommand
	for _, st := range f.Stmts {
		call, ok := st.Cmd.(*syntax.CallExpr)
		if !ok || st.Background || st.Negated || len(st.Redirs) > 0 {
			t.Fatalf("%s: statement at %s is not a simple command", name, st.Pos())
		}
		syntax.Walk(call, func(n syntax.Node) bool {
			switch n.(type) {
			case *syntax.CmdSubst, *syntax.ProcSubst, *syntax.ArithmExp:
				t.Fatalf("%s:%s: substitution in the script", name, n.Pos())
			}
			return true
		})
		fields, err := expand.Fields(&expand.Config{}, call.Args...)
		if err != nil {
			t.Fatalf("%s:%s: %v", name, st.Pos(), err)
		}
		out = append(out, fields)
	}
	return out
}

// ShellStructure is a script's command structure: every command's name
// and word count, and for ovs-vsctl every sub-command's name and
// argument count (its "--" separated commands).
func ShellStructure(cmds []ShellCommand) []string {
	var out []string
	for _, c := range cmds {
		if len(c) == 0 {
			out = append(out, "(assignment)")
			continue
		}
		out = append(out, c[0]+"/"+strconv.Itoa(len(c)))
		i := slices.Index(c, "ovs-vsctl")
		if i < 0 {
			continue
		}
		n, name := 0, ""
		for _, w := range append(c[i+1:], "--") {
			if w == "--" {
				if name != "" {
					out = append(out, "  "+name+"/"+strconv.Itoa(n))
				}
				n, name = 0, ""
				continue
			}
			if name == "" && strings.HasPrefix(w, "--") {
				continue
			}
			if name == "" {
				name = w
				continue
			}
			n++
		}
	}
	return out
}

// BashN checks a script with `bash -n`.
func BashN(t *testing.T, name, script string) {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatal("bash is needed: apt-get install bash")
	}
	p := filepath.Join(t.TempDir(), "script.sh")
	if err := os.WriteFile(p, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bash, "-n", p).CombinedOutput(); err != nil {
		t.Errorf("%s: bash -n: %v\n%s", name, err, out)
	}
}
