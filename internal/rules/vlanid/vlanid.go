package vlanid

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

// Rule is AV-L2-001.
var Rule = &rules.Rule{
	ID:       "AV-L2-001",
	Name:     "vlanid",
	Doc:      rules.ExtractDoc(doc, "vlanid"),
	Standard: "IEEE 802.1Q §9.6 (VID); Cisco IOS XE and NX-OS VLAN configuration guides (reserved VLANs)",
	Severity: diag.Error,
	Run:      run,
}

// reservation is a block of VLAN IDs a platform keeps for itself.
type reservation struct {
	lo, hi int
	os     string // the platform's product name
	why    string
}

var reserved = map[string]reservation{
	"iosxe": {1002, 1005, "Cisco IOS XE", "Cisco's default FDDI and Token Ring VLANs, which always exist and cannot be used for Ethernet"},
	"nxos":  {3968, 4094, "Cisco NX-OS", "allocated for internal use by default (the block moves with `system vlan <start> reserve`)"},
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	names := model.SortedKeys(f.VLANs)

	// Platforms in use by switches, each with the switches that run it.
	platforms := map[string][]string{}
	for _, dn := range model.SortedKeys(f.Devices) {
		d := f.Devices[dn]
		if d.Platform == "" || !isSwitch(f, d) {
			continue
		}
		platforms[d.Platform] = append(platforms[d.Platform], dn)
	}
	taken := map[int]bool{}
	for _, n := range names {
		taken[f.VLANs[n].ID] = true
	}
	free := func(id int) int { return nearestFree(id, taken, platforms) }

	for i, name := range names {
		v := f.VLANs[name]
		subject := "vlan " + name
		for _, prev := range names[:i] {
			p := f.VLANs[prev]
			if p.ID != v.ID || (p.Plane != "" && v.Plane != "" && p.Plane != v.Plane) {
				continue
			}
			hint := "give each VLAN its own ID"
			if n := free(v.ID); n > 0 {
				hint += fmt.Sprintf(": %d is free", n)
			}
			msg := fmt.Sprintf("VLAN ID %d is already used by vlan %s", v.ID, prev)
			if p.Plane != "" || v.Plane != "" {
				msg += " on the same plane"
			}
			pass.Report(diag.Diagnostic{
				Pos:     f.PosOf("vlans", name, "id"),
				Subject: subject,
				Message: msg,
				Related: []diag.Related{{Pos: f.PosOf("vlans", prev, "id"), Message: fmt.Sprintf("vlan %s declares ID %d here", prev, p.ID)}},
				Hint:    hint,
			})
			break
		}
		for _, plat := range model.SortedKeys(platforms) {
			r, ok := reserved[plat]
			if !ok || v.ID < r.lo || v.ID > r.hi {
				continue
			}
			sws := platforms[plat]
			hint := fmt.Sprintf("choose an ID outside %d–%d", r.lo, r.hi)
			if n := free(v.ID); n > 0 {
				hint += fmt.Sprintf(", e.g. %d", n)
			}
			pass.Report(diag.Diagnostic{
				Pos:     f.PosOf("vlans", name, "id"),
				Subject: subject,
				Message: fmt.Sprintf("VLAN ID %d is reserved on %s (%s): VLANs %d–%d are %s", v.ID, r.os, strings.Join(sws, ", "), r.lo, r.hi, r.why),
				Related: []diag.Related{{Pos: f.PosOf("devices", sws[0], "platform"), Message: fmt.Sprintf("%s runs %s here", sws[0], r.os)}},
				Hint:    hint,
			})
		}
	}
	return nil
}

// isSwitch reports whether d forwards frames: by role, or by its type's kind.
func isSwitch(f *model.Facility, d *model.Device) bool {
	if d.IsSwitch() {
		return true
	}
	t := f.DeviceTypes[d.Model]
	return t != nil && t.Kind == "switch"
}

// nearestFree returns the unused, unreserved ID closest to id (2–4094,
// leaving the default VLAN 1 alone), preferring the higher one on a tie;
// 0 if none.
func nearestFree(id int, taken map[int]bool, platforms map[string][]string) int {
	ok := func(n int) bool {
		if n < 2 || n > 4094 || taken[n] {
			return false
		}
		for p := range platforms {
			if r, has := reserved[p]; has && n >= r.lo && n <= r.hi {
				return false
			}
		}
		return true
	}
	for d := 1; d < 4094; d++ {
		if ok(id + d) {
			return id + d
		}
		if ok(id - d) {
			return id - d
		}
	}
	return 0
}
