package dossier

import (
	"fmt"
	"math"
	"strings"

	"github.com/avnet/avnet/internal/i18n"
	"github.com/avnet/avnet/internal/plural"
)

// Languages the dossier is written in.
var Languages = i18n.Languages

// Typographic spaces: French groups thousands with a narrow no-break
// space and puts a no-break space before units; English uses commas.
const (
	nbsp       = "\u00a0"
	narrowNbsp = "\u202f"
)

// locale formats text and numbers for one language: avnet's one language
// layer (internal/i18n) with the dossier's units.
type locale struct {
	lang string
	*i18n.Printer
	// missing collects catalog keys without a message (a bug: Generate fails).
	missing map[string]bool
}

func newLocale(lang string) (*locale, error) {
	p, err := i18n.New(lang)
	if err != nil {
		return nil, fmt.Errorf("dossier: %w", err)
	}
	return &locale{lang: lang, Printer: p, missing: p.Missing}, nil
}

// t returns the catalog's message key in the locale's language, formatted
// with args; a plural message takes its count as an int.
func (l *locale) t(key string, args ...any) string { return l.T(key, args...) }

// tr formats whichever of fr and en is the locale's language: sentences
// the dossier writes once, without a count.
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
func (l *locale) pick(fr, en string) string { return l.Pick(fr, en) }

// num formats v with prec decimals and grouped thousands.
func (l *locale) num(v float64, prec int) string { return l.Num(v, prec) }

// int formats an integer with grouped thousands.
func (l *locale) int(n int) string { return l.Int(n) }

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
