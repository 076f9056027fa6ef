package build

import (
	"context"
	"fmt"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/suggest"
	"os"
	"path/filepath"

	"github.com/avnet/avnet/generators"
	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/internal/safepath"
	"github.com/avnet/avnet/internal/vet"
)

// Generate runs the generators of a vetted design into memory: the
// pipeline of Build without the write. `avnet build` writes the sink to
// disk; `avnet serve` keeps it and shows it. out must have no errors.
func Generate(ctx context.Context, dir string, out *vet.Outcome, opt Options) (*gen.MemSink, error) {
	if out.Facility == nil || out.HasErrors() {
		return nil, ErrDesignHasErrors
	}
	gens, err := generators.Select(opt.Only)
	if err != nil {
		return nil, err
	}
	if opt.Generators != nil {
		gens = opt.Generators
	}
	for _, d := range opt.Devices {
		if out.Facility.Devices[d] == nil {
			return nil, fmt.Errorf("--device %q: no such device in the design%s", d, suggest.Phrase(d, model.SortedKeys(out.Facility.Devices)))
		}
	}
	getenv := opt.Getenv
	if getenv == nil {
		getenv = os.LookupEnv
	}
	env := &gen.Env{Lang: opt.Lang, Getenv: getenv, Devices: opt.Devices, Version: opt.Version,
		ReadFile: func(p string) ([]byte, error) { return safepath.ReadSecret(dir, opt.SecretsDirs, p) }}
	if env.Lang == "" {
		env.Lang = out.Facility.Info.Language
	}
	// `avnet lab test` writes its measurements beside the artifacts; the
	// dossier's acceptance-test chapter prints them.
	env.LabResults = filepath.Join(opt.Out, designName(dir), LabDir, "results.json")
	sink := gen.NewMemSink()
	env.Outputs = sink.Files
	env.Skipped = func(sk gen.Skip) { sink.Skipped = append(sink.Skipped, sk) }
	gctx := gen.WithEnv(ctx, env)
	for _, g := range gens {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := g.Generate(gctx, out.Facility, out.Facts, sink.For(g.Name)); err != nil {
			return nil, fmt.Errorf("generator %s: %w", g.Name, err)
		}
	}
	return sink, nil
}
