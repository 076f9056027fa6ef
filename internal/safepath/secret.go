package safepath

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
)

// MaxSecret is the largest secret file avnet reads: a password or a key
// is a few hundred bytes; anything larger is not a secret file.
const MaxSecret = 64 << 10

// ReadSecret reads a secret file a design names (passwordFile). A relative
// name is taken under dir (the design directory) and may not leave it; an
// absolute one must lie under dir or under one of extra (the configured
// secrets directories). Every component is opened without following
// symbolic links, the file must be a regular file (not a device such as
// /dev/zero, nor a FIFO, which is opened non-blocking so it cannot hang
// avnet) and smaller than MaxSecret.
func ReadSecret(dir string, extra []string, name string) ([]byte, error) {
	root, rel, err := secretRoot(dir, extra, name)
	if err != nil {
		return nil, err
	}
	fd, err := unix.Open(root, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", root, err)
	}
	comps := strings.Split(rel, "/")
	for i, c := range comps {
		last := i == len(comps)-1
		flags := unix.O_RDONLY | unix.O_NOFOLLOW | unix.O_CLOEXEC
		if last {
			flags |= unix.O_NONBLOCK | unix.O_NOCTTY
		} else {
			flags |= unix.O_DIRECTORY
		}
		next, err := unix.Openat(fd, c, flags, 0)
		unix.Close(fd)
		if err != nil {
			if errors.Is(err, unix.ELOOP) || (!last && errors.Is(err, unix.ENOTDIR)) {
				return nil, fmt.Errorf("%s is a symbolic link or not a directory: a secret file is read without following links; put the file itself there", filepath.Join(root, filepath.Join(comps[:i+1]...)))
			}
			return nil, fmt.Errorf("open %s: %w", filepath.Join(root, filepath.FromSlash(rel)), err)
		}
		fd = next
	}
	f := os.NewFile(uintptr(fd), filepath.Join(root, filepath.FromSlash(rel)))
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (%s): a secret must be a plain file", f.Name(), kind(st.Mode()))
	}
	if st.Size() >= MaxSecret {
		return nil, fmt.Errorf("%s is %d bytes: a secret file must be smaller than %d KiB", f.Name(), st.Size(), MaxSecret>>10)
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxSecret))
	if err != nil {
		return nil, err
	}
	if len(b) >= MaxSecret {
		return nil, fmt.Errorf("%s grew past %d KiB while being read", f.Name(), MaxSecret>>10)
	}
	return b, nil
}

// secretRoot splits name into the directory it must stay under and the
// relative path below it.
func secretRoot(dir string, extra []string, name string) (root, rel string, err error) {
	if name == "" {
		return "", "", &Error{Name: name, Reason: "the name is empty"}
	}
	if !filepath.IsAbs(name) {
		if err := Check(filepath.ToSlash(name)); err != nil {
			return "", "", fmt.Errorf("%w: a secret file named by a relative path must lie inside the design directory %s", err, dir)
		}
		return dir, filepath.ToSlash(name), nil
	}
	clean := filepath.Clean(name)
	roots := append([]string{dir}, extra...)
	for _, r := range roots {
		if r == "" {
			continue
		}
		abs, err := filepath.Abs(r)
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(abs, clean); err == nil && rel != "." && !strings.HasPrefix(rel, "..") && clean == name {
			return abs, filepath.ToSlash(rel), Check(filepath.ToSlash(rel))
		}
	}
	where := "the design directory " + dir
	if len(extra) > 0 {
		where += " or the secrets directory " + strings.Join(extra, ", ")
	}
	return "", "", fmt.Errorf("%s is outside %s: put the file there (a relative path is taken from the design directory), or give its directory with --secrets-dir or AVNET_SECRETS_DIR", name, where)
}

func kind(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a FIFO"
	case m&os.ModeCharDevice != 0:
		return "a character device"
	case m&os.ModeDevice != 0:
		return "a block device"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a directory"
	}
	return m.Type().String()
}
