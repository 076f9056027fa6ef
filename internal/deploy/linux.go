package deploy

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	_ "embed"
	"encoding/base64"
	"fmt"
	"github.com/avnet/avnet/internal/escape"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The "linux" platform: a Linux host switching with Open vSwitch and
// routing with FRR, with ptp4l as its PTP clock (avnet lab switches, or
// white boxes). Its "running configuration" is a text view defined here:
//
//	### ovs
//	bridge br0
//	 datapath_type=netdev
//	 port swp1
//	  tag=10
//	  interface swp1
//	### frr
//	hostname sw-red
//	interface vlan10
//	 ip address 10.10.0.1/24
//	### ptp4l /etc/linuxptp/ptp4l.conf
//	[global]
//	domainNumber 127
//
// the OVS part read from the OVS database (ovs.go), the FRR part from
// `show running-config`, the ptp4l part from its configuration file; the
// intended view is derived the same way from the generated
// configs/<device>.ovs.sh, configs/<device>.frr.conf and ptp/<device>.conf.
//
// Apply is one transaction on the device (a shell script run detached
// from the SSH session, so that a dropped connection cannot stop it half
// way): back up (ovsdb-client backup, FRR's running configuration as
// avnet read it, the ptp4l file), FRR (first: it must remove what belongs
// to interfaces the OVS transaction deletes while they exist) with the
// delta avnet computed (frrdelta.go, one vtysh start) or frr-reload.py
// when there is none or vtysh refuses part of it, the OVS transaction
// (one ovs-vsctl call: all or nothing), restart ptp4l if its file
// changed; then wait for avnet to verify the result and confirm. When
// the verification finds FRR short of the intended configuration after
// a delta, avnet has frr-reload.py repair it and verifies again.
// Any failure, a verification that does not match, a lost connection
// (the session's shell ends) or the commit timer restores the backup:
// the old ptp4l file, frr-reload.py of the saved configuration,
// ovsdb-client restore (one transaction); avnet then checks the device is
// back to the view it had before. Everything goes through the one
// interactive session scrapligo drives: files are uploaded as a gzipped
// tar in base64 lines.

//go:embed platforms/linux.yaml
var linuxPlatformYAML []byte

// linuxShellInit gives the session's shell a prompt of avnet's own,
// "[avnet]# ", whatever the account's shell (bash, dash) and profile
// would print, no continuation prompt and no history file (the base64 of
// uploads would fill it).
//
// It also turns the line editor off (bash's readline; dash has none):
// the terminal then echoes input itself, a line at a time up to its
// 4095-byte limit, where readline redraws every character it reads
// and mangles the echo of a line wider than the terminal.
const linuxShellInit = `PS1='[avnet]# '; PS2=''; unset HISTFILE PROMPT_COMMAND; set +o emacs +o vi 2>/dev/null`

// LinuxOptions say where a Linux switch keeps what deploy manages.
type LinuxOptions struct {
	// FRRConfig is FRR's integrated configuration file.
	FRRConfig string `json:"frr_config,omitempty" yaml:"frr_config,omitempty"`
	// FRRPathspace is the FRR pathspace (vtysh -N, frr-reload.py
	// --pathspace) when FRR runs as one of several instances; "" for the
	// default instance.
	FRRPathspace string `json:"frr_pathspace,omitempty" yaml:"frr_pathspace,omitempty"`
	FRRReload    string `json:"frr_reload,omitempty" yaml:"frr_reload,omitempty"`
	// PTPConfig is ptp4l's configuration file; PTPRestart (re)starts
	// ptp4l with it, PTPStop stops it (when the design removes PTP).
	PTPConfig  string `json:"ptp_config,omitempty" yaml:"ptp_config,omitempty"`
	PTPRestart string `json:"ptp_restart,omitempty" yaml:"ptp_restart,omitempty"`
	PTPStop    string `json:"ptp_stop,omitempty" yaml:"ptp_stop,omitempty"`
	// WorkDir holds each apply's files (backups, log) on the device.
	WorkDir string `json:"work_dir,omitempty" yaml:"work_dir,omitempty"`
}

func (o LinuxOptions) withDefaults() LinuxOptions {
	def := func(p *string, v string) {
		if *p == "" {
			*p = v
		}
	}
	def(&o.FRRConfig, "/etc/frr/frr.conf")
	def(&o.FRRReload, "/usr/lib/frr/frr-reload.py")
	def(&o.PTPConfig, "/etc/linuxptp/ptp4l.conf")
	def(&o.PTPRestart, "systemctl restart ptp4l")
	def(&o.PTPStop, "systemctl stop ptp4l")
	def(&o.WorkDir, "/run/avnet-deploy")
	return o
}

func (o LinuxOptions) vtysh() string {
	if o.FRRPathspace != "" {
		return "vtysh -N " + shellQuote(o.FRRPathspace)
	}
	return "vtysh"
}

// Section headers of the linux view.
const (
	secOVS = "### ovs"
	secFRR = "### frr"
	secPTP = "### ptp4l"
)

// frrNormaliser drops what `show running-config` adds to a configuration
// (its header, FRR's version and profile, not settable at run time, the
// "exit" lines FRR 8 prints after each block) and what it leaves out (a
// setting at its default value).
var frrNormaliser = cliNormaliser{comment: "!", drop: []*regexp.Regexp{
	regexp.MustCompile(`^Building configuration`),
	regexp.MustCompile(`^Current configuration`),
	regexp.MustCompile(`^frr (version|defaults) `),
	regexp.MustCompile(`^service integrated-vtysh-config$`),
	regexp.MustCompile(`^\s*exit$`),
	regexp.MustCompile(`^exit-vrf$`),
	// Lines at FRR's default value, which show running-config never
	// prints (FRR 8.x): a generated file may write them.
	regexp.MustCompile(`^ ip igmp version 3$`),
}}

// normalisePTP keeps ptp4l's configuration lines in order (a section's
// options follow its header), without comments and with single spaces.
func normalisePTP(raw string) string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(raw, "\r", ""), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") || strings.HasPrefix(l, ";") {
			continue
		}
		out = append(out, strings.Join(strings.Fields(l), " "))
	}
	return strings.Join(out, "\n") + newlineIf(len(out) > 0)
}

// linuxView assembles the view from its three parts (already normal).
func linuxView(ovs, frr string, ptp *string, ptpPath string) string {
	var b strings.Builder
	b.WriteString(secOVS + "\n" + withNewline(ovs))
	b.WriteString(secFRR + "\n" + withNewline(frr))
	if ptp != nil {
		b.WriteString(secPTP + " " + ptpPath + "\n" + withNewline(*ptp))
	}
	return b.String()
}

// withNewline ends a non-empty text with a newline.
func withNewline(s string) string {
	if s != "" && !strings.HasSuffix(s, "\n") {
		return s + "\n"
	}
	return s
}

// splitLinuxView cuts a linux view (or raw running text in the same
// layout) into its parts.
func splitLinuxView(v string) (ovs, frr string, ptp *string) {
	var cur *strings.Builder
	var bo, bf, bp strings.Builder
	hasPTP := false
	for _, l := range strings.SplitAfter(v, "\n") {
		switch {
		case strings.TrimRight(l, "\n") == secOVS:
			cur = &bo
			continue
		case strings.TrimRight(l, "\n") == secFRR:
			cur = &bf
			continue
		case strings.HasPrefix(l, secPTP):
			cur = &bp
			hasPTP = true
			continue
		}
		if cur != nil {
			cur.WriteString(l)
		}
	}
	if hasPTP {
		s := bp.String()
		ptp = &s
	}
	return bo.String(), bf.String(), ptp
}

// linuxIntended derives the intended view of a linux switch from its
// generated files: "ovs" (required), "frr", "ptp".
func linuxIntended(dev *Device, files map[string][]byte, paths map[string]string) (view string, script *OVSScript, err error) {
	ovsSrc, ok := files["ovs"]
	if !ok {
		return "", nil, fmt.Errorf("%s: no Open vSwitch script (configs/%s.ovs.sh) in the build", dev.Name, dev.Name)
	}
	script, err = ParseOVSScript(paths["ovs"], ovsSrc)
	if err != nil {
		return "", nil, err
	}
	frr := frrNormaliser.normalise(string(files["frr"]), nil)
	var ptp *string
	if p, ok := files["ptp"]; ok {
		s := normalisePTP(string(p))
		ptp = &s
	}
	return linuxView(script.View(), frr, ptp, dev.linux().PTPConfig), script, nil
}

// linuxTarget is a linux switch over SSH: scrapligo drives its shell and
// vtysh (the embedded platform definition), for reading and for the
// apply transaction alike.
type linuxTarget struct {
	dev     *Device
	conn    *sshConn
	cli     *cliSession
	opt     LinuxOptions
	ptp     bool          // the design manages ptp4l on this device
	timer   time.Duration // commit timer
	lastOVS *ovsState
	// lastRaw is the running configuration read last by this session,
	// which Apply starts from (apply has just read it to check the plan).
	lastRaw string
	// hookApplied runs once the device reports the change applied and
	// before avnet confirms it (tests cut the connection there).
	hookApplied func()
}

func (t *linuxTarget) Close() error {
	err := t.cli.close()
	t.conn.Close()
	return err
}

// ReadRunning reads the three parts: the OVS tables (already rendered
// canonically), FRR's running configuration and the ptp4l file, raw.
func (t *linuxTarget) ReadRunning(ctx context.Context) (string, error) {
	defer t.cli.watch(ctx)()
	out, err := t.cli.command(ovsListCmd, 0)
	if err != nil {
		return "", fmt.Errorf("read the OVS database: %w", err)
	}
	st, err := parseOVSRunning(out)
	if err != nil {
		return "", err
	}
	t.lastOVS = st
	frr, err := t.cli.at("vtysh-exec", "show running-config", 0)
	if err != nil {
		return "", fmt.Errorf("read FRR's running configuration: %w", err)
	}
	var ptp *string
	if t.ptp {
		s, err := t.cli.command(catBuiltin(t.opt.PTPConfig), 0)
		if err != nil {
			return "", fmt.Errorf("read %s: %w", t.opt.PTPConfig, err)
		}
		ptp = &s
	}
	if _, err := t.cli.command("true", 0); err != nil { // back to the shell
		return "", err
	}
	t.lastRaw = linuxView(st.render(), frr, ptp, t.opt.PTPConfig)
	return t.lastRaw, nil
}

// frrBackup is FRR's running configuration as read, made a file that
// frr-reload.py can restore: without the header `show running-config`
// prints before the configuration.
func frrBackup(raw string) string {
	var b strings.Builder
	for _, l := range strings.SplitAfter(raw, "\n") {
		if strings.HasPrefix(l, "Building configuration") || strings.HasPrefix(l, "Current configuration") {
			continue
		}
		b.WriteString(l)
	}
	return b.String()
}

// catBuiltin prints a file (nothing when it does not exist) with the
// shell's builtins only: every process a read starts costs the device a
// fork and an exec.
func catBuiltin(path string) string {
	return `while IFS= read -r l || [ -n "$l" ]; do printf '%s\n' "$l"; done 2>/dev/null < ` + shellQuote(path) + `; true`
}

// Normalise normalises the FRR and ptp4l parts of a raw view.
func (t *linuxTarget) Normalise(raw string) string {
	ovs, frr, ptp := splitLinuxView(raw)
	if ptp != nil {
		s := normalisePTP(*ptp)
		ptp = &s
	}
	return linuxView(ovs, frrNormaliser.normalise(frr, t.dev.ignoreRE()), ptp, t.opt.PTPConfig)
}

// sh runs a shell command in the session's shell and returns its
// output; a non-zero exit status is an *ExitError. The output is not
// searched for failure strings (a log may quote them).
func (t *linuxTarget) sh(cmd string, timeout time.Duration) (string, error) {
	out, err := t.cli.raw(cmd+`; echo "@@avnet-rc=$?"`, timeout)
	if err != nil {
		return "", err
	}
	i := strings.LastIndex(out, "@@avnet-rc=")
	if i < 0 {
		return out, fmt.Errorf("`%s`: no exit status in the output %q", firstLine(cmd), out)
	}
	rc := strings.TrimSpace(out[i+len("@@avnet-rc="):])
	out = strings.TrimRight(out[:i], "\n")
	if rc != "0" {
		return out, &ExitError{Cmd: firstLine(cmd), Status: atoiOr(rc, -1), Stderr: out}
	}
	return out, nil
}

func atoiOr(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return n
}

// upload creates dir on the device with the given files in it, through
// the shell: a gzipped tar, in base64 lines short enough that no terminal
// mangles them, decoded in place. Then it runs then (if not empty).
func (t *linuxTarget) upload(dir string, files map[string][]byte, then string) error {
	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	tw := tar.NewWriter(zw)
	for _, name := range sortedKeys(files) {
		_ = tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: int64(len(files[name])), Typeflag: tar.TypeReg})
		_, _ = tw.Write(files[name])
	}
	tw.Close()
	zw.Close()
	enc := base64.StdEncoding.EncodeToString(z.Bytes())
	qdir := shellQuote(dir)
	tmp := shellQuote(dir + "/upload.b64") // removed with dir
	if _, err := t.sh("umask 077 && mkdir -p "+qdir+" && : > "+tmp, 0); err != nil {
		return fmt.Errorf("create %s on the device: %w", dir, err)
	}
	// Lines of 40 base64 words of 76 characters: about 3.1 KB, within
	// the terminal's 4095-byte line (the line editor is off).
	const chunk, words = 76, 40
	for len(enc) > 0 {
		var parts []string
		for len(parts) < words && len(enc) > 0 {
			n := min(chunk, len(enc))
			parts = append(parts, enc[:n])
			enc = enc[n:]
		}
		if _, err := t.sh("printf %s "+strings.Join(parts, " ")+" >> "+tmp, 0); err != nil {
			return err
		}
	}
	cmd := "base64 -d " + tmp + " | tar -xzf - -C " + qdir
	if then != "" {
		cmd += " && " + then
	}
	_, err := t.sh(cmd, 0)
	return err
}

// Apply runs the transaction described in the file comment, through the
// session's shell: upload, start the device-side script detached, wait
// for it to apply, verify, confirm. The script watches this session's
// shell: when the connection drops, the shell ends and the script rolls
// back at once.
func (t *linuxTarget) Apply(ctx context.Context, in *Intended) error {
	defer t.cli.watch(ctx)()
	step := stepFunc(ctx)
	raw := t.lastRaw
	if raw == "" || t.lastOVS == nil {
		var err error
		if raw, err = t.ReadRunning(ctx); err != nil {
			return err
		}
	}
	before := t.Normalise(raw)
	curOVS, curFRR, curPTP := splitLinuxView(before)
	wantOVS, wantFRR, wantPTP := splitLinuxView(in.View)
	doOVS := curOVS != wantOVS
	doFRR := curFRR != wantFRR
	doPTP := wantPTP != nil && (curPTP == nil || *curPTP != *wantPTP)

	id := newApplyID()
	dir := t.opt.WorkDir + "/" + id
	step("upload", 2, 6)
	files := map[string][]byte{"apply.sh": []byte(t.script(dir, in, doOVS, doFRR, doPTP))}
	usedDelta := false
	if doFRR {
		files["frr.conf"] = in.Files["frr"]
		// FRR's running configuration as avnet just read it (and checked
		// against the plan) is the backup: no vtysh start for it.
		_, rawFRR, _ := splitLinuxView(raw)
		files["frr.before"] = []byte(frrBackup(rawFRR))
		if d, ok := frrDelta(curFRR, wantFRR); ok {
			files["frr.delta"] = []byte(d)
			usedDelta = true
		}
	}
	if doPTP {
		files["ptp.conf"] = in.Files["ptp"]
	}
	step("apply", 3, 6)
	// Three FIFOs tie the session to the transaction without polling (a
	// fork per round, times eight devices, took the CPUs of a small
	// machine): "events" carries the script's states to this session's
	// shell, which holds it open (fd 4) so that no state is lost whenever
	// it reads; "control" carries avnet's orders to the script; the
	// session's shell is the only writer of "lifeline" (fd 5), so the
	// script's read of it ends when the shell does: the connection
	// dropped.
	q := shellQuote
	if err := t.upload(dir, files, "mkfifo -m 600 "+q(dir+"/events")+" "+q(dir+"/control")+" "+q(dir+"/lifeline")); err != nil {
		return fmt.Errorf("upload the apply transaction: %w", err)
	}
	if _, err := t.sh("exec 4<>"+q(dir+"/events")+" 5<>"+q(dir+"/lifeline"), 0); err != nil {
		return fmt.Errorf("open the transaction's events: %w", err)
	}
	if _, err := t.sh("(setsid sh "+q(dir+"/apply.sh")+" </dev/null >/dev/null 2>&1 4<&- 5<&- &)", 0); err != nil {
		return fmt.Errorf("start the apply transaction: %w", err)
	}
	if err := t.expect(ctx, dir, "applied", before); err != nil {
		return err
	}
	if t.hookApplied != nil {
		t.hookApplied()
	}
	step("verify", 4, 6)
	raw, err := t.ReadRunning(ctx)
	if err != nil {
		return t.lost(dir, err)
	}
	got := t.Normalise(raw)
	if _, gotFRR, _ := splitLinuxView(got); got != in.View && usedDelta && gotFRR != wantFRR {
		// The delta left FRR short of the intended configuration (a
		// command whose "no" form takes other arguments, one that
		// removes others…): frr-reload.py, FRR's own tool, repairs it.
		step("repair (frr-reload.py)", 4, 6)
		if err := t.order(dir, "repair"); err != nil {
			return t.lost(dir, err)
		}
		if err := t.expect(ctx, dir, "repaired", before); err != nil {
			return err
		}
		if raw, err = t.ReadRunning(ctx); err != nil {
			return t.lost(dir, err)
		}
		got = t.Normalise(raw)
	}
	if got != in.View {
		diff := UnifiedDiff("intended", "running after apply", in.View, got)
		if err := t.order(dir, "abort verification"); err != nil {
			return t.lost(dir, err)
		}
		state, werr := t.waitState(dir, "reverted", "revert-failed")
		if werr != nil {
			return t.lost(dir, werr)
		}
		if err := t.checkRestored(ctx, dir, state, before); err != nil {
			return fmt.Errorf("the device did not take the configuration as intended:\n%s%w", diff, err)
		}
		return fmt.Errorf("the device did not take the configuration as intended, so the change was rolled back:\n%s", diff)
	}
	step("commit", 5, 6)
	if err := t.order(dir, "confirm"); err != nil {
		return t.lost(dir, err)
	}
	if err := t.expect(ctx, dir, "committed", before); err != nil {
		return err
	}
	_, _ = t.sh("exec 4<&- 5<&-; rm -rf "+shellQuote(dir), 0)
	return nil
}

// expect waits for the transaction to reach the state want; when the
// script fails or rolls back instead, it checks the device is as before
// and returns the script's reason with its log.
func (t *linuxTarget) expect(ctx context.Context, dir, want, before string) error {
	state, err := t.waitState(dir, want, "failed", "reverted", "revert-failed")
	if err != nil {
		return t.lost(dir, err)
	}
	if state == want {
		return nil
	}
	if err := t.checkRestored(ctx, dir, state, before); err != nil {
		return err
	}
	return t.failure(dir, state)
}

// waitState reads the transaction's states as the script reports them
// (the "events" FIFO, open on fd 4 of this session's shell) until one of
// the given states (first word), and returns the whole line. It blocks
// in read(2): no polling.
func (t *linuxTarget) waitState(dir string, states ...string) (string, error) {
	cmd := fmt.Sprintf(`while read -r s <&4; do case "${s%%%% *}" in %s) printf '@@state %%s\n' "$s"; break;; esac; done`,
		strings.Join(states, "|"))
	out, err := t.sh(cmd, t.timer+2*time.Minute)
	if err != nil {
		return "", err
	}
	i := strings.LastIndex(out, "@@state ")
	if i < 0 {
		return "", fmt.Errorf("no state in %q (the transaction's script ended without reporting one: log on the device: %s/log)", out, dir)
	}
	return strings.TrimSpace(out[i+len("@@state "):]), nil
}

// order gives the transaction's script an order ("confirm", "repair",
// "abort REASON") through its "control" FIFO. Opened read-write, the
// FIFO never blocks the session, even when the script has already ended.
func (t *linuxTarget) order(dir, order string) error {
	_, err := t.sh("echo "+shellQuote(order)+" 1<>"+shellQuote(dir+"/control"), 0)
	return err
}

// checkRestored compares the running view with the one before the
// change, after the device reverted (whatever its tools reported).
func (t *linuxTarget) checkRestored(ctx context.Context, dir, state, before string) error {
	raw, err := t.ReadRunning(ctx)
	if err != nil {
		return t.lost(dir, err)
	}
	if got := t.Normalise(raw); got != before {
		_, reason, _ := strings.Cut(state, " ")
		return fmt.Errorf("%s, and restoring the previous configuration FAILED: the device needs a look (log on the device: %s/log); it differs from before by:\n%s",
			reason, dir, UnifiedDiff("before", "now", before, got))
	}
	return nil
}

// failure turns a failed or reverted state into an error with the log.
func (t *linuxTarget) failure(dir, state string) error {
	log, _ := t.sh("tail -n 40 "+shellQuote(dir+"/log"), 0)
	word, reason, _ := strings.Cut(state, " ")
	switch word {
	case "failed":
		return fmt.Errorf("%s; nothing was changed (log on the device: %s/log):\n%s", reason, dir, indent(log))
	case "reverted", "revert-failed":
		// checkRestored has compared the device with before.
		return fmt.Errorf("%s; the previous configuration was restored (log on the device: %s/log):\n%s", reason, dir, indent(log))
	}
	return fmt.Errorf("%s, and restoring the previous configuration FAILED too: the device needs a look (log on the device: %s/log):\n%s", reason, dir, indent(log))
}

// lost reports a connection lost during the transaction: the device rolls
// back by itself (its script sees the session's shell end, or its commit
// timer expire).
func (t *linuxTarget) lost(dir string, err error) error {
	return fmt.Errorf("connection lost during the transaction (%v): the device restores its previous configuration by itself (log on the device: %s/log)", err, dir)
}

func indent(s string) string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return ""
	}
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}

// script writes the device-side transaction.
func (t *linuxTarget) script(dir string, in *Intended, doOVS, doFRR, doPTP bool) string {
	q := shellQuote
	var ovsCmd string
	if doOVS {
		args := in.ovs.applyArgs(t.lastOVS)
		for i := range args {
			args[i] = q(args[i])
		}
		ovsCmd = "ovs-vsctl " + strings.Join(args, " ")
	}
	frrReload := q(t.opt.FRRReload) + " --reload --stdout"
	if t.opt.FRRPathspace != "" {
		frrReload += " --pathspace " + q(t.opt.FRRPathspace)
	}
	flag := func(b bool) string {
		if b {
			return "1"
		}
		return ""
	}
	var s strings.Builder
	fmt.Fprintf(&s, `#!/bin/sh
# avnet deploy: one apply transaction on %s. Written by avnet; see
# internal/deploy/linux.go. States (file "state"): backup, applying,
# applied (waiting for avnet's confirmation), committed | failed |
# reverted | revert-failed. The FIFO "lifeline" is held open by the shell
# of avnet's SSH session alone: when that ends (the connection dropped)
# before the confirmation, the change is rolled back at once.
# Builtins where they do: every process costs the device a fork and an
# exec, times the devices applied at once.
set -u
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH
D=%s
TIMER=%d
DO_OVS=%s DO_FRR=%s DO_PTP=%s
FRR_CONF=%s
PTP_CONF=%s
ovs_changed= frr_changed= ptp_changed=
# Log lines carry the seconds since the start (/proc/uptime, read by a
# builtin: no date process per line).
read -r T0 _ < /proc/uptime; T0="${T0%%.*}${T0#*.}"
say() { read -r t _ < /proc/uptime; t=$(( ${t%%.*}${t#*.} - T0 )); printf '+%%d.%%02ds %%s\n' $((t / 100)) $((t %% 100)) "$*" >> "$D/log"; }
# A state goes to the file (for people) and to the events FIFO (for
# avnet's session, which holds it open: the write never blocks).
state() { printf '%%s\n' "$*" > "$D/state"; printf '%%s\n' "$*" 1<>"$D/events"; say "state: $*"; }
run() { say "+ $*"; "$@" >> "$D/log" 2>&1; }
WATCHERS=
stop_watchers() { [ -n "$WATCHERS" ] && kill $WATCHERS 2>/dev/null; WATCHERS=; }
ptp_kick() {
	if [ -f "$PTP_CONF" ]; then run sh -c %s; else run sh -c %s; fi
}
revert() {
	stop_watchers
	say "reverting: $1"
	ok=1
	if [ -n "$ptp_changed" ]; then
		if [ -f "$D/ptp.before" ]; then cp -p "$D/ptp.before" "$PTP_CONF" || ok=0; else rm -f "$PTP_CONF"; fi
		ptp_kick || ok=0
	fi
	# FRR before OVS, as when applying: while the interfaces the change
	# made still exist.
	if [ -n "$frr_changed" ]; then
		# Errors here are warnings: avnet compares the result with what
		# the device ran before.
		run %s "$D/frr.before" || say "frr-reload.py reported errors while restoring"
		if [ -f "$D/frr.conf.before" ]; then cp -p "$D/frr.conf.before" "$FRR_CONF" || ok=0; fi
	fi
	if [ -n "$ovs_changed" ]; then
		say "+ ovsdb-client restore"
		ovsdb-client --timeout=30 restore < "$D/ovsdb.backup" >> "$D/log" 2>&1 || ok=0
	fi
	if [ $ok = 1 ]; then state "$2 $1"; else state "revert-failed $1"; fi
	exit 1
}
trap 'revert "interrupted on the device" reverted' HUP INT TERM

read -r host < /proc/sys/kernel/hostname
printf 'avnet apply on %%s, %%s\n' "$host" "$(date '+%%F %%T %%Z')" > "$D/log"
state backup
if [ -n "$DO_OVS" ]; then
	ovsdb-client --timeout=30 backup > "$D/ovsdb.backup" 2>> "$D/log" || { state "failed cannot back up the OVS database (ovsdb-client backup)"; exit 1; }
fi
if [ -n "$DO_FRR" ]; then
	# avnet uploads FRR's running configuration it has just read.
	[ -s "$D/frr.before" ] || { state "failed cannot back up FRR's running configuration (avnet read it empty: is FRR running?)"; exit 1; }
	if [ -f "$FRR_CONF" ]; then cp -p "$FRR_CONF" "$D/frr.conf.before"; fi
fi
if [ -n "$DO_PTP" ] && [ -f "$PTP_CONF" ]; then cp -p "$PTP_CONF" "$D/ptp.before"; fi

state applying
# FRR first: its changes to an interface the OVS transaction deletes must
# be made while the interface exists (zebra cannot remove an address from
# a vanished device); addresses of interfaces the transaction creates
# wait in zebra's configuration until they appear.
frr_reload() {
	if ! run %s "$D/frr.conf"; then
		# frr-reload.py first checks the whole file (vtysh -m -f): a
		# refusal there means nothing was applied. Later errors (a line
		# FRR would not remove…) are for the verification to judge.
		if grep -q "vtysh failed to process new configuration" "$D/log"; then
			revert "FRR refused the configuration (frr-reload.py)" reverted
		fi
		say "frr-reload.py reported errors: avnet verifies the result"
	fi
}
if [ -n "$DO_FRR" ]; then
	frr_changed=1
	# The delta avnet computed, in one vtysh start; frr-reload.py when
	# there is none or vtysh refuses a line of it.
	if [ -f "$D/frr.delta" ] && run %s -f "$D/frr.delta"; then
		say "FRR: delta applied"
	else
		[ -f "$D/frr.delta" ] && say "vtysh refused part of the delta: frr-reload.py takes over"
		frr_reload
	fi
fi
if [ -n "$DO_OVS" ]; then
	ovs_changed=1
	if ! run %s; then
		if [ -n "$frr_changed" ]; then w=reverted; else w=failed; fi
		revert "the OVS transaction failed (ovs-vsctl): none of it was applied" $w
	fi
fi
if [ -n "$DO_PTP" ]; then
	ptp_changed=1
	mkdir -p "$(dirname "$PTP_CONF")" && cp "$D/ptp.conf" "$PTP_CONF" || revert "cannot write $PTP_CONF" reverted
	ptp_kick || revert "ptp4l did not restart with the new configuration" reverted
fi

# Wait for avnet's order (the control FIFO, open read-write: never an
# end of file), with two watchers feeding it: the lifeline (its read
# returns when avnet's session, its only writer, ends: the connection
# dropped) and the commit timer.
exec 3<>"$D/control"
( read -r _ < "$D/lifeline"; echo lost 1<>"$D/control" ) </dev/null >/dev/null 2>&1 &
WATCHERS=$!
( trap 'kill $sp 2>/dev/null; exit 0' TERM; sleep "$TIMER" & sp=$!; wait $sp; echo timer 1<>"$D/control" ) </dev/null >/dev/null 2>&1 &
WATCHERS="$WATCHERS $!"
state applied
while read -r order arg <&3; do
	case "$order" in
	confirm) break;;
	abort) revert "avnet aborted the change ($arg)" reverted;;
	repair) state repairing; frr_reload; state repaired;;
	lost) revert "the connection to avnet was lost before it confirmed the change" reverted;;
	timer) revert "avnet did not confirm the change within the commit timer (${TIMER}s)" reverted;;
	esac
done
stop_watchers
trap - HUP INT TERM
state committed
`, escape.Line(t.dev.Name), q(dir), int(t.timer.Seconds()), flag(doOVS), flag(doFRR), flag(doPTP),
		q(t.opt.FRRConfig), q(t.opt.PTPConfig), q(t.opt.PTPRestart), q(t.opt.PTPStop),
		frrReload, frrReload, t.opt.vtysh(), ovsCmd)
	return s.String()
}
