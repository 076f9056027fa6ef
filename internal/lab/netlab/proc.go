package netlab

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Daemon is a process of the lab.
type Daemon struct {
	Node    string
	Name    string // e.g. "ovs-vswitchd", "zebra", "sshd", or StartProcess's name
	PID     int
	PIDFile string // "" for StartProcess's processes (their pid is recorded)
}

// waitFor polls cond, from every millisecond up to every 20 ms, until it
// is true, it fails, ctx is done, or timeout passes.
func waitFor(ctx context.Context, timeout time.Duration, what string, cond func() (bool, error)) error {
	deadline := time.Now().Add(timeout)
	delay := time.Millisecond
	for {
		ok, err := cond()
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("timed out after %v waiting for %s", timeout, what)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for %s: %w", what, ctx.Err())
		case <-time.After(delay):
		}
		if delay < 20*time.Millisecond {
			delay *= 2
		}
	}
}

// readPIDFile returns the pid in a pid file, 0 if there is none.
func readPIDFile(path string) (int, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	s := strings.TrimSpace(string(b))
	if s == "" {
		return 0, nil
	}
	pid, err := strconv.Atoi(s)
	if err != nil || pid <= 1 {
		return 0, fmt.Errorf("pid file %s holds %q, not a pid", path, s)
	}
	return pid, nil
}

// procArgs returns the words of a process's command line, split on NULs
// and white space (sshd and others rewrite their title as one string).
// ok is false if the process is gone or a zombie.
func procArgs(pid int) (words []string, ok bool) {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil, false
	}
	// The state follows the ")" closing the command name.
	if i := bytes.LastIndexByte(stat, ')'); i < 0 || i+2 >= len(stat) || stat[i+2] == 'Z' || stat[i+2] == 'X' {
		return nil, false
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil {
		return nil, false
	}
	return strings.Fields(string(bytes.ReplaceAll(b, []byte{0}, []byte{' '}))), true
}

// procAlive reports whether pid is a running (not zombie) process.
func procAlive(pid int) bool {
	_, ok := procArgs(pid)
	return ok
}

// containsWords reports whether words holds match as consecutive words.
func containsWords(words, match []string) bool {
	if len(match) == 0 {
		return false
	}
	for i := 0; i+len(match) <= len(words); i++ {
		ok := true
		for j := range match {
			if words[i+j] != match[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// matchWords splits match strings the way procArgs splits command lines.
func matchWords(args ...string) []string {
	return strings.Fields(strings.Join(args, " "))
}

// ownedPID returns the pid of a recorded process if it is running and its
// command line still matches the record, 0 otherwise.
func ownedPID(rec processRecord) int {
	pid := rec.PID
	if rec.PIDFile != "" {
		if p, err := readPIDFile(rec.PIDFile); err == nil && p > 0 {
			pid = p
		}
	}
	if pid <= 1 {
		return 0
	}
	words, ok := procArgs(pid)
	if !ok || !containsWords(words, rec.Match) {
		return 0
	}
	return pid
}

// killAndWait sends SIGTERM to the pids, waits for them to exit, then
// SIGKILLs those left. It returns the pids that would not die.
func killAndWait(ctx context.Context, pids []int, grace time.Duration) []int {
	for _, pid := range pids {
		_ = syscall.Kill(pid, syscall.SIGTERM)
	}
	alive := func() []int {
		var out []int
		for _, pid := range pids {
			if procAlive(pid) {
				out = append(out, pid)
			}
		}
		return out
	}
	_ = waitFor(ctx, grace, "processes to exit", func() (bool, error) { return len(alive()) == 0, nil })
	left := alive()
	if len(left) == 0 {
		return nil
	}
	for _, pid := range left {
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
	_ = waitFor(ctx, 2*time.Second, "killed processes to exit", func() (bool, error) { return len(alive()) == 0, nil })
	return alive()
}

// recordProcess appends a process record to the inventory.
func (l *Lab) recordProcess(rec processRecord) error {
	return l.record(func(inv *inventory) error {
		inv.Processes = append(inv.Processes, rec)
		return nil
	})
}

// Daemons lists the recorded processes of the lab that are running.
func (l *Lab) Daemons() []Daemon {
	l.mu.Lock()
	recs := append([]processRecord(nil), l.inv.Processes...)
	l.mu.Unlock()
	var out []Daemon
	for _, r := range recs {
		if pid := ownedPID(r); pid > 0 {
			out = append(out, Daemon{Node: r.Node, Name: r.Name, PID: pid, PIDFile: r.PIDFile})
		}
	}
	return out
}

// StartProcess starts argv in the background in a node's namespace
// (e.g. ptp4l, a traffic generator), with its output in
// <node dir>/<name>.log, records it so that Down kills it, and returns
// once it runs. It does not wait for the process to be ready.
func (l *Lab) StartProcess(ctx context.Context, node, name string, argv ...string) (*Daemon, error) {
	return l.startProcess(ctx, node, name, false, argv)
}

// StartProcessClockGuarded is StartProcess for a program that would adjust
// the system clock (ptp4l with its servo running): its calls that set or
// adjust CLOCK_REALTIME succeed without effect (see clockguard.go).
func (l *Lab) StartProcessClockGuarded(ctx context.Context, node, name string, argv ...string) (*Daemon, error) {
	return l.startProcess(ctx, node, name, true, argv)
}

func (l *Lab) startProcess(ctx context.Context, node, name string, guard bool, argv []string) (*Daemon, error) {
	ns, err := l.netns(node)
	if err != nil {
		return nil, err
	}
	if !nameRE.MatchString(name) {
		return nil, fmt.Errorf("netlab: node %s: process name %q: use letters, digits, '-', '_' or '.'", node, name)
	}
	if len(argv) == 0 {
		return nil, fmt.Errorf("netlab: node %s: StartProcess %s with no command", node, name)
	}
	path, err := lookProgram(argv[0])
	if err != nil {
		return nil, CheckPrograms([]string{argv[0]})
	}
	argv = append([]string{path}, argv[1:]...)
	dir := l.NodeDir(node)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("netlab: node %s: %w", node, err)
	}
	logf, err := os.OpenFile(filepath.Join(dir, name+".log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("netlab: node %s: %w", node, err)
	}
	defer logf.Close()
	ipPath, err := lookProgram("ip")
	if err != nil {
		return nil, CheckPrograms(ProgramsBase)
	}
	run, env := argv, []string(nil)
	if guard {
		if run, env, err = guardedArgv(argv); err != nil {
			return nil, err
		}
	}
	// Not CommandContext: the process outlives ctx, until Down.
	cmd := exec.Command(ipPath, append([]string{"netns", "exec", ns}, run...)...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		return nil, &CmdError{Node: node, Argv: cmd.Args, Err: err}
	}
	pid := cmd.Process.Pid
	go func() { _ = cmd.Wait() }() // reap it when it ends
	// `ip netns exec` execs argv in place: same pid, and argv is
	// consecutive words of its command line before and after the exec.
	if err := l.recordProcess(processRecord{Node: node, Name: name, PID: pid, Match: matchWords(argv...), Stage: 1}); err != nil {
		_ = syscall.Kill(pid, syscall.SIGKILL)
		return nil, err
	}
	return &Daemon{Node: node, Name: name, PID: pid}, nil
}

// StopProcess stops a process started with StartProcess (SIGTERM, then
// SIGKILL after a grace period).
func (l *Lab) StopProcess(ctx context.Context, d *Daemon) error {
	l.mu.Lock()
	var rec *processRecord
	for i := range l.inv.Processes {
		r := l.inv.Processes[i]
		if r.Node == d.Node && r.Name == d.Name && r.PID == d.PID {
			rec = &r
		}
	}
	l.mu.Unlock()
	if rec == nil {
		return fmt.Errorf("netlab: node %s: no recorded process %s (pid %d)", d.Node, d.Name, d.PID)
	}
	if pid := ownedPID(*rec); pid > 0 {
		if left := killAndWait(ctx, []int{pid}, 3*time.Second); len(left) > 0 {
			return fmt.Errorf("netlab: node %s: process %s (pid %d) would not die", d.Node, d.Name, pid)
		}
	}
	return nil
}

// netnsInode returns the inode of a named network namespace, 0 if none.
func netnsInode(ns string) uint64 {
	var st syscall.Stat_t
	if err := syscall.Stat(filepath.Join(netnsDir, ns), &st); err != nil {
		return 0
	}
	return st.Ino
}

// labDaemons are the programs a lab starts as daemons (their comm).
var labDaemons = map[string]bool{"sshd": true, "ovsdb-server": true, "ovs-vswitchd": true, "watchfrr": true,
	"zebra": true, "staticd": true, "ospfd": true, "pimd": true, "mgmtd": true, "ptp4l": true}

// labProcesses lists the live processes in one of the namespaces (by
// inode, which outlives the namespace's name), and the lab's daemons
// whose command line names a file under stateDir ("" for none): one
// whose start was under way when `lab up` was killed may run in a
// namespace already gone. Someone's `tail -f` of a lab log is not one.
func labProcesses(inodes map[uint64]bool, stateDir string) []int {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	byCmdline := stateDir != "" && stateDir != "/"
	self := os.Getpid()
	var out []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == self {
			continue
		}
		if (inNetns(pid, inodes) || byCmdline && namesDir(pid, stateDir)) && procAlive(pid) {
			out = append(out, pid)
		}
	}
	sort.Ints(out)
	return out
}

// inNetns tells whether pid's network namespace is one of the inodes.
func inNetns(pid int, inodes map[uint64]bool) bool {
	link, err := os.Readlink(fmt.Sprintf("/proc/%d/ns/net", pid))
	if err != nil {
		return false
	}
	// "net:[4026532176]"
	ino, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimPrefix(link, "net:["), "]"), 10, 64)
	return err == nil && inodes[ino]
}

// namesDir tells whether pid is one of the lab's daemons with a file
// under dir on its command line.
func namesDir(pid int, dir string) bool {
	comm, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
	if !labDaemons[strings.TrimSpace(string(comm))] {
		return false
	}
	cl, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	return err == nil && strings.Contains(string(cl), dir+"/")
}
