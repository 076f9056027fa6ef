// Package glossary is avnet's French/English glossary of the technical
// terms of audiovisual IP facilities: each term in both languages with a
// definition in both, and the spellings that reveal its use in a text.
//
// The dossier technique prints the terms it actually uses (Used), so a
// reader meets every acronym of the document in both languages (the
// certification's competency C4.4: use the appropriate technical terms, in
// French and in English).
package glossary

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Term is one glossary entry.
type Term struct {
	// ID is stable and unique ("ptp-grandmaster").
	ID string
	// FR and EN are the term in each language.
	FR, EN string
	// DefFR and DefEN define it, in one or two sentences.
	DefFR, DefEN string
	// Match lists spellings that reveal a use of the term in a text,
	// matched case-insensitively on word boundaries. Empty: FR and EN.
	Match []string
	// Exact lists spellings matched case-sensitively on word boundaries
	// (acronyms that are also ordinary words or device names).
	Exact []string
}

// Name returns the term in lang ("fr" or "en"; anything else is French).
func (t Term) Name(lang string) string {
	if lang == "en" {
		return t.EN
	}
	return t.FR
}

// Definition returns the definition in lang.
func (t Term) Definition(lang string) string {
	if lang == "en" {
		return t.DefEN
	}
	return t.DefFR
}

// Other returns the term in the other language than lang.
func (t Term) Other(lang string) string {
	if lang == "en" {
		return t.FR
	}
	return t.EN
}

// All returns every term, sorted by ID.
func All() []Term {
	out := append([]Term(nil), terms...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup returns the term with the given ID.
func Lookup(id string) (Term, bool) {
	for _, t := range terms {
		if t.ID == id {
			return t, true
		}
	}
	return Term{}, false
}

// Used returns the terms that occur in text, sorted for a reader of lang:
// alphabetically by their name in lang, ignoring case and accents.
func Used(text, lang string) []Term {
	// Typographic spaces (no-break, narrow no-break) are spaces here.
	text = strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(text)
	lower := strings.ToLower(text)
	var out []Term
	for _, t := range terms {
		if t.usedIn(text, lower) {
			out = append(out, t)
		}
	}
	Sort(out, lang)
	return out
}

// Sort orders terms alphabetically by their name in lang, ignoring case
// and accents (ties by ID).
func Sort(ts []Term, lang string) {
	sort.SliceStable(ts, func(i, j int) bool {
		a, b := SortKey(ts[i].Name(lang)), SortKey(ts[j].Name(lang))
		if a != b {
			return a < b
		}
		return ts[i].ID < ts[j].ID
	})
}

func (t Term) usedIn(text, lower string) bool {
	match := t.Match
	if len(match) == 0 && len(t.Exact) == 0 {
		match = []string{t.FR, t.EN}
	}
	for _, m := range match {
		if containsWord(lower, strings.ToLower(m)) {
			return true
		}
	}
	for _, m := range t.Exact {
		if containsWord(text, m) {
			return true
		}
	}
	return false
}

// containsWord reports whether w occurs in s with no letter or digit
// immediately before or after it.
func containsWord(s, w string) bool {
	if w == "" {
		return false
	}
	for off := 0; off < len(s); {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return false
		}
		start, end := off+i, off+i+len(w)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if !isWordRune(before) && !isWordRune(after) {
			return true
		}
		_, size := utf8.DecodeRuneInString(s[start:])
		off = start + size
	}
	return false
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// SortKey folds case and the accents of French so that "écran" sorts
// between "dossier" and "fibre".
func SortKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'à', 'â', 'ä', 'á':
			r = 'a'
		case 'ç':
			r = 'c'
		case 'é', 'è', 'ê', 'ë':
			r = 'e'
		case 'î', 'ï', 'í':
			r = 'i'
		case 'ô', 'ö', 'ó':
			r = 'o'
		case 'ù', 'û', 'ü', 'ú':
			r = 'u'
		case 'ÿ':
			r = 'y'
		case 'œ':
			b.WriteString("oe")
			continue
		case 'æ':
			b.WriteString("ae")
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
