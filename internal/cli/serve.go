package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"

	"github.com/spf13/cobra"

	"github.com/avnet/avnet/internal/serve"
)

func serveCmd(opts *Options) *cobra.Command {
	var o serve.Options
	cmd := &cobra.Command{
		Use:   "serve [DIR]",
		Short: "Show the design's findings, diagrams, flows and dossier in a browser, updated on every save",
		Long: `serve starts a local web page for the design in DIR (default: the current
directory) and prints its address; it opens nothing by itself. Every time a
.cue file of the design is saved it vets the design again, shows the
findings, then redraws the diagrams, the flow and link-load tables and the
dossier, and pushes them to every open page. When the design does not
build, the last rendering that did stays on the page, greyed.

It listens on 127.0.0.1:8080 by default. The page shows the whole design
and its generated configs: an address beyond the machine needs --public.`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Dir, o.Version = designDir(args), Version
			if o.Lang != "" && o.Lang != "fr" && o.Lang != "en" {
				return usageError{fmt.Errorf("--lang %q is not supported. Supported languages are [\"fr\" \"en\"]", o.Lang)}
			}
			if st, err := os.Stat(o.Dir); err != nil || !st.IsDir() {
				return fmt.Errorf("serve %q: not a design directory; give the directory that holds the design's .cue files", o.Dir)
			}
			o.Logf = func(format string, args ...any) { fmt.Fprintf(opts.Stderr, format+"\n", args...) }
			s, err := serve.New(o)
			if err != nil {
				return usageError{err}
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			return s.Run(ctx, func(addr string) {
				fmt.Fprintf(opts.Stdout, "avnet serve: http://%s/ (Ctrl-C to stop)\n", addr)
			})
		},
	}
	cmd.Flags().StringVar(&o.Addr, "addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	cmd.Flags().BoolVar(&o.Public, "public", false, "allow a non-loopback --addr: anyone who reaches it sees the whole design")
	cmd.Flags().StringVar(&o.Lang, "lang", "", "dossier and diagram language: fr or en (default: the design's facility.language)")
	return cmd
}
