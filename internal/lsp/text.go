package lsp

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"go.lsp.dev/protocol"
)

// LSP positions count UTF-16 code units from 0; CUE's count bytes from 1.
// French designs are full of accents, so the two differ on most lines.

// lines splits a document into lines without their terminators.
func lines(text string) []string { return strings.Split(text, "\n") }

// toUTF16 converts a 1-based byte column of line to a 0-based UTF-16 offset.
func toUTF16(line string, col int) uint32 {
	if col <= 1 {
		return 0
	}
	b := min(col-1, len(line))
	n := 0
	for _, r := range line[:b] {
		n += len(utf16.Encode([]rune{r}))
	}
	return uint32(n)
}

// toByte converts a 0-based UTF-16 offset of line to a 0-based byte offset.
func toByte(line string, ch uint32) int {
	n := uint32(0)
	for i, r := range line {
		if n >= ch {
			return i
		}
		n += uint32(len(utf16.Encode([]rune{r})))
	}
	return len(line)
}

// span is a range of bytes on one line (0-based line, 0-based bytes).
type span struct {
	line       int
	start, end int
}

func (s span) contains(line, b int) bool { return line == s.line && b >= s.start && b <= s.end }

func (s span) toRange(ls []string) protocol.Range {
	text := ""
	if s.line < len(ls) {
		text = ls[s.line]
	}
	return protocol.Range{
		Start: protocol.Position{Line: uint32(s.line), Character: toUTF16(text, s.start+1)},
		End:   protocol.Position{Line: uint32(s.line), Character: toUTF16(text, s.end+1)},
	}
}

// wordAt returns the word under byte offset b of line: letters, digits
// and the characters a design's names may hold.
func wordAt(line string, b int) (string, int, int) {
	isWord := func(r rune) bool {
		return r == '-' || r == '_' || r == '.' || r == '/' || r == '+' || r == '#' ||
			r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x80
	}
	start, end := b, b
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(line[:start])
		if !isWord(r) {
			break
		}
		start -= n
	}
	for end < len(line) {
		r, n := utf8.DecodeRuneInString(line[end:])
		if !isWord(r) {
			break
		}
		end += n
	}
	return line[start:end], start, end
}
