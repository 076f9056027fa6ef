package netlab

import (
	"fmt"
	"os"
	"runtime"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// The lab's ptp4l instances run their servo for real, so that a slave
// locks (UNCALIBRATED → SLAVE) as it would on a real network. But every
// namespace shares the host's one system clock: a servo that adjusted it
// would change the time of the whole machine, and several would fight.
// So ptp4l is started through this binary, which installs a seccomp
// filter under which the calls that set or adjust CLOCK_REALTIME
// (clock_adjtime, adjtimex, clock_settime, settimeofday) succeed and do
// nothing, then executes ptp4l in place (same pid). The servo believes its
// corrections are applied; the measured offset stays what the software
// time stamps say (all clocks share one oscillator), which is what the
// recette judges.
//
// The filter cannot be installed from a Go program between fork and
// exec, hence the re-execution, recognised by an environment variable in
// init (as docker's pkg/reexec): any binary that links this package (avnet
// and its test binaries) can start a guarded process.

// clockGuardEnv names the environment variable that tells this binary to
// install the filter and execute its arguments.
const clockGuardEnv = "AVNET_NETLAB_CLOCK_GUARD"

func init() {
	if os.Getenv(clockGuardEnv) != "1" || len(os.Args) < 2 {
		return
	}
	os.Unsetenv(clockGuardEnv)
	if err := installClockGuard(); err != nil {
		fmt.Fprintf(os.Stderr, "avnet clock guard: %v\n", err)
		os.Exit(127)
	}
	err := syscall.Exec(os.Args[1], os.Args[1:], os.Environ())
	fmt.Fprintf(os.Stderr, "avnet clock guard: exec %s: %v\n", os.Args[1], err)
	os.Exit(127)
}

// auditArch is the seccomp architecture of this binary and of the
// programs it guards (same machine), 0 where the guard is not written.
func auditArch() uint32 {
	switch runtime.GOARCH {
	case "amd64":
		return unix.AUDIT_ARCH_X86_64
	case "arm64":
		return unix.AUDIT_ARCH_AARCH64
	}
	return 0
}

// clockGuardFilter is the BPF program: fake success for the calls that
// would set or adjust the system clock, allow everything else.
func clockGuardFilter() []unix.SockFilter {
	const (
		ldW   = unix.BPF_LD | unix.BPF_W | unix.BPF_ABS
		jeq   = unix.BPF_JMP | unix.BPF_JEQ | unix.BPF_K
		ret   = unix.BPF_RET | unix.BPF_K
		allow = unix.SECCOMP_RET_ALLOW
		fake  = unix.SECCOMP_RET_ERRNO | 0 // errno 0: the call returns 0
		// offsets in struct seccomp_data
		offNr   = 0
		offArch = 4
		offArg0 = 16 // low 32 bits of args[0] (little-endian machines)
	)
	stmt := func(code uint16, k uint32) unix.SockFilter { return unix.SockFilter{Code: code, K: k} }
	jump := func(k uint32, jt, jf uint8) unix.SockFilter {
		return unix.SockFilter{Code: jeq, Jt: jt, Jf: jf, K: k}
	}
	return []unix.SockFilter{
		/* 0 */ stmt(ldW, offArch),
		/* 1 */ jump(auditArch(), 1, 0),
		/* 2 */ stmt(ret, allow), // another ABI: not ptp4l's
		/* 3 */ stmt(ldW, offNr),
		/* 4 */ jump(unix.SYS_ADJTIMEX, 7, 0), // → 12 fake
		/* 5 */ jump(unix.SYS_SETTIMEOFDAY, 6, 0), // → 12
		/* 6 */ jump(unix.SYS_CLOCK_ADJTIME, 2, 0), // → 9
		/* 7 */ jump(unix.SYS_CLOCK_SETTIME, 1, 0), // → 9
		/* 8 */ stmt(ret, allow),
		/* 9 */ stmt(ldW, offArg0),
		/* 10 */ jump(unix.CLOCK_REALTIME, 1, 0), // → 12; a PHC's clock id is negative
		/* 11 */ stmt(ret, allow),
		/* 12 */ stmt(ret, fake),
	}
}

// installClockGuard installs the filter on every thread of this process;
// exec keeps it.
func installClockGuard() error {
	if auditArch() == 0 {
		return fmt.Errorf("no seccomp filter written for %s", runtime.GOARCH)
	}
	f := clockGuardFilter()
	prog := unix.SockFprog{Len: uint16(len(f)), Filter: &f[0]}
	if err := unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil {
		return fmt.Errorf("prctl(PR_SET_NO_NEW_PRIVS): %w", err)
	}
	if _, _, e := unix.Syscall(unix.SYS_SECCOMP, unix.SECCOMP_SET_MODE_FILTER, unix.SECCOMP_FILTER_FLAG_TSYNC,
		uintptr(unsafe.Pointer(&prog))); e != 0 {
		return fmt.Errorf("seccomp: %w", e)
	}
	runtime.KeepAlive(f)
	return nil
}

// guardedArgv is argv run through this binary's clock guard.
func guardedArgv(argv []string) ([]string, []string, error) {
	if auditArch() == 0 {
		return nil, nil, fmt.Errorf("netlab: the clock guard (ptp4l with a servo that must not adjust the host's clock) is written for amd64 and arm64, not %s", runtime.GOARCH)
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, nil, fmt.Errorf("netlab: clock guard: %w", err)
	}
	return append([]string{exe}, argv...), append(os.Environ(), clockGuardEnv+"=1"), nil
}
