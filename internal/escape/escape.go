// Package escape holds one escaper per output language avnet writes. A
// design is untrusted text: the schema constrains its strings at load, and
// every value that reaches a generated file goes through the escaper of
// that file's language as well, so that a string the schema let through
// (or a model built by code, bypassing the schema) can change no more
// than the value it is:
//
//   - Shell: one POSIX shell word (the OVS script, the lab's and deploy's
//     scripts).
//   - CLI and CLIWord: one line of a network OS's CLI (EOS, NX-OS, IOS XE,
//     frr.conf): free text at the end of a command, or one token.
//     BannerDelimiter and EOSBannerLine keep a banner's end where the
//     template put it.
//   - Line: one line of a comment, in any line-oriented language.
//   - OVSDB: a string atom of ovs-vsctl's value syntax.
//   - DOT and DOTHTML: a Graphviz quoted string, an HTML-like label's text.
//   - SDP: the text of an RFC 4566 s= or i= line.
//   - M3U: an #EXTINF title or attribute value.
//
// HTML is html/template's job (contextual escaping) and JSON
// encoding/json's; neither needs a function here.
package escape

import (
	"strings"
	"unicode/utf8"
)

// breaking reports the runes that end or reorder a line in some reader:
// C0 controls and DEL, C1 controls (U+0085 is a line end to many
// parsers), the Unicode line and paragraph separators, and the
// bidirectional embeddings, overrides and isolates (text that reads
// differently from how it parses), plus the byte-order mark.
func breaking(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x2028, r == 0x2029:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0xfeff:
		return true
	}
	return false
}

// Line returns s as one line of text: every control character, line or
// paragraph separator and bidirectional control becomes a space, invalid
// UTF-8 becomes U+FFFD. A string without any of them is returned as is.
func Line(s string) string {
	if lineSafe(s) {
		return s
	}
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if breaking(r) {
			b.WriteByte(' ')
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func lineSafe(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			goto slow
		}
	}
	return true
slow:
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if breaking(r) {
			return false
		}
	}
	return true
}
