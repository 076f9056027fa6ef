package deploy

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
)

// LockPath is the lock file of a design's applies: beside the built tree
// (out/.<design>.apply.lock), not in it, since `avnet build` replaces the
// whole tree (a lock inside would be swapped away with it).
func LockPath(artifactsDir string) string {
	return filepath.Join(filepath.Dir(filepath.Clean(artifactsDir)), "."+filepath.Base(filepath.Clean(artifactsDir))+".apply.lock")
}

// LockedError is an apply refused because another one holds the lock.
type LockedError struct {
	Design, Path, Holder string
}

func (e *LockedError) Error() string {
	h := ""
	if e.Holder != "" {
		h = " (" + e.Holder + ")"
	}
	return fmt.Sprintf("another avnet apply is running on design %s%s: wait for it to finish (lock %s)", e.Design, h, e.Path)
}

// acquireLock takes the design's apply lock, without waiting. The lock is
// an flock(2) on the file: the kernel releases it when the process ends,
// however it ends, so a crash never leaves a design locked.
func acquireLock(path, design string) (release func(), err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("apply lock: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("apply lock: %w", err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		holder, _ := os.ReadFile(path)
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, &LockedError{Design: design, Path: path, Holder: strings.TrimSpace(string(holder))}
		}
		return nil, fmt.Errorf("apply lock %s: %w", path, err)
	}
	_ = f.Truncate(0)
	_, _ = f.WriteAt([]byte(fmt.Sprintf("pid %d, started %s", os.Getpid(), now().Format("2006-01-02 15:04:05"))), 0)
	return func() {
		_ = f.Truncate(0)
		_ = unix.Flock(int(f.Fd()), unix.LOCK_UN)
		f.Close()
	}, nil
}
