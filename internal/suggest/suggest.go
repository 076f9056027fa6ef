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
		return ""
	}
	return best
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
