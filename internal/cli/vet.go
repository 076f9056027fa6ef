package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/vet"
)

type vetFlags struct {
	json, sarif, strict, showWaived, report bool
}

func vetCmd(opts *Options) *cobra.Command {
	var fl vetFlags
	cmd := &cobra.Command{
		Use:   "vet [DIR]",
		Short: "Check a design against the schema and the SMPTE/AES/IP rulebook",
		Long: `vet loads the design in DIR (default: the current directory), unifies it with
the avnet schema and runs every rule of the catalog ('avnet rules').

Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 usage error.`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if fl.json && fl.sarif {
				return usageError{fmt.Errorf("--json and --sarif are exclusive: choose one output format")}
			}
			return runVet(opts, designDir(args), fl)
		},
	}
	cmd.Flags().BoolVar(&fl.json, "json", false, "print findings as JSON (schema "+diag.JSONSchema+")")
	cmd.Flags().BoolVar(&fl.sarif, "sarif", false, "print findings as SARIF 2.1.0")
	cmd.Flags().BoolVar(&fl.strict, "strict", false, "fail on warnings too")
	cmd.Flags().BoolVar(&fl.report, "report", false, "also print the flow table and the link-load table")
	cmd.Flags().BoolVar(&fl.showWaived, "show-waived", false, "also print findings that a waiver silenced")
	return cmd
}

func runVet(opts *Options, dir string, fl vetFlags) error {
	out, err := vet.Design(dir)
	if err != nil {
		return err
	}
	switch {
	case fl.json:
		if err := diag.PrintJSON(opts.Stdout, diag.NewReport(dir, out.Diagnostics, out.Waivers())); err != nil {
			return err
		}
	case fl.sarif:
		if err := diag.PrintSARIF(opts.Stdout, Version, ruleInfos(), out.Diagnostics); err != nil {
			return err
		}
	default:
		if fl.report && out.Facts != nil {
			printReport(opts.Stdout, out.Facts)
		}
		diag.PrintText(opts.Stderr, out.Diagnostics, diag.TextOptions{Color: opts.Color, Source: true, ShowSilenced: fl.showWaived})
		fmt.Fprintf(opts.Stderr, "%s: %s\n", dir, diag.Summary(out.Diagnostics))
	}
	e, w, _ := diag.Count(out.Diagnostics)
	if e > 0 || (fl.strict && w > 0) {
		return exitError{1}
	}
	return nil
}
