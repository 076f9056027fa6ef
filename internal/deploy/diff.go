package deploy

import (
	"fmt"
	"strings"
)

// This file is the differ: a pure function from two texts to a unified
// diff, line by line, deterministic (the same inputs always give the same
// output). It is Myers' O(ND) algorithm in its linear-space form
// (E. W. Myers, "An O(ND) Difference Algorithm and Its Variations",
// Algorithmica 1(2), 1986, section 4b: the "middle snake" recursion), so
// that two unrelated 5000-line configurations cost O(N) memory.

// EditOp is what an Edit does to a line.
type EditOp byte

// The three edit operations, with the prefix a unified diff gives them.
const (
	OpEqual  EditOp = ' '
	OpDelete EditOp = '-'
	OpInsert EditOp = '+'
)

// Edit is one line of an edit script.
type Edit struct {
	Op   EditOp
	Line string
}

// DiffLines returns the shortest edit script that turns a into b, with
// deletions before insertions where both are possible.
func DiffLines(a, b []string) []Edit {
	// Intern the lines: comparing ints is cheaper than comparing strings.
	ids := map[string]int{}
	intern := func(ls []string) []int {
		out := make([]int, len(ls))
		for i, l := range ls {
			id, ok := ids[l]
			if !ok {
				id = len(ids)
				ids[l] = id
			}
			out[i] = id
		}
		return out
	}
	x, y := intern(a), intern(b)
	m := &myers{a: x, b: y}
	n := len(x) + len(y)
	m.vf = make([]int, 2*n+2)
	m.vb = make([]int, 2*n+2)
	m.compare(0, len(x), 0, len(y))

	// Walk both sequences, emitting equal runs between the marked lines.
	var out []Edit
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && m.delA(i):
			out = append(out, Edit{OpDelete, a[i]})
			i++
		case j < len(b) && m.insB(j):
			out = append(out, Edit{OpInsert, b[j]})
			j++
		default:
			out = append(out, Edit{OpEqual, a[i]})
			i++
			j++
		}
	}
	return out
}

// myers holds the state of the linear-space recursion: the sequences,
// the forward and backward V arrays, and which lines are changed.
type myers struct {
	a, b   []int
	vf, vb []int
	chA    map[int]bool
	chB    map[int]bool
}

func (m *myers) delA(i int) bool { return m.chA[i] }
func (m *myers) insB(j int) bool { return m.chB[j] }

func (m *myers) markA(i int) {
	if m.chA == nil {
		m.chA = map[int]bool{}
	}
	m.chA[i] = true
}

func (m *myers) markB(j int) {
	if m.chB == nil {
		m.chB = map[int]bool{}
	}
	m.chB[j] = true
}

// compare marks the changed lines of a[alo:ahi] against b[blo:bhi].
func (m *myers) compare(alo, ahi, blo, bhi int) {
	// Strip the common prefix and suffix.
	for alo < ahi && blo < bhi && m.a[alo] == m.b[blo] {
		alo++
		blo++
	}
	for alo < ahi && blo < bhi && m.a[ahi-1] == m.b[bhi-1] {
		ahi--
		bhi--
	}
	switch {
	case alo == ahi:
		for j := blo; j < bhi; j++ {
			m.markB(j)
		}
		return
	case blo == bhi:
		for i := alo; i < ahi; i++ {
			m.markA(i)
		}
		return
	}
	x, y := m.middleSnake(alo, ahi, blo, bhi)
	m.compare(alo, x, blo, y)
	m.compare(x, ahi, y, bhi)
}

// middleSnake finds a point (x, y) on an optimal path from (alo, blo) to
// (ahi, bhi) that splits the problem in two halves of about equal cost.
// Both sequences are non-empty and differ at both ends.
func (m *myers) middleSnake(alo, ahi, blo, bhi int) (int, int) {
	n, mm := ahi-alo, bhi-blo
	delta := n - mm
	odd := delta&1 != 0
	maxD := (n + mm + 1) / 2
	off := maxD + 1 // index offset so that k in [-maxD-1, maxD+1] fits
	vf := m.vf[:2*maxD+3]
	vb := m.vb[:2*maxD+3]
	for i := range vf {
		vf[i] = 0
		vb[i] = 0
	}
	// vf[k] is the furthest x reached on diagonal k (x - y = k) going
	// forward; vb[k] the furthest reverse x on diagonal k counted from the
	// end (reverse diagonal k corresponds to forward k' = delta - k).
	for d := 0; d <= maxD; d++ {
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && vf[off+k-1] < vf[off+k+1] {
				x = vf[off+k+1]
			} else {
				x = vf[off+k-1] + 1
			}
			y := x - k
			for x < n && y < mm && m.a[alo+x] == m.b[blo+y] {
				x++
				y++
			}
			vf[off+k] = x
			if odd {
				kr := delta - k
				if kr >= -(d-1) && kr <= d-1 && x+vb[off+kr] >= n {
					return alo + x, blo + y
				}
			}
		}
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && vb[off+k-1] < vb[off+k+1] {
				x = vb[off+k+1]
			} else {
				x = vb[off+k-1] + 1
			}
			y := x - k
			for x < n && y < mm && m.a[ahi-1-x] == m.b[bhi-1-y] {
				x++
				y++
			}
			vb[off+k] = x
			if !odd {
				kf := delta - k
				if kf >= -d && kf <= d && vf[off+kf]+x >= n {
					return ahi - x, bhi - y
				}
			}
		}
	}
	// Unreachable for sequences that differ: the paths meet by maxD.
	return alo + n/2, blo + mm/2
}

// Hunk is a group of nearby changes with their context, as in a unified
// diff: lines FromLine.. of the old text (1-based, FromCount of them) and
// ToLine.. of the new.
type Hunk struct {
	FromLine, FromCount int
	ToLine, ToCount     int
	Edits               []Edit
}

// Hunks groups an edit script into hunks with context lines around each
// change; changes closer than 2*context lines share a hunk.
func Hunks(edits []Edit, context int) []Hunk {
	var hunks []Hunk
	// Positions of changes.
	var changes []int
	for i, e := range edits {
		if e.Op != OpEqual {
			changes = append(changes, i)
		}
	}
	if len(changes) == 0 {
		return nil
	}
	// Line numbers before each edit.
	fromAt := make([]int, len(edits)+1)
	toAt := make([]int, len(edits)+1)
	for i, e := range edits {
		fromAt[i+1], toAt[i+1] = fromAt[i], toAt[i]
		if e.Op != OpInsert {
			fromAt[i+1]++
		}
		if e.Op != OpDelete {
			toAt[i+1]++
		}
	}
	start := max(changes[0]-context, 0)
	end := min(changes[0]+context+1, len(edits))
	flush := func() {
		h := Hunk{FromLine: fromAt[start] + 1, ToLine: toAt[start] + 1,
			FromCount: fromAt[end] - fromAt[start], ToCount: toAt[end] - toAt[start],
			Edits: edits[start:end]}
		// GNU diff convention: an empty range starts at the line before.
		if h.FromCount == 0 {
			h.FromLine--
		}
		if h.ToCount == 0 {
			h.ToLine--
		}
		hunks = append(hunks, h)
	}
	for _, c := range changes[1:] {
		if c-context <= end {
			end = min(c+context+1, len(edits))
			continue
		}
		flush()
		start = c - context
		end = min(c+context+1, len(edits))
	}
	flush()
	return hunks
}

// UnifiedDiff renders the difference between two texts as a unified diff
// with the given file labels and 3 lines of context; "" when they are the
// same. Texts are compared line by line; a missing final newline is not a
// difference.
func UnifiedDiff(fromLabel, toLabel, from, to string) string {
	a, b := splitLines(from), splitLines(to)
	hunks := Hunks(DiffLines(a, b), 3)
	if len(hunks) == 0 {
		return ""
	}
	var s strings.Builder
	fmt.Fprintf(&s, "--- %s\n+++ %s\n", fromLabel, toLabel)
	for _, h := range hunks {
		fmt.Fprintf(&s, "@@ -%s +%s @@\n", hunkRange(h.FromLine, h.FromCount), hunkRange(h.ToLine, h.ToCount))
		for _, e := range h.Edits {
			s.WriteByte(byte(e.Op))
			s.WriteString(e.Line)
			s.WriteByte('\n')
		}
	}
	return s.String()
}

func hunkRange(line, count int) string {
	if count == 1 {
		return fmt.Sprint(line)
	}
	return fmt.Sprintf("%d,%d", line, count)
}

// DiffStat counts the added and removed lines of a unified diff.
func DiffStat(unified string) (added, removed int) {
	for _, l := range strings.Split(unified, "\n") {
		switch {
		case strings.HasPrefix(l, "+++ "), strings.HasPrefix(l, "--- "):
		case strings.HasPrefix(l, "+"):
			added++
		case strings.HasPrefix(l, "-"):
			removed++
		}
	}
	return added, removed
}

// splitLines splits a text into lines without their newline; "" has none.
func splitLines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
