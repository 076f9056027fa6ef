package diag

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// Raw bytes from a design never reach the terminal: every text the
// printer writes escapes what is not graphic, and the caret stays under
// the column it points at.
func TestPrintTextEscapes(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "evil.cue")
	src := "devices: \"a\x1b[2J\x07\u202eb\": {x: 1}\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	d := Diagnostic{
		RuleID: "AV-TEST-001", Severity: Error,
		Pos:     Pos{Filename: file, Line: 1, Column: strings.Index(src, "{x") + 1},
		Message: "name \x1b]0;owned\x07 here \u2066x\u2069 and \xff",
		Related: []Related{{Pos: Pos{Filename: file, Line: 1, Column: 1}, Message: "also \x1b[31m"}},
		Hint:    "hint \x00\x7f\u0085",
		Waived:  "line one\nline two \x1b",
	}
	var b bytes.Buffer
	PrintText(&b, []Diagnostic{d}, TextOptions{Source: true})
	out := b.String()
	for _, r := range out {
		if r != '\n' && !unicode.IsGraphic(r) {
			t.Errorf("printed a non-graphic character U+%04X:\n%s", r, out)
		}
	}
	for _, want := range []string{`\x1b]0;owned\x07`, `\u2066x\u2069`, `\xff`, `also \x1b[31m`, `hint \x00\x7f\u0085`, "line one\nline two \\x1b", `devices: "a\x1b[2J\x07\u202eb": {x: 1}`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// The caret is under '{' of the escaped line.
	lines := strings.Split(out, "\n")
	code, caret := lines[1], lines[2]
	if i, j := strings.Index(code, "{x"), strings.Index(caret, "^"); i != j {
		t.Errorf("caret at %d, want %d:\n%s\n%s", j, i, code, caret)
	}
	// JSON keeps the text and stays valid.
	var jb bytes.Buffer
	if err := json.NewEncoder(&jb).Encode(d); err != nil {
		t.Fatal(err)
	}
	if !json.Valid(jb.Bytes()) || bytes.ContainsRune(jb.Bytes(), 0x1b) {
		t.Errorf("JSON is not valid or holds a raw ESC: %s", jb.Bytes())
	}
}
