package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/internal/build"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/plural"
)

func buildCmd(opts *Options) *cobra.Command {
	var o build.Options
	var only, devices, secrets []string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "build [DIR]",
		Short: "Vet the design, then generate configs, SDP, PTP configs, diagrams and the dossier",
		Long: `build vets the design in DIR (default: the current directory) and refuses
to build one with errors. It writes OUT/<design>/ (default out/): configs/,
sdp/, ptp/, iptv/, netbox/, diagrams/, dossier/ and manifest.json, which
lists every artifact with its SHA-256 and the generator that made it.

The tree appears whole or not at all: files are written to a temporary
directory that replaces the previous tree in one rename (an interrupt or
SIGTERM leaves the previous tree as it was, and the next build removes a
killed build's temporary directory). The same design gives
byte-identical output.

build replaces OUT/<design> only when it is an avnet output of this design
(its manifest.json says so) or empty: never a foreign directory, the
design directory, the working directory or one of their parents, and
never with -o /.

A passwordFile is read from the design directory (a relative path) or,
given by an absolute path, from the design directory or a --secrets-dir;
it must be a regular file under 64 KiB, reached without symbolic links.`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Only, o.Devices, o.Version = splitList(only), splitList(devices), Version
			o.SecretsDirs = secretsDirs(secrets)
			if o.Lang != "" && o.Lang != "fr" && o.Lang != "en" {
				return usageError{fmt.Errorf("--lang %q is not supported. Supported languages are [\"fr\" \"en\"]", o.Lang)}
			}
			ctx, stop := signalContext()
			defer stop()
			if asJSON {
				return runBuildJSON(ctx, opts, designDir(args), o)
			}
			return runBuild(ctx, opts, designDir(args), o)
		},
	}
	cmd.Flags().StringVarP(&o.Out, "out", "o", "out", "output root directory")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON (schema "+BuildJSONSchema+") instead of text")
	cmd.Flags().StringSliceVar(&only, "only", nil, "run only these generators (comma-separated), e.g. configs,sdp")
	cmd.Flags().StringSliceVar(&devices, "device", nil, "restrict per-device artifacts to these devices")
	cmd.Flags().StringVar(&o.Lang, "lang", "", "dossier language: fr or en (default: the design's facility.language)")
	cmd.Flags().StringSliceVar(&secrets, "secrets-dir", nil, "directory where a passwordFile given by an absolute path may lie, besides the design directory (also $AVNET_SECRETS_DIR, colon-separated)")
	return cmd
}

// secretsDirs are the directories a design's passwordFile may name
// besides its own: the --secrets-dir flags, then $AVNET_SECRETS_DIR.
func secretsDirs(flag []string) []string {
	out := splitList(flag)
	for _, d := range filepath.SplitList(os.Getenv("AVNET_SECRETS_DIR")) {
		if d != "" {
			out = append(out, d)
		}
	}
	return out
}

func splitList(in []string) []string {
	var out []string
	for _, s := range in {
		for _, p := range strings.Split(s, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

func runBuild(ctx context.Context, opts *Options, dir string, o build.Options) error {
	res, err := build.Build(ctx, dir, o)
	if res != nil && res.Vet != nil {
		// build shows what blocks or threatens the build; `avnet vet`
		// shows everything, infos and waivers included.
		var shown []diag.Diagnostic
		for _, d := range res.Vet.Diagnostics {
			if d.Severity >= diag.Warning {
				shown = append(shown, d)
			}
		}
		diag.PrintText(opts.Stderr, shown, diag.TextOptions{Color: opts.Color, Source: true})
	}
	if errors.Is(err, build.ErrDesignHasErrors) {
		fmt.Fprintf(opts.Stderr, "%s: %s\n", dir, diag.Summary(res.Vet.Diagnostics))
		fmt.Fprintln(opts.Stderr, "avnet: build refused: the design has errors; nothing was written")
		return exitError{1}
	}
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("build interrupted: nothing was written, the previous output (if any) is as it was")
	}
	if err != nil {
		return err
	}
	counts := map[string]int{}
	for _, f := range res.Manifest.Files {
		counts[f.Generator]++
	}
	var gens []string
	for g := range counts {
		gens = append(gens, g)
	}
	sort.Strings(gens)
	var parts []string
	for _, g := range gens {
		parts = append(parts, fmt.Sprintf("%s %d", g, counts[g]))
	}
	fmt.Fprintf(opts.Stdout, "wrote %s: %s (%s) and manifest.json\n", res.Dir, plural.Count(len(res.Manifest.Files), "file", "files"), strings.Join(parts, ", "))
	// What a missing program kept out, and how to get it (also in
	// manifest.json, "skipped").
	for _, sk := range res.Manifest.Skipped {
		fmt.Fprintf(opts.Stdout, "skipped %s: %s; to get it: %s\n", sk.Artifacts, sk.Reason, sk.Install)
	}
	return nil
}

// BuildJSONSchema identifies the layout of `avnet build --json`. It changes
// only when a field is removed or changes meaning.
const BuildJSONSchema = "avnet.dev/build/v1"

// buildReport is the document `avnet build --json` prints: whether the
// build wrote its tree, the vet findings that block or threaten it (as
// `avnet vet --json` prints them), and what was written or skipped.
type buildReport struct {
	Schema      string            `json:"schema"`
	Design      string            `json:"design"`
	Built       bool              `json:"built"`
	Dir         string            `json:"dir,omitempty"`
	Summary     diag.Counts       `json:"summary"`
	Diagnostics []diag.Diagnostic `json:"diagnostics"`
	// Files counts the manifest's artifacts per generator.
	Files   map[string]int `json:"files"`
	Total   int            `json:"total"`
	Skipped []gen.Skip     `json:"skipped"`
}

// runBuildJSON is runBuild with a JSON document on stdout and nothing on
// stderr but errors that are not the design's (an unwritable OUT, an
// interrupt): a design with errors is a document with built: false, exit 1.
func runBuildJSON(ctx context.Context, opts *Options, dir string, o build.Options) error {
	res, err := build.Build(ctx, dir, o)
	if err != nil && !errors.Is(err, build.ErrDesignHasErrors) {
		if errors.Is(err, context.Canceled) {
			return fmt.Errorf("build interrupted: nothing was written, the previous output (if any) is as it was")
		}
		return err
	}
	r := buildReport{Schema: BuildJSONSchema, Design: dir, Diagnostics: []diag.Diagnostic{}, Files: map[string]int{}, Skipped: []gen.Skip{}}
	if res != nil && res.Vet != nil {
		for _, d := range res.Vet.Diagnostics {
			if d.Severity >= diag.Warning {
				r.Diagnostics = append(r.Diagnostics, d)
			}
		}
		r.Summary = diag.NewReport(dir, res.Vet.Diagnostics, nil).Summary
	}
	if err == nil {
		r.Built, r.Dir, r.Total = true, res.Dir, len(res.Manifest.Files)
		for _, f := range res.Manifest.Files {
			r.Files[f.Generator]++
		}
		r.Skipped = append(r.Skipped, res.Manifest.Skipped...)
	}
	enc := json.NewEncoder(opts.Stdout)
	enc.SetIndent("", "  ")
	if werr := enc.Encode(r); werr != nil {
		return werr
	}
	if !r.Built {
		return exitError{1}
	}
	return nil
}
