package escape

import "strings"

// SDP returns s as the text of an RFC 4566 s= or i= line: one line
// (section 5: text fields hold no CR, LF or NUL; UTF-8 by default), with
// runs of blanks folded to one space and no leading or trailing blank.
func SDP(s string) string { return strings.Join(strings.Fields(Line(s)), " ") }

// M3U returns s as an #EXTINF title (the text after the first comma):
// one line, blanks folded.
func M3U(s string) string { return strings.Join(strings.Fields(Line(s)), " ") }

// M3UAttr returns s as the value of an #EXTINF attribute (tvg-name="…"):
// M3U text in which a double quote, which would end the value, becomes a
// single one.
func M3UAttr(s string) string { return strings.ReplaceAll(M3U(s), `"`, "'") }
