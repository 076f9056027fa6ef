package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/avnet/avnet/internal/plural"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/spf13/cobra"

	"github.com/avnet/avnet/internal/deploy"
)

// stdin is where apply reads its confirmation (tests replace it).
var stdin io.Reader = os.Stdin

func applyCmd(opts *Options) *cobra.Command {
	var f deployFlags
	var autoApprove bool
	cmd := &cobra.Command{
		Use:   "apply [PLAN.json | DIR]",
		Short: "Apply a plan to the switches, all or nothing per device, with rollback",
		Long: `apply makes each switch run the configuration avnet generated.

Given a saved plan (avnet plan -o plan.json), it applies exactly that plan:
each device's running configuration is read again first, and a device
whose configuration changed since the plan is refused ("saved plan is
stale"), as is the whole plan when the design changed. Given a design
directory (default: the current one), it plans first, shows the plan and
asks for confirmation (--auto-approve skips the question).

Per device the change is atomic: an Arista EOS configuration session with
a commit timer, an NX-OS checkpoint and configure replace, an IOS XE
configure replace with revert timer, or, on a Linux switch, one OVS
transaction, frr-reload.py and a ptp4l restart with a backup restored on
any failure. The device is verified before the change is confirmed; a
device that loses its connection to avnet rolls back by itself when its
commit timer (--commit-timer) expires.

Devices are applied in parallel (--parallel); one that fails does not stop
the others. Two applies on the same design never run at once. Exit status
0 when every device is applied or unchanged, 1 otherwise.`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			so, err := f.setup(designDir(args))
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			if len(args) == 1 && isPlanFile(args[0]) {
				return runApplyPlan(ctx, opts, so, &f, args[0])
			}
			return runApply(ctx, opts, so, &f, autoApprove)
		},
	}
	f.register(cmd)
	cmd.Flags().BoolVar(&autoApprove, "auto-approve", false, "apply without asking for confirmation")
	return cmd
}

// isPlanFile tells a saved plan from a design directory.
func isPlanFile(arg string) bool {
	st, err := os.Stat(arg)
	return err == nil && !st.IsDir() || strings.HasSuffix(arg, ".json")
}

func runApply(ctx context.Context, opts *Options, so deploy.SetupOptions, f *deployFlags, autoApprove bool) error {
	s, err := prepare(ctx, opts, so)
	if err != nil {
		return err
	}
	prog := deploy.NewProgress(opts.Stderr, s.Inventory.Names(), isTerminal(opts.Stderr), opts.Color)
	p, intended, err := s.Plan(ctx, f.parallel, prog.Event)
	if err != nil {
		return err
	}
	fmt.Fprintln(opts.Stdout)
	deploy.RenderPlan(opts.Stdout, p, opts.Color)
	c := p.Counts()
	if c.Change == 0 {
		fmt.Fprintln(opts.Stdout, "\nNo changes: every reachable switch already runs its configuration.")
		if c.Unreachable > 0 {
			return exitError{1}
		}
		return nil
	}
	if !autoApprove {
		ok, err := confirm(opts, fmt.Sprintf("\nApply these changes to %s? Only 'yes' will be accepted: ", plural.Count(c.Change, "switch", "switches")))
		if err != nil {
			return err
		}
		if !ok {
			fmt.Fprintln(opts.Stdout, "Apply cancelled: nothing was changed.")
			return exitError{1}
		}
	}
	return finishApply(ctx, opts, s, p, intended, f)
}

func confirm(opts *Options, question string) (bool, error) {
	if st, ok := stdin.(*os.File); ok && !isTerminal(st) {
		return false, usageError{errors.New("apply needs a confirmation and standard input is not a terminal: pass --auto-approve, or apply a saved plan (avnet plan -o plan.json, then avnet apply plan.json)")}
	}
	fmt.Fprint(opts.Stdout, question)
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && line == "" {
		return false, nil
	}
	return strings.TrimSpace(line) == "yes", nil
}

func runApplyPlan(ctx context.Context, opts *Options, so deploy.SetupOptions, f *deployFlags, path string) error {
	p, err := deploy.LoadPlan(path)
	if err != nil {
		return err
	}
	s, intended, err := deploy.FromPlan(p, so)
	if err != nil {
		return err
	}
	return finishApply(ctx, opts, s, p, intended, f)
}

func finishApply(ctx context.Context, opts *Options, s *deploy.Setup, p *deploy.Plan, intended map[string]*deploy.Intended, f *deployFlags) error {
	fmt.Fprintln(opts.Stderr)
	prog := deploy.NewProgress(opts.Stderr, s.Inventory.Names(), isTerminal(opts.Stderr), opts.Color)
	res, err := s.Apply(ctx, p, intended, f.parallel, prog.Event)
	if err != nil && res == nil {
		return err
	}
	if f.json {
		b, _ := json.MarshalIndent(res, "", "  ")
		fmt.Fprintln(opts.Stdout, string(b))
	} else {
		fmt.Fprintln(opts.Stdout)
		deploy.RenderResult(opts.Stdout, res, opts.Color)
	}
	if err != nil {
		return err
	}
	if !res.OK() {
		return exitError{1}
	}
	return nil
}
