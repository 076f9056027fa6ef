package deploy

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/avnet/avnet/internal/build"
	"github.com/avnet/avnet/internal/safepath"
)

// Artifacts is a built tree, out/<design>: the generated configurations
// and the manifest that lists them with their SHA-256.
type Artifacts struct {
	Dir      string
	Manifest *build.Manifest
	byPath   map[string]build.ManifestEntry
}

// OpenArtifacts reads the manifest of a built tree.
func OpenArtifacts(dir string) (*Artifacts, error) {
	m, err := build.ReadManifest(dir)
	if err != nil {
		return nil, fmt.Errorf("read the build in %s: %w (run `avnet build` first)", dir, err)
	}
	a := &Artifacts{Dir: dir, Manifest: m, byPath: map[string]build.ManifestEntry{}}
	for _, f := range m.Files {
		a.byPath[f.Path] = f
	}
	return a, nil
}

// read returns a file of the build, checked against the manifest.
func (a *Artifacts) read(rel string) ([]byte, error) {
	e, ok := a.byPath[rel]
	if !ok {
		return nil, os.ErrNotExist
	}
	// rel is built from a device name: safepath keeps it in the build.
	b, err := safepath.ReadFile(a.Dir, rel)
	if err != nil {
		return nil, err
	}
	s := sha256.Sum256(b)
	if hex.EncodeToString(s[:]) != e.SHA256 {
		return nil, fmt.Errorf("%s was changed after the build (its SHA-256 differs from manifest.json): build again with `avnet build`", filepath.Join(a.Dir, rel))
	}
	return b, nil
}

// vendorConfig finds a vendor configuration when it is not at the
// expected path: the one configs/<device>.* file of the build.
func (a *Artifacts) vendorConfig(device string) (string, bool) {
	var found []string
	for p := range a.byPath {
		if strings.HasPrefix(p, "configs/"+device+".") && !strings.HasSuffix(p, ".ovs.sh") && !strings.HasSuffix(p, ".frr.conf") {
			found = append(found, p)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return "", false
}

// Intended reads a device's generated files and derives its intended view.
func (a *Artifacts) Intended(d *Device) (*Intended, error) {
	p := platforms[d.Platform]
	if p == nil {
		return nil, fmt.Errorf("%s: platform %q is not supported. Supported platforms are %q", d.Name, d.Platform, PlatformNames())
	}
	in := &Intended{Device: d.Name, Files: map[string][]byte{}, Paths: map[string]string{}}
	for role, rel := range p.roles(d.Name) {
		if _, ok := a.byPath[rel]; !ok && role == "config" {
			if alt, ok := a.vendorConfig(d.Name); ok {
				rel = alt
			}
		}
		in.Paths[role] = filepath.Join(a.Dir, rel)
		b, err := a.read(rel)
		if os.IsNotExist(err) {
			if p.optional[role] {
				continue
			}
			return nil, fmt.Errorf("%s: the build has no %s (platform %s): build the configs with `avnet build`, or check the device's platform", d.Name, filepath.Join(a.Dir, rel), d.Platform)
		}
		if err != nil {
			return nil, err
		}
		in.Files[role] = b
	}
	if err := p.intended(d, in); err != nil {
		return nil, err
	}
	in.Digest = digestFiles(in.Files)
	return in, nil
}
