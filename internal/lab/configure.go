package lab

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"os/exec"
	"strings"
	"sync"

	"github.com/avnet/avnet/internal/escape"
	"github.com/avnet/avnet/internal/lab/netlab"
	"github.com/avnet/avnet/internal/safepath"
)

// Target is what a Configurator works on: a lab whose switches are up
// but bare (Open vSwitch with an empty bridge br0 in the userspace
// datapath, FRR with no configuration, sshd with the lab's key), and the
// configurations rendered for them from the lab view of the design.
type Target struct {
	// Inventory lists the switches with their management address and the
	// SSH user, key and known_hosts to reach them; Inventory.Configs is
	// the build tree (manifest.json, configs/<dev>.ovs.sh and .frr.conf).
	Inventory *Inventory
	// Lab is the lab's plumbing, for configurators that work from the
	// lab machine rather than over SSH.
	Lab *netlab.Lab
}

// Configurator brings the bare switches of a lab to their rendered
// configuration. `avnet lab up` uses deploy.LabConfigurator (plan, then
// apply over SSH with scrapligo: the code path that configures real
// switches), so that every lab exercises it.
type Configurator interface {
	// Name names the configurator in the inventory and in messages.
	Name() string
	// Configure configures every switch of t and returns once each runs
	// its configuration.
	Configure(ctx context.Context, t *Target) error
}

// SSHApply is the minimal Configurator (no plan, no diff, no rollback),
// the default of Options for callers without internal/deploy and
// `avnet lab up --configurator ssh`: for every switch, over SSH
// (the lab's key, host keys verified against the lab's known_hosts), it
// runs configs/<dev>.ovs.sh in a shell (OVS_DB naming the switch's
// database) and loads configs/<dev>.frr.conf into FRR. Switches are
// configured Parallel at a time.
type SSHApply struct {
	Parallel int
}

// Name implements Configurator.
func (SSHApply) Name() string { return "lab-ssh-apply" }

// Configure implements Configurator.
func (a SSHApply) Configure(ctx context.Context, t *Target) error {
	inv := t.Inventory
	par := a.Parallel
	if par <= 0 {
		par = 4
	}
	sem := make(chan struct{}, par)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	for _, sw := range inv.Switches {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if err := a.one(ctx, inv, sw); err != nil {
				mu.Lock()
				errs = append(errs, fmt.Errorf("configure %s: %w", sw.Device, err))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

func (a SSHApply) one(ctx context.Context, inv *Inventory, sw Switch) error {
	ovs, err := safepath.ReadFile(inv.Configs, "configs/"+sw.Device+".ovs.sh")
	if err != nil {
		return err
	}
	frr, err := safepath.ReadFile(inv.Configs, "configs/"+sw.Device+".frr.conf")
	if err != nil {
		return err
	}
	// OVS_DB: the switch's own database (the script's default is the
	// system's /var/run/openvswitch/db.sock).
	if _, err := inv.SSH.Run(ctx, sw.MgmtIP, "OVS_DB="+escape.Shell(sw.OVSDB)+" sh -s", ovs); err != nil {
		return fmt.Errorf("configs/%s.ovs.sh: %w", sw.Device, err)
	}
	// The switch is bare: its FRR configuration is loaded as FRR loads it
	// at boot, additively (`vtysh -f`, which fails on any line FRR
	// refuses). Changing a configured switch, with a diff, is apply's job.
	if _, err := inv.SSH.Run(ctx, sw.MgmtIP,
		"cat > /etc/frr/frr.conf && vtysh -f /etc/frr/frr.conf >/dev/null", frr); err != nil {
		return fmt.Errorf("configs/%s.frr.conf: %w", sw.Device, err)
	}
	return nil
}

// Args returns the ssh arguments to run command on host as the lab user,
// with the lab's key and host keys checked against the lab's known_hosts.
func (s SSHInfo) Args(host string, command ...string) []string {
	args := []string{"-i", s.Key, "-F", "none",
		"-o", "UserKnownHostsFile=" + s.KnownHosts, "-o", "GlobalKnownHostsFile=/dev/null",
		"-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10",
		"-o", "LogLevel=ERROR", s.User + "@" + host}
	return append(args, command...)
}

// Run runs command on host over SSH with stdin, returning its output.
func (s SSHInfo) Run(ctx context.Context, host, command string, stdin []byte) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "ssh", s.Args(host, command)...)
	cmd.Stdin = bytes.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if msg == "" {
			msg = strings.TrimSpace(out.String())
		}
		if len(msg) > 2000 {
			msg = msg[:2000] + "..."
		}
		return out.Bytes(), fmt.Errorf("ssh %s@%s %q: %v: %s", s.User, host, command, err, msg)
	}
	return out.Bytes(), nil
}
