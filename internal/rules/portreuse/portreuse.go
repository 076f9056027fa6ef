package portreuse

import (
	_ "embed"
	"fmt"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-L2-002.
var Rule = &rules.Rule{
	ID:       "AV-L2-002",
	Name:     "portreuse",
	Doc:      rules.ExtractDoc(doc, "portreuse"),
	Standard: "IEEE 802.3 §1.4 (a link joins exactly two PHYs)",
	Severity: diag.Error,
	Run:      run,
}

type use struct{ label, side string }

func run(pass *rules.Pass) error {
	f := pass.Facility
	first := map[string]use{}
	for _, label := range model.SortedKeys(f.Links) {
		l := f.Links[label]
		if l.A == l.B {
			pass.Report(diag.Diagnostic{
				Pos:     f.PosOf("links", label, "b"),
				Subject: "link " + label,
				Message: fmt.Sprintf("both ends of the link are %s", l.B),
				Related: []diag.Related{{Pos: f.PosOf("links", label, "a"), Message: "end a names the same port"}},
				Hint:    "a cable joins two different ports: correct one end",
			})
			continue
		}
		for _, side := range []string{"a", "b"} {
			end := l.A
			if side == "b" {
				end = l.B
			}
			prev, seen := first[end]
			if !seen {
				first[end] = use{label, side}
				continue
			}
			dev, _ := model.SplitEnd(end)
			pass.Report(diag.Diagnostic{
				Pos:     f.PosOf("links", label, side),
				Subject: "link " + label,
				Message: fmt.Sprintf("port %s is already used by link %s", end, prev.label),
				Related: []diag.Related{{Pos: f.PosOf("links", prev.label, prev.side), Message: fmt.Sprintf("link %s uses %s here", prev.label, end)}},
				Hint:    fmt.Sprintf("connect one of the two cables to a free port of %s, or remove the duplicate link", dev),
			})
		}
	}
	return nil
}
