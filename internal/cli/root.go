// Package cli is avnet's command line: flags in, one stage call, a view out.
// Each command lives in its own file and is built by a factory function.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/sys/unix"
)

// Options are shared by every command.
type Options struct {
	Stdout, Stderr io.Writer
	// Color is true when stdout is a terminal and NO_COLOR is unset (https://no-color.org).
	Color bool
}

// exitError carries an exit status through cobra without printing twice.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// usageError marks mistakes in the command line itself (exit 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

// Main runs avnet with os.Args and returns the process exit status:
// 0 success, 1 findings or failure, 2 usage error.
func Main() int {
	// Diagnostics go to stderr: colour them when stderr is a terminal.
	opts := &Options{Stdout: os.Stdout, Stderr: os.Stderr, Color: colorWanted(os.Stderr)}
	Version = resolvedVersion()
	root := rootCmd(opts)
	root.SetArgs(os.Args[1:])
	return execute(root, opts)
}

func execute(root *cobra.Command, opts *Options) int {
	cmd, err := root.ExecuteC()
	if err == nil {
		return 0
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	fmt.Fprintf(opts.Stderr, "avnet: %v\n", err)
	var ue usageError
	if errors.As(err, &ue) || isCobraUsage(err) {
		path := "avnet"
		if cmd != nil {
			path = cmd.CommandPath()
		}
		fmt.Fprintf(opts.Stderr, "Run '%s --help' for usage.\n", path)
		return 2
	}
	return 1
}

// isCobraUsage recognises cobra's own flag and argument errors.
func isCobraUsage(err error) bool {
	var fe *flagError
	return errors.As(err, &fe)
}

type flagError struct{ err error }

func (e *flagError) Error() string { return e.err.Error() }

func rootCmd(opts *Options) *cobra.Command {
	root := &cobra.Command{
		Use:   "avnet",
		Short: "Network-as-code for audiovisual facilities: vet, build, plan, apply, lab",
		Long: `avnet compiles a facility written in CUE (VLANs, QoS, multicast, PTP,
SMPTE ST 2110 flows…) into switch configs, SDP files, PTP configs, diagrams
and a dossier technique, after checking it against a rulebook of SMPTE, AES
and IP constraints.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       Version,
	}
	root.SetOut(opts.Stdout)
	root.SetErr(opts.Stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return &flagError{err} })
	for _, f := range []func(*Options) *cobra.Command{vetCmd, buildCmd, planCmd, applyCmd, netboxCmd, initCmd, rulesCmd, explainCmd, calcCmd, versionCmd, labCmd, diagramCmd, dossierCmd, nmosCmd, serveCmd, lspCmd, doctorCmd} {
		root.AddCommand(f(opts))
	}
	return root
}

// exactArgs wraps cobra's argument checks so their errors count as usage errors.
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.MaximumNArgs(n)(cmd, args); err != nil {
			return &flagError{err}
		}
		return nil
	}
}

func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return &flagError{err}
		}
		return nil
	}
}

func colorWanted(f *os.File) bool {
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		return false
	}
	return isTTY(f)
}

// isTTY asks the kernel whether f is a terminal (a character device
// such as /dev/null is not).
func isTTY(f *os.File) bool {
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}

func designDir(args []string) string {
	if len(args) == 0 {
		return "."
	}
	return args[0]
}
