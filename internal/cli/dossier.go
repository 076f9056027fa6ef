package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/avnet/avnet/generators/dossier"
	"github.com/avnet/avnet/internal/build"
	"github.com/avnet/avnet/internal/diag"
)

func dossierCmd(opts *Options) *cobra.Command {
	var o build.Options
	cmd := &cobra.Command{
		Use:   "dossier [DIR]",
		Short: "Vet the design, then write its dossier technique (HTML and PDF) alone",
		Long: `dossier vets the design in DIR (default: the current directory) and writes
OUT/<design>/dossier/ (default out/): dossier.html, one self-contained file
(inline SVG diagrams, print stylesheet for A4), and dossier.pdf rendered by
WeasyPrint. It is avnet build --only dossier: the other artifacts of a
previous build stay as they were, and the dossier's annexes show the
configurations and SDP files of the design as it is now.

The dossier is written in the design's facility.language (French by
default); --lang en writes it in English. Without the weasyprint program
(Debian package weasyprint) it writes the HTML only and says so.

The acceptance-test chapter includes the measurements of avnet lab test
when they exist (OUT/<design>/lab/results.json). AVNET_DOSSIER_PDF=off
skips the PDF step.`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.Lang != "" && o.Lang != "fr" && o.Lang != "en" {
				return usageError{fmt.Errorf("--lang %q is not supported. Supported languages are %q", o.Lang, dossier.Languages)}
			}
			o.Only, o.Version = []string{dossier.Generator.Name}, Version
			ctx, stop := signalContext()
			defer stop()
			return runDossier(ctx, opts, designDir(args), o)
		},
	}
	cmd.Flags().StringVarP(&o.Out, "out", "o", "out", "output root directory")
	cmd.Flags().StringVar(&o.Lang, "lang", "", "dossier language: fr or en (default: the design's facility.language)")
	return cmd
}

func runDossier(ctx context.Context, opts *Options, dir string, o build.Options) error {
	res, err := build.Build(ctx, dir, o)
	if res != nil && res.Vet != nil {
		diag.PrintText(opts.Stderr, res.Vet.Diagnostics, diag.TextOptions{Color: opts.Color, Source: true})
	}
	if errors.Is(err, build.ErrDesignHasErrors) {
		fmt.Fprintf(opts.Stderr, "%s: %s\n", dir, diag.Summary(res.Vet.Diagnostics))
		fmt.Fprintln(opts.Stderr, "avnet: dossier refused: the design has errors; nothing was written")
		return exitError{1}
	}
	if err != nil {
		return err
	}
	var wrote []string
	hasReadme := false
	for _, f := range res.Manifest.Files {
		if f.Generator != dossier.Generator.Name {
			continue
		}
		if f.Path == dossier.ReadmeFile {
			hasReadme = true
			continue
		}
		wrote = append(wrote, filepath.Join(res.Dir, filepath.FromSlash(f.Path)))
	}
	fmt.Fprintf(opts.Stdout, "wrote %s\n", strings.Join(wrote, " and "))
	_ = hasReadme // dossier/README.txt says, in the design's language, why there is no PDF
	for _, sk := range res.Manifest.Skipped {
		fmt.Fprintf(opts.Stderr, "skipped %s: %s; to get it: %s\n", sk.Artifacts, sk.Reason, sk.Install)
	}
	return nil
}
