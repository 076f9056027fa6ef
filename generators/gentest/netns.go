package gentest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
)

// Real programs run inside network namespaces created for one test and
// deleted when it ends (t.Cleanup runs on failure too): they never see,
// join or change the root namespace's interfaces.

// needRoot skips the test unless it runs as root with the programs it needs.
// NeedRoot skips the test unless it runs as root with the programs installed.
func NeedRoot(t *testing.T, programs ...string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to create network namespaces; run the tests as root (scripts/test.sh)")
	}
	for _, p := range append([]string{"ip"}, programs...) {
		if _, err := exec.LookPath(p); err != nil {
			t.Skipf("%s is not installed (scripts/test.sh installs ffmpeg, linuxptp and iproute2)", p)
		}
	}
}

var netnsSeq atomic.Int64

// netns is a network namespace owned by one test.
// Netns is a throwaway network namespace.
type Netns struct{ name string }

// newNetns creates a namespace with its loopback up, deleted at cleanup.
// NewNetns creates a namespace removed when the test ends.
func NewNetns(t *testing.T) *Netns {
	t.Helper()
	n := &Netns{name: fmt.Sprintf("avnet-test-%d-%d", os.Getpid(), netnsSeq.Add(1))}
	if out, err := exec.Command("ip", "netns", "add", n.name).CombinedOutput(); err != nil {
		t.Fatalf("ip netns add %s: %v\n%s", n.name, err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("ip", "netns", "del", n.name).CombinedOutput(); err != nil {
			t.Errorf("ip netns del %s: %v\n%s", n.name, err, out)
		}
	})
	n.IP(t, "link set lo up")
	return n
}

// command prepares a program to run in the namespace.
// Command runs a program inside the namespace.
func (n *Netns) Command(ctx context.Context, prog string, args ...string) *exec.Cmd {
	return exec.CommandContext(ctx, "ip", append([]string{"netns", "exec", n.name, prog}, args...)...)
}

// ip runs ip commands in the namespace, one per line, in a single
// process (ip -batch).
// IP runs `ip` commands inside the namespace.
func (n *Netns) IP(t *testing.T, commands ...string) {
	t.Helper()
	cmd := exec.Command("ip", "-n", n.name, "-batch", "-")
	cmd.Stdin = strings.NewReader(strings.Join(commands, "\n") + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("in %s: ip -batch:\n%s\n: %v\n%s", n.name, strings.Join(commands, "\n"), err, out)
	}
}

// veth returns the ip commands that add a veth pair with both ends up
// and, when addr is not empty, the first end addressed.
// Veth returns the ip command that makes a veth pair with an address.
func Veth(name, peer, addr string) []string {
	cmds := []string{
		"link add " + name + " type veth peer name " + peer,
		"link set " + name + " up",
		"link set " + peer + " up",
	}
	if addr != "" {
		cmds = append(cmds, "addr add "+addr+" dev "+name)
	}
	return cmds
}
