package raidcapacity

import (
	_ "embed"
	"fmt"
	"math"
	"strconv"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-STO-002.
var Rule = &rules.Rule{
	ID:       "AV-STO-002",
	Name:     "raidcapacity",
	Doc:      rules.ExtractDoc(doc, "raidcapacity"),
	Standard: "RAID levels as defined by SNIA DDF 2.0 §4.2 (usable capacity and minimum disks per level)",
	Severity: diag.Error,
	Run:      run,
}

// level describes one RAID level.
type level struct {
	title   string
	formula string
	usable  func(n int, c float64) float64
	// valid says whether n disks can build the level, and why not.
	valid func(n int) (bool, string)
	// fit is the smallest valid disk count whose usable capacity reaches req.
	fit func(req, c float64) int
}

var levels = map[string]level{
	"raid0": {
		title: "RAID 0", formula: "N × C",
		usable: func(n int, c float64) float64 { return float64(n) * c },
		valid:  func(n int) (bool, string) { return n >= 1, "" },
		fit:    func(r, c float64) int { return ceil(r / c) },
	},
	"raid1": {
		title: "RAID 1", formula: "N × C / 2",
		usable: func(n int, c float64) float64 { return float64(n) * c / 2 },
		valid: func(n int) (bool, string) {
			return n >= 2 && n%2 == 0, "RAID 1 mirrors disks in pairs: it needs 2 disks, or an even number"
		},
		fit: func(r, c float64) int { return max(2, 2*ceil(r/c)) },
	},
	"raid10": {
		title: "RAID 10", formula: "N × C / 2",
		usable: func(n int, c float64) float64 { return float64(n) * c / 2 },
		valid: func(n int) (bool, string) {
			return n >= 4 && n%2 == 0, "RAID 10 stripes mirrored pairs: it needs an even number of disks, at least 4"
		},
		fit: func(r, c float64) int { return max(4, 2*ceil(r/c)) },
	},
	"raid5": {
		title: "RAID 5", formula: "(N − 1) × C",
		usable: func(n int, c float64) float64 { return float64(n-1) * c },
		valid:  func(n int) (bool, string) { return n >= 3, "RAID 5 needs at least 3 disks (two data, one parity)" },
		fit:    func(r, c float64) int { return max(3, ceil(r/c)+1) },
	},
	"raid6": {
		title: "RAID 6", formula: "(N − 2) × C",
		usable: func(n int, c float64) float64 { return float64(n-2) * c },
		valid:  func(n int) (bool, string) { return n >= 4, "RAID 6 needs at least 4 disks (two data, two parity)" },
		fit:    func(r, c float64) int { return max(4, ceil(r/c)+2) },
	},
}

func ceil(x float64) int { return int(math.Ceil(x - 1e-9)) }

func tb(x float64) string { return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64) + " TB" }

func run(pass *rules.Pass) error {
	f := pass.Facility
	for _, dn := range model.SortedKeys(f.Devices) {
		s := f.Devices[dn].Storage
		if s == nil {
			continue
		}
		lv, ok := levels[s.RAID]
		if !ok || s.Disks < 1 || s.DiskTB <= 0 {
			continue // the schema refuses these
		}
		subject := "device " + dn
		if ok, why := lv.valid(s.Disks); !ok {
			pass.Reportf(f.PosOf("devices", dn, "storage", "disks"), subject,
				fmt.Sprintf("use %d disks (the nearest count %s accepts)", nearestValid(lv, s.Disks), lv.title),
				"%s of %s has %d disk(s): %s", lv.title, dn, s.Disks, why)
			continue
		}
		if s.RequiredTB <= 0 {
			continue
		}
		usable := lv.usable(s.Disks, s.DiskTB)
		if usable+1e-9 >= s.RequiredTB {
			continue
		}
		n := lv.fit(s.RequiredTB, s.DiskTB)
		pass.Report(diag.Diagnostic{
			Pos:     f.PosOf("devices", dn, "storage", "requiredTB"),
			Subject: subject,
			Message: fmt.Sprintf("%s of %d × %s gives %s = %s usable, %s short of the %s required",
				lv.title, s.Disks, tb(s.DiskTB), lv.formula, tb(usable), tb(s.RequiredTB-usable), tb(s.RequiredTB)),
			Related: []diag.Related{{Pos: f.PosOf("devices", dn, "storage", "raid"), Message: fmt.Sprintf("%s's array is %s here", dn, lv.title)}},
			Hint: fmt.Sprintf("use %d disks of %s (%s usable), or larger disks, or another RAID level",
				n, tb(s.DiskTB), tb(lv.usable(n, s.DiskTB))),
		})
	}
	return nil
}

func nearestValid(lv level, n int) int {
	for d := 0; d < 64; d++ {
		if ok, _ := lv.valid(n + d); ok {
			return n + d
		}
	}
	return n
}
