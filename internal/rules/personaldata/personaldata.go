package personaldata

import (
	_ "embed"
	"fmt"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-SEC-003.
var Rule = &rules.Rule{
	ID:       "AV-SEC-003",
	Name:     "personaldata",
	Doc:      rules.ExtractDoc(doc, "personaldata"),
	Standard: "GDPR (EU 2016/679) art. 5(1)(c), art. 25(2)",
	Severity: diag.Warning,
	Run:      run,
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	for _, sn := range model.SortedKeys(f.Shares) {
		s := f.Shares[sn]
		if !s.PersonalData {
			continue
		}
		for _, gn := range model.SortedKeys(s.Access) {
			g := f.Groups[gn]
			if g == nil || g.Need != "" {
				continue // AV-REF-001 reports an undefined group
			}
			members := 0
			for _, u := range f.Users {
				for _, ug := range u.Groups {
					if ug == gn {
						members++
						break
					}
				}
			}
			mode := "reads"
			if s.Access[gn] == "rw" {
				mode = "reads and writes"
			}
			pass.Report(diag.Diagnostic{
				Pos:     f.PosOf("shares", sn, "access", gn),
				Subject: "share " + sn,
				Message: fmt.Sprintf("share %s (%s on %s) holds personal data and group %s (%d user(s)) %s it with no declared need", sn, s.Path, s.Server, gn, members, mode),
				Related: []diag.Related{{Pos: f.PosOf("groups", gn), Message: fmt.Sprintf("group %s is declared here, without need", gn)}},
				Hint:    fmt.Sprintf("remove %s from shares.%s.access, or state why it needs the data in groups.%s.need", gn, quote(sn), quote(gn)),
			})
		}
	}
	return nil
}

func quote(s string) string {
	if model.PathKey(s) == s {
		return s
	}
	return fmt.Sprintf("%q", s)
}
