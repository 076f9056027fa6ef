// Package i18n is avnet's one language layer: the fixed texts every output
// prints in French or in English, and the numbers in each language's
// typography.
//
// Messages are keyed ("addr.assigned") and declared once, in both
// languages, in this package's tables, so that a term reads the same in
// the dossier, the diagrams and the configs' comments. A message that
// carries a count is a plural message: golang.org/x/text/message picks its
// form with CLDR's plural rules, where French says "0 adresse, 1 adresse,
// 2 adresses" (0 and 1 are singular) and English "0 addresses, 1 address".
// Numbers are formatted by golang.org/x/text/number.
package i18n

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
	"golang.org/x/text/number"
)

// Languages avnet writes.
var Languages = []string{"fr", "en"}

var tags = map[string]language.Tag{"fr": language.French, "en": language.English}

// Text is a message in one language: its singular and plural forms for a
// plural message, just One for the others.
type Text struct{ One, Other string }

// Message is one message in both languages.
type Message struct {
	// Count is the position (from 1) of the argument that chooses the
	// plural form; that argument must be an int. 0 for a plain message.
	Count  int
	FR, EN Text
}

// In returns the message's text in lang.
func (m Message) In(lang string) Text {
	if lang == "en" {
		return m.EN
	}
	return m.FR
}

// messages is the catalog: every table of this package adds to it.
var messages = map[string]Message{}

// plain adds messages without a count, as {French, English} pairs. The
// tables call it in package variable initialisers (var _ = plain(…)), which
// all run before the catalog is first used.
func plain(m map[string][2]string) bool {
	for k, v := range m {
		add(k, Message{FR: Text{One: v[0]}, EN: Text{One: v[1]}})
	}
	return true
}

// plurals adds messages with a count.
func plurals(m map[string]Message) bool {
	for k, v := range m {
		if v.Count < 1 {
			panic("i18n: plural message " + k + " without a count position")
		}
		add(k, v)
	}
	return true
}

func add(key string, m Message) {
	if _, dup := messages[key]; dup {
		panic("i18n: message " + key + " declared twice")
	}
	messages[key] = m
}

// Keys returns every message key, sorted.
func Keys() []string {
	out := make([]string, 0, len(messages))
	for k := range messages {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Lookup returns a message by key.
func Lookup(key string) (Message, bool) {
	m, ok := messages[key]
	return m, ok
}

// Has reports whether key is in the catalog.
func Has(key string) bool { _, ok := messages[key]; return ok }

// xcatalog is the x/text catalog of the plural messages, built once.
var xcatalog = sync.OnceValue(func() catalog.Catalog {
	b := catalog.NewBuilder(catalog.Fallback(language.French))
	for k, m := range messages {
		if m.Count == 0 {
			continue
		}
		for lang, tag := range tags {
			t := m.In(lang)
			if err := b.Set(tag, k, plural.Selectf(m.Count, "%d", plural.One, t.One, plural.Other, t.Other)); err != nil {
				panic(fmt.Sprintf("i18n: message %s: %v", k, err))
			}
		}
	}
	return b
})

// Printer renders messages and numbers in one language.
type Printer struct {
	lang string
	p    *message.Printer
	// Missing collects the keys asked for that the catalog lacks (a bug
	// the caller reports).
	Missing map[string]bool
}

// New returns the printer of a language, "fr" or "en".
func New(lang string) (*Printer, error) {
	tag, ok := tags[lang]
	if !ok {
		return nil, fmt.Errorf("language %q is not supported. Supported languages are %q", lang, Languages)
	}
	return &Printer{lang: lang, p: message.NewPrinter(tag, message.Catalog(xcatalog())), Missing: map[string]bool{}}, nil
}

// Lang returns the printer's language.
func (p *Printer) Lang() string { return p.lang }

// T renders the message key with args. A plain message is formatted as
// fmt does (a "%d" stays ungrouped: MTU 9216, tree 2); a plural message
// picks its form from its count argument and groups the count's digits.
func (p *Printer) T(key string, args ...any) string {
	m, ok := messages[key]
	if !ok {
		p.Missing[key] = true
		return key
	}
	if m.Count == 0 {
		s := m.In(p.lang).One
		if len(args) > 0 {
			s = fmt.Sprintf(s, args...)
		}
		return s
	}
	return p.typo(p.p.Sprintf(key, args...))
}

// Pick returns fr or en: the design's own words and one-off sentences.
func (p *Printer) Pick(fr, en string) string {
	if p.lang == "en" {
		return en
	}
	return fr
}

// Num formats v with prec decimals and grouped thousands: "1 234,5" in
// French, "1,234.5" in English, with a true minus sign.
func (p *Printer) Num(v float64, prec int) string {
	s := p.p.Sprint(number.Decimal(v, number.MinFractionDigits(prec), number.MaxFractionDigits(prec)))
	s = p.typo(s)
	if strings.HasPrefix(s, "-") {
		if strings.Trim(s[1:], "0.,\u202f") == "" {
			return s[1:] // -0.0 reads as 0.0
		}
		s = "−" + s[1:]
	}
	return s
}

// Int formats an integer with grouped thousands.
func (p *Printer) Int(n int) string { return p.Num(float64(n), 0) }

// groupRE finds a no-break space between digits: x/text's CLDR tables
// predate CLDR 34, where French groups thousands with a narrow no-break
// space (U+202F), the space French typography and the dossier use.
var groupRE = regexp.MustCompile(`(\d)\x{00a0}(\d)`)

func (p *Printer) typo(s string) string {
	if p.lang != "fr" || !strings.Contains(s, "\u00a0") {
		return s
	}
	for groupRE.MatchString(s) {
		s = groupRE.ReplaceAllString(s, "$1\u202f$2")
	}
	return s
}
