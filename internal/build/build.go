// Package build is the `avnet build` stage: vet the design, run the
// generators into memory, then write the whole output tree at once.
package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/internal/safepath"
	"github.com/avnet/avnet/internal/vet"
)

// LabDir is the folder of an output tree where `avnet lab test` writes its
// results. It is not a build artifact: a build carries it over unchanged
// and leaves it out of the manifest.
const LabDir = "lab"

// ManifestSchema identifies the manifest layout.
const ManifestSchema = "avnet.dev/manifest/v1"

// Options of a build.
type Options struct {
	// Out is the output root; the design's tree is Out/<design name>.
	Out string
	// Only selects generators by name; Devices restricts per-device ones.
	Only    []string
	Devices []string
	Lang    string
	Version string
	Getenv  func(string) (string, bool)
	// SecretsDirs are directories, besides the design's, where a
	// passwordFile given by an absolute path may lie.
	SecretsDirs []string
	// Generators replaces the registry (fault-injection tests, and serve's
	// generators without the PNG and PDF post-steps).
	Generators []*gen.Generator
}

// Manifest lists every artifact of a build.
type Manifest struct {
	Schema string `json:"schema"`
	Design string `json:"design"`
	// DesignDigest is the SHA-256 of the design's CUE files (names and
	// contents), so a plan can tell which design a build came from.
	DesignDigest string          `json:"designDigest"`
	Files        []ManifestEntry `json:"files"`
	// Skipped lists the artifacts left out because a program is missing
	// (rsvg-convert for the PNG diagrams, WeasyPrint for the PDF).
	Skipped []gen.Skip `json:"skipped,omitempty"`
}

// ManifestEntry is one artifact.
type ManifestEntry struct {
	Path      string `json:"path"`
	SHA256    string `json:"sha256"`
	Size      int    `json:"size"`
	Generator string `json:"generator"`
}

// Result of a successful build.
type Result struct {
	Dir      string
	Manifest *Manifest
	// Written is the number of files this run generated (a partial build
	// keeps the others from the previous tree).
	Written int
	Vet     *vet.Outcome
}

// ErrDesignHasErrors is returned when vet found errors; Result.Vet says which.
var ErrDesignHasErrors = errors.New("the design has errors; fix them and build again (avnet vet shows them)")

// Build vets the design in dir and writes its artifacts.
func Build(ctx context.Context, dir string, opt Options) (*Result, error) {
	out, err := vet.Design(dir)
	if err != nil {
		return nil, err
	}
	res := &Result{Vet: out}
	if out.Facility == nil || out.HasErrors() {
		return res, ErrDesignHasErrors
	}
	name := designName(dir)
	if err := safepath.Component(name); err != nil {
		return res, fmt.Errorf("design directory %s: %w", dir, err)
	}
	target := filepath.Join(opt.Out, name)
	if err := checkTarget(opt.Out, target, dir, name); err != nil {
		return res, err
	}
	sink, err := Generate(ctx, dir, out, opt)
	if err != nil {
		return res, err
	}
	digest, err := DesignDigest(dir)
	if err != nil {
		return res, err
	}
	partial := len(opt.Only) > 0 || len(opt.Devices) > 0
	m, err := writeTree(ctx, target, sink, &Manifest{Schema: ManifestSchema, Design: name, DesignDigest: digest, Skipped: sink.Skipped}, partial)
	if err != nil {
		return res, err
	}
	res.Dir, res.Manifest, res.Written = target, m, len(sink.Files)
	return res, nil
}

func designName(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return filepath.Base(dir)
	}
	return filepath.Base(abs)
}

// DesignDigest hashes the design's own .cue files, sorted by name.
func DesignDigest(dir string) (string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.cue"))
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	h := sha256.New()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", fmt.Errorf("digest design: %w", err)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", filepath.Base(f), len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// manifestJSON renders a manifest deterministically.
func manifestJSON(m *Manifest) []byte {
	if m.Files == nil {
		m.Files = []ManifestEntry{}
	}
	sort.Slice(m.Files, func(i, j int) bool { return m.Files[i].Path < m.Files[j].Path })
	b, _ := json.MarshalIndent(m, "", "  ")
	return append(b, '\n')
}

// ReadManifest loads the manifest of a built tree.
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "manifest.json"), err)
	}
	if m.Schema != ManifestSchema {
		return nil, fmt.Errorf("%s: manifest schema %q, want %q; rebuild with this avnet", dir, m.Schema, ManifestSchema)
	}
	return &m, nil
}
