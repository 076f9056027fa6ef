// Package nxos is the Cisco NX-OS platform (Nexus 9000, NX-OS 10.x):
// configs/<device>.nxos, applied after a checkpoint (rollback on failure).
package nxos

import (
	"regexp"
	"text/template"

	"github.com/avnet/avnet/internal/platform"
	"github.com/avnet/avnet/internal/secret"
)

// Kind is Cisco NX-OS.
var Kind = &platform.Kind{
	Name:            "nxos",
	Title:           "Cisco NX-OS 10.x (Nexus 9000)",
	ScrapliPlatform: "cisco_nxos",
	ConfigExt:       "nxos",
	// NX-OS stores "password 5 $5$…": SHA-crypt with SHA-256, 5000 rounds.
	HashPassword: func(password, device, user string) string {
		return secret.SHA256Crypt(password, secret.Salt(device, user, 16), secret.RoundsDefault)
	},
	Render: Render,
	// Cisco Nexus 9000 Series NX-OS Interfaces Configuration Guide,
	// "Interface naming": Ethernet<slot>/<port>, Ethernet<slot>/<port>/<lane>
	// on breakouts, and the out-of-band mgmt0.
	Ports:        regexp.MustCompile(`^(Ethernet[0-9]+/[0-9]+(/[0-9]+)?|mgmt0)$`),
	PortsExample: "Ethernet1/1, Ethernet1/49/1, mgmt0",
}

// Register adds NX-OS to r.
func Register(r *platform.Registry) { r.Register(Kind) }

// Render writes <device>.nxos.
func Render(d *platform.Device) ([]platform.File, error) {
	b, err := platform.ExecuteTemplate("nxos.tmpl", platform.CLI, template.FuncMap{
		"role":       role,
		"profile":    profile,
		"speed":      speed,
		"portMTU":    portMTU,
		"queueClass": queueClass,
		"nqClass":    nqClass,
	}, d)
	if err != nil {
		return nil, err
	}
	return []platform.File{{Name: d.Name + ".nxos", Data: b}}, nil
}

func role(r string) string {
	if r == "admin" {
		return "network-admin"
	}
	return "network-operator"
}

// profile is the keyword NX-OS puts before an interval outside the IEEE
// 1588 default profile's range ("ptp sync interval smpte-2059-2 -3").
func profile(p string) string {
	switch p {
	case "st2059-2":
		return "smpte-2059-2 "
	case "aes67", "aes-r16":
		return "aes67 "
	}
	return ""
}

// speed is the NX-OS "speed" value in Mb/s.
func speed(s string) string {
	switch s {
	case "100M":
		return "100"
	case "1G":
		return "1000"
	case "10G":
		return "10000"
	case "25G":
		return "25000"
	case "40G":
		return "40000"
	case "50G":
		return "50000"
	case "100G":
		return "100000"
	}
	return "auto"
}

// portMTU is a layer-2 port's MTU: NX-OS takes 1500 or the system jumbo
// MTU (9216) on switchports.
func portMTU(ipMTU int) int {
	if ipMTU > 1500 {
		return 9216
	}
	return 1500
}

// queueClass names the system-defined 8-queue egress class of queue n.
func queueClass(n int) string {
	if n == 0 {
		return "c-out-8q-q-default"
	}
	return "c-out-8q-q" + platform.JoinInts([]int{n}, "")
}

// nqClass names the system-defined 8-queue network-qos class of qos-group n.
func nqClass(n int) string {
	if n == 0 {
		return "c-8q-nq-default"
	}
	return "c-8q-nq" + platform.JoinInts([]int{n}, "")
}
