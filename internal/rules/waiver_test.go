package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/load"
	"github.com/avnet/avnet/internal/rules"
	"github.com/avnet/avnet/internal/rules/suite"
)

// base has one AV-SEC-002 finding (telnet on sw-1) and a second switch
// without findings.
const base = `package d

facility: name: "waivers"
qos: classes: "be": {dscp: [0], queue: 0, scheduling: "strict"}
devices: "sw-1": {role: "switch", model: "nvidia-sn2010", platform: "linux", mgmt: {ip: "192.0.2.11", telnet: true}}
devices: "sw-2": {role: "switch", model: "nvidia-sn2010", platform: "linux", mgmt: ip: "192.0.2.12"}
`

func runSuite(t *testing.T, waivers string) []diag.Diagnostic {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "d.cue"), []byte(base+waivers), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := load.Dir(dir, load.Options{Cwd: dir})
	if err != nil || len(res.Diagnostics) > 0 {
		t.Fatalf("load: %v %v", err, res.Diagnostics)
	}
	ds, err := rules.Run(suite.All(), res.Facility, analysis.Analyze(res.Facility))
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func find(ds []diag.Diagnostic, rule string) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, d := range ds {
		if d.RuleID == rule {
			out = append(out, d)
		}
	}
	return out
}

func TestWaiverScopeMatchesNames(t *testing.T) {
	for _, scope := range []string{`"sw-1"`, `"device sw-1"`, `"sw-2", "sw-1"`} {
		ds := runSuite(t, `waivers: "AV-SEC-002": {reason: "lab only", scope: [`+scope+`]}`)
		sec := find(ds, "AV-SEC-002")
		if len(sec) != 1 || sec[0].Waived != "lab only" || sec[0].Severity != diag.Off {
			t.Errorf("scope [%s]: AV-SEC-002 findings %+v, want one waived and off", scope, sec)
		}
		if w := find(ds, rules.WaiverRuleID); len(w) != 0 {
			t.Errorf("scope [%s]: unexpected %s: %+v", scope, rules.WaiverRuleID, w)
		}
	}
}

func TestWaiverThatWaivesNothing(t *testing.T) {
	for _, c := range []struct{ waiver, msg, hint string }{
		{`waivers: "AV-SEC-002": {reason: "r", scope: ["sw-2"]}`,
			"the waiver for AV-SEC-002 matches no finding in its scope (sw-2)", "avnet vet --json"},
		{`waivers: "AV-SEC-020": {reason: "r"}`,
			"the waiver for AV-SEC-020 waives nothing: no rule has that ID", "did you mean AV-SEC-002?"},
		{`waivers: "AV-BW-001": {reason: "r"}`,
			"the waiver for AV-BW-001 matches no finding", "remove the waiver"},
	} {
		ds := runSuite(t, c.waiver)
		w := find(ds, rules.WaiverRuleID)
		if len(w) != 1 || !strings.HasPrefix(w[0].Message, c.msg) || !strings.Contains(w[0].Hint, c.hint) {
			t.Errorf("%s: %s findings %+v, want one starting %q with hint containing %q", c.waiver, rules.WaiverRuleID, w, c.msg, c.hint)
			continue
		}
		if w[0].Severity != diag.Warning || w[0].Pos.Line != 7 {
			t.Errorf("%s: finding at %s severity %s, want a warning on line 7", c.waiver, w[0].Pos, w[0].Severity)
		}
		if sec := find(ds, "AV-SEC-002"); len(sec) != 1 || sec[0].Waived != "" {
			t.Errorf("%s: AV-SEC-002 must stay unwaived: %+v", c.waiver, sec)
		}
	}
}

func TestSubjectNames(t *testing.T) {
	for subject, want := range map[string]string{
		"ptp lab": "lab", "link C-101": "C-101", "ptp a, ptp b": "a,b", "facility": "", "flow cam-1/video": "cam-1/video",
	} {
		if got := strings.Join(rules.SubjectNames(subject), ","); got != want {
			t.Errorf("SubjectNames(%q) = %q, want %q", subject, got, want)
		}
	}
}
