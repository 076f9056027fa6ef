package diag

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"
)

// TextOptions control the human printer.
type TextOptions struct {
	Color bool
	// Source shows the offending line under the message, esbuild style.
	Source bool
	// ShowSilenced also prints findings a waiver turned off.
	ShowSilenced bool
}

// PrintText writes diagnostics the way CUE and compilers do:
//
//	file:line:col: error AV-XXX-NNN: message
//	    12 | the line
//	       |   ^
//	    other/file.cue:3:2: related message
//	  hint: how to fix it
func PrintText(w io.Writer, ds []Diagnostic, opt TextOptions) {
	lines := newLineCache()
	for _, d := range ds {
		if d.Severity == Off && !opt.ShowSilenced {
			continue
		}
		sev := d.Severity.String()
		if opt.Color {
			sev = colorFor(d.Severity) + sev + "\x1b[0m"
		}
		fmt.Fprintf(w, "%s: %s %s: %s\n", Escape(d.Pos.String()), sev, Escape(d.RuleID), Escape(d.Message))
		if opt.Source {
			if text, ok := lines.get(d.Pos.Filename, d.Pos.Line); ok && d.Pos.Column > 0 && d.Pos.Line > 0 {
				num := fmt.Sprint(d.Pos.Line)
				fmt.Fprintf(w, "    %s | %s\n", num, escapeLine(text))
				fmt.Fprintf(w, "    %s | %s^\n", strings.Repeat(" ", len(num)), caretPad(text, d.Pos.Column))
			}
		}
		for _, r := range d.Related {
			fmt.Fprintf(w, "    %s: %s\n", Escape(r.Pos.String()), Escape(r.Message))
		}
		if d.Waived != "" {
			// A waiver's reason is prose that may span lines.
			fmt.Fprintf(w, "  waived: %s\n", escapeKeep(d.Waived, "\n"))
		}
		if d.Hint != "" {
			fmt.Fprintf(w, "  hint: %s\n", Escape(d.Hint))
		}
	}
}

// caretPad returns the spaces that put a caret under column col, with
// tabs expanded and characters escaped as in the line above.
func caretPad(text string, col int) string {
	var b strings.Builder
	for i, r := range text {
		if i >= col-1 {
			break
		}
		if r == '\t' {
			b.WriteString("    ")
		} else {
			b.WriteString(strings.Repeat(" ", len(escapeRune(r, text[i:]))))
		}
	}
	return b.String()
}

// escapeLine is a source line as printed: tabs as four spaces, every
// other non-printable character escaped.
func escapeLine(text string) string {
	return Escape(strings.ReplaceAll(text, "\t", "    "))
}

// Escape makes s safe to print on a terminal: every character that is not
// graphic (control characters such as ESC and BEL, C1 controls,
// bidirectional overrides and other format characters, invalid UTF-8) is
// written as a Go escape (\x1b, \u202e), so text from a design can
// neither drive the terminal nor reorder what it shows.
func Escape(s string) string { return escapeKeep(s, "") }

func escapeKeep(s, keep string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || !unicode.IsGraphic(r) && !strings.ContainsRune(keep, r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if strings.ContainsRune(keep, r) {
			b.WriteRune(r)
			continue
		}
		b.WriteString(escapeRune(r, s[i:]))
	}
	return b.String()
}

// escapeRune is r as printed; rest starts with r's bytes (for invalid
// UTF-8, where r is RuneError).
func escapeRune(r rune, rest string) string {
	switch {
	case r == utf8.RuneError:
		if _, size := utf8.DecodeRuneInString(rest); size <= 1 && len(rest) > 0 {
			return fmt.Sprintf("\\x%02x", rest[0])
		}
		return string(r)
	case unicode.IsGraphic(r):
		return string(r)
	case r < 0x80:
		return fmt.Sprintf("\\x%02x", r)
	case r <= 0xffff:
		return fmt.Sprintf("\\u%04x", r)
	}
	return fmt.Sprintf("\\U%08x", r)
}

func colorFor(s Severity) string {
	switch s {
	case Error:
		return "\x1b[1;31m"
	case Warning:
		return "\x1b[1;33m"
	}
	return "\x1b[1;36m"
}

// Summary is the closing line of `avnet vet`.
func Summary(ds []Diagnostic) string {
	e, w, i := Count(ds)
	waived := 0
	for _, d := range ds {
		if d.Waived != "" {
			waived++
		}
	}
	s := fmt.Sprintf("%d error%s, %d warning%s", e, plural(e), w, plural(w))
	if i > 0 {
		s += fmt.Sprintf(", %d info", i)
	}
	if waived > 0 {
		s += fmt.Sprintf(" (%d finding%s waived by the design)", waived, plural(waived))
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

type lineCache map[string][]string

func newLineCache() lineCache { return lineCache{} }

func (c lineCache) get(file string, line int) (string, bool) {
	if line < 1 {
		return "", false
	}
	ls, ok := c[file]
	if !ok {
		// Only a regular file is read: a position may name a named pipe
		// or a device the loader refused, which would block or never end.
		var f *os.File
		st, err := os.Lstat(file)
		if err == nil && st.Mode().IsRegular() {
			f, err = os.Open(file)
		} else if err == nil {
			err = os.ErrInvalid
		}
		if err == nil {
			sc := bufio.NewScanner(f)
			sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
			for sc.Scan() {
				ls = append(ls, sc.Text())
			}
			f.Close()
		}
		c[file] = ls
	}
	if line < 1 || line > len(ls) {
		return "", false
	}
	return ls[line-1], true
}
