package load

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Limits bound the evaluation of a design. CUE evaluates a comprehension
// of millions of entries or a string that doubles forty times without
// complaint until the process dies with "fatal error: out of memory" and a
// goroutine dump; a design is untrusted input, so the loader stops it
// first with one error that names the package.
type Limits struct {
	// Memory is the heap, in bytes, the process may reach while a design
	// is evaluated.
	Memory int64
	// Time is how long the evaluation may take.
	Time time.Duration
}

// DefaultLimits are the limits of `avnet` without --load-memory-limit and
// --load-timeout: far above what the largest example design needs (the
// flagship loads in well under a second and 200 MiB).
var DefaultLimits = Limits{Memory: 4 << 30, Time: 120 * time.Second}

var (
	limitsMu sync.Mutex
	limits   = DefaultLimits
)

// SetLimits sets the limits of every later load (the CLI's flags).
func SetLimits(l Limits) {
	limitsMu.Lock()
	defer limitsMu.Unlock()
	if l.Memory <= 0 {
		l.Memory = DefaultLimits.Memory
	}
	if l.Time <= 0 {
		l.Time = DefaultLimits.Time
	}
	limits = l
}

func currentLimits() Limits {
	limitsMu.Lock()
	defer limitsMu.Unlock()
	return limits
}

// ErrLimit is wrapped by the error of a load that went past a limit.
var ErrLimit = errors.New("design evaluation stopped")

// watchInterval is how often the watchdog reads the heap size: a string
// that doubles needs a few hundred milliseconds to double gigabytes.
const watchInterval = 5 * time.Millisecond

// bounded runs eval, which cannot be interrupted (CUE's evaluator has no
// cancellation), in its own goroutine, and returns as soon as it ends or
// goes past a limit. Past a limit the goroutine is abandoned: the caller
// returns the error and the CLI exits, which is what ends it. what names
// the package being evaluated, for the error.
func bounded(l Limits, what string, eval func()) error {
	done := make(chan struct{})
	var panicked any
	go func() {
		defer close(done)
		defer func() { panicked = recover() }()
		eval()
	}()
	// The soft limit makes the collector work harder before the watchdog
	// gives up, so garbage alone does not trip it.
	prev := debug.SetMemoryLimit(l.Memory)
	defer debug.SetMemoryLimit(prev)
	timer := time.NewTimer(l.Time)
	defer timer.Stop()
	tick := time.NewTicker(watchInterval)
	defer tick.Stop()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	for {
		select {
		case <-done:
			if panicked != nil {
				return fmt.Errorf("%s: the CUE evaluator failed: %v", what, panicked)
			}
			return nil
		case <-timer.C:
			return fmt.Errorf("%w: evaluating %s took longer than %s (--load-timeout); a comprehension or a recursive definition is probably far larger than intended", ErrLimit, what, l.Time)
		case <-tick.C:
			metrics.Read(sample)
			if v := sample[0].Value; v.Kind() == metrics.KindUint64 && int64(v.Uint64()) > l.Memory {
				return fmt.Errorf("%w: evaluating %s needed more than %s of memory (--load-memory-limit); a comprehension or a string built by repetition is probably far larger than intended", ErrLimit, what, FormatBytes(l.Memory))
			}
		}
	}
}

// checkFiles refuses design files that are not regular files: a symbolic
// link would make avnet read (and print, in an error's source excerpt) a
// file outside the design, and a FIFO or a device would hang or exhaust
// the loader.
func checkFiles(files []string, rel func(string) string) error {
	for _, f := range files {
		st, err := os.Lstat(f)
		if err != nil {
			return fmt.Errorf("%s: %w", rel(f), err)
		}
		switch m := st.Mode(); {
		case m&fs.ModeSymlink != 0:
			target, _ := os.Readlink(f)
			return fmt.Errorf("%s is a symbolic link (to %s); avnet reads only regular .cue files: copy the file into the design instead", rel(f), target)
		case !m.IsRegular():
			return fmt.Errorf("%s is not a regular file (%s); avnet reads only regular .cue files", rel(f), fileKind(m))
		}
	}
	return nil
}

func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return m.Type().String()
}

// ParseBytes reads a size such as "4GiB", "512MiB", "64M" or "1048576".
func ParseBytes(s string) (int64, error) {
	t := strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSuffix(t, u.suffix), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(t), 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("size %q is not a positive number of bytes; write it like 4GiB, 512MiB or 1048576", s)
	}
	return n * mult, nil
}

// FormatBytes writes n the way ParseBytes reads it.
func FormatBytes(n int64) string {
	switch {
	case n%(1<<30) == 0:
		return fmt.Sprintf("%dGiB", n>>30)
	case n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	case n%(1<<10) == 0:
		return fmt.Sprintf("%dKiB", n>>10)
	}
	return strconv.FormatInt(n, 10)
}

// packageName names a design's package and files for the limits' errors.
func packageName(dir string, files []string, rel func(string) string) string {
	names := make([]string, 0, len(files))
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	return fmt.Sprintf("the design in %s (%s)", rel(dir), strings.Join(names, ", "))
}
