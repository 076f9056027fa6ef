package dossier

import (
	"strings"
	"testing"
)

// Numbers follow each language's typography: French groups thousands with
// a narrow no-break space and writes a decimal comma.
func TestFormat(t *testing.T) {
	fr, _ := newLocale("fr")
	en, _ := newLocale("en")
	// \u00a0 is a no-break space (before units), \u202f a narrow one (thousands, %).
	cases := []struct {
		name   string
		fr, en string
		format func(l *locale) string
	}{
		{"rate Gb/s", "2,75\u00a0Gb/s", "2.75\u00a0Gb/s", func(l *locale) string { return l.rate(2.75e9) }},
		{"rate Mb/s", "265,58\u00a0Mb/s", "265.58\u00a0Mb/s", func(l *locale) string { return l.rate(265.578e6) }},
		{"rate kb/s", "34,40\u00a0kb/s", "34.40\u00a0kb/s", func(l *locale) string { return l.rate(34400) }},
		{"rate b/s", "12\u00a0b/s", "12\u00a0b/s", func(l *locale) string { return l.rate(12) }},
		{"int", "181\u202f450", "181,450", func(l *locale) string { return l.int(181450) }},
		{"negative", "−12", "−12", func(l *locale) string { return l.num(-12, 0) }},
		{"negative zero", "0", "0", func(l *locale) string { return l.num(-0.2, 0) }},
		{"percent", "70,5\u202f%", "70.5%", func(l *locale) string { return l.pct(70.54) }},
		{"money EUR", "1\u202f300\u202f000\u00a0€", "€1,300,000", func(l *locale) string { return l.money(1300000, "EUR") }},
		{"money CHF", "2\u202f500\u00a0CHF", "CHF\u00a02,500", func(l *locale) string { return l.money(2500.4, "CHF") }},
		{"capacity", "180\u00a0To", "180\u00a0TB", func(l *locale) string { return l.tb(180) }},
		{"seconds", "750\u00a0ms", "750\u00a0ms", func(l *locale) string { return l.seconds(0.75) }},
		{"listing", "a, b et c", "a, b and c", func(l *locale) string { return l.listing([]string{"a", "b", "c"}) }},
	}
	show := strings.NewReplacer(nbsp, "·", narrowNbsp, "˙")
	for _, c := range cases {
		if got := c.format(fr); got != c.fr {
			t.Errorf("%s in French: got %q, want %q", c.name, show.Replace(got), show.Replace(c.fr))
		}
		if got := c.format(en); got != c.en {
			t.Errorf("%s in English: got %q, want %q", c.name, show.Replace(got), show.Replace(c.en))
		}
	}
	if _, err := newLocale("de"); err == nil || !strings.Contains(err.Error(), `["fr" "en"]`) {
		t.Errorf("newLocale(de) = %v, want an error listing the languages", err)
	}
}

// A channel order reads as its groups, repeats counted, in each language.
func TestChannelOrderText(t *testing.T) {
	for _, tc := range []struct {
		order  []string
		fr, en string
	}{
		{[]string{"51", "ST"}, "5.1 + stéréo", "5.1 + stereo"},
		{[]string{"ST", "ST", "ST", "ST"}, "4\u00a0×\u00a0stéréo", "4\u00a0×\u00a0stereo"},
		{[]string{"M", "M", "DM", "M", "U04"}, "2\u00a0×\u00a0mono + double mono + mono + 4 non définis", "2\u00a0×\u00a0mono + dual mono + mono + 4 undefined"},
		{[]string{"222", "SGRP", "LtRt", "71"}, "22.2 + groupe SDI + Lt/Rt + 7.1", "22.2 + SDI group + Lt/Rt + 7.1"},
	} {
		for lang, want := range map[string]string{"fr": tc.fr, "en": tc.en} {
			loc, _ := newLocale(lang)
			b := &builder{locale: loc}
			if got := b.channelOrder(tc.order); got != want {
				t.Errorf("%s %v: %q, want %q", lang, tc.order, got, want)
			}
		}
	}
}
