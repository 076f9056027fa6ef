// Package suggest finds the name a user probably meant ("did you mean").
package suggest

import (
	"fmt"
	"strings"
)

// Closest returns the candidate nearest to s by edit distance, if it is
// near enough to be a plausible typo (at most a third of the longer word,
// and at least one edit allowed); "" otherwise. Ties go to the candidate
// that sorts first, so the hint is deterministic.
func Closest(s string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		d := Distance(strings.ToLower(s), strings.ToLower(c))
		if bestD < 0 || d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	if best == "" {
		return ""
	}
	limit := max(len(s), len(best)) / 3
	if limit < 1 {
		limit = 1
	}
	if bestD > limit {
		return byWords(s, candidates)
	}
	return best
}

// byWords is the fallback for a name written shorter than the real one,
// too far for an edit distance: "arista-7280sr3" for the catalog's
// "arista-dcs-7280sr3-48yc8". It returns the one candidate that contains
// every word of s (split at '-', '_', '.', '/' and blanks), and "" when
// none or several do: a guess among several would mislead.
func byWords(s string, candidates []string) string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == '-' || r == '_' || r == '.' || r == '/' || r == ' '
	})
	n := 0
	for _, w := range words {
		n += len(w)
	}
	if n < 4 {
		return ""
	}
	found := ""
	for _, c := range candidates {
		lc := strings.ToLower(c)
		all := true
		for _, w := range words {
			if !strings.Contains(lc, w) {
				all = false
				break
			}
		}
		if !all || c == found {
			continue
		}
		if found != "" {
			return ""
		}
		found = c
	}
	return found
}

// Distance is the Damerau-Levenshtein (optimal string alignment) distance,
// which counts a swap of two neighbouring letters as one typo.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// Phrase is the end of an error message that names the closest candidate
// to s: `; did you mean "x"?`, or "" when none is near enough. Messages
// name one likely candidate rather than list them all.
func Phrase(s string, candidates []string) string {
	if c := Closest(s, candidates); c != "" && c != s {
		return fmt.Sprintf("; did you mean %q?", c)
	}
	return ""
}
