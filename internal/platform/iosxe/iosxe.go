// Package iosxe is the Cisco IOS XE platform (Catalyst 9000, IOS XE 17.x):
// configs/<device>.iosxe, applied with configuration archive and rollback.
package iosxe

import (
	"regexp"
	"strings"
	"text/template"

	"github.com/avnet/avnet/internal/platform"
	"github.com/avnet/avnet/internal/secret"
)

// Kind is Cisco IOS XE.
var Kind = &platform.Kind{
	Name:            "iosxe",
	Title:           "Cisco IOS XE 17.x (Catalyst 9000)",
	ScrapliPlatform: "cisco_iosxe",
	ConfigExt:       "iosxe",
	// IOS XE stores "secret 9 $9$…": scrypt (N=16384, r=1, p=1), the
	// strongest type it offers; type 8 (PBKDF2-SHA256) is in package secret
	// for images without type 9.
	HashPassword: func(password, device, user string) string {
		return secret.CiscoType9(password, secret.Salt(device, user, secret.CiscoSaltLen))
	},
	Render: Render,
	// Cisco Catalyst 9300 Interface and Hardware Configuration Guide (IOS XE
	// 17.x), "Interface naming": <type><switch>/<module>/<port> by speed
	// (GigabitEthernet … HundredGigE, AppGigabitEthernet for the app port)
	// and the out-of-band GigabitEthernet0/0.
	Ports:        regexp.MustCompile(`^(GigabitEthernet|TwoGigabitEthernet|FiveGigabitEthernet|TenGigabitEthernet|TwentyFiveGigE|FortyGigabitEthernet|HundredGigE|AppGigabitEthernet)[0-9]+(/[0-9]+){1,2}$`),
	PortsExample: "TwentyFiveGigE1/0/1, TenGigabitEthernet1/1/1, GigabitEthernet0/0",
}

// Register adds IOS XE to r.
func Register(r *platform.Registry) { r.Register(Kind) }

// Render writes <device>.iosxe.
func Render(d *platform.Device) ([]platform.File, error) {
	b, err := platform.ExecuteTemplate("iosxe.tmpl", platform.CLI, template.FuncMap{
		"privilege": privilege,
		"keyLines":  keyLines,
		"level":     func(l int) int { return min(l, 2) },
		"queriers":  queriers,
	}, d)
	if err != nil {
		return nil, err
	}
	return []platform.File{{Name: d.Name + ".iosxe", Data: b}}, nil
}

func privilege(r string) int {
	switch r {
	case "admin":
		return 15
	case "operator":
		return 7
	}
	return 1
}

// keyLines splits an OpenSSH public key's base-64 body into the 72-column
// lines of "ip ssh pubkey-chain … key-string".
func keyLines(key string) []string {
	f := strings.Fields(key)
	if len(f) < 2 {
		return nil
	}
	body := f[1]
	var out []string
	for len(body) > 72 {
		out = append(out, body[:72])
		body = body[72:]
	}
	return append(out, body)
}

// queriers returns the VLANs this switch queries.
func queriers(vs []*platform.VLAN) []*platform.VLAN {
	var out []*platform.VLAN
	for _, v := range vs {
		if v.Snooping && v.Querier {
			out = append(out, v)
		}
	}
	return out
}
