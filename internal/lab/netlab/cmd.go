package netlab

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// CmdError is a command of the lab that failed.
type CmdError struct {
	Node   string // node the command ran for ("" for the root namespace)
	Argv   []string
	Stderr string
	Err    error
	Hint   string // what to do about it, when known
}

func (e *CmdError) Error() string {
	var b strings.Builder
	b.WriteString("netlab: ")
	if e.Node != "" {
		fmt.Fprintf(&b, "node %s: ", e.Node)
	}
	fmt.Fprintf(&b, "`%s`: %v", strings.Join(e.Argv, " "), e.Err)
	if s := strings.TrimSpace(e.Stderr); s != "" {
		if len(s) > 2000 {
			s = s[:2000] + "..."
		}
		fmt.Fprintf(&b, ": %s", s)
	}
	if e.Hint != "" {
		fmt.Fprintf(&b, " (%s)", e.Hint)
	}
	return b.String()
}

func (e *CmdError) Unwrap() error { return e.Err }

// programs maps every program the lab runs to the Debian package that
// ships it.
var programs = map[string]string{
	"ip":                         "iproute2",
	"bridge":                     "iproute2",
	"ethtool":                    "ethtool",
	"unshare":                    "util-linux",
	"hostname":                   "hostname",
	"ovsdb-tool":                 "openvswitch-switch",
	"ovsdb-server":               "openvswitch-switch",
	"ovs-vswitchd":               "openvswitch-switch",
	"ovs-vsctl":                  "openvswitch-switch",
	"ovs-appctl":                 "openvswitch-common",
	"vtysh":                      "frr",
	"/usr/lib/frr/frrinit.sh":    "frr",
	"/usr/lib/frr/watchfrr":      "frr",
	"/usr/lib/frr/frr-reload.py": "frr-pythontools",
	"ssh":                        "openssh-client",
	"sshd":                       "openssh-server",
	"ssh-keygen":                 "openssh-client",
	"ptp4l":                      "linuxptp",
	"pmc":                        "linuxptp",
	"ping":                       "iputils-ping",
}

// Program sets needed by each feature of the lab.
var (
	ProgramsBase = []string{"ip", "ethtool"}
	ProgramsOVS  = []string{"ovsdb-tool", "ovsdb-server", "ovs-vswitchd", "ovs-vsctl", "ovs-appctl"}
	ProgramsFRR  = []string{"/usr/lib/frr/frrinit.sh", "/usr/lib/frr/watchfrr", "vtysh", "unshare", "hostname"}
	ProgramsSSHD = []string{"sshd", "ssh-keygen", "unshare", "hostname"}
	ProgramsPTP  = []string{"ptp4l", "pmc"}
)

// MissingError lists the programs that are not installed and the Debian
// packages to install.
type MissingError struct {
	Programs []string
	Packages []string
}

func (e *MissingError) Error() string {
	return fmt.Sprintf("netlab: missing programs %s: install them with `apt-get install %s`",
		strings.Join(e.Programs, ", "), strings.Join(e.Packages, " "))
}

// sbinDirs are searched too: root's PATH may lack them (e.g. under sudo
// or in a minimal environment) and sshd, ovs-vswitchd live there.
var sbinDirs = []string{"/usr/sbin", "/sbin", "/usr/bin", "/bin"}

// lookProgram finds a program on PATH or in the sbin directories.
func lookProgram(name string) (string, error) {
	if filepath.IsAbs(name) {
		fi, err := os.Stat(name)
		if err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
			return "", fmt.Errorf("%s not found", name)
		}
		return name, nil
	}
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	for _, d := range sbinDirs {
		p := filepath.Join(d, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s not found", name)
}

// CheckPrograms returns a *MissingError naming the Debian packages to
// install if any of the programs is missing.
func CheckPrograms(sets ...[]string) error {
	var progs, pkgs []string
	seenPkg := map[string]bool{}
	seenProg := map[string]bool{}
	for _, set := range sets {
		for _, p := range set {
			if seenProg[p] {
				continue
			}
			seenProg[p] = true
			if _, err := lookProgram(p); err == nil {
				continue
			}
			progs = append(progs, p)
			pkg := programs[p]
			if pkg == "" {
				pkg = "(unknown package for " + p + ")"
			}
			if !seenPkg[pkg] {
				seenPkg[pkg] = true
				pkgs = append(pkgs, pkg)
			}
		}
	}
	if len(progs) == 0 {
		return nil
	}
	sort.Strings(pkgs)
	return &MissingError{Programs: progs, Packages: pkgs}
}

// run runs argv (argv[0] looked up on PATH and in the sbin directories)
// with extra environment variables, returning standard output.
func run(ctx context.Context, node, hint string, env []string, argv ...string) ([]byte, error) {
	path, err := lookProgram(argv[0])
	if err != nil {
		return nil, CheckPrograms([]string{argv[0]})
	}
	cmd := exec.CommandContext(ctx, path, argv[1:]...)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Stdin = nil
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("%w (%v)", ctx.Err(), err)
		}
		return stdout.Bytes(), &CmdError{Node: node, Argv: argv, Stderr: stderr.String(), Err: err, Hint: hint}
	}
	return stdout.Bytes(), nil
}
