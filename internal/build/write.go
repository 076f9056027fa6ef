package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"

	"github.com/avnet/avnet/generators/gen"
)

// writeTree writes the collected files into a temporary directory beside
// target, adds the manifest, then swaps it into place in one rename, so a
// reader (or an interrupted build) sees the old tree or the new one, never
// a mixture. A partial build starts from a copy of the existing tree.
func writeTree(target string, sink *gen.MemSink, m *Manifest, partial bool) (*Manifest, error) {
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create output directory: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(target)+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("create temporary output: %w", err)
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	owners := map[string]string{}
	if lab := filepath.Join(target, LabDir); !partial {
		if _, err := os.Stat(lab); err == nil {
			if err := copyTree(lab, filepath.Join(tmp, LabDir)); err != nil {
				return nil, fmt.Errorf("keep the lab results: %w", err)
			}
		}
	}
	if partial {
		if old, err := ReadManifest(target); err == nil {
			for _, e := range old.Files {
				owners[e.Path] = e.Generator
			}
			if err := copyTree(target, tmp); err != nil {
				return nil, fmt.Errorf("copy previous output for a partial build: %w", err)
			}
		}
	}
	// Files written now are hashed from memory, and each directory is
	// created once; only files a partial build kept are read back.
	written := map[string]bool{}
	dirs := map[string]bool{}
	for _, name := range sink.Names() {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if dir := filepath.Dir(p); !dirs[dir] {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, err
			}
			dirs[dir] = true
		}
		b := sink.Files[name]
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return nil, err
		}
		owners[name] = sink.Owner[name]
		if name != "manifest.json" && !strings.HasPrefix(name, LabDir+"/") {
			written[name] = true
			m.Files = append(m.Files, ManifestEntry{Path: name, SHA256: sum(b), Size: len(b), Generator: owners[name]})
		}
	}
	// The manifest describes the tree as it is on disk.
	if partial {
		err = filepath.WalkDir(tmp, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(tmp, p)
			rel = filepath.ToSlash(rel)
			if rel == "manifest.json" || strings.HasPrefix(rel, LabDir+"/") || written[rel] {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			m.Files = append(m.Files, ManifestEntry{Path: rel, SHA256: sum(b), Size: len(b), Generator: owners[rel]})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, "manifest.json"), manifestJSON(m), 0o644); err != nil {
		return nil, err
	}
	if err := swapInto(tmp, target); err != nil {
		return nil, err
	}
	ok = true
	return m, nil
}

// swapInto replaces target by dir. On Linux, renameat2(RENAME_EXCHANGE)
// swaps the two trees atomically; elsewhere (or on filesystems without it)
// the old tree is moved aside first.
func swapInto(dir, target string) error {
	if _, err := os.Stat(target); errors.Is(err, os.ErrNotExist) {
		return os.Rename(dir, target)
	}
	if err := unix.Renameat2(unix.AT_FDCWD, dir, unix.AT_FDCWD, target, unix.RENAME_EXCHANGE); err == nil {
		return os.RemoveAll(dir) // dir now holds the previous tree
	}
	old := dir + ".old"
	if err := os.Rename(target, old); err != nil {
		return fmt.Errorf("replace %s: %w", target, err)
	}
	if err := os.Rename(dir, target); err != nil {
		os.Rename(old, target)
		return fmt.Errorf("replace %s: %w", target, err)
	}
	return os.RemoveAll(old)
}

func copyTree(src, dst string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if rel == "." || filepath.Base(src) != LabDir && rel == "manifest.json" {
			return nil
		}
		out := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	})
}
