package deploy

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// lcsLen is the textbook O(NM) longest common subsequence, the oracle the
// differ must match: a shortest edit script has len(a)+len(b)-2*LCS edits.
func lcsLen(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}

func TestDiffLinesMinimalAndCorrect(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	alphabet := []string{"a", "b", "c", "d"}
	gen := func() []string {
		n := r.Intn(14)
		out := make([]string, n)
		for i := range out {
			out[i] = alphabet[r.Intn(len(alphabet))]
		}
		return out
	}
	for iter := 0; iter < 5000; iter++ {
		a, b := gen(), gen()
		edits := DiffLines(a, b)
		var gotA, gotB []string
		changes := 0
		for _, e := range edits {
			switch e.Op {
			case OpEqual:
				gotA = append(gotA, e.Line)
				gotB = append(gotB, e.Line)
			case OpDelete:
				gotA = append(gotA, e.Line)
				changes++
			case OpInsert:
				gotB = append(gotB, e.Line)
				changes++
			}
		}
		if !cmp.Equal(gotA, a, cmpNilEmpty) || !cmp.Equal(gotB, b, cmpNilEmpty) {
			t.Fatalf("a=%q b=%q: script does not rebuild the inputs: %v", a, b, edits)
		}
		if want := len(a) + len(b) - 2*lcsLen(a, b); changes != want {
			t.Fatalf("a=%q b=%q: %d changes, the shortest script has %d", a, b, changes, want)
		}
	}
}

var cmpNilEmpty = cmp.Comparer(func(x, y []string) bool {
	return strings.Join(x, "\x00") == strings.Join(y, "\x00") && len(x) == len(y)
})

func TestUnifiedDiff(t *testing.T) {
	from := "vlan 10\n name red\nvlan 20\n name blue\ninterface Ethernet1\n switchport access vlan 10\ninterface Ethernet2\n switchport access vlan 20\ninterface Ethernet3\n shutdown\n"
	to := "vlan 10\n name red\nvlan 30\n name green\ninterface Ethernet1\n switchport access vlan 10\ninterface Ethernet2\n switchport access vlan 20\ninterface Ethernet3\n shutdown\n"
	got := UnifiedDiff("sw-red (running)", "sw-red (intended)", from, to)
	want := `--- sw-red (running)
+++ sw-red (intended)
@@ -1,7 +1,7 @@
 vlan 10
  name red
-vlan 20
- name blue
+vlan 30
+ name green
 interface Ethernet1
  switchport access vlan 10
 interface Ethernet2
`
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("UnifiedDiff (-want +got):\n%s", d)
	}
	if UnifiedDiff("a", "b", from, from) != "" {
		t.Error("equal texts must give no diff")
	}
	if UnifiedDiff("a", "b", "x\n", "x") != "" {
		t.Error("a missing final newline is not a difference")
	}
	add, rem := DiffStat(got)
	if add != 2 || rem != 2 {
		t.Errorf("DiffStat = +%d -%d, want +2 -2", add, rem)
	}
}

func TestUnifiedDiffFromEmpty(t *testing.T) {
	got := UnifiedDiff("running", "intended", "", "a\nb\n")
	want := "--- running\n+++ intended\n@@ -0,0 +1,2 @@\n+a\n+b\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestHunksSplitFarChanges(t *testing.T) {
	var a, b []string
	for i := 0; i < 30; i++ {
		a = append(a, string(rune('A'+i%26))+strings.Repeat("x", i/26))
	}
	b = append(b, a...)
	b[2] = "changed-2"
	b[25] = "changed-25"
	hs := Hunks(DiffLines(a, b), 3)
	if len(hs) != 2 {
		t.Fatalf("got %d hunks, want 2", len(hs))
	}
	if hs[0].FromLine != 1 || hs[0].FromCount != 6 || hs[1].FromLine != 23 || hs[1].FromCount != 7 {
		t.Errorf("hunk ranges: %+v %+v", hs[0], hs[1])
	}
}

func TestDiffLinesLargeUnrelated(t *testing.T) {
	// Two unrelated 5000-line texts: linear space, well under a second.
	var a, b []string
	for i := 0; i < 5000; i++ {
		a = append(a, "a"+strings.Repeat("x", i%7)+string(rune('0'+i%10)))
		b = append(b, "b"+string(rune('0'+i%10)))
	}
	edits := DiffLines(a, b)
	if len(edits) != 10000 {
		t.Errorf("got %d edits, want 10000", len(edits))
	}
}
