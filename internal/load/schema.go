package load

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/cue/load"

	"github.com/avnet/avnet/schemas"
)

// SchemaPrefix names schema files in positions, so a user can tell a
// schema constraint from their own code.
const SchemaPrefix = "avnet:schemas/"

// compileSchema builds the embedded schema package in ctx. The CUE files
// are parsed once per process (build instances are reusable across
// contexts); each load still evaluates them in its own context, because a
// cue.Context is not safe for concurrent use.
func compileSchema(ctx *cue.Context) (cue.Value, error) {
	insts := load.Instances([]string{"."}, &load.Config{
		FS:         schemas.FS,
		Dir:        "/",
		FromFSPath: func(p string) string { return SchemaPrefix + strings.TrimPrefix(p, "/") },
	})
	if len(insts) != 1 {
		return cue.Value{}, fmt.Errorf("load embedded schema: %d instances", len(insts))
	}
	if err := insts[0].Err; err != nil {
		return cue.Value{}, fmt.Errorf("load embedded schema: %w", err)
	}
	v := ctx.BuildInstance(insts[0])
	if err := v.Err(); err != nil {
		return cue.Value{}, fmt.Errorf("build embedded schema: %w", err)
	}
	return v, nil
}

// Schema returns the #Facility definition compiled in a fresh context; it
// is what `avnet init` writes and what tests validate against.
func Schema() (cue.Value, error) {
	ctx := cuecontext.New()
	v, err := compileSchema(ctx)
	if err != nil {
		return cue.Value{}, err
	}
	return v.LookupPath(cue.ParsePath("#Facility")), nil
}

// schemaCopyDir is where `avnet init` copies the schema inside a design
// (cue.mod/pkg/avnet.dev/schema/), so the standalone cue tool can import it.
const schemaCopyDir = "/cue.mod/pkg/avnet.dev/schema/"

// schemaOverlay makes a design that imports its cue.mod copy of the schema
// see the schema built into this binary instead: avnet's checks and the
// positions it prints always match the avnet that runs.
func schemaOverlay(designDir string) map[string]load.Source {
	if _, err := os.Stat(filepath.Join(designDir, "cue.mod")); err != nil {
		return nil
	}
	ov := map[string]load.Source{}
	entries, _ := fs.ReadDir(schemas.FS, ".")
	for _, e := range entries {
		if e.IsDir() || filepath.Ext(e.Name()) != ".cue" {
			continue
		}
		b, err := fs.ReadFile(schemas.FS, e.Name())
		if err != nil {
			continue
		}
		ov[filepath.Join(designDir, filepath.FromSlash(schemaCopyDir), e.Name())] = load.FromBytes(b)
	}
	return ov
}
