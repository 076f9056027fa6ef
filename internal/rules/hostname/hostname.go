package hostname

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-L2-006.
var Rule = &rules.Rule{
	ID:       "AV-L2-006",
	Name:     "hostname",
	Doc:      rules.ExtractDoc(doc, "hostname"),
	Standard: "RFC 1123 §2.1, RFC 952 (host names)",
	Severity: diag.Error,
	Run:      run,
}

// label is one DNS label: what every platform accepts as a host name.
var label = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`)

func run(pass *rules.Pass) error {
	f := pass.Facility
	for _, name := range model.SortedKeys(f.Devices) {
		if d := f.Devices[name]; !d.IsSwitch() || label.MatchString(name) {
			continue
		}
		pass.Report(diag.Diagnostic{
			Pos:     f.PosOf("devices", name),
			Subject: "device " + name,
			Message: fmt.Sprintf("switch %s cannot have its name as host name: a host name holds only letters, digits and hyphens, and neither starts nor ends with a hyphen", name),
			Hint:    fmt.Sprintf("rename the switch %q (in its links and flows too)", suggestion(name)),
		})
	}
	return nil
}

// suggestion turns a name into a host name: '_' and '.' become '-'.
func suggestion(name string) string {
	s := strings.NewReplacer("_", "-", ".", "-").Replace(name)
	return strings.Trim(s, "-")
}
