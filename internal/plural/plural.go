// Package plural agrees a count with the words it counts, in the CLI's
// messages, the rules' diagnostics and the lab's reports: "1 flow",
// "2 flows", "1 PTP domain tree elects". One helper, so that no message
// says "1 PTP domain trees".
package plural

import "strconv"

// Of returns one when n calls for the singular in English (n == 1),
// other otherwise.
func Of(n int, one, other string) string {
	if n == 1 || n == -1 {
		return one
	}
	return other
}

// Count writes n followed by the word that agrees with it: Count(1,
// "flow", "flows") is "1 flow".
func Count(n int, one, other string) string {
	return strconv.Itoa(n) + " " + Of(n, one, other)
}

// OfLang is Of in a language: French takes the singular for 0 and 1
// ("0 flux perdu", "1 horloge"), English for 1 only (CLDR plural rules).
func OfLang(lang string, n int, one, other string) string {
	if lang == "fr" && (n == 0 || n == 1) {
		return one
	}
	return Of(n, one, other)
}

// CountLang is Count in a language.
func CountLang(lang string, n int, one, other string) string {
	return strconv.Itoa(n) + " " + OfLang(lang, n, one, other)
}
