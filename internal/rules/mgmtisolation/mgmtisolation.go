package mgmtisolation

import (
	_ "embed"
	"fmt"
	"net/netip"
	"strings"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-SEC-001.
var Rule = &rules.Rule{
	ID:       "AV-SEC-001",
	Name:     "mgmtisolation",
	Doc:      rules.ExtractDoc(doc, "mgmtisolation"),
	Standard: "IEC 62443-3-3:2013 SR 5.1 (network segmentation), SR 5.2 (zone boundary protection); NIST SP 800-82 Rev. 3 §5",
	Severity: diag.Error,
	Run:      run,
}

// userPurposes are the VLANs whose hosts must not reach management.
var userPurposes = map[string]bool{"media": true, "office": true, "wifi": true, "guest": true, "iptv": true, "voice": true}

func subnet(v *model.VLAN) (netip.Prefix, bool) {
	p, err := netip.ParsePrefix(v.Subnet)
	if err != nil {
		return netip.Prefix{}, false
	}
	return p.Masked(), true
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	addresses(pass, f)
	reachability(pass, f)
	return nil
}

// addresses checks each device's management address.
func addresses(pass *rules.Pass, f *model.Facility) {
	for _, dn := range model.SortedKeys(f.Devices) {
		d := f.Devices[dn]
		if d.Mgmt == nil || d.Mgmt.IP == "" {
			continue
		}
		subject := "device " + dn
		mv := f.VLANs[d.Mgmt.VLAN]
		if mv == nil {
			continue // AV-REF-001
		}
		if mv.Purpose != "management" {
			pass.Report(diag.Diagnostic{
				Pos:     f.PosOf("devices", dn, "mgmt", "vlan"),
				Subject: subject,
				Message: fmt.Sprintf("management address %s of %s is in vlan %s, whose purpose is %q: every host of that VLAN reaches %s's management plane", d.Mgmt.IP, dn, d.Mgmt.VLAN, mv.Purpose, dn),
				Related: []diag.Related{{Pos: f.PosOf("vlans", d.Mgmt.VLAN, "purpose"), Message: fmt.Sprintf("vlan %s is a %s VLAN", d.Mgmt.VLAN, mv.Purpose)}},
				Hint:    "set mgmt.vlan to the management VLAN" + mgmtVLANs(f),
			})
			continue
		}
		a, err := netip.ParseAddr(d.Mgmt.IP)
		if err != nil {
			continue
		}
		if p, ok := subnet(mv); ok && p.Contains(a) {
			continue
		}
		for _, vn := range model.SortedKeys(f.VLANs) {
			v := f.VLANs[vn]
			if v.Purpose == "management" {
				continue
			}
			if p, ok := subnet(v); ok && p.Contains(a) {
				pass.Report(diag.Diagnostic{
					Pos:     f.PosOf("devices", dn, "mgmt", "ip"),
					Subject: subject,
					Message: fmt.Sprintf("management address %s of %s is in %s, the subnet of %s vlan %s: the device is managed from a %s network", a, dn, p, v.Purpose, vn, v.Purpose),
					Related: []diag.Related{{Pos: f.PosOf("vlans", vn, "subnet"), Message: fmt.Sprintf("vlan %s's subnet is declared here", vn)}},
					Hint:    fmt.Sprintf("use an address of vlan %s's subnet %s", d.Mgmt.VLAN, mv.Subnet),
				})
				break
			}
		}
	}
}

func mgmtVLANs(f *model.Facility) string {
	var ms []string
	for _, vn := range model.SortedKeys(f.VLANs) {
		if f.VLANs[vn].Purpose == "management" {
			ms = append(ms, fmt.Sprintf("%q", vn))
		}
	}
	if len(ms) == 0 {
		return ` (declare one: vlans."mgmt": {purpose: "management", ...})`
	}
	return " (" + strings.Join(ms, ", ") + ")"
}

// reachability checks that user VLANs cannot route to management VLANs
// except through a firewall.
func reachability(pass *rules.Pass, f *model.Facility) {
	// Which device holds each address, and in which VLAN.
	type holder struct{ dev, vlan string }
	holders := map[netip.Addr][]holder{}
	vlansOf := map[string]map[string]bool{}
	for _, dn := range model.SortedKeys(f.Devices) {
		d := f.Devices[dn]
		vlansOf[dn] = map[string]bool{}
		for _, in := range model.SortedKeys(d.Interfaces) {
			i := d.Interfaces[in]
			p, err := netip.ParsePrefix(i.IP)
			if err != nil {
				continue
			}
			for _, vn := range i.AllVLANs() {
				holders[p.Addr()] = append(holders[p.Addr()], holder{dn, vn})
				vlansOf[dn][vn] = true
			}
		}
	}
	for _, mn := range model.SortedKeys(f.VLANs) {
		m := f.VLANs[mn]
		if m.Purpose != "management" {
			continue
		}
		subject := "vlan " + mn
		if m.Routed {
			var users []string
			for _, vn := range model.SortedKeys(f.VLANs) {
				if v := f.VLANs[vn]; v.Routed && userPurposes[v.Purpose] {
					users = append(users, fmt.Sprintf("%s (%s)", vn, v.Purpose))
				}
			}
			if len(users) > 0 {
				pass.Report(diag.Diagnostic{
					Pos:     f.PosOf("vlans", mn, "routed"),
					Subject: subject,
					Message: fmt.Sprintf("management vlan %s is routed by the switches, as are %s: the switches route between their SVIs, so every host there reaches the management network without crossing a firewall", mn, strings.Join(users, ", ")),
					Hint:    fmt.Sprintf("set vlans.%s.routed: false and make a firewall its gateway", quote(mn)),
				})
				continue
			}
		}
		gw, err := netip.ParseAddr(m.Gateway)
		if err != nil {
			continue
		}
		for _, h := range holders[gw] {
			d := f.Devices[h.dev]
			if d == nil || d.Role == "firewall" || (d.Role != "router" && d.Role != "switch") {
				continue
			}
			var users []string
			for _, vn := range model.SortedKeys(vlansOf[h.dev]) {
				if v := f.VLANs[vn]; v != nil && userPurposes[v.Purpose] {
					users = append(users, fmt.Sprintf("%s (%s)", vn, v.Purpose))
				}
			}
			if len(users) == 0 {
				continue
			}
			pass.Report(diag.Diagnostic{
				Pos:     f.PosOf("vlans", mn, "gateway"),
				Subject: subject,
				Message: fmt.Sprintf("management vlan %s's gateway %s is %s %s, which also routes %s: hosts there reach the management network without crossing a firewall", mn, gw, d.Role, h.dev, strings.Join(users, ", ")),
				Related: []diag.Related{{Pos: f.PosOf("devices", h.dev), Message: fmt.Sprintf("%s is declared here", h.dev)}},
				Hint:    "make a firewall the management VLAN's gateway, or remove the user VLANs from " + h.dev,
			})
			break
		}
	}
}

func quote(s string) string {
	if model.PathKey(s) == s {
		return s
	}
	return fmt.Sprintf("%q", s)
}
