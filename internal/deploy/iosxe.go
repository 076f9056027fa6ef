package deploy

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Cisco IOS XE: save the running configuration, write the new one to
// flash:, replace with a revert timer, verify, confirm.
//
//	copy running-config flash:avnet-1a2b3c4d-before.cfg     (exact restore point)
//	show archive                                    (configure replace … timer needs the archive:
//	configure terminal / archive / path flash:avnet-archive / end     added when missing)
//	tclsh / set f [open "flash:avnet-1a2b3c4d.cfg" w] / puts $f "…" / close $f / tclquit
//	configure replace flash:avnet-1a2b3c4d.cfg force revert trigger error timer 5
//	show running-config                             (verified)
//	configure confirm                               (stops the revert timer)
//	delete /force flash:avnet-1a2b3c4d.cfg / …-before.cfg
//
// With "revert trigger error" IOS XE rolls back by itself when a line of
// the replace fails, and "timer" rolls back when no `configure confirm`
// comes in time (a lost connection). When the result does not verify,
// avnet reverts at once (`configure revert now`), then replaces with the
// saved configuration if anything is still off (the archive path added
// for the timer, for instance).
//
// Cisco IOS XE System Management Configuration Guide, "Configuration
// Replace and Configuration Rollback" (configure replace … revert trigger
// error timer, configure confirm, configure revert, archive path):
// https://www.cisco.com/c/en/us/td/docs/routers/ios/config/17-x/syst-mgmt/b-system-management/m_cm-config-rollback-0.html

var iosxeNormaliser = cliNormaliser{comment: "!", drop: []*regexp.Regexp{
	regexp.MustCompile(`^Building configuration`),
	regexp.MustCompile(`^Current configuration :`),
	regexp.MustCompile(`^version \S+$`),
}}

func init() {
	registerPlatform("iosxe", &platformDef{
		scrapli:   "cisco_iosxe",
		roles:     vendorRoles("iosxe"),
		normalise: iosxeNormaliser.normalise,
		intended:  vendorIntended(iosxeNormaliser),
		target: func(d *Device, conn *sshConn, cli *cliSession, opt targetOptions) Target {
			return &iosxeTarget{vendorTarget{dev: d, conn: conn, cli: cli, norm: iosxeNormaliser, timer: opt.commitTimer}}
		},
	})
}

type iosxeTarget struct{ vendorTarget }

func (t *iosxeTarget) Apply(ctx context.Context, in *Intended) error {
	defer t.cli.watch(ctx)()
	step := stepFunc(ctx)
	id := t.applyID()
	file := "flash:" + id + ".cfg"
	before := "flash:" + id + "-before.cfg"
	cleanup := func() {
		_, _ = t.cli.command("delete /force "+file, 0)
		_, _ = t.cli.command("delete /force "+before, 0)
	}
	step("backup", 2, 6)
	if _, err := t.cli.interactive([][2]string{{"copy running-config " + before, `(?m)Destination filename|^[\w.\-@/:]{1,63}#\s*$`}, {"", ""}}, 2*time.Minute); err != nil {
		return fmt.Errorf("save the running configuration to %s: %w", before, err)
	}
	// restore puts back the configuration saved above, exactly.
	restore := func(cause error) error {
		out, err := t.cli.command("configure replace "+before+" force", 10*time.Minute)
		if err == nil && !strings.Contains(out, "Rollback Done") {
			err = &DeviceError{Cmd: "configure replace " + before, Output: out}
		}
		if err != nil {
			return fmt.Errorf("%w; restoring %s failed too (%v): the device needs a look", cause, before, err)
		}
		cleanup()
		return fmt.Errorf("%w; the previous configuration was restored", cause)
	}
	arch, err := t.cli.command("show archive", 0)
	if err != nil {
		return restore(err)
	}
	if strings.Contains(arch, "not enabled") || !strings.Contains(arch, "next archive file") && !strings.Contains(arch, "Archive #") {
		for _, c := range []string{"configure terminal", "archive", "path flash:avnet-archive", "end"} {
			if _, err := t.cli.send(c, 0); err != nil {
				t.cli.setPriv("")
				return restore(fmt.Errorf("configure the archive needed by the revert timer: %w", err))
			}
		}
		t.cli.setPriv("privilege-exec")
	}
	step("upload", 3, 6)
	if err := writeFileTcl(t.cli, file, configLines(in.Files["config"])); err != nil {
		return restore(err)
	}
	step("replace", 4, 6)
	minutes := int((t.timer + time.Minute - 1) / time.Minute)
	out, err := t.cli.command(fmt.Sprintf("configure replace %s force revert trigger error timer %d", file, minutes), 10*time.Minute)
	if err == nil && !strings.Contains(out, "Rollback Done") {
		err = &DeviceError{Cmd: "configure replace " + file, Output: out}
	}
	revert := func(cause error) error {
		// Stop the timer and go back to the archived configuration now,
		// then make sure with the saved one.
		_, _ = t.cli.command("configure revert now", 5*time.Minute)
		return restore(cause)
	}
	if err != nil {
		return revert(fmt.Errorf("configuration replace failed: %w", err))
	}
	step("verify", 5, 6)
	diff, err := t.verify(ctx, in)
	if err != nil {
		return revert(err)
	}
	if diff != "" {
		return revert(fmt.Errorf("the running configuration after the replace differs from the intended one:\n%s", diff))
	}
	step("confirm", 6, 6)
	if _, err := t.cli.command("configure confirm", 2*time.Minute); err != nil {
		return revert(fmt.Errorf("confirm the replace: %w", err))
	}
	cleanup()
	return nil
}
