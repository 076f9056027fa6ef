package load

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/cue/load"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
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
		FS:         withoutCatalog{schemas.FS},
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

// withoutCatalog hides catalog.cue from the schema package: the catalog is
// merged from its JSON export (see mergeCatalog), which is an order of
// magnitude cheaper than evaluating it on every load.
type withoutCatalog struct{ fs.ReadDirFS }

func (w withoutCatalog) Open(name string) (fs.File, error) {
	if path.Base(name) == schemas.CatalogFile {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return w.ReadDirFS.Open(name)
}

func (w withoutCatalog) ReadDir(name string) ([]fs.DirEntry, error) {
	es, err := w.ReadDirFS.ReadDir(name)
	return slices.DeleteFunc(es, func(e fs.DirEntry) bool { return e.Name() == schemas.CatalogFile }), err
}

// Catalog decodes avnet's built-in device types.
func Catalog() (map[string]*model.DeviceType, error) {
	var cat map[string]*model.DeviceType
	if err := json.Unmarshal(schemas.CatalogJSON, &cat); err != nil {
		return nil, fmt.Errorf("decode built-in catalog: %w", err)
	}
	for slug, dt := range cat {
		dt.Slug = slug
	}
	return cat, nil
}

// mergeCatalog adds the built-in device types to the design's own. A
// design that reuses a catalog slug for a different type is told so: the
// name would silently mean two things otherwise.
func mergeCatalog(f *model.Facility) []diag.Diagnostic {
	cat, err := Catalog()
	if err != nil {
		return []diag.Diagnostic{{RuleID: SchemaRule, Severity: diag.Error, Pos: diag.Pos{Filename: f.Dir}, Message: err.Error()}}
	}
	if f.DeviceTypes == nil {
		f.DeviceTypes = map[string]*model.DeviceType{}
	}
	var out []diag.Diagnostic
	for _, slug := range model.SortedKeys(cat) {
		own, ok := f.DeviceTypes[slug]
		if !ok {
			f.DeviceTypes[slug] = cat[slug]
			continue
		}
		own.Slug = slug
		if !reflect.DeepEqual(own, cat[slug]) {
			out = append(out, diag.Diagnostic{RuleID: SchemaRule, Severity: diag.Error,
				Pos:     f.PosOf("deviceTypes", slug),
				Message: fmt.Sprintf("deviceTypes.%q redefines a device type of avnet's built-in catalog (%s %s)", slug, cat[slug].Manufacturer, cat[slug].Model),
				Hint:    fmt.Sprintf("give your device type another name (for example %q); `avnet explain AV-SCHEMA-001`", "my-"+slug)})
		}
	}
	return out
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
