package danteptp

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

// Rule is AV-DANTE-001.
var Rule = &rules.Rule{
	ID:       "AV-DANTE-001",
	Name:     "danteptp",
	Doc:      rules.ExtractDoc(doc, "danteptp"),
	Standard: "IEEE 1588-2002 (PTPv1) vs IEEE 1588-2008 (PTPv2); Audinate Dante Controller user guide, Clock Config (PTPv1/PTPv2 bridging in AES67 mode)",
	Severity: diag.Error,
	Run:      run,
}

type peer struct {
	device, flow string
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	dante := danteDevices(f)
	for _, dn := range model.SortedKeys(f.Devices) {
		d := f.Devices[dn]
		if !dante[dn] || !v1(d) {
			continue
		}
		peers := v2Peers(f, dn, dante)
		if len(peers) == 0 {
			continue
		}
		vlans := vlansOf(d)
		if bridged(f, dn, vlans, dante) {
			continue
		}
		var names []string
		var rel []diag.Related
		for i, p := range peers {
			if i == 3 {
				names = append(names, fmt.Sprintf("and %d more", len(peers)-3))
				break
			}
			names = append(names, fmt.Sprintf("%s (flow %s)", p.device, p.flow))
			rel = append(rel, diag.Related{Pos: f.PosOf("devices", p.device, "ptp"), Message: fmt.Sprintf("%s clocks with PTPv2 only", p.device)})
		}
		where := "on its network"
		if len(vlans) > 0 {
			where = "in vlan " + strings.Join(vlans, ", vlan ")
		}
		pass.Report(diag.Diagnostic{
			Pos:     f.PosOf("devices", dn, "ptp", "version"),
			Subject: "device " + dn,
			Message: fmt.Sprintf("Dante device %s clocks with PTPv1 only but exchanges audio with PTPv2-only %s, and no Dante device in AES67 mode bridges PTPv1 and PTPv2 %s",
				dn, strings.Join(names, ", "), where),
			Related: rel,
			Hint:    hint(f, dn, vlans, dante),
		})
	}
	return nil
}

// danteDevices are the devices with an audio.dante block or a Dante flow.
func danteDevices(f *model.Facility) map[string]bool {
	out := map[string]bool{}
	for _, dn := range model.SortedKeys(f.Devices) {
		if d := f.Devices[dn]; d != nil && d.Audio != nil && d.Audio.Dante != nil {
			out[dn] = true
		}
	}
	for _, fn := range model.SortedKeys(f.Flows) {
		fl := f.Flows[fn]
		if fl == nil || fl.Essence != "dante" {
			continue
		}
		out[fl.Sender] = true
		for _, r := range fl.Receivers {
			out[r] = true
		}
	}
	return out
}

func v1(d *model.Device) bool { return d != nil && d.PTP != nil && d.PTP.Version == 1 }

// v2Only: a device that is not a Dante device, declares no PTPv1 and
// does not turn PTP off.
func v2Only(d *model.Device, isDante bool) bool {
	if d == nil || isDante || v1(d) {
		return false
	}
	return d.PTP == nil || d.PTP.Mode != "none"
}

// v2Peers lists the PTPv2-only devices dn exchanges flows with.
func v2Peers(f *model.Facility, dn string, dante map[string]bool) []peer {
	seen := map[string]bool{}
	var out []peer
	add := func(dev, flow string) {
		if dev == dn || seen[dev] || !v2Only(f.Devices[dev], dante[dev]) {
			return
		}
		seen[dev] = true
		out = append(out, peer{dev, flow})
	}
	for _, fn := range model.SortedKeys(f.Flows) {
		fl := f.Flows[fn]
		if fl == nil {
			continue
		}
		if fl.Sender == dn {
			for _, r := range fl.Receivers {
				add(r, fn)
			}
		}
		for _, r := range fl.Receivers {
			if r == dn {
				add(fl.Sender, fn)
			}
		}
	}
	return out
}

// bridged reports whether a Dante device in AES67 mode shares a VLAN with dn.
func bridged(f *model.Facility, dn string, vlans []string, dante map[string]bool) bool {
	for _, bn := range model.SortedKeys(f.Devices) {
		b := f.Devices[bn]
		if bn == dn || b == nil || !dante[bn] || v1(b) || b.Audio == nil || b.Audio.Dante == nil || !b.Audio.Dante.AES67Mode {
			continue
		}
		if shares(vlans, vlansOf(b)) {
			return true
		}
	}
	return false
}

func hint(f *model.Facility, dn string, vlans []string, dante map[string]bool) string {
	for _, cn := range model.SortedKeys(f.Devices) {
		c := f.Devices[cn]
		if cn != dn && dante[cn] && !v1(c) && shares(vlans, vlansOf(c)) {
			return fmt.Sprintf("enable AES67 mode on %s (audio: dante: aes67Mode: true) so that it bridges PTPv1 and PTPv2, or replace %s with a device that supports PTPv2", cn, dn)
		}
	}
	return fmt.Sprintf("add a Dante device in AES67 mode (audio: dante: aes67Mode: true) to the VLAN of %s so that it bridges PTPv1 and PTPv2, or replace %s with a device that supports PTPv2", dn, dn)
}

func vlansOf(d *model.Device) []string {
	seen := map[string]bool{}
	var out []string
	if d == nil {
		return nil
	}
	for _, in := range model.SortedKeys(d.Interfaces) {
		if d.Interfaces[in] == nil {
			continue
		}
		for _, v := range d.Interfaces[in].AllVLANs() {
			if !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	return out
}

func shares(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}
