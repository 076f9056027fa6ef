// An external test package: the rule suite it runs imports load.
package load_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/load"
	"github.com/avnet/avnet/internal/rules"
	"github.com/avnet/avnet/internal/rules/suite"
)

// FuzzLoad feeds arbitrary design text to the loader and the rule suite:
// whatever the input, avnet must answer with diagnostics, never a panic.
// Run it with: go test ./internal/load -run '^$' -fuzz FuzzLoad -fuzztime 5m
func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob("../cli/testdata/base/*.cue")
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("package x\n")
	f.Add("package x\nvlans: a: {id: 1, purpose: \"media\", subnet: \"10.0.0.0/8\"}\n")
	f.Add("package x\nlinks: l: {a: \"x:y\", b: \"y:z\", speed: \"10G\", medium: \"dac\"}\ndevices: x: {role: \"switch\", model: \"nvidia-sn2010\"}\n")
	f.Add("package x\nfacility: name: \"n\"\nflows: f: {sender: \"s\", essence: \"st2110-20\", video: format: \"1080p50\", class: \"c\", receivers: [\"s\"]}\n")
	f.Fuzz(func(t *testing.T, src string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "design.cue"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := load.Dir(dir, load.Options{Cwd: dir})
		if err != nil {
			t.Fatalf("loader error instead of a diagnostic: %v", err)
		}
		for _, d := range res.Diagnostics {
			if d.RuleID == "" || d.Message == "" || !d.Pos.IsValid() {
				t.Fatalf("malformed diagnostic: %+v", d)
			}
		}
		if res.Facility == nil {
			return
		}
		if _, err := rules.Run(suite.All(), res.Facility, analysis.Analyze(res.Facility)); err != nil {
			t.Fatalf("rule failed: %v", err)
		}
	})
}
