package ptpcfg_test

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/avnet/avnet/generators/ptpcfg"
	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/model"
)

// The real ptp4l (linuxptp) loads every generated configuration and runs
// it: each in a fresh network namespace whose veth interfaces carry the
// names of the file's port sections, with software time stamping (-S) and
// --free_running 1, so the machine's clock is never touched. A
// configuration error makes ptp4l exit at once ("unknown option …",
// "failed to parse configuration file"). While it runs, pmc, linuxptp's
// management client, reads the clock's data sets back over ptp4l's UNIX
// socket: the domain, priorities, clock class, slave-only flag, number of
// ports, the grandmaster's clock identity and every port's intervals and
// delay mechanism must be the design's. Transparent clocks answer no
// management query; for them every port must reach LISTENING.
func TestPTP4LAcceptsConfigs(t *testing.T) {
	needRoot(t, "ptp4l", "pmc")
	for _, d := range designs(t) {
		var f *model.Facility
		var files map[string][]byte
		var clocks []*ptpcfg.Clock
		// Load in a subtest, which skips a design that does not vet yet;
		// run every clock of every design side by side.
		t.Run(d.Name, func(t *testing.T) {
			var facts *analysis.Facts
			f, facts = d.Loaded(t)
			files = generate(t, ptpcfg.Generator, f, facts, nil)
			var err error
			if clocks, err = ptpcfg.Clocks(f, facts); err != nil {
				t.Fatal(err)
			}
		})
		for _, c := range clocks {
			t.Run(d.Name+"/"+filepath.Base(c.File), func(t *testing.T) {
				t.Parallel()
				runPTP4L(t, f, c, files[c.File])
			})
		}
	}
}

// TestMain raises the default -parallel: the real-program tests mostly
// wait (ptp4l runs about a second per file), so they need not queue
// behind the number of CPUs. An explicit -parallel is kept.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		flag.Set("test.parallel", strconv.Itoa(max(runtime.GOMAXPROCS(0), 16)))
	}
	os.Exit(m.Run())
}

// lockedBuffer collects a process's output while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var sectionRE = regexp.MustCompile(`(?m)^\[([^\]]+)\]$`)

func runPTP4L(t *testing.T, f *model.Facility, c *ptpcfg.Clock, conf []byte) {
	// A short directory: UNIX socket paths are limited to 108 bytes.
	dir, err := os.MkdirTemp("", "avnet-ptp")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	path := filepath.Join(dir, "ptp4l.conf")
	if err := os.WriteFile(path, conf, 0o644); err != nil {
		t.Fatal(err)
	}
	var ports []string
	for _, m := range sectionRE.FindAllStringSubmatch(string(conf), -1) {
		if m[1] != "global" {
			ports = append(ports, m[1])
		}
	}
	args := []string{"-f", path, "-S", "-m", "-q", "--free_running", "1", "--uds_address", filepath.Join(dir, "ptp4l")}
	ns := newNetns(t)
	if len(ports) == 0 {
		// A file without port sections is run as its comment says, with -i.
		ports = []string{"avnet0"}
		args = append(args, "-i", "avnet0")
	}
	var setup []string
	for i, p := range ports {
		addr := ""
		if c.Domain.Transport != "l2" {
			addr = fmt.Sprintf("10.200.%d.1/24", i)
		}
		setup = append(setup, veth(p, fmt.Sprintf("avpeer%d", i), addr)...)
	}
	ns.IP(t, setup...)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := ns.Command(ctx, "ptp4l", args...)
	var out lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		cancel() // kills ptp4l (this process only), then reaps it
		<-exited
	}()

	// Run about a second, and until the clock answers pmc (a transparent
	// clock: until every port is LISTENING); ptp4l must stay up all along.
	// A loaded machine gets up to 10 s to start it.
	listening := func() bool {
		for i := range ports {
			if !strings.Contains(out.String(), fmt.Sprintf("port %d: INITIALIZING to LISTENING", i+1)) {
				return false
			}
		}
		return true
	}
	var dds, pds []map[string]string
	start := time.Now()
	for {
		select {
		case err := <-exited:
			t.Fatalf("ptp4l exited (%v): the configuration is refused:\n%s\n--- %s ---\n%s", err, out.String(), c.File, conf)
		case <-time.After(100 * time.Millisecond):
		}
		if c.Kind != ptpcfg.Transparent && dds == nil {
			dds, pds = pmc(t, ns, dir, c.Domain.Domain)
		}
		ready := listening() && (c.Kind == ptpcfg.Transparent || dds != nil)
		if ready && time.Since(start) >= time.Second || time.Since(start) > 10*time.Second {
			break
		}
	}
	select {
	case err := <-exited:
		t.Fatalf("ptp4l exited (%v):\n%s", err, out.String())
	default:
	}
	log := out.String()
	for _, bad := range []string{"failed", "unknown option", "error", "bad "} {
		if strings.Contains(strings.ToLower(log), bad) {
			t.Errorf("ptp4l logged %q:\n%s", bad, log)
		}
	}
	for i := range ports {
		if !strings.Contains(log, fmt.Sprintf("port %d: INITIALIZING to LISTENING", i+1)) {
			t.Errorf("port %d (%s) never reached LISTENING:\n%s", i+1, ports[i], log)
		}
	}
	if c.Kind == ptpcfg.Transparent {
		return
	}
	if len(dds) != 1 {
		t.Fatalf("pmc: %d DEFAULT_DATA_SET answers, want 1; ptp4l log:\n%s", len(dds), log)
	}
	want := map[string]string{
		"domainNumber": strconv.Itoa(c.Domain.Domain),
		"numberPorts":  strconv.Itoa(len(ports)),
	}
	switch c.Kind {
	case ptpcfg.Grandmaster:
		gm := f.PTP[c.DomainName].Grandmasters[c.Device]
		want["priority1"], want["priority2"], want["clockClass"] = strconv.Itoa(gm.Priority1), strconv.Itoa(gm.Priority2), strconv.Itoa(gm.ClockClass)
		want["slaveOnly"] = "0"
		want["clockIdentity"] = ptpcfg.IdentityOf(c.Device).PTP4L()
	case ptpcfg.Ordinary:
		want["priority1"], want["priority2"], want["clockClass"], want["slaveOnly"] = "128", "128", "255", "1"
	case ptpcfg.Boundary:
		want["priority1"], want["priority2"], want["clockClass"], want["slaveOnly"] = "128", "128", "248", "0"
	}
	for k, v := range want {
		if dds[0][k] != v {
			t.Errorf("DEFAULT_DATA_SET %s = %q, want %q", k, dds[0][k], v)
		}
	}
	if len(pds) != len(ports) {
		t.Errorf("pmc: %d PORT_DATA_SET answers, want %d", len(pds), len(ports))
	}
	delay := map[string]string{"E2E": "1", "P2P": "2"}[c.Domain.DelayMechanism]
	for i, p := range pds {
		for k, v := range map[string]string{
			"logAnnounceInterval":    strconv.Itoa(c.Domain.LogAnnounceInterval),
			"logSyncInterval":        strconv.Itoa(c.Domain.LogSyncInterval),
			"logMinDelayReqInterval": strconv.Itoa(c.Domain.LogMinDelayReqInterval),
			"announceReceiptTimeout": strconv.Itoa(c.Domain.AnnounceReceiptTimeout),
			"delayMechanism":         delay,
		} {
			if p[k] != v {
				t.Errorf("port %d PORT_DATA_SET %s = %q, want %q", i+1, k, p[k], v)
			}
		}
	}
}

// pmc asks ptp4l for its default data set and its ports' data sets; nil
// while it does not answer yet.
func pmc(t *testing.T, ns *netns, dir string, domain int) (dds, pds []map[string]string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out, err := ns.Command(ctx, "pmc", "-u", "-b", "0", "-d", strconv.Itoa(domain),
		"-s", filepath.Join(dir, "ptp4l"), "-i", filepath.Join(dir, "pmc"),
		"GET DEFAULT_DATA_SET", "GET PORT_DATA_SET").CombinedOutput()
	if err != nil {
		return nil, nil
	}
	var cur map[string]string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.Contains(line, "RESPONSE MANAGEMENT DEFAULT_DATA_SET"):
			cur = map[string]string{}
			dds = append(dds, cur)
		case strings.Contains(line, "RESPONSE MANAGEMENT PORT_DATA_SET"):
			cur = map[string]string{}
			pds = append(pds, cur)
		case cur != nil && strings.HasPrefix(line, "\t\t"):
			if fs := strings.Fields(line); len(fs) == 2 {
				cur[fs[0]] = fs[1]
			}
		}
	}
	return dds, pds
}

// ptp4l refuses a configuration it does not understand at once, which is
// what TestPTP4LAcceptsConfigs relies on; linuxptp 3.1.1 (Debian 12) does
// not know clientOnly, linuxptp 4's name for slaveOnly, so the generator
// writes slaveOnly.
func TestPTP4LRefusesUnknownOption(t *testing.T) {
	needRoot(t, "ptp4l")
	dir, err := os.MkdirTemp("", "avnet-ptp")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	conf := filepath.Join(dir, "bad.conf")
	if err := os.WriteFile(conf, []byte("[global]\nclientOnly 1\n[avnet0]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ns := newNetns(t)
	ns.IP(t, veth("avnet0", "avpeer0", "10.200.0.1/24")...)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := ns.Command(ctx, "ptp4l", "-f", conf, "-S", "-m", "-q", "--free_running", "1", "--uds_address", filepath.Join(dir, "ptp4l")).CombinedOutput()
	if err == nil || ctx.Err() != nil || !strings.Contains(string(out), "unknown option clientOnly") {
		t.Errorf("want ptp4l to exit at once on clientOnly, got %v:\n%s", err, out)
	}
}
