package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"

	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/internal/safepath"
)

// writeTree writes the collected files into a temporary directory beside
// target, adds the manifest, then swaps it into place in one rename, so a
// reader (or an interrupted build) sees the old tree or the new one, never
// a mixture. A partial build starts from a copy of the existing tree.
func writeTree(ctx context.Context, target string, sink *gen.MemSink, m *Manifest, partial bool) (*Manifest, error) {
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create output directory: %w", err)
	}
	removeStale(target)
	tmp, release, err := newTemp(target)
	if err != nil {
		return nil, fmt.Errorf("create temporary output: %w", err)
	}
	ok := false
	defer func() {
		release()
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	owners := map[string]string{}
	if lab := filepath.Join(target, LabDir); !partial {
		if st, err := os.Lstat(lab); err == nil && st.IsDir() {
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
		// The sink checked the names; a name put in its map directly is
		// checked here, and tmp is new, so no link can lead out of it.
		if err := safepath.Check(name); err != nil {
			return nil, err
		}
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
	// Only regular files are artifacts: a link kept from a previous tree
	// is neither read nor listed.
	if partial {
		err = filepath.WalkDir(tmp, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return err
			}
			rel, _ := filepath.Rel(tmp, p)
			rel = filepath.ToSlash(rel)
			if rel == "manifest.json" || rel == tmpMarker || strings.HasPrefix(rel, LabDir+"/") || written[rel] {
				return nil
			}
			b, err := readRegular(p)
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
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	release() // the marker must not end up in the tree
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

// copyTree copies the previous tree into the new one. A symbolic link is
// copied as a link, never followed (it may lead anywhere, /etc/shadow
// included); other special files (FIFOs, devices) are left out, since
// reading them could hang or never end.
func copyTree(src, dst string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if rel == "." || filepath.Base(src) != LabDir && (rel == "manifest.json" || rel == tmpMarker) {
			return nil
		}
		out := filepath.Join(dst, rel)
		switch t := d.Type(); {
		case d.IsDir():
			return os.MkdirAll(out, 0o755)
		case t&fs.ModeSymlink != 0:
			link, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(link, out)
		case !t.IsRegular():
			return nil
		}
		b, err := readRegular(p)
		if err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	})
}

// readRegular reads p without following a link put there meanwhile.
func readRegular(p string) ([]byte, error) {
	f, err := os.OpenFile(p, os.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", p)
	}
	return io.ReadAll(f)
}
