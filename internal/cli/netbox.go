package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/netbox"
	"github.com/avnet/avnet/internal/vet"
)

// netboxFlags are the flags netbox plan and apply share.
type netboxFlags struct {
	url      string
	prune    bool
	json     bool
	timeout  time.Duration
	attempts int
	insecure bool
}

func (f *netboxFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.url, "url", os.Getenv("NETBOX_URL"), "NetBox base URL, e.g. https://netbox.example.org (default $NETBOX_URL)")
	fl.BoolVar(&f.prune, "prune", false, "also delete the site's objects tagged avnet that the design no longer has")
	fl.BoolVar(&f.json, "json", false, "write the plan (and apply's report) as JSON on stdout")
	fl.DurationVar(&f.timeout, "timeout", 30*time.Second, "time limit of one try of one API request")
	fl.BoolVar(&f.insecure, "insecure", false, "accept a plain http:// URL to another machine (the token crosses the network in clear)")
	fl.IntVar(&f.attempts, "attempts", 5, "tries of a request NetBox answers with 429 or 5xx, or that times out")
}

func netboxCmd(opts *Options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "netbox",
		Short: "Keep a NetBox 4.x in sync with the design (plan, apply)",
		Long: `netbox writes the design into a NetBox 4.x through its REST API: the site,
rooms as locations, manufacturers, device types with their interface
templates, roles, platforms, devices, interfaces (type, 802.1Q mode,
untagged and tagged VLANs), cables with labels and plane colours, VLAN
groups per plane, VLANs, prefixes and multicast ranges, IP addresses, the
media flows as a custom field, QoS and PTP as config contexts.

Everything avnet writes carries the tag "avnet" (custom fields and config
contexts, which NetBox cannot tag, are named avnet…); the site and its
objects also carry the design's own tag (avnet-design-<package>-<hash>).
avnet never updates or deletes an object without the avnet tag, nor one
of another design; objects are matched by natural key
(slug, name, device and interface, address, cable label), so applying
twice changes nothing. 'avnet build' writes the same objects to
netbox/records.json.

The API token is read from NETBOX_TOKEN, never from a flag or the design.
A plain http:// URL to another machine is refused unless --insecure.`,
	}
	cmd.AddCommand(netboxPlanCmd(opts), netboxApplyCmd(opts))
	return cmd
}

func netboxPlanCmd(opts *Options) *cobra.Command {
	var f netboxFlags
	var detailed bool
	cmd := &cobra.Command{
		Use:   "plan [DIR] --url URL",
		Short: "Show what netbox apply would create, update and (with --prune) delete",
		Long: `plan vets the design in DIR (default: the current directory), reads what the
NetBox at --url holds under the natural keys of the design's objects and
shows what apply would do: creates, updates field by field (old → new)
and, with --prune, deletes. Nothing is changed.

With --detailed-exitcode the exit status is 0 when nothing would change,
2 when something would, 1 on error (as Terraform's).`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			p, _, err := netboxPlan(ctx, opts, designDir(args), &f)
			if err != nil {
				return err
			}
			if detailed && !p.Empty() {
				return exitError{2}
			}
			return nil
		},
	}
	f.register(cmd)
	cmd.Flags().BoolVar(&detailed, "detailed-exitcode", false, "exit 0 when there is nothing to change, 2 when there is, 1 on error")
	return cmd
}

func netboxApplyCmd(opts *Options) *cobra.Command {
	var f netboxFlags
	cmd := &cobra.Command{
		Use:   "apply [DIR] --url URL",
		Short: "Create, update and (with --prune) delete NetBox objects to match the design",
		Long: `apply computes the plan (as netbox plan shows it), then carries it out in
dependency order: creates and updates, then the devices' primary IPs,
then deletes in reverse order. Requests NetBox answers with 429 or 5xx
are tried again with exponential backoff (or its Retry-After); a failure
stops apply, which says what was done and what was not. Running apply
again finishes the work: it plans from what NetBox holds.`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			return runNetboxApply(ctx, opts, designDir(args), &f)
		},
	}
	f.register(cmd)
	return cmd
}

// netboxPlan vets the design, connects and computes the plan, which it
// shows.
func netboxPlan(ctx context.Context, opts *Options, dir string, f *netboxFlags) (*netbox.Plan, *netbox.Client, error) {
	if f.url == "" {
		return nil, nil, usageError{errors.New("no NetBox URL: give --url https://netbox.example.org (or set NETBOX_URL)")}
	}
	if f.attempts < 1 {
		return nil, nil, usageError{fmt.Errorf("--attempts %d: must be at least 1", f.attempts)}
	}
	out, err := vet.Design(dir)
	if err != nil {
		return nil, nil, err
	}
	if out.Facility == nil || out.HasErrors() {
		diag.PrintText(opts.Stderr, out.Diagnostics, diag.TextOptions{Color: opts.Color, Source: true})
		fmt.Fprintf(opts.Stderr, "%s: %s\n", dir, diag.Summary(out.Diagnostics))
		return nil, nil, errors.New("the design has errors: fix them first (avnet vet shows them)")
	}
	state, err := netbox.Desired(out.Facility, out.Facts)
	if err != nil {
		return nil, nil, err
	}
	c, err := netbox.NewClient(f.url, os.Getenv("NETBOX_TOKEN"), netbox.ClientOptions{
		Retry:     netbox.RetryPolicy{Attempts: f.attempts, PerTry: f.timeout},
		Insecure:  f.insecure,
		UserAgent: "avnet/" + Version,
	})
	if err != nil {
		return nil, nil, err
	}
	p, err := netbox.ComputePlan(ctx, c, state, netbox.PlanOptions{URL: redact(f.url), Prune: f.prune})
	if err != nil {
		return nil, nil, fmt.Errorf("NetBox %s: %w", redact(f.url), err)
	}
	if f.json {
		b, _ := json.MarshalIndent(p, "", "  ")
		fmt.Fprintln(opts.Stdout, string(b))
	} else {
		netbox.RenderPlan(opts.Stdout, p, opts.Color && isTerminal(opts.Stdout))
	}
	return p, c, nil
}

func runNetboxApply(ctx context.Context, opts *Options, dir string, f *netboxFlags) error {
	p, c, err := netboxPlan(ctx, opts, dir, f)
	if err != nil {
		return err
	}
	if p.Empty() {
		return nil
	}
	start := time.Now()
	bar := newNetboxProgress(opts, isTerminal(opts.Stderr) && !f.json)
	rep, err := netbox.Apply(ctx, c, p, bar.event)
	bar.done()
	st := c.Stats()
	if f.json {
		type jsonReport struct {
			Done    int            `json:"done"`
			NotDone int            `json:"notDone"`
			Failed  *netbox.Change `json:"failed,omitempty"`
			Error   string         `json:"error,omitempty"`
			Stats   netbox.Stats   `json:"stats"`
		}
		jr := jsonReport{Done: len(rep.Done), NotDone: len(rep.NotDone), Failed: rep.Failed, Stats: st}
		if err != nil {
			jr.Error = err.Error()
		}
		b, _ := json.MarshalIndent(jr, "", "  ")
		fmt.Fprintln(opts.Stdout, string(b))
	} else {
		fmt.Fprintln(opts.Stdout, rep.Summary(len(p.Changes)))
		fmt.Fprintf(opts.Stdout, "%d API requests (%d retried) in %s.\n", st.Requests, st.Retries, time.Since(start).Round(time.Millisecond))
	}
	if err != nil {
		return exitError{1}
	}
	return nil
}

// netboxProgress shows apply's progress: a bar redrawn in place on a
// terminal, one line per object otherwise.
type netboxProgress struct {
	opts *Options
	tty  bool
	last int
}

func newNetboxProgress(opts *Options, tty bool) *netboxProgress {
	return &netboxProgress{opts: opts, tty: tty}
}

func (p *netboxProgress) event(e netbox.Event) {
	w := p.opts.Stderr
	if !p.tty {
		status := "ok"
		if e.Err != nil {
			status = "FAILED"
		}
		fmt.Fprintf(w, "[%d/%d] %s: %s\n", e.Step, e.Total, e.Change.Describe(), status)
		return
	}
	const width = 30
	n := width * e.Step / max(e.Total, 1)
	line := fmt.Sprintf("\r[%s%s] %d/%d %s", strings.Repeat("=", n), strings.Repeat(" ", width-n), e.Step, e.Total, e.Change.Describe())
	if len(line) > 110 {
		line = line[:110]
	}
	pad := ""
	if d := p.last - len(line); d > 0 {
		pad = strings.Repeat(" ", d)
	}
	p.last = len(line)
	fmt.Fprint(w, line+pad)
}

func (p *netboxProgress) done() {
	if p.tty && p.last > 0 {
		fmt.Fprintln(p.opts.Stderr)
	}
}

// redact hides a password written in the URL.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Redacted()
}
