package i18n

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// args fills a message's verbs: the count at its position, 7 for the
// other %d, a word for %s.
func args(format string, count, n int) []any {
	var out []any
	for i, v := range verbRE.FindAllString(format, -1) {
		switch {
		case i+1 == count:
			out = append(out, n)
		case strings.HasSuffix(v, "d"):
			out = append(out, 7)
		default:
			out = append(out, "x")
		}
	}
	return out
}

var verbRE = regexp.MustCompile(`%[-+# 0-9.]*[a-z]`)

// singular reports which counts take the singular in each language (CLDR):
// French "0 adresse, 1 adresse", English "1 address, 0 addresses".
func singular(lang string, n int) bool {
	if lang == "fr" {
		return n == 0 || n == 1
	}
	return n == 1
}

// invariant are words whose singular ends in s or x.
var invariant = map[string]bool{"flux": true, "accès": true, "sens": true, "des": true}

// Every message renders with counts 0, 1, 2 and 1,000 in both languages:
// the form follows the language's plural rule, the count is printed in the
// language's digits, and in French the word after a singular count is
// singular (no "1 adresses").
func TestPluralAgreement(t *testing.T) {
	n := 0
	for _, key := range Keys() {
		m, _ := Lookup(key)
		if m.Count == 0 {
			continue
		}
		n++
		for _, lang := range Languages {
			p, err := New(lang)
			if err != nil {
				t.Fatal(err)
			}
			txt := m.In(lang)
			if strings.Count(txt.One, "%") != strings.Count(txt.Other, "%") {
				t.Errorf("%s %s: singular and plural take different arguments", key, lang)
			}
			for _, c := range []int{0, 1, 2, 1000} {
				got := p.T(key, args(txt.Other, m.Count, c)...)
				form := txt.Other
				if singular(lang, c) {
					form = txt.One
				}
				want := fmt.Sprintf(form, args(form, m.Count, c)...)
				digits := map[string]string{"fr": "1\u202f000", "en": "1,000"}[lang]
				want = strings.ReplaceAll(want, "1000", digits)
				if got != want {
					t.Errorf("%s %s count %d:\n got %q\nwant %q", key, lang, c, got, want)
				}
				if lang == "fr" && singular(lang, c) {
					if w := wordAfter(got, c); w != "" && (strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x")) && !invariant[w] {
						t.Errorf("%s fr count %d: %q reads as a plural after a singular count", key, c, w)
					}
				}
			}
		}
		if m.FR.One == m.FR.Other && m.EN.One == m.EN.Other {
			t.Errorf("%s: a plural message with one form in both languages: make it plain", key)
		}
	}
	if n == 0 {
		t.Fatal("no plural message in the catalog")
	}
	t.Logf("%d plural messages, %d messages in all", n, len(Keys()))
}

// wordAfter returns the word that follows the count c in s.
func wordAfter(s string, c int) string {
	re := regexp.MustCompile(fmt.Sprintf(`(?:^|[^\d])%d[  \x{202f}]+(\pL+)`, c))
	if m := re.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}

// Plain messages exist in both languages with the same verbs.
func TestPlainMessages(t *testing.T) {
	for _, key := range Keys() {
		m, _ := Lookup(key)
		if m.Count != 0 {
			continue
		}
		if m.FR.One == "" || m.EN.One == "" {
			t.Errorf("%s: missing a language: %+v", key, m)
		}
		if strings.Count(m.FR.One, "%") != strings.Count(m.EN.One, "%") {
			t.Errorf("%s: French and English take different arguments: %q / %q", key, m.FR.One, m.EN.One)
		}
	}
}

func TestNumbers(t *testing.T) {
	fr, _ := New("fr")
	en, _ := New("en")
	for _, c := range []struct {
		v      float64
		prec   int
		fr, en string
	}{
		{1234567.891, 2, "1\u202f234\u202f567,89", "1,234,567.89"},
		{-12, 0, "−12", "−12"},
		{-0.2, 0, "0", "0"},
		{70.54, 1, "70,5", "70.5"},
	} {
		if got := fr.Num(c.v, c.prec); got != c.fr {
			t.Errorf("fr %v: %q, want %q", c.v, got, c.fr)
		}
		if got := en.Num(c.v, c.prec); got != c.en {
			t.Errorf("en %v: %q, want %q", c.v, got, c.en)
		}
	}
	if _, err := New("de"); err == nil || !strings.Contains(err.Error(), `["fr" "en"]`) {
		t.Errorf("New(de) = %v, want an error listing the languages", err)
	}
}
