package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/spf13/cobra"

	"github.com/avnet/avnet/internal/deploy"
	"github.com/avnet/avnet/internal/diag"
)

// deployFlags are the flags plan and apply share: where the design, its
// build and its switches are, and how to connect to them.
type deployFlags struct {
	out, artifacts, inventory string
	lab                       bool
	labDir                    string
	devices                   []string
	parallel                  int
	knownHosts                []string
	acceptNew, insecure       bool
	trustInsecure             bool
	secretsDirs               []string
	timeout, commitTimer      time.Duration
	json                      bool
}

func (f *deployFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.out, "out", "out", "output root of the build: configs are read from OUT/<design>/")
	fl.StringVar(&f.artifacts, "artifacts", "", "use this built tree as is instead of building the design")
	fl.StringVar(&f.inventory, "inventory", "", "inventory file (YAML or JSON) overriding address, port, platform and credentials per device")
	fl.BoolVar(&f.lab, "lab", false, "target the running `avnet lab` of the design (its addresses, keys and host keys)")
	fl.StringVar(&f.labDir, "lab-dir", "", "state directory of the lab to target (default: the lab named like the design)")
	fl.StringSliceVar(&f.devices, "device", nil, "only these switches (comma-separated or repeated)")
	fl.IntVar(&f.parallel, "parallel", 8, "devices handled at once")
	fl.StringSliceVar(&f.knownHosts, "known-hosts", nil, "known_hosts files to check host keys against (default ~/.ssh/known_hosts)")
	fl.BoolVar(&f.acceptNew, "accept-new-host-keys", false, "record the host key of a device seen for the first time (a changed key is still refused)")
	fl.BoolVar(&f.insecure, "insecure-skip-host-key-check", false, "do not check host keys at all (anyone on the path can impersonate the switches)")
	fl.BoolVar(&f.trustInsecure, "insecure", false, "accept --accept-new-host-keys with password authentication (a first connection to an impostor would give it the password)")
	fl.StringSliceVar(&f.secretsDirs, "secrets-dir", nil, "directory where a passwordFile given by an absolute path may lie, besides the design directory (also $AVNET_SECRETS_DIR)")
	fl.DurationVar(&f.timeout, "connect-timeout", 15*time.Second, "time to connect and log in to a device")
	fl.DurationVar(&f.commitTimer, "commit-timer", 5*time.Minute, "time a device waits for avnet to confirm a change before rolling it back by itself")
	fl.BoolVar(&f.json, "json", false, "write the result as JSON on stdout")
}

func (f *deployFlags) setup(dir string) (deploy.SetupOptions, error) {
	if f.parallel < 1 {
		return deploy.SetupOptions{}, usageError{fmt.Errorf("--parallel %d: must be at least 1", f.parallel)}
	}
	if f.acceptNew && f.insecure {
		return deploy.SetupOptions{}, usageError{errors.New("--accept-new-host-keys and --insecure-skip-host-key-check exclude each other")}
	}
	return deploy.SetupOptions{Dir: dir, Out: f.out, Artifacts: f.artifacts, InventoryFile: f.inventory,
		Lab: f.lab || f.labDir != "", LabDir: f.labDir, Devices: splitList(f.devices),
		KnownHosts: f.knownHosts, AcceptNewHostKeys: f.acceptNew, InsecureSkipHostKey: f.insecure,
		Insecure: f.trustInsecure, SecretsDirs: secretsDirs(f.secretsDirs),
		Timeout: f.timeout, CommitTimer: f.commitTimer, Version: Version, Getenv: os.LookupEnv}, nil
}

func planCmd(opts *Options) *cobra.Command {
	var f deployFlags
	var planOut string
	var detailed bool
	cmd := &cobra.Command{
		Use:   "plan [DIR]",
		Short: "Show what apply would change on each switch of the design",
		Long: `plan builds the design in DIR (default: the current directory), connects
to every switch over SSH, reads its running configuration and shows, per
device, a unified diff from what it runs to what avnet generated, then a
summary. Nothing is changed.

Management addresses and platforms come from the design (devices with role
"switch"); --inventory overrides them per device. Credentials come from
the environment (AVNET_SSH_USER, AVNET_SSH_PASSWORD, AVNET_SSH_KEY), an
SSH agent, or key files named in the inventory, never from the design.
Host keys are checked against ~/.ssh/known_hosts.

-o saves the plan: it records the design's digest and, per device, a
digest of the running configuration it was computed against, so that
'avnet apply plan.json' applies exactly this plan or refuses a device that
changed since.

With --detailed-exitcode the exit status is 0 when nothing would change,
2 when something would, 1 on error (as Terraform's).`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			so, err := f.setup(designDir(args))
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			return runPlan(ctx, opts, so, &f, planOut, detailed)
		},
	}
	f.register(cmd)
	cmd.Flags().StringVarP(&planOut, "out-plan", "o", "", "save the plan to this file (JSON), for `avnet apply FILE`")
	cmd.Flags().BoolVar(&detailed, "detailed-exitcode", false, "exit 0 when there is nothing to change, 2 when there is, 1 on error")
	return cmd
}

// prepare runs deploy.Prepare and prints the design's diagnostics when
// it does not vet.
func prepare(ctx context.Context, opts *Options, so deploy.SetupOptions) (*deploy.Setup, error) {
	s, err := deploy.Prepare(ctx, so)
	if errors.Is(err, deploy.ErrDesignHasErrors) && s != nil && s.Vet != nil {
		diag.PrintText(opts.Stderr, s.Vet.Diagnostics, diag.TextOptions{Color: opts.Color, Source: true})
		fmt.Fprintf(opts.Stderr, "%s: %s\n", so.Dir, diag.Summary(s.Vet.Diagnostics))
		return nil, errors.New("the design has errors: fix them first (avnet vet shows them)")
	}
	return s, err
}

func runPlan(ctx context.Context, opts *Options, so deploy.SetupOptions, f *deployFlags, planOut string, detailed bool) error {
	s, err := prepare(ctx, opts, so)
	if err != nil {
		return err
	}
	prog := deploy.NewProgress(opts.Stderr, s.Inventory.Names(), isTerminal(opts.Stderr), opts.Color)
	p, _, err := s.Plan(ctx, f.parallel, prog.Event)
	if err != nil {
		return err
	}
	if f.json {
		b, _ := json.MarshalIndent(p, "", "  ")
		fmt.Fprintln(opts.Stdout, string(b))
	} else {
		fmt.Fprintln(opts.Stdout)
		deploy.RenderPlan(opts.Stdout, p, opts.Color)
	}
	if planOut != "" {
		if err := p.Save(planOut); err != nil {
			return err
		}
		if !f.json {
			fmt.Fprintf(opts.Stdout, "Saved the plan to %s: apply it with `avnet apply %s`.\n", planOut, planOut)
		}
	}
	c := p.Counts()
	switch {
	case c.Unreachable > 0:
		return exitError{1}
	case detailed && c.Change > 0:
		return exitError{2}
	}
	return nil
}

// isTerminal reports whether w is a terminal (progress bars redraw in
// place there).
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && isTTY(f)
}
