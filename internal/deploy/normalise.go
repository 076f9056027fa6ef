package deploy

import (
	"regexp"
	"sort"
	"strings"
)

// Normalisation turns a configuration, as a device prints it or as avnet
// generated it, into the canonical text that plans compare and digest:
// volatile lines (timestamps, byte counts, software versions), comments
// and blank lines are dropped, trailing blanks trimmed, and the top-level
// blocks (a line and the indented lines under it) sorted, so that a device
// printing its sections in another order than the generator does not show
// as a change. The order of the lines inside a block is kept: it can
// matter (ACL entries, route-map clauses).

// cliNormaliser normalises an IOS-like configuration (EOS, NX-OS, IOS XE,
// FRR).
type cliNormaliser struct {
	// drop matches whole lines (after trimming the right end) to drop.
	drop []*regexp.Regexp
	// comment is the comment prefix: "!".
	comment string
}

func (n cliNormaliser) normalise(raw string, extraDrop []*regexp.Regexp) string {
	raw = strings.ReplaceAll(raw, "\r\n", "\n")
	raw = strings.ReplaceAll(raw, "\r", "")
	var lines []string
	inBanner := ""
	for _, l := range strings.Split(raw, "\n") {
		l = strings.TrimRight(l, " \t")
		if inBanner != "" {
			// Banner text is kept verbatim, whatever it looks like.
			lines = append(lines, l)
			if strings.Contains(l, inBanner) {
				inBanner = ""
			}
			continue
		}
		t := strings.TrimSpace(l)
		if t == "" || t == "end" || n.comment != "" && strings.HasPrefix(t, n.comment) {
			continue
		}
		if matchAny(n.drop, l) || matchAny(extraDrop, l) {
			continue
		}
		lines = append(lines, l)
		if d := bannerDelimiter(l); d != "" {
			inBanner = d
		}
	}
	return strings.Join(sortBlocks(lines), "\n") + newlineIf(len(lines) > 0)
}

func newlineIf(b bool) string {
	if b {
		return "\n"
	}
	return ""
}

func matchAny(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// bannerDelimiter returns what ends a multi-line banner opened on line l:
// "EOF" for EOS (`banner motd` alone), the delimiter for IOS (`banner motd
// ^C`), or "" when l opens none (or opens and closes it on one line).
func bannerDelimiter(l string) string {
	f := strings.Fields(l)
	if len(f) < 2 || f[0] != "banner" || strings.HasPrefix(l, " ") {
		return ""
	}
	if len(f) == 2 {
		return "EOF"
	}
	rest := strings.Join(f[2:], " ")
	delim := rest[:1]
	if strings.HasPrefix(rest, "^") && len(rest) >= 2 {
		delim = rest[:2] // ^C
	}
	if strings.Count(rest, delim) >= 2 {
		return "" // opened and closed on the same line
	}
	return delim
}

// sortBlocks sorts the top-level blocks of a configuration in natural
// order (Ethernet2 before Ethernet10), keeping each block's own lines in
// order and equal blocks in their original order.
func sortBlocks(lines []string) []string {
	type block struct {
		key   string
		lines []string
	}
	var blocks []block
	for i := 0; i < len(lines); {
		j := i + 1
		if d := bannerDelimiter(lines[i]); d != "" {
			for j < len(lines) {
				j++
				if strings.Contains(lines[j-1], d) {
					break
				}
			}
		} else {
			for j < len(lines) && (strings.HasPrefix(lines[j], " ") || strings.HasPrefix(lines[j], "\t")) {
				j++
			}
		}
		blocks = append(blocks, block{key: lines[i], lines: lines[i:j]})
		i = j
	}
	sort.SliceStable(blocks, func(a, b int) bool { return naturalLess(blocks[a].key, blocks[b].key) })
	out := make([]string, 0, len(lines))
	for _, b := range blocks {
		out = append(out, b.lines...)
	}
	return out
}

// naturalLess compares strings with runs of digits compared as numbers.
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		ad, bd := isDigit(a[0]), isDigit(b[0])
		if ad && bd {
			i, j := digitRun(a), digitRun(b)
			na, nb := strings.TrimLeft(a[:i], "0"), strings.TrimLeft(b[:j], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[i:], b[j:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func digitRun(s string) int {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}
