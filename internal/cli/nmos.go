package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/spf13/cobra"

	gnmos "github.com/avnet/avnet/generators/nmos"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/nmos"
	"github.com/avnet/avnet/internal/vet"
)

func nmosCmd(opts *Options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "nmos",
		Short: "Register the design's NMOS resources (IS-04) and connect receivers (IS-05)",
		Long: `nmos puts the design's AMWA NMOS resources to work: 'avnet build' writes them
(nmos/is-04.json: nodes, devices, sources, flows, senders, receivers;
nmos/is-05/: one staged connection request per receiver, its SDP
included). 'register' posts them to an IS-04 Registration API so that an
NMOS controller sees the whole facility before any device exists;
'connect' stages a request on a device's IS-05 Connection API.

URLs must be https; plain http is refused unless --insecure is given.`,
	}
	cmd.AddCommand(nmosRegisterCmd(opts), nmosConnectCmd(opts))
	return cmd
}

func nmosRegisterCmd(opts *Options) *cobra.Command {
	var (
		registry, manifestBase string
		insecure, once         bool
		duration, heartbeat    time.Duration
	)
	cmd := &cobra.Command{
		Use:   "register [DIR] --registry URL",
		Short: "Post the design's IS-04 resources to a Registration API and keep them alive",
		Long: `register vets the design in DIR (default: the current directory), posts its
IS-04 v1.3 resources to the Registration API at --registry (its base URL;
/x-nmos/registration/v1.3/ is added), each with a version stamped from the
clock in TAI, then sends every node's heartbeat each --heartbeat until
interrupted (Ctrl-C) or for --duration after registering, then unregisters them. A
node the registry has dropped is registered again. --once registers and
returns at once (the registry expires the resources after its heartbeat
timeout).

Senders' manifest_href point at the SDP files under --manifest-base: serve
the build directory (out/<design>/) there for controllers to fetch them.`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if registry == "" {
				return usageError{errors.New("no registry: give --registry https://registry.example:8010")}
			}
			u, err := nmos.CheckURL(registry, insecure)
			if err != nil {
				return usageError{err}
			}
			if manifestBase != "" {
				if _, err := nmos.CheckURL(manifestBase, insecure); err != nil {
					return usageError{fmt.Errorf("--manifest-base: %w", err)}
				}
				if !strings.HasSuffix(manifestBase, "/") {
					manifestBase += "/"
				}
			}
			if heartbeat <= 0 || duration < 0 {
				return usageError{fmt.Errorf("--heartbeat must be positive and --duration not negative")}
			}
			reqs, err := nmosResources(opts, designDir(args), manifestBase)
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			r := nmos.NewRegistrar(u)
			r.Log = opts.Stderr
			if once {
				if err := r.Register(ctx, reqs); err != nil {
					return err
				}
				fmt.Fprintf(opts.Stdout, "registered %d resources with %s\n", len(reqs), r.Base.Redacted())
				return nil
			}
			fmt.Fprintf(opts.Stderr, "registering %d resources with %s, heartbeat every %s (Ctrl-C to stop)\n", len(reqs), r.Base.Redacted(), heartbeat)
			return r.Run(ctx, reqs, heartbeat, duration)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&registry, "registry", "", "IS-04 registry base URL, e.g. https://registry.example:8010")
	fl.StringVar(&manifestBase, "manifest-base", "", "URL where the build directory is served, for senders' manifest_href (default: the placeholder "+gnmos.ManifestBase+")")
	fl.BoolVar(&insecure, "insecure", false, "allow plain http URLs (a lab registry)")
	fl.BoolVar(&once, "once", false, "register once, send no heartbeat, return")
	fl.DurationVar(&duration, "duration", 0, "stop this long after registering (default: when interrupted)")
	fl.DurationVar(&heartbeat, "heartbeat", 5*time.Second, "heartbeat interval (IS-04 recommends 5 s; registries expire nodes after 12 s)")
	return cmd
}

// nmosResources vets the design and returns its IS-04 requests.
func nmosResources(opts *Options, dir, manifestBase string) ([]nmos.Request, error) {
	out, err := vet.Design(dir)
	if err != nil {
		return nil, err
	}
	if out.Facility == nil || out.HasErrors() {
		diag.PrintText(opts.Stderr, out.Diagnostics, diag.TextOptions{Color: opts.Color, Source: true})
		fmt.Fprintf(opts.Stderr, "%s: %s\n", dir, diag.Summary(out.Diagnostics))
		return nil, errors.New("the design has errors: fix them first (avnet vet shows them)")
	}
	res, err := gnmos.Build(out.Facility, out.Facts)
	if err != nil {
		return nil, err
	}
	if len(res.Requests) == 0 {
		return nil, fmt.Errorf("%s: the design has no flow with an SDP description, hence no NMOS sender or receiver", dir)
	}
	var reqs []nmos.Request
	for _, q := range res.Requests {
		if href, ok := q.Data["manifest_href"].(string); ok && manifestBase != "" {
			q.Data["manifest_href"] = manifestBase + strings.TrimPrefix(href, gnmos.ManifestBase)
		}
		reqs = append(reqs, nmos.Request{Type: q.Type, Data: q.Data})
	}
	return reqs, nil
}

func nmosConnectCmd(opts *Options) *cobra.Command {
	var (
		receiverURL string
		insecure    bool
		timeout     time.Duration
	)
	cmd := &cobra.Command{
		Use:   "connect FILE --receiver-url URL",
		Short: "PATCH a staged IS-05 request (nmos/is-05/<device>_<flow>.json) to a receiver",
		Long: `connect sends FILE, a staged request 'avnet build' wrote under nmos/is-05/,
to the receiver's IS-05 v1.1 Connection API: --receiver-url is the
receiver's URL (…/x-nmos/connection/v1.1/single/receivers/<id>/), to which
staged is added. The request activates immediately; the device's answer is
printed.`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if receiverURL == "" {
				return usageError{errors.New("no receiver: give --receiver-url https://device/x-nmos/connection/v1.1/single/receivers/<id>/")}
			}
			u, err := nmos.CheckURL(receiverURL, insecure)
			if err != nil {
				return usageError{err}
			}
			body, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			var probe map[string]any
			if err := json.Unmarshal(body, &probe); err != nil {
				return fmt.Errorf("%s: not a staged request: %w", args[0], err)
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			answer, err := nmos.Connect(ctx, &http.Client{Timeout: timeout}, u, body)
			if err != nil {
				return err
			}
			fmt.Fprintln(opts.Stdout, answer)
			return nil
		},
	}
	cmd.Flags().StringVar(&receiverURL, "receiver-url", "", "the receiver's IS-05 URL")
	cmd.Flags().BoolVar(&insecure, "insecure", false, "allow a plain http URL")
	cmd.Flags().DurationVar(&timeout, "timeout", 10*time.Second, "time limit of the request")
	return cmd
}
