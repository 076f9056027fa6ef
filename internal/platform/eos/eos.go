// Package eos is the Arista EOS platform (EOS 4.2x): configs/<device>.eos,
// a startup-config applied through a configuration session.
package eos

import (
	"regexp"
	"text/template"

	"github.com/avnet/avnet/internal/escape"
	"github.com/avnet/avnet/internal/platform"
	"github.com/avnet/avnet/internal/secret"
)

// Kind is Arista EOS.
var Kind = &platform.Kind{
	Name:            "eos",
	Title:           "Arista EOS 4.2x",
	ScrapliPlatform: "arista_eos",
	ConfigExt:       "eos",
	// EOS stores "secret sha512 $6$…": SHA-crypt with SHA-512, 5000 rounds.
	HashPassword: func(password, device, user string) string {
		return secret.SHA512Crypt(password, secret.Salt(device, user, 16), secret.RoundsDefault)
	},
	Render: Render,
	// Arista EOS User Manual, "Ethernet Ports": Ethernet<port>, with
	// /<lane> on breakout ports and <module>/<port>[/<lane>] on modular
	// chassis; Management1 (or Management1/1 on supervisors).
	Ports:        regexp.MustCompile(`^(Ethernet[0-9]+(/[0-9]+){0,2}|Management[0-9]+(/[0-9]+)?)$`),
	PortsExample: "Ethernet1, Ethernet49/1, Management1",
}

// Register adds EOS to r.
func Register(r *platform.Registry) { r.Register(Kind) }

// Render writes <device>.eos.
func Render(d *platform.Device) ([]platform.File, error) {
	b, err := platform.ExecuteTemplate("eos.tmpl", platform.CLI, template.FuncMap{
		"role":    role,
		"profile": profile,
		"speed":   speed,
		"svi":     func(id int) string { return "Vlan" + itoa(id) },
		// A banner line "EOF" would end `banner login` early.
		"eosBanner": escape.EOSBannerLine,
	}, d)
	if err != nil {
		return nil, err
	}
	return []platform.File{{Name: d.Name + ".eos", Data: b}}, nil
}

// role maps the design's role to EOS's privilege and role.
func role(r string) string {
	switch r {
	case "admin":
		return "privilege 15 role network-admin"
	case "operator":
		return "privilege 15 role network-operator"
	}
	return "privilege 1 role network-operator"
}

// profile is the EOS "ptp profile" keyword; "" for the IEEE 1588 default.
func profile(p string) string {
	switch p {
	case "st2059-2":
		return "smpte2059-2"
	case "aes67":
		return "aes67"
	case "aes-r16":
		return "aes67-r16-2016"
	}
	return ""
}

// speed is the EOS "speed" keyword for a link below the port's maximum.
func speed(s string) string {
	switch s {
	case "100M":
		return "100full"
	case "1G":
		return "1000full"
	case "10G":
		return "10000full"
	case "25G":
		return "25gfull"
	case "40G":
		return "40gfull"
	case "50G":
		return "50gfull"
	case "100G":
		return "100gfull"
	}
	return "auto"
}

func itoa(n int) string { return platform.JoinInts([]int{n}, "") }
