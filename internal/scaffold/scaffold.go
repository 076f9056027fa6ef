// Package scaffold writes new designs (`avnet init`): a starter design that
// vets clean and a cue.mod that carries avnet's schema, so the standalone
// cue tool and CUE-aware editors see the same constraints as avnet.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/avnet/avnet/internal/escape"

	"github.com/avnet/avnet/schemas"
	"github.com/avnet/avnet/templates"
)

// SchemaImport is the CUE import path of the schema inside a design's cue.mod.
const SchemaImport = "avnet.dev/schema"

// SchemaDir is where init copies the schema, relative to the design.
var SchemaDir = filepath.Join("cue.mod", "pkg", filepath.FromSlash(SchemaImport))

// Options for Write.
type Options struct {
	Name  string // facility name; default: the directory's base name
	Force bool   // overwrite existing files
}

// Write creates the design in dir and returns the files written, relative to dir's parent as given.
func Write(dir string, opt Options) ([]string, error) {
	base := filepath.Base(filepath.Clean(dir))
	pkg := PackageName(base)
	name := opt.Name
	if name == "" {
		name = base
	}
	files := map[string][]byte{}

	var design bytes.Buffer
	tmpl, err := ParseTemplate()
	if err != nil {
		return nil, err
	}
	if err := tmpl.Execute(&design, map[string]string{"Package": pkg, "Name": name}); err != nil {
		return nil, fmt.Errorf("init: render starter design: %w", err)
	}
	files["design.cue"] = design.Bytes()
	files["avnet.cue"] = []byte(fmt.Sprintf(`// Written by avnet init. It unifies this package with the avnet schema so
// that the standalone cue tool (cue vet, cue export) and editors check the
// design exactly as avnet does. avnet itself always uses the schema built
// into its binary; 'avnet init --force' refreshes the copy in cue.mod.
package %s

import "%s"

schema.#Facility
`, pkg, SchemaImport))
	files[filepath.Join("cue.mod", "module.cue")] = []byte(fmt.Sprintf("module: \"avnet.dev/designs/%s@v0\"\nlanguage: version: \"v0.17.0\"\n", pkg))
	err = fs.WalkDir(schemas.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".cue" {
			return err
		}
		b, err := fs.ReadFile(schemas.FS, p)
		files[filepath.Join(SchemaDir, filepath.FromSlash(p))] = b
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("init: read embedded schema: %w", err)
	}

	names := make([]string, 0, len(files))
	for f := range files {
		names = append(names, f)
	}
	slices.Sort(names)
	if !opt.Force {
		for _, f := range names {
			if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
				return nil, fmt.Errorf("init: %s already exists; choose an empty directory, or use --force to overwrite", filepath.Join(dir, f))
			} else if !errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("init: %w", err)
			}
		}
	}
	var written []string
	for _, f := range names {
		target := filepath.Join(dir, f)
		if err := writeAtomic(target, files[f]); err != nil {
			return written, fmt.Errorf("init: %w", err)
		}
		written = append(written, target)
	}
	return written, nil
}

// ParseTemplate parses the starter design's template, a CUE file: it
// prints strings with "cue" (a quoted CUE string) and the package name
// with "ident", and an action that prints anything else is an error.
func ParseTemplate() (*template.Template, error) {
	tmpl, err := template.New("design.cue.tmpl").Funcs(template.FuncMap{
		"cue": escape.CUE,
		"ident": func(s string) (string, error) {
			if s == "" || PackageName(s) != s {
				return "", fmt.Errorf("%q is not a package name", s)
			}
			return s, nil
		},
	}).ParseFS(templates.FS, "init/design.cue.tmpl")
	if err != nil {
		return nil, fmt.Errorf("init: read starter template: %w", err)
	}
	trees := map[string]*parse.Tree{}
	for _, t := range tmpl.Templates() {
		trees[t.Name()] = t.Tree
	}
	if err := escape.CheckTemplate("init/design.cue.tmpl", trees, "cue", "cue", "ident"); err != nil {
		return nil, fmt.Errorf("init: %w", err)
	}
	return tmpl, nil
}

// PackageName turns a directory name into a CUE package identifier.
func PackageName(base string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(base) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '-' || r == '_' || r == '.' || r == ' ':
			b.WriteRune('_')
		}
	}
	s := strings.Trim(b.String(), "_")
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		s = "design" + s
	}
	return s
}

// writeAtomic writes through a temporary file and a rename, so an
// interrupted init never leaves half a file.
func writeAtomic(target string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), ".avnet-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), target)
}
