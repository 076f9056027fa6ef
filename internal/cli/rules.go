package cli

import (
	"encoding/json"
	"fmt"
	"github.com/avnet/avnet/internal/suggest"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/rules/suite"
)

// ruleInfos lists the loader's own findings and then the rule suite.
func ruleInfos() []diag.RuleInfo { return suite.Infos() }

func rulesCmd(opts *Options) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the rule catalog: ID, severity, title, standard",
		Args:  maxArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			infos := ruleInfos()
			if asJSON {
				type row struct {
					ID       string `json:"id"`
					Name     string `json:"name"`
					Severity string `json:"severity"`
					Title    string `json:"title"`
					Standard string `json:"standard"`
				}
				rows := []row{}
				for _, r := range infos {
					rows = append(rows, row{r.ID, r.Name, r.Severity.String(), r.Title, r.Standard})
				}
				enc := json.NewEncoder(opts.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(rows)
			}
			tw := tabwriter.NewWriter(opts.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tSEVERITY\tTITLE\tSTANDARD")
			for _, r := range infos {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Title, r.Standard)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the catalog as JSON")
	return cmd
}

func explainCmd(opts *Options) *cobra.Command {
	return &cobra.Command{
		Use:   "explain ID",
		Short: "Print a rule's documentation: what it checks, why, and how to fix a finding",
		Args:  exactArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			var ids []string
			for _, r := range ruleInfos() {
				ids = append(ids, r.ID)
			}
			return ids, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			id := strings.ToUpper(args[0])
			var names []string
			for _, r := range ruleInfos() {
				if r.ID == id || r.Name == args[0] {
					fmt.Fprintf(opts.Stdout, "%s (%s) — %s\n\nSeverity: %s\nStandard: %s\n\n%s\n", r.ID, r.Name, r.Title, r.Severity, r.Standard, r.Doc)
					return nil
				}
				names = append(names, r.ID, r.Name)
			}
			// Not a usage error: the command line is right, the catalog
			// has no such rule. Name the closest rule, not all of them.
			return fmt.Errorf("rule %q is not in the catalog%s ('avnet rules' lists them)", args[0], suggest.Phrase(id, names))
		},
	}
}

func versionCmd(opts *Options) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print avnet's version",
		Args:  maxArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(opts.Stdout, "avnet %s\n", Version)
			return nil
		},
	}
}
