package escape_test

import (
	"encoding/json"
	"html"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"github.com/avnet/avnet/internal/escape"
)

// hostile are strings an attacker puts in a design; the fuzz targets
// start from them.
var hostile = []string{
	"", "plain", "a b", "'", `"`, "$(touch pwned)", "`touch pwned`", "a;b", "a|b", "a&b",
	"x\nusername backdoor privilege 15 nopassword", "x\r\nusername backdoor",
	"' -- add-port br0 vx0 -- set Interface vx0 type=vxlan options:remote_ip=1.2.3.4",
	"#", "^C", "a\x03b", "x\nEOF\ny", "EOF", "</script><script>alert(1)</script>",
	`"]; evil [label="x`, "s\r\nv=0\r\ns=evil", `\`, `\N\G\l`, "a\u202eb", "a\x00b", "\x1b]0;pwned\x07",
	"\xff\xfe", "Maquette — Régie", "a\u2028b", "--", "-x", "~root", "*", "a\tb",
}

func seed(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
}

// oneLine reports a string a line-oriented reader reads as one line.
func oneLine(t *testing.T, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s: %q is not UTF-8", what, s)
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0x2028 || r == 0x2029 ||
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			t.Fatalf("%s: %q holds %U", what, s, r)
		}
	}
}

// shellWord parses "printf %s WORD" with a real shell parser and returns
// the one argument the command gets, after quote removal.
func shellWord(t *testing.T, word string) string {
	t.Helper()
	f, err := syntax.NewParser().Parse(strings.NewReader("printf %s "+word+"\n"), "")
	if err != nil {
		t.Fatalf("%s does not parse: %v", word, err)
	}
	if len(f.Stmts) != 1 {
		t.Fatalf("%s: %d statements, want 1", word, len(f.Stmts))
	}
	call, ok := f.Stmts[0].Cmd.(*syntax.CallExpr)
	if !ok || len(f.Stmts[0].Redirs) > 0 || f.Stmts[0].Background || len(call.Assigns) > 0 {
		t.Fatalf("%s: not one simple command", word)
	}
	if len(call.Args) != 3 {
		t.Fatalf("%s: %d words, want 3", word, len(call.Args))
	}
	fields, err := expand.Fields(&expand.Config{}, call.Args[2])
	if err != nil {
		t.Fatalf("%s: expand: %v", word, err)
	}
	if len(fields) != 1 {
		t.Fatalf("%s: %d fields, want 1", word, len(fields))
	}
	return fields[0]
}

// shellValue is the value Shell keeps of s.
func shellValue(s string) string {
	return strings.NewReplacer("\x00", "\uFFFD", "\r", "\uFFFD").Replace(strings.ToValidUTF8(s, "\uFFFD"))
}

func TestShell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"swp1", "swp1"}, {"Ethernet1/1", "Ethernet1/1"}, {"", "''"}, {"a b", "'a b'"},
		{"it's", `'it'\''s'`}, {"$(touch pwned)", "'$(touch pwned)'"}, {"~x", "'~x'"},
	} {
		if got := escape.Shell(tc.in); got != tc.want {
			t.Errorf("Shell(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
	for _, s := range hostile {
		want := shellValue(s)
		if got := shellWord(t, escape.Shell(s)); got != want {
			t.Errorf("Shell(%q) reads back as %q", s, got)
		}
	}
}

// FuzzShell: a quoted word is one word whose value is the input.
func FuzzShell(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, s string) {
		want := shellValue(s)
		if got := shellWord(t, escape.Shell(s)); got != want {
			t.Fatalf("Shell(%q) = %s reads back as %q", s, escape.Shell(s), got)
		}
	})
}

func TestCLI(t *testing.T) {
	for _, tc := range []struct{ in, cli, word string }{
		{"Ethernet1/1", "Ethernet1/1", "Ethernet1/1"},
		{"cam-1 media-a", "cam-1 media-a", "cam-1_media-a"},
		{"x\nusername backdoor privilege 15 nopassword", "x username backdoor privilege 15 nopassword", "x_username_backdoor_privilege_15_nopassword"},
		{"Régie — plateau", "Regie - plateau", "Regie_-_plateau"},
		{"a\x03b\x1b", "a b ", "a_b_"},
	} {
		if got := escape.CLI(tc.in); got != tc.cli {
			t.Errorf("CLI(%q) = %q, want %q", tc.in, got, tc.cli)
		}
		if got := escape.CLIWord(tc.in); got != tc.word {
			t.Errorf("CLIWord(%q) = %q, want %q", tc.in, got, tc.word)
		}
	}
}

// FuzzCLI: CLI text is printable ASCII (one line, nothing a terminal or a
// CLI parser reads as a control); a word has no blank; printable ASCII
// input is kept as it is.
func FuzzCLI(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, s string) {
		c, w := escape.CLI(s), escape.CLIWord(s)
		for _, out := range []string{c, w} {
			for i := 0; i < len(out); i++ {
				if out[i] < 0x20 || out[i] >= 0x7f {
					t.Fatalf("CLI(%q) = %q holds byte %#x", s, out, out[i])
				}
			}
		}
		if strings.ContainsAny(w, " \t") {
			t.Fatalf("CLIWord(%q) = %q holds a blank", s, w)
		}
		printable := true
		for i := 0; i < len(s); i++ {
			printable = printable && s[i] >= 0x20 && s[i] < 0x7f
		}
		if printable && c != s {
			t.Fatalf("CLI(%q) = %q changed printable ASCII", s, c)
		}
		if l := escape.EOSBannerLine(s); strings.TrimSpace(l) == "EOF" || strings.ContainsAny(l, "\r\n") {
			t.Fatalf("EOSBannerLine(%q) = %q ends the banner", s, l)
		}
	})
}

func TestBanner(t *testing.T) {
	d, lines := escape.Banner([]string{"Authorised access only.", "Studio - sw-1"}, "#", "%")
	if d != "#" || lines[1] != "Studio - sw-1" {
		t.Errorf("plain banner: delimiter %q, lines %q", d, lines)
	}
	d, _ = escape.Banner([]string{"Studio #1 - sw-1"}, "#", "%")
	if d != "%" {
		t.Errorf("banner with '#': delimiter %q, want %%", d)
	}
	d, _ = escape.Banner([]string{"Studio ^C x"}, "^C", "#")
	if d != "#" {
		t.Errorf("banner with ^C: delimiter %q, want #", d)
	}
	d, lines = escape.Banner([]string{"# and %"}, "#", "%")
	if d != "#" || strings.Contains(lines[0], "#") {
		t.Errorf("banner holding every candidate: delimiter %q, lines %q", d, lines)
	}
}

// FuzzBanner: the banner's text never holds its delimiter.
func FuzzBanner(f *testing.F) {
	for _, s := range hostile {
		f.Add(s, "x#%")
	}
	f.Fuzz(func(t *testing.T, s, other string) {
		d, lines := escape.Banner([]string{s, other, s + other}, "^C", "#", "%")
		for _, l := range lines {
			if strings.Contains(l, d) {
				t.Fatalf("banner line %q holds its delimiter %q", l, d)
			}
			oneLine(t, "banner line", l)
		}
	})
}

// dotUnquote reads a Graphviz quoted string as its lexer does (only \"
// is an escape in the string; a quote not escaped ends it), then as a
// label: \\ is a backslash and \n a line break. It fails on anything
// else.
func dotUnquote(t *testing.T, q string) string {
	t.Helper()
	if len(q) < 2 || q[0] != '"' || q[len(q)-1] != '"' {
		t.Fatalf("%s is not quoted", q)
	}
	var b strings.Builder
	body := q[1 : len(q)-1]
	for i := 0; i < len(body); i++ {
		switch c := body[i]; c {
		case '"':
			t.Fatalf("%s: the string ends at byte %d", q, i+1)
		case '\\':
			if i+1 == len(body) {
				t.Fatalf("%s: the closing quote is escaped", q)
			}
			i++
			switch body[i] {
			case '\\', '"':
				b.WriteByte(body[i])
			case 'n':
				b.WriteByte('\n')
			default:
				t.Fatalf("%s: label escape \\%c", q, body[i])
			}
		case '\n', '\r':
			t.Fatalf("%s: raw line break", q)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// dotWant is what a label shows: the input with breaking characters
// other than the newline as spaces.
func dotWant(s string) string {
	lines := strings.Split(strings.ToValidUTF8(s, "\uFFFD"), "\n")
	for i := range lines {
		lines[i] = escape.Line(lines[i])
	}
	return strings.Join(lines, "\n")
}

// FuzzDOT: a quoted string ends where it should and shows the input.
func FuzzDOT(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, s string) {
		q := escape.DOT(s)
		if got, want := dotUnquote(t, q), dotWant(s); got != want {
			t.Fatalf("DOT(%q) = %s reads back as %q, want %q", s, q, got, want)
		}
		h := escape.DOTHTML(s)
		if strings.ContainsAny(strings.ReplaceAll(h, "<br/>", ""), `<>"`) {
			t.Fatalf("DOTHTML(%q) = %q holds markup", s, h)
		}
		oneLine(t, "DOTHTML", h)
		if got, want := html.UnescapeString(strings.ReplaceAll(h, "<br/>", "\n")), dotWant(s); got != want {
			t.Fatalf("DOTHTML(%q) = %q reads back as %q, want %q", s, h, got, want)
		}
	})
}

// FuzzSDP: s= and i= text is one line of UTF-8 without NUL (RFC 4566
// section 5), and M3U text one line, its attribute without a quote.
func FuzzSDP(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, s string) {
		for what, out := range map[string]string{"SDP": escape.SDP(s), "M3U": escape.M3U(s), "M3UAttr": escape.M3UAttr(s)} {
			oneLine(t, what, out)
			if out != strings.TrimSpace(out) || strings.Contains(out, "  ") {
				t.Fatalf("%s(%q) = %q: blanks not folded", what, s, out)
			}
		}
		if strings.Contains(escape.M3UAttr(s), `"`) {
			t.Fatalf("M3UAttr(%q) holds a quote", s)
		}
	})
}

// FuzzOVSDB: a quoted atom reads back as the input both as ovs-vsctl
// reads it (JSON) and as deploy does (strconv.Unquote); a bare one is
// returned only for bytes ovs-vsctl takes literally.
func FuzzOVSDB(f *testing.F) {
	seed(f)
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.ToValidUTF8(s, "\uFFFD")
		q := escape.OVSDBQuoted(s)
		var got string
		if err := json.Unmarshal([]byte(q), &got); err != nil || got != want {
			t.Fatalf("OVSDBQuoted(%q) = %s: JSON reads %q (%v)", s, q, got, err)
		}
		if u, err := strconv.Unquote(q); err != nil || u != want {
			t.Fatalf("OVSDBQuoted(%q) = %s: strconv.Unquote reads %q (%v)", s, q, u, err)
		}
		oneLine(t, "OVSDBQuoted", q)
		if b := escape.OVSDB(s); b != q && (b != s || strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./") != "") {
			t.Fatalf("OVSDB(%q) = %q", s, b)
		}
	})
}
