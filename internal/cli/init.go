package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/avnet/avnet/internal/scaffold"
)

func initCmd(opts *Options) *cobra.Command {
	var name string
	var force bool
	cmd := &cobra.Command{
		Use:   "init DIR",
		Short: "Write a new, valid starter design (with a cue.mod for the standalone cue tool)",
		Long: `init writes a starter design in DIR: a design.cue that vets clean, and a
cue.mod whose schema package lets the standalone 'cue' tool and editors
check the design exactly as avnet does. It refuses to overwrite files
unless --force.`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			files, err := scaffold.Write(args[0], scaffold.Options{Name: name, Force: force})
			if err != nil {
				return err
			}
			for _, f := range files {
				fmt.Fprintf(opts.Stdout, "wrote %s\n", f)
			}
			fmt.Fprintf(opts.Stdout, "next: avnet vet %s\n", args[0])
			return nil
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "the facility's name (default: the directory name)")
	cmd.Flags().BoolVar(&force, "force", false, "overwrite existing files")
	return cmd
}
