package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/avnet/avnet/internal/plural"
	"net/netip"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/avnet/avnet/internal/deploy"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/lab"
	"github.com/avnet/avnet/internal/lab/netlab"
)

type labFlags struct {
	name, stateRoot, mgmtBridge, mgmtCIDR string
	configurator                          string
	json                                  bool
}

func (f *labFlags) options(opts *Options) (lab.Options, error) {
	o := lab.Options{Name: f.name, StateRoot: f.stateRoot, MgmtBridge: f.mgmtBridge, Version: Version}
	if f.mgmtCIDR != "" {
		p, err := netip.ParsePrefix(f.mgmtCIDR)
		if err != nil || !p.Addr().Is4() || p.Addr() == p.Masked().Addr() {
			return o, usageError{fmt.Errorf("--mgmt-cidr %q: give the bridge's IPv4 address with the prefix length, e.g. 198.18.0.1/15", f.mgmtCIDR)}
		}
		o.MgmtCIDR = p
	}
	if !f.json {
		o.Log = opts.Stderr
	}
	// The lab's switches are configured by `avnet plan` + `avnet apply`'s
	// own code (internal/deploy, linux platform, over SSH), as real
	// switches are; "ssh" is the lab's minimal stand-in (the generated
	// files run as they are, no plan, no rollback), kept to tell a lab
	// problem from an apply problem.
	switch f.configurator {
	case "", "apply":
		o.Configurator = deploy.LabConfigurator{Version: Version}
	case "ssh":
		o.Configurator = lab.SSHApply{}
	default:
		return o, usageError{fmt.Errorf("--configurator %q is not supported. Supported configurators are [\"apply\" \"ssh\"]", f.configurator)}
	}
	return o, nil
}

func (f *labFlags) common(cmd *cobra.Command) {

	cmd.Flags().StringVar(&f.name, "name", "", "lab name (default: the design directory's name)")
	cmd.Flags().StringVar(&f.stateRoot, "state-root", "", "directory of the labs' state (default "+netlab.DefaultStateRoot+")")
}

func labCmd(opts *Options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lab",
		Short: "Run the design as a working mock-up in network namespaces, and test it",
		Long: `lab turns a design into a working mock-up (maquette fonctionnelle) on this
machine: every switch, whatever its platform in the design, becomes a network
namespace running the linux platform (Open vSwitch in its userspace datapath,
FRR, linuxptp, OpenSSH), every endpoint with interfaces a namespace with its
addresses, every cable a veth pair. A management bridge in the root namespace
(198.18.0.0/15 by default) reaches every switch's SSH; the design's own
addresses exist only inside the lab.

  sudo avnet lab up [DIR]      build the lab and configure its switches
  sudo avnet lab test [DIR]    send every flow, check delivery, snooping, DSCP, PTP
  sudo avnet lab status [DIR]  the labs on this machine (or the lab of DIR)
  sudo avnet lab exec NODE -- CMD   run CMD inside a node (e.g. ffplay, vlc)
  sudo avnet lab down [DIR]    remove everything, even after a crash

It needs root and the Debian packages openvswitch-switch, frr,
frr-pythontools, linuxptp, openssh-server, openssh-client, iproute2, ethtool.`,
	}
	for _, f := range []func(*Options) *cobra.Command{labUpCmd, labTestCmd, labStatusCmd, labDownCmd, labExecCmd} {
		cmd.AddCommand(f(opts))
	}
	return cmd
}

func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// printDesignError prints a design that does not load as vet does.
func printDesignError(opts *Options, err error) error {
	var de *lab.DesignError
	if errors.As(err, &de) {
		diag.PrintText(opts.Stderr, de.Diagnostics, diag.TextOptions{Color: opts.Color, Source: true})
		fmt.Fprintf(opts.Stderr, "%s: %s\n", de.Dir, diag.Summary(de.Diagnostics))
		return exitError{1}
	}
	return err
}

func labUpCmd(opts *Options) *cobra.Command {
	var f labFlags
	cmd := &cobra.Command{
		Use:   "up [DIR]",
		Short: "Build the lab of the design in DIR and configure its switches",
		Long: `up builds the lab of the design in DIR (default: the current directory):
namespaces, veth pairs, the management bridge, and on every switch Open
vSwitch, FRR and sshd with its own host key. The switches start bare and are
configured over SSH from configurations rendered for the lab (every switch on
the linux platform, ports with short Linux names), as real switches are.

The lab's inventory (nodes, Linux interface names, management addresses, SSH
key and known_hosts) is written to <state-root>/<name>/lab.json. If up fails
or is interrupted, what it made is taken down again.`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := f.options(opts)
			if err != nil {
				return err
			}
			ctx, stop := signalContext()
			defer stop()
			t0 := time.Now()
			inv, err := lab.Up(ctx, designDir(args), o)
			if err != nil {
				return printDesignError(opts, err)
			}
			if f.json {
				enc := json.NewEncoder(opts.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(inv)
			}
			printInventory(opts, inv)
			fmt.Fprintf(opts.Stdout, "lab %s up in %.1f s: %s, %s, %s; configured by %s\n",
				inv.Lab, time.Since(t0).Seconds(), plural.Count(len(inv.Switches), "switch", "switches"),
				plural.Count(len(inv.Endpoints), "endpoint", "endpoints"), plural.Count(len(inv.Links), "cable", "cables"), inv.Configurator)
			return nil
		},
	}
	f.common(cmd)
	cmd.Flags().StringVar(&f.mgmtBridge, "mgmt-bridge", "", "management bridge name (default "+netlab.DefaultMgmtBridge+")")
	cmd.Flags().StringVar(&f.mgmtCIDR, "mgmt-cidr", "", "management bridge address and prefix (default "+netlab.DefaultMgmtCIDR.String()+")")
	cmd.Flags().BoolVar(&f.json, "json", false, "print the lab inventory as JSON")
	cmd.Flags().StringVar(&f.configurator, "configurator", "apply", "what configures the switches: apply (avnet plan/apply's code) or ssh (the lab's minimal stand-in, to tell a lab problem from an apply problem)")
	return cmd
}

func printInventory(opts *Options, inv *lab.Inventory) {
	tw := tabwriter.NewWriter(opts.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SWITCH\tDESIGN PLATFORM\tMGMT\tNAMESPACE\tPORTS")
	for _, s := range inv.Switches {
		var ports []string
		for _, p := range s.Ports {
			if p.Peer == "" {
				continue
			}
			if p.Design == p.Linux {
				ports = append(ports, p.Linux)
			} else {
				ports = append(ports, p.Design+"="+p.Linux)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", s.Device, s.DesignPlatform, s.MgmtIP, s.Netns, strings.Join(ports, " "))
	}
	tw.Flush()
	fmt.Fprintf(opts.Stdout, "ssh: ssh -i %s -o UserKnownHostsFile=%s %s@<mgmt>\n", inv.SSH.Key, inv.SSH.KnownHosts, inv.SSH.User)
	for _, s := range inv.Skipped {
		fmt.Fprintf(opts.Stdout, "note: not in the lab: %s\n", s)
	}
}

func labTestCmd(opts *Options) *cobra.Command {
	var f labFlags
	var to lab.TestOptions
	var out string
	var noPTP bool
	cmd := &cobra.Command{
		Use:   "test [DIR]",
		Short: "Send every flow through the lab and check delivery, snooping, DSCP and PTP",
		Long: `test sends every leg of every flow of the design in DIR from its sender's
namespace: RTP with the flow's payload type, clock rate, group, port and DSCP,
at a reduced packet rate. Receivers join with their VLAN's IGMP version (v3:
source-specific). It checks that every receiver gets the stream, on the
interface of the leg's plane (ST 2022-7), with the class's DSCP on the wire;
that no other endpoint of the VLAN sees it (IGMP snooping); and that ptp4l on
the grandmasters, switches and slaves (software time stamps, free running:
the system clock is never steered) elects the grandmaster the design intends.

Results: a table (or --json), and OUT/<design>/lab/results.json and
results.md for the dossier. Exit status: 0 passed, 1 failed.`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := f.options(opts)
			if err != nil {
				return err
			}
			dir := designDir(args)
			stateDir, err := lab.StateDir(dir, o)
			if err != nil {
				return err
			}
			to.SkipPTP = noPTP
			to.Log = o.Log
			ctx, stop := signalContext()
			defer stop()
			res, err := lab.Test(ctx, stateDir, to)
			if errors.Is(err, lab.ErrNoLab) {
				return fmt.Errorf("%w: bring it up first with `sudo avnet lab up %s`", err, dir)
			}
			if err != nil {
				return printDesignError(opts, err)
			}
			rdir := lab.ResultsDir(out, dir)
			if err := res.Save(rdir, res.Language); err != nil {
				return err
			}
			if f.json {
				if err := res.WriteJSON(opts.Stdout); err != nil {
					return err
				}
			} else {
				if err := res.WriteTable(opts.Stdout); err != nil {
					return err
				}
				fmt.Fprintf(opts.Stdout, "results: %s\n", filepath.Join(rdir, "results.json"))
			}
			if !res.Passed {
				return exitError{1}
			}
			return nil
		},
	}
	f.common(cmd)
	cmd.Flags().BoolVar(&f.json, "json", false, "print the results as JSON")
	cmd.Flags().StringVarP(&out, "out", "o", "out", "output root: results go to OUT/<design>/lab/")
	cmd.Flags().IntVar(&to.Count, "count", 30, "RTP packets per flow leg")
	cmd.Flags().Float64Var(&to.Rate, "rate", 100, "packets per second per flow leg")
	cmd.Flags().BoolVar(&noPTP, "no-ptp", false, "leave PTP out")
	return cmd
}

func labStatusCmd(opts *Options) *cobra.Command {
	var f labFlags
	cmd := &cobra.Command{
		Use:   "status [DIR]",
		Short: "List the labs on this machine and their daemons (only the lab of the design in DIR when given)",
		Args:  maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := lab.Status(f.stateRoot)
			if err != nil {
				return err
			}
			if len(args) == 1 || f.name != "" {
				d, err := lab.StateDir(designDir(args), lab.Options{Name: f.name, StateRoot: f.stateRoot})
				if err != nil {
					return err
				}
				var only []lab.LabStatus
				for _, s := range st {
					if s.StateDir == d {
						only = append(only, s)
					}
				}
				st = only
			}
			if f.json {
				enc := json.NewEncoder(opts.Stdout)
				enc.SetIndent("", "  ")
				if st == nil {
					st = []lab.LabStatus{}
				}
				return enc.Encode(st)
			}
			if len(st) == 0 {
				fmt.Fprintln(opts.Stdout, "no lab is up")
				return nil
			}
			tw := tabwriter.NewWriter(opts.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "LAB\tDESIGN\tSWITCHES\tENDPOINTS\tDAEMONS\tSTATE")
			for _, s := range st {
				name, design, sw, ep := filepath.Base(s.StateDir), "-", 0, 0
				if s.Inventory != nil {
					name, design, sw, ep = s.Inventory.Lab, s.Inventory.Design, len(s.Inventory.Switches), len(s.Inventory.Endpoints)
				}
				state := "up"
				if s.Problem != "" {
					state = s.Problem
				}
				fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d/%d\t%s\n", name, design, sw, ep, len(s.Daemons), s.Expected, state)
			}
			return tw.Flush()
		},
	}
	f.common(cmd)
	cmd.Flags().BoolVar(&f.json, "json", false, "print the status as JSON")
	return cmd
}

func labDownCmd(opts *Options) *cobra.Command {
	var f labFlags
	var all bool
	cmd := &cobra.Command{
		Use:   "down [DIR]",
		Short: "Take the lab of the design in DIR down, even after a crash",
		Long: `down ends the processes the lab started (and whatever still runs in its
namespaces), deletes its namespaces, veth pairs and management bridge, its
files under /etc/netns, /etc/frr and /var/run/frr, and its state directory.
It reads what to remove from the inventory the lab wrote before making
anything, so it works after a crash or an interrupted up. Taking down a lab
that is not up does nothing. --all takes down every lab on this machine.`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signalContext()
			defer stop()
			var dirs []string
			if all {
				if len(args) > 0 {
					return usageError{errors.New("--all takes no design directory")}
				}
				st, err := lab.Status(f.stateRoot)
				if err != nil {
					return err
				}
				for _, s := range st {
					dirs = append(dirs, s.StateDir)
				}
			} else {
				o, err := f.options(opts)
				if err != nil {
					return err
				}
				d, err := lab.StateDir(designDir(args), o)
				if err != nil {
					return err
				}
				dirs = append(dirs, d)
			}
			var errs []error
			for _, d := range dirs {
				t0 := time.Now()
				if err := lab.Down(ctx, d); err != nil {
					errs = append(errs, err)
					continue
				}
				fmt.Fprintf(opts.Stdout, "lab %s down (%.1f s)\n", filepath.Base(d), time.Since(t0).Seconds())
			}
			return errors.Join(errs...)
		},
	}
	f.common(cmd)
	cmd.Flags().BoolVar(&all, "all", false, "take down every lab on this machine")
	return cmd
}

func labExecCmd(opts *Options) *cobra.Command {
	var f labFlags
	var design string
	cmd := &cobra.Command{
		Use:   "exec NODE -- CMD [ARG...]",
		Short: "Run a command inside a node of the lab (e.g. ffplay or vlc on an endpoint)",
		Long: `exec runs CMD in the network namespace of NODE (a device of the design) with
the terminal attached, e.g.

  sudo avnet lab exec mon-1 -- ffplay -protocol_whitelist file,rtp,udp out/lab-minimal/sdp/cam-1_video.sdp
  sudo avnet lab exec sw-1 -- ovs-appctl mdb/show br0

The lab is the only one up, or the one of --design DIR, or --name.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return &flagError{errors.New("give a node and a command: avnet lab exec NODE -- CMD [ARG...]")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			inv, err := findLab(f, design)
			if err != nil {
				return err
			}
			node, netns, err := inv.Node(args[0])
			if err != nil {
				return err
			}
			c := exec.Command("ip", append([]string{"netns", "exec", netns}, args[1:]...)...)
			c.Stdin, c.Stdout, c.Stderr = os.Stdin, opts.Stdout, opts.Stderr
			if isSwitch(inv, node) {
				c.Env = append(os.Environ(), "OVS_RUNDIR="+filepath.Join(inv.StateDir, node, "ovs"))
			}
			signal.Ignore(os.Interrupt) // the command gets Ctrl-C, not avnet
			err = c.Run()
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				return exitError{ee.ExitCode()}
			}
			return err
		},
	}
	cmd.Flags().StringVar(&design, "design", "", "the lab of the design in this directory")
	f.common(cmd)
	return cmd
}

func isSwitch(inv *lab.Inventory, node string) bool {
	for _, s := range inv.Switches {
		if s.Node == node {
			return true
		}
	}
	return false
}

// findLab picks the lab named by --name or --design, else the only one up.
func findLab(f labFlags, design string) (*lab.Inventory, error) {
	if f.name != "" || design != "" {
		d, err := lab.StateDir(design, lab.Options{Name: f.name, StateRoot: f.stateRoot})
		if err != nil {
			return nil, err
		}
		return lab.LoadInventory(d)
	}
	st, err := lab.Status(f.stateRoot)
	if err != nil {
		return nil, err
	}
	var names []string
	var invs []*lab.Inventory
	for _, s := range st {
		if s.Inventory != nil {
			names = append(names, s.Inventory.Lab)
			invs = append(invs, s.Inventory)
		}
	}
	switch len(invs) {
	case 0:
		return nil, errors.New("no lab is up: bring one up with `sudo avnet lab up DIR`")
	case 1:
		return invs[0], nil
	}
	return nil, fmt.Errorf("several labs are up (%q): choose one with --name or --design", names)
}
