package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/avnet/avnet/generators/diagram"
	"github.com/avnet/avnet/internal/build"
)

func diagramCmd(opts *Options) *cobra.Command {
	var o build.Options
	cmd := &cobra.Command{
		Use:   "diagram [DIR]",
		Short: "Vet the design, then draw its diagrams only (OUT/<design>/diagrams/)",
		Long: `diagram is "avnet build --only diagrams": it vets the design in DIR (default:
the current directory) and writes OUT/<design>/diagrams/ (default out/), the
physical topology, logical network, signal-flow synoptic, PTP tree and link
load map, each as DOT, SVG and PNG. The rest of a previous build is kept.

The PNG files are the SVG rasterised by rsvg-convert (Debian package
librsvg2-bin); without it they are skipped and avnet says so.`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Only, o.Version = []string{diagram.Generator.Name}, Version
			if o.Lang != "" && o.Lang != "fr" && o.Lang != "en" {
				return usageError{fmt.Errorf("--lang %q is not supported. Supported languages are [\"fr\" \"en\"]", o.Lang)}
			}
			ctx, stop := signalContext()
			defer stop()
			// The summary says what a missing rsvg-convert kept out.
			return runBuild(ctx, opts, designDir(args), o)
		},
	}
	cmd.Flags().StringVarP(&o.Out, "out", "o", "out", "output root directory")
	cmd.Flags().StringVar(&o.Lang, "lang", "", "language of the diagrams: fr or en (default: the design's facility.language)")
	return cmd
}
