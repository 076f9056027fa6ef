package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// ErrUnsafeTarget is wrapped by every refusal to replace an output tree.
var ErrUnsafeTarget = errors.New("unsafe output directory")

// checkTarget refuses to let a build replace target (OUT/<design>) unless
// it is missing, empty, or an avnet output of this design: a build never
// destroys what it did not write. It also refuses a target that is, or
// contains, the design directory or the working directory, and `-o /`.
func checkTarget(out, target, design, name string) error {
	refuse := func(format string, a ...any) error {
		return fmt.Errorf("%w: %s", ErrUnsafeTarget, fmt.Sprintf(format, a...))
	}
	absOut, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if absOut == string(filepath.Separator) {
		return refuse("-o %s: the output root cannot be the file system root; choose a directory of its own, e.g. -o out", out)
	}
	absTarget := filepath.Join(absOut, name)
	type dir struct{ path, what string }
	var protected []dir
	add := func(p, what string) {
		protected = append(protected, dir{p, what})
		if r, err := filepath.EvalSymlinks(p); err == nil && r != p {
			protected = append(protected, dir{r, what})
		}
	}
	if d, err := filepath.Abs(design); err == nil {
		add(d, "the design directory")
	}
	if wd, err := os.Getwd(); err == nil {
		add(wd, "the working directory")
	}
	candidates := []string{absTarget}
	if r, err := resolveExisting(absTarget); err == nil && r != absTarget {
		candidates = append(candidates, r)
	}
	for _, c := range candidates {
		for _, p := range protected {
			if c == p.path || isUnder(p.path, c) {
				return refuse("%s would replace %s, which is or contains %s (%s); choose another output root, e.g. -o %s",
					target, c, p.what, p.path, filepath.Join(filepath.Dir(p.path), "out"))
			}
		}
	}
	st, err := os.Lstat(target)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if st.Mode()&os.ModeSymlink != 0 {
		return refuse("%s is a symbolic link, which avnet did not write; remove it or choose another -o", target)
	}
	if !st.IsDir() {
		return refuse("%s exists and is not a directory avnet wrote; move it away or choose another -o", target)
	}
	entries, err := os.ReadDir(target)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if err := ours(target, name); err != nil {
		return refuse("%s already exists and is not an avnet output (%v); avnet replaces only a tree it built. Move it away or choose another -o", target, err)
	}
	return nil
}

// ours reports whether dir holds an avnet output of the design name: a
// regular manifest.json with our schema and that design.
func ours(dir, name string) error {
	st, err := os.Lstat(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return fmt.Errorf("it has no manifest.json")
	}
	if !st.Mode().IsRegular() || st.Size() > 64<<20 {
		return fmt.Errorf("its manifest.json is not a regular file")
	}
	m, err := ReadManifest(dir)
	if err != nil {
		return fmt.Errorf("its manifest.json is not avnet's: %v", err)
	}
	if m.Design != name {
		return fmt.Errorf("its manifest.json is for design %q", m.Design)
	}
	return nil
}

// isUnder reports whether p lies strictly below dir.
func isUnder(p, dir string) bool {
	if dir == string(filepath.Separator) {
		return p != dir
	}
	return strings.HasPrefix(p, dir+string(filepath.Separator))
}

// resolveExisting resolves the links of the longest existing prefix of p.
func resolveExisting(p string) (string, error) {
	rest := ""
	for q := p; ; q = filepath.Dir(q) {
		if r, err := filepath.EvalSymlinks(q); err == nil {
			return filepath.Join(r, rest), nil
		}
		if q == filepath.Dir(q) {
			return p, nil
		}
		rest = filepath.Join(filepath.Base(q), rest)
	}
}

// tmpMarker is created in a build's temporary directory and held locked
// while the build runs; a directory with the name pattern of our
// temporary directories and this marker, unlocked, is a leftover of a
// killed build.
const tmpMarker = ".avnet-build-in-progress"

func tmpPattern(target string) string { return "." + filepath.Base(target) + ".tmp-" }

// newTemp creates the temporary directory beside target, with its marker
// locked; release unlocks and removes the marker.
func newTemp(target string) (dir string, release func(), err error) {
	dir, err = os.MkdirTemp(filepath.Dir(target), tmpPattern(target))
	if err != nil {
		return "", nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, tmpMarker), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		os.RemoveAll(dir)
		return "", nil, err
	}
	fmt.Fprintf(f, "avnet build of %s, pid %d\n", target, os.Getpid())
	var once sync.Once
	return dir, func() {
		once.Do(func() {
			os.Remove(f.Name())
			f.Close()
		})
	}, nil
}

// removeStale deletes the temporary directories a killed build left
// beside target: only directories named like ours that hold our unlocked
// marker, or our manifest (a tree swapped out but not yet removed).
func removeStale(target string) {
	parent, prefix := filepath.Dir(target), tmpPattern(target)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		if f, err := os.OpenFile(filepath.Join(dir, tmpMarker), os.O_RDONLY|unix.O_NOFOLLOW, 0); err == nil {
			st, serr := f.Stat()
			locked := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) != nil
			f.Close()
			if serr != nil || !st.Mode().IsRegular() || locked {
				continue // another build is writing it
			}
		} else if ours(dir, filepath.Base(target)) != nil {
			continue
		}
		os.RemoveAll(dir)
	}
}
