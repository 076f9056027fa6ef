package cli

import (
	"context"
	"os"
	"os/signal"

	"github.com/spf13/cobra"

	"github.com/avnet/avnet/internal/lsp"
)

func lspCmd(opts *Options) *cobra.Command {
	return &cobra.Command{
		Use:   "lsp",
		Short: "Language Server for design files (stdio): findings, hover, definitions, references, completion",
		Long: `lsp speaks the Language Server Protocol on stdin and stdout, for an
editor to start. For the .cue files of a design it publishes every avnet
finding (schema and rules) at its position, documents a rule ID or a field
on hover, goes to the definition of a device, port, VLAN, room, model, PTP
domain or QoS class and finds its references, and completes those names
where one is expected. Each change vets the whole design directory again,
with the editor's unsaved buffers in place of the files.`,
		Args: maxArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			return lsp.Serve(ctx, os.Stdin, opts.Stdout, opts.Stderr, Version)
		},
	}
}
