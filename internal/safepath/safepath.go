// Package safepath builds file paths from names a design chose (devices,
// PTP domains, flows…) and keeps them under their root. The design is
// untrusted: a switch named "x/../../etc/profile.d/evil" must never make
// avnet write outside its output or state directory, even if the schema
// that also forbids such names is bypassed (a model built in Go, a future
// schema bug). Every writer of a file named after a design entity goes
// through Join, WriteFile or ReadFile.
package safepath

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// MaxComponent is the longest file-name component Linux file systems
// accept (NAME_MAX), in bytes.
const MaxComponent = 255

// Error says why a name cannot be used as a path under Root.
type Error struct {
	Root, Name, Reason string
}

func (e *Error) Error() string {
	if e.Root == "" {
		return fmt.Sprintf("unsafe file name %q: %s", e.Name, e.Reason)
	}
	return fmt.Sprintf("unsafe file name %q under %s: %s", e.Name, e.Root, e.Reason)
}

// Check validates a slash-separated relative name: not empty, not
// absolute, no empty, "." or ".." component, no NUL, valid
// UTF-8, every component at most MaxComponent bytes.
func Check(rel string) error {
	bad := func(reason string) error { return &Error{Name: rel, Reason: reason} }
	switch {
	case rel == "":
		return bad("the name is empty")
	case strings.HasPrefix(rel, "/"):
		return bad("an absolute path is not allowed")
	case strings.ContainsRune(rel, 0):
		return bad("it contains a NUL byte")
	case !utf8.ValidString(rel):
		return bad("it is not valid UTF-8")
	}
	for _, c := range strings.Split(rel, "/") {
		switch {
		case c == "":
			return bad("it has an empty path component (\"//\" or a trailing \"/\")")
		case c == "." || c == "..":
			return bad(fmt.Sprintf("the component %q is not allowed", c))
		case len(c) > MaxComponent:
			return bad(fmt.Sprintf("the component %.20q… is %d bytes long, more than the %d a file name may have; use a shorter name in the design", c, len(c), MaxComponent))
		}
	}
	return nil
}

// Component validates one file-name component built from a name (no "/").
func Component(name string) error {
	if strings.ContainsRune(name, '/') {
		return &Error{Name: name, Reason: "a name used as a file name cannot contain \"/\""}
	}
	return Check(name)
}

// Join returns root joined with the relative slash-separated parts, after
// checking each with Check and making sure that the result, with the
// symbolic links that already exist under root resolved, stays under root.
func Join(root string, parts ...string) (string, error) {
	for _, p := range parts {
		if err := Check(p); err != nil {
			err.(*Error).Root = root
			return "", err
		}
	}
	p := filepath.Join(append([]string{root}, fromSlash(parts)...)...)
	if err := within(root, p); err != nil {
		return "", err
	}
	return p, nil
}

func fromSlash(parts []string) []string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = filepath.FromSlash(p)
	}
	return out
}

// within checks that p, resolved through the links that exist, is under
// root (resolved the same way). The part of p that does not exist yet
// cannot hold a link.
func within(root, p string) error {
	rootReal, err := filepath.EvalSymlinks(root)
	if errors.Is(err, os.ErrNotExist) {
		return nil // nothing exists yet under root: nothing to follow
	}
	if err != nil {
		return err
	}
	rel, _ := filepath.Rel(root, p)
	existing := root
	for _, c := range strings.Split(rel, string(filepath.Separator)) {
		next := filepath.Join(existing, c)
		if _, err := os.Lstat(next); err != nil {
			break
		}
		existing = next
	}
	real, err := filepath.EvalSymlinks(existing)
	if err != nil {
		return &Error{Root: root, Name: rel, Reason: fmt.Sprintf("resolve %s: %v", existing, err)}
	}
	if real != rootReal && !strings.HasPrefix(real, rootReal+string(filepath.Separator)) {
		return &Error{Root: root, Name: rel, Reason: fmt.Sprintf("%s is a symbolic link that leads outside it, to %s", existing, real)}
	}
	return nil
}

// WriteFile writes data to root/rel, creating root and the directories
// between. The write goes through os.Root, so no symbolic link (existing
// now or created meanwhile) takes it outside root.
func WriteFile(root, rel string, data []byte, perm os.FileMode) error {
	if err := Check(rel); err != nil {
		err.(*Error).Root = root
		return err
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return err
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return err
	}
	defer r.Close()
	if dir := filepath.Dir(filepath.FromSlash(rel)); dir != "." {
		if err := r.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("write %s: %w", filepath.Join(root, rel), err)
		}
	}
	f, err := r.OpenFile(filepath.FromSlash(rel), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, perm)
	if err != nil {
		return fmt.Errorf("write %s: %w", filepath.Join(root, rel), err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(perm); err != nil { // an existing file keeps its mode otherwise
		f.Close()
		return err
	}
	return f.Close()
}

// ReadFile reads root/rel through os.Root (see WriteFile).
func ReadFile(root, rel string) ([]byte, error) {
	if err := Check(rel); err != nil {
		err.(*Error).Root = root
		return nil, err
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return r.ReadFile(filepath.FromSlash(rel))
}
