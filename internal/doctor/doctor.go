// Package doctor tells what this machine can do with avnet: the programs
// avnet drives (with their versions), the kernel features and the rights
// the lab needs, which avnet features each enables, and the one apt-get
// line that installs what is missing. It only reads: it runs programs
// with their version flag and looks at /proc, /sys and /dev, and changes
// nothing on the machine.
package doctor

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// Schema names the layout of `avnet doctor --json`.
const Schema = "avnet.dev/doctor/v1"

// Check is one thing doctor looked at.
type Check struct {
	Name string `json:"name"`
	// Kind is "program", "kernel" or "privilege".
	Kind    string `json:"kind"`
	OK      bool   `json:"ok"`
	Path    string `json:"path,omitempty"`
	Version string `json:"version,omitempty"`
	// Enables says which avnet features need it.
	Enables string `json:"enables"`
	// Package is the Debian package that provides it; Install how to get
	// it otherwise.
	Package string `json:"package,omitempty"`
	Install string `json:"install,omitempty"`
	Detail  string `json:"detail,omitempty"`
}

// Report is the whole examination.
type Report struct {
	Schema string   `json:"schema"`
	Checks []*Check `json:"checks"`
	// Missing lists the Debian packages of the missing programs, sorted;
	// AptGet is the command line that installs them ("" when none).
	Missing []string `json:"missing_packages"`
	AptGet  string   `json:"apt_get,omitempty"`
	// Other lists how to get what Debian does not package.
	Other []string `json:"other,omitempty"`
}

type program struct {
	name    string   // looked up on PATH, or an absolute path
	args    []string // version flag
	pkg     string
	install string
	enables string
}

var programs = []program{
	{"rsvg-convert", []string{"--version"}, "librsvg2-bin", "", "build/diagram: the diagrams' PNG"},
	{"weasyprint", []string{"--version"}, "weasyprint", "", "build/dossier: the dossier's PDF"},
	{"dot", []string{"-V"}, "graphviz", "", "tests: the diagrams' DOT parsed back by Graphviz"},
	{"ffprobe", []string{"-version"}, "ffmpeg", "", "tests: the SDP files read by a real consumer"},
	{"ptp4l", []string{"-v"}, "linuxptp", "", "lab: PTP clocks; tests: generated ptp4l configs loaded"},
	{"pmc", []string{"-v"}, "linuxptp", "", "lab test: PTP state and offsets of every clock"},
	{"vtysh", []string{"-h"}, "frr", "", "lab: routing, PIM and IGMP queriers on lab switches"},
	{"/usr/lib/frr/frr-reload.py", nil, "frr-pythontools", "", "apply to linux switches: FRR's delta with frr-reload.py"},
	{"ovs-vsctl", []string{"--version"}, "openvswitch-switch", "", "lab: the switches (Open vSwitch); apply to linux switches"},
	{"ovsdb-server", []string{"--version"}, "openvswitch-switch", "", "lab: the switches' OVSDB"},
	{"sshd", []string{"-V"}, "openssh-server", "", "lab: SSH on every lab switch, for plan/apply"},
	{"ssh-keygen", nil, "openssh-client", "", "lab: the switches' host keys and the lab's key"},
	{"ip", []string{"-V"}, "iproute2", "", "lab: network namespaces, veth pairs"},
	{"ethtool", []string{"--version"}, "ethtool", "", "lab: checksum offload off on veth pairs"},
	{"nft", []string{"--version"}, "nftables", "", "tests: a lab test drops a grandmaster's Syncs"},
	{"chromium", []string{"--version"}, "chromium", "", "tests of avnet serve: the pages in a real browser"},
	{"cue", []string{"version"}, "", "go install cuelang.org/go/cmd/cue@v0.17.1", "editors and `cue vet` on a design (avnet embeds CUE itself)"},
}

// Options let tests point doctor at another machine's files.
type Options struct {
	// Root prefixes /proc, /sys and /dev ("" for this machine).
	Root string
	// EUID is the effective user id (os.Geteuid when nil).
	EUID func() int
}

// Run examines the machine.
func Run(ctx context.Context, o Options) *Report {
	r := &Report{Schema: Schema}
	missing := map[string]bool{}
	var wg sync.WaitGroup
	for _, p := range programs {
		c := &Check{Name: filepath.Base(p.name), Kind: "program", Enables: p.enables, Package: p.pkg, Install: p.install}
		path, err := look(p.name)
		if err == nil {
			c.OK, c.Path = true, path
			// Some take seconds to start (WeasyPrint): ask them all at once.
			wg.Add(1)
			go func() { defer wg.Done(); c.Version = version(ctx, path, p.args) }()
		} else if p.pkg != "" {
			missing[p.pkg] = true
		} else if p.install != "" {
			r.Other = append(r.Other, p.install)
		}
		r.Checks = append(r.Checks, c)
	}
	wg.Wait()
	for _, k := range kernelChecks(o.Root) {
		r.Checks = append(r.Checks, k)
	}
	euid := os.Geteuid
	if o.EUID != nil {
		euid = o.EUID
	}
	root := &Check{Name: "root", Kind: "privilege", OK: euid() == 0, Enables: "lab: namespaces, veth pairs, daemons (run `sudo avnet lab …`)"}
	if !root.OK {
		root.Detail = "not root: `avnet lab` needs sudo"
	}
	r.Checks = append(r.Checks, root)
	for p := range missing {
		r.Missing = append(r.Missing, p)
	}
	sort.Strings(r.Missing)
	if len(r.Missing) > 0 {
		r.AptGet = "sudo apt-get install -y " + strings.Join(r.Missing, " ")
	}
	return r
}

// look finds a program on PATH (an absolute name as it is): what the
// user's commands will find.
func look(name string) (string, error) {
	if filepath.IsAbs(name) {
		fi, err := os.Stat(name)
		if err != nil {
			return "", err
		}
		if fi.IsDir() || fi.Mode()&0o111 == 0 {
			return "", os.ErrPermission
		}
		return name, nil
	}
	return exec.LookPath(name)
}

var versionRE = regexp.MustCompile(`\d+(\.\d+)+([a-z0-9.+~-]*)?`)

// version runs path with its version flag and keeps the first version
// number it prints (on either stream).
func version(ctx context.Context, path string, args []string) string {
	if args == nil {
		return ""
	}
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	_ = cmd.Run() // sshd -V and others exit non-zero after printing it
	for _, line := range strings.Split(out.String(), "\n") {
		if v := versionRE.FindString(line); v != "" {
			return v
		}
	}
	return ""
}

// kernelChecks looks for what the lab needs of the kernel, reading only.
func kernelChecks(root string) []*Check {
	at := func(p string) string { return filepath.Join(root, p) }
	exists := func(p string) bool { _, err := os.Stat(at(p)); return err == nil }
	symbols := ""
	if b, err := os.ReadFile(at("/proc/kallsyms")); err == nil {
		symbols = string(b)
	}
	hasSym := func(s string) bool {
		return strings.Contains(symbols, " "+s+"\n") || strings.Contains(symbols, " "+s+"\t")
	}
	module := func(m string) bool { return exists("/sys/module/" + m) }
	checks := []*Check{
		{Name: "network namespaces", Kind: "kernel", OK: exists("/proc/self/ns/net"), Enables: "lab: one namespace per switch and endpoint", Detail: "CONFIG_NET_NS"},
		{Name: "veth", Kind: "kernel", OK: module("veth") || hasSym("veth_newlink"), Enables: "lab: the cables", Detail: "CONFIG_VETH"},
		{Name: "TUN/TAP", Kind: "kernel", OK: exists("/dev/net/tun"), Enables: "lab: Open vSwitch internal ports (the switches' VLAN interfaces)", Detail: "CONFIG_TUN"},
		{Name: "VXLAN", Kind: "kernel", OK: module("vxlan") || hasSym("vxlan_xmit"), Enables: "lab: VXLAN, for designs whose fabric uses it", Detail: "CONFIG_VXLAN"},
		{Name: "IPv4 multicast routing", Kind: "kernel", OK: exists("/proc/net/ip_mr_vif"), Enables: "lab: multicast routed between VLANs by FRR pimd (L3 designs)", Detail: "CONFIG_IP_MROUTE"},
	}
	for _, c := range checks {
		if c.OK {
			c.Detail = ""
		} else {
			c.Detail = "this kernel lacks it: a kernel built with " + c.Detail + " (or its module loaded) provides it"
		}
	}
	return checks
}
