package dossier

import (
	"fmt"
	"github.com/avnet/avnet/internal/plural"
	"math"
	"strconv"
	"strings"
)

// Languages the dossier is written in.
var Languages = []string{"fr", "en"}

// Typographic spaces: French groups thousands with a narrow no-break
// space and puts a no-break space before units; English uses commas.
const (
	nbsp       = "\u00a0"
	narrowNbsp = "\u202f"
)

// locale formats text and numbers for one language.
type locale struct {
	lang string
	// missing collects catalog keys without a message (a bug: Generate fails).
	missing map[string]bool
}

func newLocale(lang string) (*locale, error) {
	for _, l := range Languages {
		if l == lang {
			return &locale{lang: lang, missing: map[string]bool{}}, nil
		}
	}
	return nil, fmt.Errorf("dossier language %q is not supported. Supported languages are %q", lang, Languages)
}

// t returns the message key in the locale's language, formatted with args.
func (l *locale) t(key string, args ...any) string {
	m, ok := catalog[key]
	if !ok {
		l.missing[key] = true
		return key
	}
	s := m.fr
	if l.lang == "en" {
		s = m.en
	}
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	return s
}

// tr formats whichever of fr and en is the locale's language.
func (l *locale) tr(fr, en string, args ...any) string {
	s := l.pick(fr, en)
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	return s
}

// count writes n with the word that agrees with it in the locale's
// language (French takes the singular for 0 and 1).
func (l *locale) count(n int, frOne, frOther, enOne, enOther string) string {
	if l.lang == "en" {
		return plural.CountLang("en", n, enOne, enOther)
	}
	return plural.CountLang("fr", n, frOne, frOther)
}

// pick returns fr or en.
func (l *locale) pick(fr, en string) string {
	if l.lang == "en" {
		return en
	}
	return fr
}

// num formats v with prec decimals and grouped thousands.
func (l *locale) num(v float64, prec int) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', prec, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	sep, dec := ",", "."
	if l.lang == "fr" {
		sep, dec = narrowNbsp, ","
	}
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" {
		b.WriteString("−")
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString(dec)
		b.WriteString(frac)
	}
	return b.String()
}

// int formats an integer with grouped thousands.
func (l *locale) int(n int) string { return l.num(float64(n), 0) }

// rate formats a bit rate with two decimals in the largest fitting unit:
// "2,29 Gb/s" in French, "2.29 Gb/s" in English.
func (l *locale) rate(bps float64) string {
	units := []struct {
		div  float64
		name string
	}{{1e9, "Gb/s"}, {1e6, "Mb/s"}, {1e3, "kb/s"}}
	for _, u := range units {
		if math.Abs(bps) >= u.div {
			return l.num(bps/u.div, 2) + nbsp + u.name
		}
	}
	return l.num(bps, 0) + nbsp + "b/s"
}

// pct formats a percentage with one decimal: "70,5 %" / "70.5%".
func (l *locale) pct(p float64) string {
	if l.lang == "fr" {
		return l.num(p, 1) + narrowNbsp + "%"
	}
	return l.num(p, 1) + "%"
}

// money formats an amount rounded to the unit of currency.
func (l *locale) money(v float64, cur string) string {
	n := l.num(math.Round(v), 0)
	sym := map[string]string{"EUR": "€", "USD": "$", "GBP": "£"}[cur]
	if cur == "" {
		sym = "€"
	}
	if l.lang == "fr" {
		if sym == "" {
			sym = cur
		}
		return n + nbsp + sym
	}
	if sym == "" {
		return cur + nbsp + n
	}
	return sym + n
}

// tb formats a capacity in terabytes.
func (l *locale) tb(v float64) string {
	prec := 0
	if v != math.Trunc(v) {
		prec = 1
	}
	return l.num(v, prec) + nbsp + l.pick("To", "TB")
}

// yesNo renders a boolean.
func (l *locale) yesNo(b bool) string {
	if b {
		return l.t("yes")
	}
	return l.t("no")
}

// seconds formats a duration in seconds, in ms below one second.
func (l *locale) seconds(s float64) string {
	if s < 1 {
		return l.num(s*1000, 3-significantInt(s*1000)) + nbsp + "ms"
	}
	return l.num(s, 2) + nbsp + "s"
}

func significantInt(v float64) int {
	switch {
	case v >= 100:
		return 3
	case v >= 10:
		return 2
	}
	return 1
}

// listing joins words as a sentence does: "a, b et c" / "a, b and c".
func (l *locale) listing(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + l.pick(" et ", " and ") + items[len(items)-1]
}
