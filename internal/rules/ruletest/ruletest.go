// Package ruletest runs a rule over testdata designs and checks its
// findings against `// want "regexp"` comments, like go/analysis's
// analysistest.
//
// Each testdata/*.txtar archive is one design: its .cue files are written
// to a temporary directory and loaded. A line that must produce a finding
// ends with `// want "regexp"` (several quoted regexps for several
// findings); every finding must be wanted on its line and every want must
// be met. An archive with no want is a near miss: the rule must stay silent.
package ruletest

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/load"
	"github.com/avnet/avnet/internal/rules"
)

var wantRE = regexp.MustCompile(`//\s*want\s+(.*)$`)

type want struct {
	file string
	line int
	re   *regexp.Regexp
	met  bool
}

// Run checks rule against every archive in dir (usually "testdata").
func Run(t *testing.T, dir string, rule *rules.Rule) {
	t.Helper()
	archives, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil || len(archives) == 0 {
		t.Fatalf("no testdata archives in %s", dir)
	}
	for _, a := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(a), ".txtar"), func(t *testing.T) {
			runArchive(t, a, rule)
		})
	}
}

// Load writes an archive's files to a temporary directory and loads the
// design; loader findings fail the test, since a rule test needs a design
// that CUE accepts.
func Load(t *testing.T, archive string) (*load.Result, string) {
	t.Helper()
	ar, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := load.Dir(dir, load.Options{Cwd: dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) > 0 {
		var b strings.Builder
		diag.PrintText(&b, res.Diagnostics, diag.TextOptions{})
		t.Fatalf("testdata design does not load:\n%s", b.String())
	}
	return res, dir
}

func runArchive(t *testing.T, archive string, rule *rules.Rule) {
	res, dir := Load(t, archive)
	wants := collectWants(t, dir)
	facts := analysis.Analyze(res.Facility)
	ds, err := rules.Run([]*rules.Rule{rule}, res.Facility, facts)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if d.RuleID != rule.ID {
			t.Errorf("%s: finding with rule ID %s, want %s", d.Pos, d.RuleID, rule.ID)
		}
		matched := false
		for _, w := range wants {
			if !w.met && w.file == d.Pos.Filename && w.line == d.Pos.Line && w.re.MatchString(d.Message) {
				w.met, matched = true, true
				break
			}
		}
		if !matched {
			t.Errorf("%s: unexpected finding: %s", d.Pos, d.Message)
		}
		if d.Hint == "" {
			t.Errorf("%s: finding without a hint: every finding must say how to fix it", d.Pos)
		}
	}
	for _, w := range wants {
		if !w.met {
			t.Errorf("%s:%d: no finding matching %q", w.file, w.line, w.re)
		}
	}
}

func collectWants(t *testing.T, dir string) []*want {
	files, _ := filepath.Glob(filepath.Join(dir, "*.cue"))
	var out []*want
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			m := wantRE.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			rest := strings.TrimSpace(m[1])
			for rest != "" {
				q, err := strconv.QuotedPrefix(rest)
				if err != nil {
					t.Fatalf("%s:%d: bad want comment: %v", f, i+1, err)
				}
				s, _ := strconv.Unquote(q)
				out = append(out, &want{file: filepath.Base(f), line: i + 1, re: regexp.MustCompile(s)})
				rest = strings.TrimSpace(rest[len(q):])
			}
		}
	}
	return out
}
