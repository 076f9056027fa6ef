package dossier

import (
	"strings"

	"github.com/avnet/avnet/generators/diagram"
	"github.com/avnet/avnet/internal/i18n"
)

// essenceNames are the standards' names of the design's essences.
var essenceNames = map[string]string{
	"st2110-20": "ST 2110-20",
	"st2110-22": "ST 2110-22",
	"st2110-30": "ST 2110-30",
	"st2110-31": "ST 2110-31",
	"st2110-40": "ST 2110-40",
	"st2022-6":  "ST 2022-6",
	"aes67":     "AES67",
	"dante":     "Dante",
	"mpeg-ts":   "MPEG-TS",
	"srt":       "SRT",
	"ndi":       "NDI",
}

// essenceName is the standard's name of an essence, with a no-break
// space so that "ST 2110-20" never splits across lines.
func essenceName(e string) string {
	if n, ok := essenceNames[e]; ok {
		return strings.ReplaceAll(n, " ", nbsp)
	}
	return e
}

// dscpNames are the per-hop behaviours of common DSCP values (RFC 2474, 2597, 3246).
var dscpNames = map[int]string{
	0: "BE", 8: "CS1", 10: "AF11", 12: "AF12", 14: "AF13", 16: "CS2", 18: "AF21", 20: "AF22", 22: "AF23",
	24: "CS3", 26: "AF31", 28: "AF32", 30: "AF33", 32: "CS4", 34: "AF41", 36: "AF42", 38: "AF43",
	40: "CS5", 44: "VA", 46: "EF", 48: "CS6", 56: "CS7",
}

// roleName is a device role in the locale's language: the diagrams' word
// for it, so that text and drawings agree, else the catalog's.
func (b *builder) roleName(role string) string {
	if t, ok := diagram.Terms["role."+role]; ok {
		return capitalize(t.In(b.lang))
	}
	if i18n.Has("role." + role) {
		return b.t("role." + role)
	}
	return role
}

func capitalize(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

func (b *builder) purposeName(p string) string {
	if i18n.Has("purpose." + p) {
		return b.t("purpose." + p)
	}
	return p
}

func (b *builder) mediumName(m string) string {
	if i18n.Has("medium." + m) {
		return b.t("medium." + m)
	}
	return m
}

func (b *builder) ptpRoleName(r string) string {
	if i18n.Has("ptprole." + r) {
		return b.t("ptprole." + r)
	}
	return r
}

func (b *builder) portModeName(m string) string {
	if i18n.Has("portmode." + m) {
		return b.t("portmode." + m)
	}
	return m
}
