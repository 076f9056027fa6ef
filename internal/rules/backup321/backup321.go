package backup321

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-STO-003.
var Rule = &rules.Rule{
	ID:       "AV-STO-003",
	Name:     "backup321",
	Doc:      rules.ExtractDoc(doc, "backup321"),
	Standard: "3-2-1 backup rule (US-CERT Data Backup Options, 2012); ISO/IEC 27002:2022 §8.13",
	Severity: diag.Warning,
	Run:      run,
}

// kind groups backup media by the technology that can fail together.
var kind = map[string]string{
	"disk": "disk", "nas": "disk", "tape": "tape", "lto": "tape", "cloud": "cloud", "optical": "optical",
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	for _, dn := range model.SortedKeys(f.Devices) {
		s := f.Devices[dn].Storage
		if s == nil {
			continue
		}
		copies := 1 + len(s.Backups)
		kinds := map[string]bool{"disk": true}
		var offsite []string
		for _, bn := range model.SortedKeys(s.Backups) {
			b := s.Backups[bn]
			if k := kind[b.Medium]; k != "" {
				kinds[k] = true
			}
			if b.Offsite || b.Medium == "cloud" {
				offsite = append(offsite, bn)
			}
		}
		var missing, fixes []string
		if copies < 3 {
			missing = append(missing, fmt.Sprintf("%d copy(ies) instead of 3", copies))
			fixes = append(fixes, fmt.Sprintf("add %d backup(s)", 3-copies))
		}
		if len(kinds) < 2 {
			missing = append(missing, "every copy on disk")
			fixes = append(fixes, "put one backup on tape (LTO) or in the cloud")
		}
		if len(offsite) == 0 {
			missing = append(missing, "no copy off site")
			fixes = append(fixes, "keep one backup off site (offsite: true, or a cloud copy)")
		}
		if len(missing) == 0 {
			continue
		}
		have := "no backup"
		if len(s.Backups) > 0 {
			var bs []string
			for _, bn := range model.SortedKeys(s.Backups) {
				b := s.Backups[bn]
				w := b.Medium
				if b.Offsite {
					w += ", off site"
				}
				bs = append(bs, fmt.Sprintf("%s (%s)", bn, w))
			}
			have = "backups " + strings.Join(bs, ", ")
		}
		pos := f.PosOf("devices", dn, "storage", "backups")
		pass.Report(diag.Diagnostic{
			Pos:     pos,
			Subject: "device " + dn,
			Message: fmt.Sprintf("storage of %s breaks the 3-2-1 rule: %s (the array on disk, %s)", dn, strings.Join(missing, ", "), have),
			Hint:    strings.Join(fixes, "; "),
		})
	}
	return nil
}
