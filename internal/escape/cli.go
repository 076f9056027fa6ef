package escape

import "strings"

// CLI returns s as free text at the end of one line of a network
// operating system's configuration (a description, a banner line, a
// comment): one line (Line), in printable ASCII (ASCII), since EOS, NX-OS
// and IOS XE take no UTF-8 in descriptions and banners. The text cannot
// start a new command: only a newline does that in these languages.
func CLI(s string) string { return ASCII(Line(s)) }

// CLIWord returns s as one token of a CLI command (a hostname, an
// interface, VLAN or user name): CLI, with blanks turned to '_' so that
// the value cannot become a second argument ("username x nopassword").
func CLIWord(s string) string {
	s = CLI(s)
	if strings.IndexByte(s, ' ') < 0 {
		return s
	}
	return strings.ReplaceAll(s, " ", "_")
}

// Banner returns the delimiter of a banner whose text is lines (NX-OS
// `banner motd #…#`, IOS XE `banner login ^C…^C`: the text ends at the
// delimiter's first occurrence) and the lines as CLI text. The delimiter
// is the first of candidates that occurs in no line; when every one
// occurs, the first is used and removed from the lines.
func Banner(lines []string, candidates ...string) (string, []string) {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = CLI(l)
	}
	if len(candidates) == 0 {
		candidates = []string{"#"}
	}
	for _, c := range candidates {
		used := false
		for _, l := range out {
			if strings.Contains(l, c) {
				used = true
				break
			}
		}
		if !used {
			return c, out
		}
	}
	d := candidates[0]
	for i, l := range out {
		for strings.Contains(l, d) {
			l = strings.ReplaceAll(l, d, "")
		}
		out[i] = l
	}
	return d, out
}

// EOSBannerLine returns one line of an EOS banner (`banner login`, ended
// by a line "EOF"): CLI text, and a line that EOS would read as the end
// is bracketed ("[EOF]").
func EOSBannerLine(s string) string {
	s = CLI(s)
	if strings.EqualFold(strings.TrimSpace(s), "EOF") {
		return "[" + strings.TrimSpace(s) + "]"
	}
	return s
}

// ASCII folds text to printable ASCII for places network operating systems
// do not take UTF-8 (banners, descriptions): Latin letters lose their
// accents, typographic dashes and quotes become plain ones, a tab becomes
// a space, anything else becomes "?".
func ASCII(s string) string {
	ok := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		default:
			if f, ok := fold[r]; ok {
				b.WriteString(f)
			} else {
				b.WriteByte('?')
			}
		}
	}
	return b.String()
}

var fold = func() map[rune]string {
	m := map[rune]string{
		'—': "-", '–': "-", '‑': "-", '’': "'", '‘': "'", '“': "\"", '”': "\"", '«': "\"", '»': "\"",
		'…': "...", '\u00a0': " ", '\u202f': " ", '·': ".", '×': "x", '°': "o",
		'Œ': "OE", 'œ': "oe", 'Æ': "AE", 'æ': "ae", 'ß': "ss",
	}
	groups := map[string]string{
		"A": "ÀÁÂÃÄÅ", "a": "àáâãäå", "C": "Ç", "c": "ç", "E": "ÈÉÊË", "e": "èéêë",
		"I": "ÌÍÎÏ", "i": "ìíîï", "N": "Ñ", "n": "ñ", "O": "ÒÓÔÕÖØ", "o": "òóôõöø",
		"U": "ÙÚÛÜ", "u": "ùúûü", "Y": "ÝŸ", "y": "ýÿ",
	}
	for ascii, runes := range groups {
		for _, r := range runes {
			m[r] = ascii
		}
	}
	return m
}()
