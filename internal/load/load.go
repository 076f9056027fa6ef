// Package load turns a design directory into a model.Facility: it loads the
// user's CUE package, unifies it with the embedded #Facility schema, reports
// every CUE error at the user's file:line:col, and decodes the result into
// Go structs that keep each entity's source position.
//
// Only this package touches CUE values; everything downstream works on the model.
package load

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/build"
	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/cue/load"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
)

// Rule IDs for findings that come from CUE itself rather than from a rule.
const (
	// SyntaxRule: the design is not valid CUE, or its package cannot be loaded.
	SyntaxRule = "AV-CUE-001"
	// SchemaRule: the design does not satisfy the avnet schema.
	SchemaRule = "AV-SCHEMA-001"
)

// Result is a loaded design: the model when CUE found no error, and the
// CUE findings otherwise.
type Result struct {
	Facility    *model.Facility
	Diagnostics []diag.Diagnostic
	// Files lists the design's own CUE files, relative to the working directory.
	Files []string
}

// Options tune a load.
type Options struct {
	// Cwd makes printed positions relative; defaults to os.Getwd.
	Cwd string
}

// Dir loads the design in dir. An error is returned only when the loader
// itself cannot run (the directory does not exist); problems in the design
// come back as diagnostics in the Result.
func Dir(dir string, opts Options) (*Result, error) {
	cwd := opts.Cwd
	if cwd == "" {
		cwd, _ = os.Getwd()
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("load design %q: %w", dir, err)
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("load design %q: %w", dir, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("load design %q: not a directory; give the directory that holds the design's .cue files", dir)
	}
	rel := relTo(cwd)
	res := &Result{}

	files, _ := filepath.Glob(filepath.Join(abs, "*.cue"))
	for _, f := range files {
		res.Files = append(res.Files, rel(f))
	}
	if len(files) == 0 {
		res.Diagnostics = append(res.Diagnostics, diag.Diagnostic{
			RuleID: SyntaxRule, Severity: diag.Error, Pos: diag.Pos{Filename: rel(abs)},
			Message: "no .cue files in the design directory",
			Hint:    "run `avnet init " + dir + "` to start a design, or give the directory that holds the design",
		})
		return res, nil
	}

	if err := checkFiles(files, rel); err != nil {
		res.Diagnostics = append(res.Diagnostics, fileDiag(err, files, rel))
		return res, nil
	}
	var evalErr error
	err = bounded(currentLimits(), packageName(abs, files, rel), func() {
		evalErr = evaluate(res, abs, dir, rel)
	})
	if err != nil {
		return nil, fmt.Errorf("load design %q: %w", dir, err)
	}
	if evalErr != nil {
		return nil, evalErr
	}
	return res, nil
}

// fileDiag reports a design file the loader refuses, at that file.
func fileDiag(err error, files []string, rel func(string) string) diag.Diagnostic {
	pos := diag.Pos{}
	for _, f := range files {
		if strings.HasPrefix(err.Error(), rel(f)+" ") || strings.HasPrefix(err.Error(), rel(f)+":") {
			pos.Filename = rel(f)
			break
		}
	}
	return diag.Diagnostic{
		RuleID: SyntaxRule, Severity: diag.Error, Pos: pos, Message: err.Error(),
		Hint: "a design is the regular .cue files of one directory; replace the link or special file by a regular file",
	}
}

// evaluate unifies the design with the schema and decodes it into res;
// it is the part of a load that CUE runs and that Limits bound.
func evaluate(res *Result, abs, dir string, rel func(string) string) error {
	ctx := cuecontext.New()
	cfg := &load.Config{Dir: abs, Overlay: schemaOverlay(abs)}
	insts := load.Instances([]string{"."}, cfg)
	if len(insts) != 1 || insts[0] == nil {
		return fmt.Errorf("load design %q: expected one CUE package, found %d", dir, len(insts))
	}
	inst := insts[0]
	if inst.Err != nil {
		res.Diagnostics = append(res.Diagnostics, fromCUE(inst.Err, SyntaxRule, rel, abs, cue.Value{}, cue.Value{})...)
		return nil
	}
	// Files the package imports (a cue.mod's packages) are design files
	// too; the schema copy is served from the overlay, not the disk.
	if err := checkFiles(importedFiles(inst, cfg.Overlay), rel); err != nil {
		res.Diagnostics = append(res.Diagnostics, fileDiag(err, importedFiles(inst, cfg.Overlay), rel))
		return nil
	}
	design := ctx.BuildInstance(inst)
	schema, err := compileSchema(ctx)
	if err != nil {
		return err
	}
	// Validate the unified value even when the design alone has errors:
	// Validate with cue.All reports every error, where Err stops at the first.
	unified := schema.LookupPath(cue.ParsePath("#Facility")).Unify(design)
	if err := unified.Validate(cue.Concrete(true), cue.All()); err != nil {
		res.Diagnostics = append(res.Diagnostics, fromCUE(err, "", rel, abs, unified, design)...)
		return nil
	}

	fac := &model.Facility{Dir: rel(abs), Package: inst.PkgName}
	if err := unified.Decode(fac); err != nil {
		res.Diagnostics = append(res.Diagnostics, fromCUE(err, SchemaRule, rel, abs, unified, design)...)
		return nil
	}
	fac.Positions = map[string]model.Pos{}
	recordPositions(design, nil, fac.Positions, rel)
	nameEntities(fac)
	if ds := mergeCatalog(fac); len(ds) > 0 {
		res.Diagnostics = append(res.Diagnostics, ds...)
		return nil
	}
	res.withFacility(fac)
	return nil
}

// importedFiles lists the files on disk of inst and of every package it
// imports, without the overlay's.
func importedFiles(inst *build.Instance, overlay map[string]load.Source) []string {
	var out []string
	seen := map[*build.Instance]bool{}
	var walk func(*build.Instance)
	walk = func(i *build.Instance) {
		if i == nil || seen[i] {
			return
		}
		seen[i] = true
		for _, f := range i.BuildFiles {
			if _, ov := overlay[f.Filename]; !ov && filepath.IsAbs(f.Filename) {
				out = append(out, f.Filename)
			}
		}
		for _, imp := range i.Imports {
			walk(imp)
		}
	}
	walk(inst)
	return out
}

func (r *Result) withFacility(f *model.Facility) *Result {
	r.Facility = f
	return r
}

// relTo returns a function that prints a file path relative to cwd when it
// lies below it, as CUE's own errors do.
func relTo(cwd string) func(string) string {
	return func(p string) string {
		if i := strings.Index(p, schemaCopyDir); i >= 0 {
			return SchemaPrefix + p[i+len(schemaCopyDir):]
		}
		if strings.HasPrefix(p, SchemaPrefix) || cwd == "" {
			return p
		}
		if r, err := filepath.Rel(cwd, p); err == nil && !strings.HasPrefix(r, "..") {
			return r
		}
		return p
	}
}

// recordPositions walks the user's own value (before unification, so
// positions are the user's and not the schema's) and records where every
// field and list element was written.
func recordPositions(v cue.Value, path []string, out map[string]model.Pos, rel func(string) string) {
	if p := v.Pos(); p.IsValid() {
		out[model.PathKey(path...)] = model.Pos{Filename: rel(p.Filename()), Line: p.Line(), Column: p.Column()}
	}
	switch v.IncompleteKind() {
	case cue.StructKind:
		it, err := v.Fields(cue.Optional(true))
		if err != nil {
			return
		}
		for it.Next() {
			recordPositions(it.Value(), append(path[:len(path):len(path)], it.Selector().Unquoted()), out, rel)
		}
	case cue.ListKind:
		it, err := v.List()
		if err != nil {
			return
		}
		for i := 0; it.Next(); i++ {
			recordPositions(it.Value(), append(path[:len(path):len(path)], fmt.Sprint(i)), out, rel)
		}
	}
}

// nameEntities copies each map key into its entity so code that holds an
// entity knows its name.
func nameEntities(f *model.Facility) {
	for k, v := range f.Rooms {
		v.Name = k
	}
	for k, v := range f.VLANs {
		v.Name = k
	}
	for k, v := range f.QoS.Classes {
		v.Name = k
	}
	for k, v := range f.PTP {
		v.Name = k
	}
	for k, v := range f.DeviceTypes {
		v.Slug = k
	}
	for k, d := range f.Devices {
		d.Name = k
		for n, i := range d.Interfaces {
			i.Name = n
		}
	}
	for k, v := range f.Links {
		v.Label = k
	}
	for k, v := range f.Flows {
		v.Name = k
	}
	for k, v := range f.Users {
		v.Name = k
	}
	for k, v := range f.Groups {
		v.Name = k
	}
	for k, v := range f.Shares {
		v.Name = k
	}
	for k, v := range f.Waivers {
		v.ID = k
	}
}
