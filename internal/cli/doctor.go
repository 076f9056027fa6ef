package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/avnet/avnet/internal/doctor"
	"github.com/avnet/avnet/internal/plural"
	"github.com/spf13/cobra"
)

func doctorCmd(opts *Options) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Tell what this machine can do with avnet, and the apt-get line for what is missing",
		Long: `doctor checks the programs avnet drives (rsvg-convert, WeasyPrint, Graphviz,
ffprobe, linuxptp, FRR, Open vSwitch, OpenSSH, Chromium, the standalone cue)
with their versions, the kernel features the lab needs (network namespaces,
veth, TUN, VXLAN, IPv4 multicast routing) and root for the lab; says which
avnet features each enables; and prints the one apt-get command that
installs what is missing. It only reads: nothing on the machine changes.
--json prints the report (schema avnet.dev/doctor/v1).`,
		Args: maxArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			r := doctor.Run(context.Background(), doctor.Options{})
			if asJSON {
				enc := json.NewEncoder(opts.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(r)
			}
			tw := tabwriter.NewWriter(opts.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "CHECK\tSTATUS\tVERSION\tENABLES")
			bad := 0
			for _, c := range r.Checks {
				st := "ok"
				if !c.OK {
					st, bad = "MISSING", bad+1
					if c.Detail != "" {
						st = "NO"
					}
				}
				v := c.Version
				if v == "" {
					v = "-"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.Name, st, v, c.Enables)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintln(opts.Stdout)
			if bad == 0 {
				fmt.Fprintln(opts.Stdout, "Everything avnet can use is here.")
				return nil
			}
			fmt.Fprintf(opts.Stdout, "%s not available.\n", plural.Count(bad, "check is", "checks are"))
			if r.AptGet != "" {
				fmt.Fprintf(opts.Stdout, "Install the missing programs with:\n  %s\n", r.AptGet)
			}
			for _, o := range r.Other {
				fmt.Fprintf(opts.Stdout, "Not packaged by Debian: %s\n", o)
			}
			for _, c := range r.Checks {
				if !c.OK && c.Detail != "" {
					fmt.Fprintf(opts.Stdout, "%s: %s\n", c.Name, c.Detail)
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON (schema "+doctor.Schema+")")
	return cmd
}
