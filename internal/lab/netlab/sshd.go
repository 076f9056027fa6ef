package netlab

import (
	"bytes"
	"context"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// SSHPort is the port the nodes' sshd listen on.
const SSHPort = 22

// sshPrivsepDir is OpenSSH's compiled-in privilege separation directory;
// sshd refuses to start without it (it is normally made by the system's
// ssh service, which need not run here).
const sshPrivsepDir = "/run/sshd"

// StartSSHD starts an OpenSSH sshd inside a node's namespace, listening on
// addr port 22 (the node's management address, usually), with its own
// freshly generated ed25519 host key, accepting only key authentication
// for Lab.SSHUser with the given authorized_keys content. It returns the
// host key (a line "ssh-ed25519 AAAA... comment", as in known_hosts after
// the host name) once sshd listens.
//
// A session is a shell in the node's namespace, in its own UTS namespace
// whose hostname is the node's name, where OVS_RUNDIR points at the node's
// Open vSwitch (plain `ovs-vsctl show` works) and /etc/frr and
// /var/run/frr are the node's FRR directories (plain `vtysh` works).
func (l *Lab) StartSSHD(ctx context.Context, node string, addr netip.Addr, authorizedKey []byte) (hostKey []byte, err error) {
	ns, err := l.netns(node)
	if err != nil {
		return nil, err
	}
	if err := CheckPrograms(ProgramsSSHD); err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(authorizedKey)) == 0 {
		return nil, fmt.Errorf("netlab: node %s: StartSSHD needs an authorized key (an ssh public key line)", node)
	}
	sshd, err := lookProgram("sshd")
	if err != nil {
		return nil, CheckPrograms([]string{"sshd"})
	}
	dir := filepath.Join(l.NodeDir(node), "ssh")
	cfg := filepath.Join(dir, "sshd_config")
	if _, err := os.Stat(cfg); err == nil {
		return nil, fmt.Errorf("netlab: node %s: sshd already started (%s exists)", node, cfg)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("netlab: node %s: %w", node, err)
	}
	keyFile := filepath.Join(dir, "ssh_host_ed25519_key")
	if _, err := run(ctx, node, "", nil, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", node+"@"+l.Name, "-f", keyFile); err != nil {
		return nil, err
	}
	hostKey, err = os.ReadFile(keyFile + ".pub")
	if err != nil {
		return nil, fmt.Errorf("netlab: node %s: %w", node, err)
	}
	authFile := filepath.Join(dir, "authorized_keys")
	ak := append(bytes.Clone(bytes.TrimSpace(authorizedKey)), '\n') // not into the caller's array
	if err := os.WriteFile(authFile, ak, 0o600); err != nil {
		return nil, fmt.Errorf("netlab: node %s: %w", node, err)
	}
	if err := os.MkdirAll(sshPrivsepDir, 0o755); err != nil {
		return nil, fmt.Errorf("netlab: node %s: sshd needs %s: %w", node, sshPrivsepDir, err)
	}
	frrEtc, frrRun, err := l.frrDirs(node)
	if err != nil {
		return nil, err
	}
	pidFile := filepath.Join(dir, "sshd.pid")
	logFile := filepath.Join(dir, "sshd.log")
	var c strings.Builder
	fmt.Fprintf(&c, "# written by avnet lab (netlab) for node %s of lab %s\n", node, l.Name)
	fmt.Fprintf(&c, "ListenAddress %s\n", netip.AddrPortFrom(addr, SSHPort))
	fmt.Fprintf(&c, "HostKey %s\n", keyFile)
	fmt.Fprintf(&c, "PidFile %s\n", pidFile)
	fmt.Fprintf(&c, "AuthorizedKeysFile %s\n", authFile)
	fmt.Fprintf(&c, "AllowUsers %s\n", l.SSHUser)
	c.WriteString("PermitRootLogin prohibit-password\n")
	c.WriteString("PubkeyAuthentication yes\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n")
	c.WriteString("UsePAM no\n")
	// The state dir may sit under a group- or world-writable directory
	// (/tmp); the files are the lab's own.
	c.WriteString("StrictModes no\n")
	c.WriteString("UseDNS no\nPrintMotd no\nPrintLastLog no\n")
	fmt.Fprintf(&c, "SetEnv OVS_RUNDIR=%s\n", filepath.Join(l.NodeDir(node), "ovs"))
	c.WriteString("Subsystem sftp internal-sftp\n")
	if err := os.WriteFile(cfg, []byte(c.String()), 0o644); err != nil {
		return nil, fmt.Errorf("netlab: node %s: %w", node, err)
	}
	if _, err := run(ctx, node, "", nil, sshd, "-t", "-f", cfg); err != nil {
		return nil, err
	}
	if err := l.recordProcess(processRecord{Node: node, Name: "sshd", PIDFile: pidFile, Match: []string{"-f", cfg}, Stage: 1}); err != nil {
		return nil, err
	}
	// `ip netns exec` gives sshd a private mount namespace (with
	// /etc/netns/<ns>/* over /etc): the bind mounts below are seen by
	// sshd and its sessions only. sshd binds its socket before it
	// daemonizes, so it listens once the pid file names it.
	script := `hostname "$1" || exit 1
[ -d /etc/frr ] && mount --bind "$2" /etc/frr
[ -d /var/run/frr ] && mount --bind "$3" /var/run/frr
exec "$4" -f "$5" -E "$6"`
	if _, err := run(ctx, node, "see "+logFile, nil, "ip", "netns", "exec", ns,
		"unshare", "--uts", "--", "/bin/sh", "-c", script, "sh", node, frrEtc, frrRun, sshd, cfg, logFile); err != nil {
		return nil, err
	}
	err = waitFor(ctx, 10*time.Second, "sshd of "+node, func() (bool, error) {
		pid, _ := readPIDFile(pidFile)
		if pid == 0 {
			return false, nil
		}
		words, ok := procArgs(pid)
		return ok && containsWords(words, []string{"-f", cfg}), nil
	})
	if err != nil {
		log, _ := os.ReadFile(logFile)
		return nil, fmt.Errorf("netlab: node %s: sshd: %w: %s", node, err, strings.TrimSpace(string(log)))
	}
	return hostKey, nil
}
