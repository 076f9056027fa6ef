package deploy

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Arista EOS: the configuration is replaced in a configuration session,
// committed with a commit timer, verified, then confirmed.
//
//	configure session avnet-1a2b3c4d
//	rollback clean-config             (the session starts from the factory default…)
//	<every line of the generated configuration>   (…and becomes exactly it)
//	show session-config diffs         (logged)
//	commit timer 00:05:00             (running = session; reverts unless confirmed)
//	show running-config               (verified against the intended view)
//	configure session avnet-1a2b3c4d commit      (confirms)
//
// A line the device rejects aborts the session (`abort`): the running
// configuration was never touched. A verification mismatch aborts the
// pending commit (`configure session … abort`), which restores the
// previous configuration; a lost connection leaves the timer to do it.
//
// Arista EOS User Manual, "Configure Session":
// https://www.arista.com/en/um-eos/eos-configure-session
// (configure session, rollback clean-config, commit timer, show
// session-config diffs, configure session <name> commit | abort).

var eosNormaliser = cliNormaliser{comment: "!", drop: []*regexp.Regexp{
	// "! Command: show running-config", "! device: sw (DCS-7050, EOS-4.30)",
	// "! boot system flash:…" are comments, dropped with all "!" lines.
	regexp.MustCompile(`^Building configuration`),
}}

func init() {
	registerPlatform("eos", &platformDef{
		scrapli:   "arista_eos",
		roles:     vendorRoles("eos"),
		normalise: eosNormaliser.normalise,
		intended:  vendorIntended(eosNormaliser),
		target: func(d *Device, conn *sshConn, cli *cliSession, opt targetOptions) Target {
			return &eosTarget{vendorTarget{dev: d, conn: conn, cli: cli, norm: eosNormaliser, timer: opt.commitTimer}}
		},
	})
}

// vendorTarget is what the vendor platforms share: a CLI session and a
// normaliser.
type vendorTarget struct {
	dev   *Device
	conn  *sshConn // nil in recorded-session tests
	cli   *cliSession
	norm  cliNormaliser
	timer time.Duration
	id    string // fixed by tests; newApplyID otherwise
}

func vendorIntended(n cliNormaliser) func(d *Device, in *Intended) error {
	return func(d *Device, in *Intended) error {
		cfg, ok := in.Files["config"]
		if !ok {
			return fmt.Errorf("%s: no generated configuration (%s) in the build", d.Name, in.Paths["config"])
		}
		in.View = n.normalise(string(cfg), nil)
		return nil
	}
}

func (t *vendorTarget) Close() error {
	err := t.cli.close()
	if t.conn != nil {
		t.conn.Close()
	}
	return err
}

func (t *vendorTarget) ReadRunning(ctx context.Context) (string, error) {
	defer t.cli.watch(ctx)()
	out, err := t.cli.command("show running-config", 2*time.Minute)
	if err != nil {
		return "", fmt.Errorf("read the running configuration: %w", err)
	}
	return out, nil
}

func (t *vendorTarget) Normalise(raw string) string { return t.norm.normalise(raw, t.dev.ignoreRE()) }

func (t *vendorTarget) applyID() string {
	if t.id == "" {
		t.id = newApplyID()
	}
	return t.id
}

// verify reads the running configuration and compares it with the
// intended view; it returns the difference, "" when they match.
func (t *vendorTarget) verify(ctx context.Context, in *Intended) (string, error) {
	raw, err := t.ReadRunning(ctx)
	if err != nil {
		return "", err
	}
	return UnifiedDiff("intended", "running after apply", in.View, t.Normalise(raw)), nil
}

type eosTarget struct{ vendorTarget }

func (t *eosTarget) Apply(ctx context.Context, in *Intended) (err error) {
	defer t.cli.watch(ctx)()
	step := stepFunc(ctx)
	sess := t.applyID()
	lines := configLines(in.Files["config"])
	step("session", 2, 6)
	if _, err := t.cli.command("configure session "+sess, 0); err != nil {
		return fmt.Errorf("open configuration session %s: %w", sess, err)
	}
	t.cli.setPriv("configuration")
	// Until the commit, leaving the session with abort leaves the running
	// configuration untouched.
	abort := func(cause error) error {
		if _, aerr := t.cli.send("abort", 0); aerr != nil {
			return fmt.Errorf("%w; aborting session %s failed too (%v): it holds no committed change, remove it with `no configure session %s`", cause, sess, aerr, sess)
		}
		t.cli.setPriv("privilege-exec")
		return fmt.Errorf("%w; session %s aborted, nothing was changed", cause, sess)
	}
	if _, err := t.cli.send("rollback clean-config", 0); err != nil {
		return abort(err)
	}
	step("load", 3, 6)
	for _, l := range lines {
		// In a session, as at a terminal, the mode follows the commands:
		// indentation is not needed.
		if _, err := t.cli.send(strings.TrimSpace(l), 0); err != nil {
			return abort(err)
		}
	}
	if _, err := t.cli.send("show session-config diffs", 0); err != nil {
		return abort(err)
	}
	step("commit", 4, 6)
	if _, err := t.cli.send("commit timer "+hhmmss(t.timer), 2*time.Minute); err != nil {
		return abort(err)
	}
	t.cli.setPriv("privilege-exec")
	// Committed with a timer: the running configuration is the session's,
	// and EOS restores the previous one unless confirmed in time.
	step("verify", 5, 6)
	rollback := func(cause error) error {
		if _, rerr := t.cli.command("configure session "+sess+" abort", 2*time.Minute); rerr != nil {
			return fmt.Errorf("%w; aborting the pending commit failed too (%v): EOS restores the previous configuration when the commit timer (%s) expires", cause, rerr, t.timer)
		}
		return fmt.Errorf("%w; the pending commit was aborted and the previous configuration restored", cause)
	}
	diff, err := t.verify(ctx, in)
	if err != nil {
		return rollback(err)
	}
	if diff != "" {
		return rollback(fmt.Errorf("the running configuration after the commit differs from the intended one:\n%s", diff))
	}
	step("confirm", 6, 6)
	if _, err := t.cli.command("configure session "+sess+" commit", 2*time.Minute); err != nil {
		return rollback(fmt.Errorf("confirm the commit: %w", err))
	}
	return nil
}

func hhmmss(d time.Duration) string {
	s := int(d.Seconds())
	if s < 1 {
		s = 300
	}
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}
