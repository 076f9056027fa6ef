package suite

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/avnet/avnet/internal/rules"
)

func TestSuiteIsValid(t *testing.T) {
	if err := rules.Validate(All()); err != nil {
		t.Fatal(err)
	}
}

// TestCatalogListsEveryRule keeps RULES.md and the code in step: every rule
// in the suite has a row in the catalog with the same ID and severity.
func TestCatalogListsEveryRule(t *testing.T) {
	data, err := os.ReadFile("../../../RULES.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile(`(?m)^\| (AV-[A-Z0-9]+-[0-9]{3}) \| ([EWI]) \|`)
	sev := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(string(data), -1) {
		sev[m[1]] = m[2]
	}
	for _, r := range All() {
		s, ok := sev[r.ID]
		if !ok {
			t.Errorf("%s (%s) is not in RULES.md", r.ID, r.Name)
			continue
		}
		if want := strings.ToUpper(r.Severity.String()[:1]); s != want {
			t.Errorf("%s: RULES.md says %s, code says %s", r.ID, s, want)
		}
	}
}
