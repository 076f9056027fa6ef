package netlab

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// FRR's fixed paths (Debian build: --sysconfdir=/etc/frr
// --localstatedir=/var/run/frr --sbindir=/usr/lib/frr).
const (
	frrEtcDir = "/etc/frr"
	frrRunDir = "/var/run/frr"
	frrLibDir = "/usr/lib/frr"
	frrInit   = "/usr/lib/frr/frrinit.sh"
)

// FRRDaemons are the daemons StartFRR accepts (zebra and staticd always
// run). pim6d is not built in Debian 12's package.
var FRRDaemons = []string{"zebra", "bgpd", "ripd", "ripngd", "ospfd", "ospf6d", "isisd", "babeld",
	"pimd", "pim6d", "ldpd", "nhrpd", "eigrpd", "sharpd", "pbrd", "staticd", "bfdd", "fabricd", "vrrpd", "pathd"}

// FRR is the FRR instance of a node: FRR's own multi-instance scheme, a
// pathspace (-N) named like the node's namespace, run by
// `frrinit.sh start <pathspace>` whose watchfrr (--netns) enters the
// namespace and starts and watches the daemons.
//
// FRR looks for a pathspace's files in /etc/frr/<pathspace>/ and
// /var/run/frr/<pathspace>/: these are symlinks to ConfDir and RunDir in
// the node's state directory.
type FRR struct {
	Node      string
	Pathspace string
	ConfDir   string // <node dir>/frr/etc: daemons, frr.conf, vtysh.conf
	RunDir    string // <node dir>/frr/run: pid files, vty sockets, logs
	Daemons   []string
}

// frrDirs creates a node's FRR directories (idempotent). Inside each, a
// symlink named like the pathspace points to "." so that a view where
// the directory is mounted on /etc/frr or /var/run/frr (the node's sshd
// sessions) finds the files with or without -N.
func (l *Lab) frrDirs(node string) (etc, runDir string, err error) {
	ps := l.NetnsName(node)
	etc = filepath.Join(l.NodeDir(node), "frr", "etc")
	runDir = filepath.Join(l.NodeDir(node), "frr", "run")
	uid, gid, vtyGID := 0, 0, 0
	if u, err := user.Lookup("frr"); err == nil {
		uid, _ = strconv.Atoi(u.Uid)
		gid, _ = strconv.Atoi(u.Gid)
	}
	if g, err := user.LookupGroup("frrvty"); err == nil {
		vtyGID, _ = strconv.Atoi(g.Gid)
	}
	for _, d := range []string{filepath.Dir(etc), etc, runDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return "", "", fmt.Errorf("netlab: node %s: %w", node, err)
		}
		if err := os.Chmod(d, 0o755); err != nil {
			return "", "", err
		}
	}
	for _, d := range []string{etc, runDir} {
		if err := os.Chown(d, uid, gid); err != nil {
			return "", "", fmt.Errorf("netlab: node %s: %w", node, err)
		}
		link := filepath.Join(d, ps)
		if _, err := os.Lstat(link); errors.Is(err, fs.ErrNotExist) {
			if err := os.Symlink(".", link); err != nil {
				return "", "", fmt.Errorf("netlab: node %s: %w", node, err)
			}
		}
	}
	vtysh := filepath.Join(etc, "vtysh.conf")
	if _, err := os.Stat(vtysh); errors.Is(err, fs.ErrNotExist) {
		if err := os.WriteFile(vtysh, []byte("service integrated-vtysh-config\n"), 0o640); err != nil {
			return "", "", err
		}
		if err := os.Chown(vtysh, uid, vtyGID); err != nil {
			return "", "", err
		}
	}
	return etc, runDir, nil
}

// StartFRR starts FRR in a node's namespace with the given daemons (zebra
// and staticd are always added) and the integrated configuration frrConf
// (frr.conf; "" for a minimal one naming the host) and returns once every
// daemon answers on its vty socket. Logs go to <RunDir>/<daemon>.log.
// The daemons run in a UTS namespace whose hostname is the node's name.
func (l *Lab) StartFRR(ctx context.Context, node string, daemons []string, frrConf string) (*FRR, error) {
	ns, err := l.netns(node)
	if err != nil {
		return nil, err
	}
	if err := CheckPrograms(ProgramsFRR); err != nil {
		return nil, err
	}
	want := []string{"zebra"}
	for _, d := range append(slices.Clone(daemons), "staticd") {
		if !slices.Contains(FRRDaemons, d) {
			return nil, fmt.Errorf("netlab: node %s: %q is not an FRR daemon (one of %s)", node, d, strings.Join(FRRDaemons, " "))
		}
		if _, err := os.Stat(filepath.Join(frrLibDir, d)); err != nil {
			return nil, fmt.Errorf("netlab: node %s: FRR daemon %s is not installed (%s): this frr package lacks it", node, d, filepath.Join(frrLibDir, d))
		}
		if !slices.Contains(want, d) {
			want = append(want, d)
		}
	}
	ps := ns
	etcLink := filepath.Join(frrEtcDir, ps)
	runLink := filepath.Join(frrRunDir, ps)
	for _, p := range []string{etcLink, runLink} {
		if _, err := os.Lstat(p); err == nil {
			return nil, fmt.Errorf("netlab: node %s: %s already exists (FRR pathspace %s in use: FRR already started, another lab, or a crash): take that lab down or remove it", node, p, ps)
		}
	}
	if len(filepath.Join(runLink, "watchfrr.vty")) > maxSocketPath {
		return nil, fmt.Errorf("netlab: node %s: FRR socket paths under %s are too long: shorten the lab or node name", node, runLink)
	}
	etc, runDir, err := l.frrDirs(node)
	if err != nil {
		return nil, err
	}
	f := &FRR{Node: node, Pathspace: ps, ConfDir: etc, RunDir: runDir, Daemons: want}

	// The daemons file, read by frrinit.sh/frrcommon.sh for this pathspace.
	var b strings.Builder
	b.WriteString("# written by avnet lab (netlab)\n")
	for _, d := range want {
		fmt.Fprintf(&b, "%s=yes\n", d)
	}
	b.WriteString("vtysh_enable=yes\n")
	b.WriteString("frr_profile=\"traditional\"\n")
	// watchfrr enters the network namespace named like the pathspace;
	// the daemons it starts inherit it.
	b.WriteString("watchfrr_options=\"--netns\"\n")
	for _, d := range want {
		fmt.Fprintf(&b, "%s_options=\"--log file:%s\"\n", d, filepath.Join(runLink, d+".log"))
	}
	if frrConf == "" {
		frrConf = fmt.Sprintf("frr defaults traditional\nhostname %s\nservice integrated-vtysh-config\n!\n", node)
	}
	uid, gid := 0, 0
	if u, err := user.Lookup("frr"); err == nil {
		uid, _ = strconv.Atoi(u.Uid)
		gid, _ = strconv.Atoi(u.Gid)
	}
	for name, content := range map[string]string{"daemons": b.String(), "frr.conf": frrConf} {
		p := filepath.Join(etc, name)
		if err := os.WriteFile(p, []byte(content), 0o640); err != nil {
			return nil, fmt.Errorf("netlab: node %s: %w", node, err)
		}
		if err := os.Chown(p, uid, gid); err != nil {
			return nil, err
		}
	}

	// Record the symlinks and the daemons before anything starts.
	if err := l.record(func(inv *inventory) error {
		inv.Paths = append(inv.Paths, etcLink, runLink)
		for _, d := range want {
			inv.Processes = append(inv.Processes, processRecord{Node: node, Name: d,
				PIDFile: filepath.Join(runDir, d+".pid"), Match: []string{filepath.Join(frrLibDir, d), "-N", ps}, Stage: 1})
		}
		// Stage 0: watchfrr dies first, or it would restart the others.
		inv.Processes = append(inv.Processes, processRecord{Node: node, Name: "watchfrr",
			PIDFile: filepath.Join(runDir, "watchfrr.pid"), Match: []string{filepath.Join(frrLibDir, "watchfrr"), "-N", ps}, Stage: 0})
		return nil
	}); err != nil {
		return nil, err
	}
	if err := os.Symlink(etc, etcLink); err != nil {
		return nil, fmt.Errorf("netlab: node %s: %w", node, err)
	}
	if err := os.Symlink(runDir, runLink); err != nil {
		return nil, fmt.Errorf("netlab: node %s: %w", node, err)
	}

	out, err := run(ctx, node, "see the logs in "+runDir, nil,
		"unshare", "--uts", "--", "/bin/sh", "-c", `hostname "$1" && exec "$2" start "$3"`, "sh", node, frrInit, ps)
	if err != nil {
		return nil, err
	}
	if strings.Contains(string(out), "Failed") || strings.Contains(string(out), "cannot") {
		return nil, &CmdError{Node: node, Argv: []string{frrInit, "start", ps}, Stderr: string(out), Err: errors.New("FRR did not start"), Hint: "see the logs in " + runDir}
	}
	// Ready when every daemon (and watchfrr) answers on its vty socket.
	err = waitFor(ctx, 20*time.Second, "FRR daemons of "+node, func() (bool, error) {
		for _, d := range append(slices.Clone(want), "watchfrr") {
			pid, _ := readPIDFile(filepath.Join(runDir, d+".pid"))
			if pid == 0 || !procAlive(pid) {
				return false, nil
			}
			c, err := net.Dial("unix", filepath.Join(runDir, d+".vty"))
			if err != nil {
				return false, nil
			}
			c.Close()
		}
		return true, nil
	})
	if err != nil {
		return nil, fmt.Errorf("netlab: node %s: %w (see the logs in %s; `vtysh -N %s` to inspect)", node, err, runDir, ps)
	}
	return f, nil
}

// FRR returns the handle of a node's FRR started earlier.
func (l *Lab) FRR(node string) (*FRR, error) {
	ps, err := l.netns(node)
	if err != nil {
		return nil, err
	}
	runDir := filepath.Join(l.NodeDir(node), "frr", "run")
	if pid, _ := readPIDFile(filepath.Join(runDir, "zebra.pid")); pid == 0 || !procAlive(pid) {
		return nil, fmt.Errorf("netlab: node %s: FRR is not running: call StartFRR", node)
	}
	f := &FRR{Node: node, Pathspace: ps, ConfDir: filepath.Join(l.NodeDir(node), "frr", "etc"), RunDir: runDir}
	for _, d := range FRRDaemons {
		if _, err := os.Stat(filepath.Join(runDir, d+".vty")); err == nil {
			f.Daemons = append(f.Daemons, d)
		}
	}
	return f, nil
}

// Vtysh runs vtysh commands (each a -c) against the node's FRR, e.g.
// Vtysh(ctx, "conf t", "router ospf", "end") or Vtysh(ctx, "show ip route").
func (f *FRR) Vtysh(ctx context.Context, cmds ...string) ([]byte, error) {
	argv := []string{"vtysh", "-N", f.Pathspace}
	for _, c := range cmds {
		argv = append(argv, "-c", c)
	}
	out, err := run(ctx, f.Node, "", nil, argv...)
	if err == nil && strings.HasPrefix(strings.TrimSpace(string(out)), "%") {
		return out, &CmdError{Node: f.Node, Argv: argv, Stderr: string(out), Err: errors.New("vtysh rejected a command")}
	}
	return out, err
}

// frrReload is FRR's configuration reload tool (Debian: frr-pythontools).
const frrReload = "/usr/lib/frr/frr-reload.py"

// ApplyConfig makes frrConf the node's configuration: it writes frr.conf
// and applies the difference with the running configuration
// (frr-reload.py --reload), without restarting the daemons.
func (f *FRR) ApplyConfig(ctx context.Context, frrConf string) error {
	if err := CheckPrograms([]string{frrReload}); err != nil {
		return err
	}
	p := filepath.Join(f.ConfDir, "frr.conf")
	if err := os.WriteFile(p, []byte(frrConf), 0o640); err != nil {
		return fmt.Errorf("netlab: node %s: %w", f.Node, err)
	}
	if u, err := user.Lookup("frr"); err == nil {
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		_ = os.Chown(p, uid, gid)
	}
	_, err := run(ctx, f.Node, "check the configuration with `vtysh -N "+f.Pathspace+" -C -f "+p+"`", nil,
		frrReload, "--reload", "--stdout", "--pathspace", f.Pathspace, p)
	return err
}
