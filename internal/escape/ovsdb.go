package escape

import (
	"fmt"
	"strings"
)

// ovsBare are the bytes of a string atom ovs-vsctl reads back as is
// without quotes (ovs-vsctl(8), "Database Values": a string that is not
// a quoted string is taken literally; quoting keeps anything else from
// being read as a delimiter of a set or map).
const ovsBare = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./"

// OVSDB returns s as a string atom of ovs-vsctl's value syntax: as it is
// when it holds only ovsBare bytes, else quoted (OVSDBQuoted).
func OVSDB(s string) string {
	if s != "" && strings.Trim(s, ovsBare) == "" {
		return s
	}
	return OVSDBQuoted(s)
}

// OVSDBQuoted returns s as a double-quoted string atom: a JSON string,
// which is what ovs-vsctl parses a quoted atom as (and Go's
// strconv.Unquote reads the same way). Every character that Line would
// remove is written as a \u escape, so the atom is one line of plain
// text; invalid UTF-8 becomes U+FFFD.
func OVSDBQuoted(s string) string { return jsonString(s) }

// CUE returns s as a CUE string literal, quotes included: a JSON string
// (CUE reads JSON's escapes), whose backslashes are escaped, so no
// interpolation \( can form.
func CUE(s string) string { return jsonString(s) }

func jsonString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case breaking(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
