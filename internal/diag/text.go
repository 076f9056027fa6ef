package diag

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
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
		fmt.Fprintf(w, "%s: %s %s: %s\n", d.Pos, sev, d.RuleID, d.Message)
		if opt.Source {
			if text, ok := lines.get(d.Pos.Filename, d.Pos.Line); ok && d.Pos.Column > 0 {
				num := fmt.Sprint(d.Pos.Line)
				fmt.Fprintf(w, "    %s | %s\n", num, strings.ReplaceAll(text, "\t", "    "))
				fmt.Fprintf(w, "    %s | %s^\n", strings.Repeat(" ", len(num)), caretPad(text, d.Pos.Column))
			}
		}
		for _, r := range d.Related {
			fmt.Fprintf(w, "    %s: %s\n", r.Pos, r.Message)
		}
		if d.Waived != "" {
			fmt.Fprintf(w, "  waived: %s\n", d.Waived)
		}
		if d.Hint != "" {
			fmt.Fprintf(w, "  hint: %s\n", d.Hint)
		}
	}
}

// caretPad returns the spaces that put a caret under column col, with
// tabs expanded as the line above.
func caretPad(text string, col int) string {
	var b strings.Builder
	for i, r := range text {
		if i >= col-1 {
			break
		}
		if r == '\t' {
			b.WriteString("    ")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
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
	ls, ok := c[file]
	if !ok {
		f, err := os.Open(file)
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
