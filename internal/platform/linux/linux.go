// Package linux is the whitebox Linux switch: Open vSwitch for bridging
// and IGMP snooping, FRR for SVIs, the IGMP querier, OSPF and PIM, and
// linuxptp for PTP (whose ptp4l.conf the ptp generator writes). It renders
// two files: configs/<device>.ovs.sh, one ovs-vsctl transaction, and
// configs/<device>.frr.conf, an integrated FRR configuration.
//
// The local administrator account, sshd, NTP, syslog and DNS of a Linux
// switch are the host's own (its image or configuration management), not
// part of these files.
package linux

import (
	"fmt"
	"regexp"
	"strings"
	"text/template"

	"github.com/avnet/avnet/internal/escape"
	"github.com/avnet/avnet/internal/platform"
)

// Bridge is the name of the Open vSwitch bridge.
const Bridge = "br0"

// ScrapliPlatform names the custom scrapli platform definition for a Linux
// switch driven through vtysh and ovs-vsctl over SSH; the definition is to
// be added with the deploy stage.
const ScrapliPlatform = "avnet_linux_ovs_frr"

// Kind is the Linux whitebox switch.
var Kind = &platform.Kind{
	Name:            "linux",
	Title:           "Linux whitebox switch (Open vSwitch, FRR, linuxptp)",
	ScrapliPlatform: ScrapliPlatform,
	ConfigExt:       "frr.conf",
	Render:          Render,
	// Cumulus Linux / NVIDIA switches name front-panel ports swp<n>
	// (swp<n>s<lane> on breakouts) and the management port eth0; lab
	// namespaces and whitebox Debian switches use the same names.
	Ports:        regexp.MustCompile(`^(swp[0-9]+(s[0-9]+)?|eth[0-9]+)$`),
	PortsExample: "swp1, swp49s0, eth0",
}

// Register adds the Linux switch to r.
func Register(r *platform.Registry) { r.Register(Kind) }

// Render writes <device>.ovs.sh and <device>.frr.conf.
func Render(d *platform.Device) ([]platform.File, error) {
	funcs := template.FuncMap{"bridge": func() string { return Bridge },
		"ovsdb": escape.OVSDB, "ovsdbQuoted": escape.OVSDBQuoted, "ovsArg": ovsArg}
	ovs, err := platform.ExecuteTemplate("linux-ovs.tmpl", platform.Shell, funcs, d)
	if err != nil {
		return nil, err
	}
	frr, err := platform.ExecuteTemplate("linux-frr.tmpl", platform.CLI, funcs, d)
	if err != nil {
		return nil, err
	}
	return []platform.File{{Name: d.Name + ".frr.conf", Data: frr}, {Name: d.Name + ".ovs.sh", Data: ovs}}, nil
}

// ovsArg returns a name (port, interface) that ovs-vsctl reads as an
// argument: a shell word starting with '-' is an option to it, and "--"
// ends its command. Such a name is refused: no Linux interface name
// starts with '-' either.
func ovsArg(name string) (string, error) {
	if strings.HasPrefix(name, "-") || name == "" {
		return "", fmt.Errorf("name %q cannot be an ovs-vsctl argument (it is empty or starts with '-')", name)
	}
	return name, nil
}
