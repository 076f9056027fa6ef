package deploy

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Cisco NX-OS: checkpoint, write the configuration to bootflash:, then
// replace the running configuration with it under a commit timeout,
// verify, and commit.
//
//	terminal dont-ask
//	checkpoint avnet-1a2b3c4d                      (the rollback point)
//	tclsh / set f [open "bootflash:avnet-1a2b3c4d.cfg" w] / puts $f "…" / close $f / tclquit
//	configure replace bootflash:avnet-1a2b3c4d.cfg verbose commit-timeout 300
//	show running-config                            (verified)
//	configure replace commit                       (stops the commit timer)
//	no checkpoint avnet-1a2b3c4d / delete bootflash:avnet-1a2b3c4d.cfg no-prompt
//
// Configuration replace computes and applies the patch between the
// running configuration and the file; if applying it fails, NX-OS
// restores the previous configuration itself, and if the commit timer
// expires it rolls back too. When the result does not verify, avnet rolls
// back to the checkpoint (`rollback running-config checkpoint … atomic`).
//
// Cisco Nexus 9000 Series NX-OS System Management Configuration Guide,
// "Performing Configuration Replace" (configure replace, commit-timeout,
// configure replace commit):
// https://www.cisco.com/c/en/us/td/docs/dcn/nx-os/nexus9000/102x/configuration/system-management/cisco-nexus-9000-series-nx-os-system-management-configuration-guide-102x/m-performing-configuration-replace.html
// and "Configuring Rollback" (checkpoint, rollback running-config
// checkpoint … atomic) in the same guide.

var nxosNormaliser = cliNormaliser{comment: "!", drop: []*regexp.Regexp{
	// "!Command: show running-config", "!Running configuration last done
	// at: …", "!Time: …" and checkpoint "!#" default lines are comments.
	regexp.MustCompile(`^version \S+`),
}}

func init() {
	registerPlatform("nxos", &platformDef{
		scrapli:   "cisco_nxos",
		roles:     vendorRoles("nxos"),
		normalise: nxosNormaliser.normalise,
		intended:  vendorIntended(nxosNormaliser),
		target: func(d *Device, conn *sshConn, cli *cliSession, opt targetOptions) Target {
			return &nxosTarget{vendorTarget{dev: d, conn: conn, cli: cli, norm: nxosNormaliser, timer: opt.commitTimer}}
		},
	})
}

type nxosTarget struct{ vendorTarget }

// tclLine quotes a configuration line for Tcl's puts in double quotes.
func tclLine(l string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, `$`, `\$`, `[`, `\[`, `]`, `\]`)
	return `"` + r.Replace(l) + `"`
}

// writeFileTcl writes lines to a file on the device through tclsh (NX-OS
// and IOS XE both have it): no file transfer service needs enabling.
func writeFileTcl(cli *cliSession, path string, lines []string) error {
	if _, err := cli.command("tclsh", 0); err != nil {
		return fmt.Errorf("start tclsh to write %s: %w", path, err)
	}
	cli.setPriv("tclsh")
	send := func(cmd string) error {
		_, err := cli.send(cmd, 0)
		return err
	}
	err := send(`set avnetf [open "` + path + `" w]`)
	for _, l := range lines {
		if err != nil {
			break
		}
		err = send("puts $avnetf " + tclLine(l))
	}
	if err == nil {
		err = send("close $avnetf")
	}
	if _, qerr := cli.send("tclquit", 0); qerr != nil && err == nil {
		err = qerr
	}
	cli.setPriv("privilege-exec")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func (t *nxosTarget) Apply(ctx context.Context, in *Intended) error {
	defer t.cli.watch(ctx)()
	step := stepFunc(ctx)
	id := t.applyID()
	file := "bootflash:" + id + ".cfg"
	cleanup := func() {
		_, _ = t.cli.command("no checkpoint "+id, 0)
		_, _ = t.cli.command("delete "+file+" no-prompt", 0)
	}
	if _, err := t.cli.command("terminal dont-ask", 0); err != nil {
		return err
	}
	step("checkpoint", 2, 6)
	if _, err := t.cli.command("checkpoint "+id, 2*time.Minute); err != nil {
		return fmt.Errorf("create checkpoint %s: %w", id, err)
	}
	step("upload", 3, 6)
	if err := writeFileTcl(t.cli, file, configLines(in.Files["config"])); err != nil {
		cleanup()
		return fmt.Errorf("%w; nothing was changed", err)
	}
	rollback := func(cause error) error {
		_, rerr := t.cli.command("rollback running-config checkpoint "+id+" atomic", 5*time.Minute)
		if rerr != nil {
			return fmt.Errorf("%w; rolling back to checkpoint %s failed too (%v): the device needs a look (`show checkpoint %s`, `rollback running-config checkpoint %s`)", cause, id, rerr, id, id)
		}
		cleanup()
		return fmt.Errorf("%w; rolled back to checkpoint %s, the previous configuration", cause, id)
	}
	step("replace", 4, 6)
	out, err := t.cli.command(fmt.Sprintf("configure replace %s verbose commit-timeout %d", file, int(t.timer.Seconds())), 10*time.Minute)
	if err == nil && !strings.Contains(strings.ToLower(out), "completed successfully") {
		err = &DeviceError{Cmd: "configure replace " + file, Output: out}
	}
	if err != nil {
		// NX-OS restores the previous configuration itself when the patch
		// fails; the checkpoint rollback makes sure of it.
		return rollback(fmt.Errorf("configuration replace failed: %w", err))
	}
	step("verify", 5, 6)
	diff, err := t.verify(ctx, in)
	if err != nil {
		return rollback(err)
	}
	if diff != "" {
		return rollback(fmt.Errorf("the running configuration after the replace differs from the intended one:\n%s", diff))
	}
	step("commit", 6, 6)
	if _, err := t.cli.command("configure replace commit", 2*time.Minute); err != nil {
		return rollback(fmt.Errorf("commit the replace: %w", err))
	}
	cleanup()
	return nil
}
