package escape

import (
	"encoding/json"
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
// which is what ovs-vsctl parses a quoted atom as. Invalid UTF-8 becomes
// U+FFFD.
func OVSDBQuoted(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(strings.ToValidUTF8(s, "\uFFFD")) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}
