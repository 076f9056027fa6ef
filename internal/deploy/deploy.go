// Package deploy is avnet's `plan` and `apply`: it reads every switch's
// running configuration over SSH (scrapligo), compares it with the
// configuration avnet generated, records the difference in a plan, and
// applies a plan with each platform's atomic mechanism, rolling a device
// back to exactly what it had when anything goes wrong.
//
// The layers, as in Terraform: a plan is plain data (Plan) that records
// what it was computed against (the design's digest, and per device a
// digest of the normalised running configuration and of the intended
// one); Apply refuses a device whose running configuration changed since.
// Computing a diff (DiffLines, UnifiedDiff) is separate from rendering it
// (render.go); the CLI (internal/cli/plan.go, apply.go) parses flags and
// calls one function.
//
// Per platform (a Target):
//   - eos: a configuration session, `rollback clean-config` and the whole
//     configuration, `commit timer`, then a confirming commit once the
//     running configuration is verified (eos.go);
//   - nxos: a checkpoint, the configuration written to bootflash:, then
//     `configure replace … commit-timeout`, verified and committed, or
//     `rollback running-config checkpoint` (nxos.go);
//   - iosxe: `configure replace … revert trigger error timer`, verified,
//     then `configure confirm`, or `configure revert now` (iosxe.go);
//   - linux: Open vSwitch, FRR and ptp4l, one transaction run by a script
//     on the device that backs up, applies, waits for confirmation and
//     restores on any failure or lost connection (linux.go).
package deploy

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/avnet/avnet/internal/platform/all"
)

// Device is one switch to plan and apply: where it is, how to log in
// (never the secret itself: PasswordEnv names the variable holding it),
// and its platform.
type Device struct {
	Name     string `json:"name"`
	Platform string `json:"platform"`
	Address  string `json:"address"`
	Port     int    `json:"port,omitempty"`
	User     string `json:"user,omitempty"`
	// PasswordEnv names the environment variable with the password
	// (default AVNET_SSH_PASSWORD).
	PasswordEnv string `json:"password_env,omitempty"`
	// KeyFile is a private key file (default $AVNET_SSH_KEY).
	KeyFile string `json:"key_file,omitempty"`
	// Ignore lists regular expressions of running-configuration lines to
	// leave out of the comparison (lines the device always shows and no
	// configuration can remove, e.g. `^license udi`).
	Ignore []string `json:"ignore,omitempty"`
	// Linux says where a linux switch keeps its files.
	Linux *LinuxOptions `json:"linux,omitempty"`
	// HostKeys pins the host keys the device may present (an avnet lab
	// knows them); empty means known_hosts.
	HostKeys [][]byte `json:"-"`

	ignore []*regexp.Regexp
}

func (d *Device) linux() LinuxOptions {
	var o LinuxOptions
	if d.Linux != nil {
		o = *d.Linux
	}
	return o.withDefaults()
}

func (d *Device) ignoreRE() []*regexp.Regexp { return d.ignore }

// compile checks the device's fields.
func (d *Device) compile() error {
	if _, ok := platforms[d.Platform]; !ok {
		return fmt.Errorf("device %s: platform %q is not supported. Supported platforms are %q", d.Name, d.Platform, PlatformNames())
	}
	if d.Address == "" {
		return fmt.Errorf("device %s: no management address: set devices.%q.mgmt.ip in the design, or an address in the inventory file", d.Name, d.Name)
	}
	d.ignore = nil
	for _, p := range d.Ignore {
		re, err := regexp.Compile(p)
		if err != nil {
			return fmt.Errorf("device %s: ignore %q: %w", d.Name, p, err)
		}
		d.ignore = append(d.ignore, re)
	}
	return nil
}

// Intended is what a device should run: the generated files (by role:
// "config" for the vendor platforms; "ovs", "frr", "ptp" for linux), their
// normalised view (what plans diff) and digest (what plans record).
type Intended struct {
	Device string
	Files  map[string][]byte
	// Paths are the files' paths in the build, for messages.
	Paths  map[string]string
	View   string
	Digest string

	ovs *OVSScript
}

// Target is one device of a platform, connected.
type Target interface {
	// ReadRunning returns the running configuration as the device gives it.
	ReadRunning(ctx context.Context) (string, error)
	// Normalise turns it (or a generated one) into the canonical view.
	Normalise(raw string) string
	// Apply makes the intended configuration the running one, all or
	// nothing: on any error the device is back to what it ran before.
	Apply(ctx context.Context, in *Intended) error
	Close() error
}

// platformDef is what deploy knows of a switch platform.
type platformDef struct {
	// scrapli is the scrapligo platform: a name of its assets, or YAML.
	scrapli any
	// shellInit is sent to a shell before scrapligo takes over, and
	// shellPrompt is the prompt it sets (linux).
	shellInit   string
	shellPrompt *regexp.Regexp
	// roles maps each generated file's role to its path in the build,
	// given the device name.
	roles func(device string) map[string]string
	// optional roles may be missing from the build.
	optional map[string]bool
	// normalise canonicalises a configuration of this platform.
	normalise func(raw string, ignore []*regexp.Regexp) string
	// intended builds the intended view from the generated files.
	intended func(d *Device, in *Intended) error
	// target wraps a connected CLI session.
	target func(d *Device, conn *sshConn, cli *cliSession, opt targetOptions) Target
}

type targetOptions struct {
	commitTimer time.Duration
	ptp         bool
	hookApplied func()
}

var platforms = map[string]*platformDef{}

func registerPlatform(name string, p *platformDef) {
	if _, dup := platforms[name]; dup {
		panic("deploy: platform " + name + " registered twice")
	}
	platforms[name] = p
}

// PlatformNames lists the platforms deploy supports.
func PlatformNames() []string {
	var out []string
	for n := range platforms {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// vendorRoles: one configuration file, configs/<device>.<ext>, the
// extension the platform registry (internal/platform) gives the kind.
func vendorRoles(kind string) func(string) map[string]string {
	ext := kind
	if k, err := platformKinds.Lookup(kind); err == nil && k.ConfigExt != "" {
		ext = k.ConfigExt
	}
	return func(d string) map[string]string { return map[string]string{"config": "configs/" + d + "." + ext} }
}

// platformKinds is avnet's platform registry: names and file extensions.
var platformKinds = all.Registry()

func init() {
	registerPlatform("linux", &platformDef{
		scrapli:     linuxPlatformYAML,
		shellInit:   linuxShellInit,
		shellPrompt: regexp.MustCompile(`(?m)^\[avnet\]# ?$`),
		roles: func(d string) map[string]string {
			return map[string]string{"ovs": "configs/" + d + ".ovs.sh", "frr": "configs/" + d + ".frr.conf", "ptp": "ptp/" + d + ".conf"}
		},
		optional: map[string]bool{"ptp": true, "frr": true},
		normalise: func(raw string, ignore []*regexp.Regexp) string {
			t := &linuxTarget{dev: &Device{ignore: ignore}}
			return t.Normalise(raw)
		},
		intended: func(d *Device, in *Intended) error {
			view, script, err := linuxIntended(d, in.Files, in.Paths)
			if err != nil {
				return err
			}
			in.View, in.ovs = view, script
			return nil
		},
		target: func(d *Device, conn *sshConn, cli *cliSession, opt targetOptions) Target {
			return &linuxTarget{dev: d, conn: conn, cli: cli, opt: d.linux(), ptp: opt.ptp, timer: opt.commitTimer, hookApplied: opt.hookApplied}
		},
	})
}

// digestFiles hashes a set of named files.
func digestFiles(files map[string][]byte) string {
	h := sha256.New()
	for _, k := range sortedKeys(files) {
		fmt.Fprintf(h, "%s\x00%d\x00", k, len(files[k]))
		h.Write(files[k])
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// digestText hashes a normalised configuration.
func digestText(s string) string {
	h := sha256.Sum256([]byte(s))
	return "sha256:" + hex.EncodeToString(h[:])
}

// newApplyID names one apply's session, checkpoint or files on a device.
func newApplyID() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return "avnet-" + hex.EncodeToString(b)
}

// configLines are the lines of a vendor configuration to send, without
// comments, blank lines and the final "end".
func configLines(cfg []byte) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(string(cfg), "\r", ""), "\n") {
		t := strings.TrimSpace(l)
		if t == "" || t == "end" || strings.HasPrefix(t, "!") {
			continue
		}
		out = append(out, strings.TrimRight(l, " \t"))
	}
	return out
}

// Steps: a target reports the phases of an apply through the context.
type stepKey struct{}

// StepFunc receives a device's progress: a phase name, its number and
// the number of phases.
type StepFunc func(phase string, n, of int)

func withStep(ctx context.Context, f StepFunc) context.Context {
	return context.WithValue(ctx, stepKey{}, f)
}

func stepFunc(ctx context.Context) StepFunc {
	if f, ok := ctx.Value(stepKey{}).(StepFunc); ok && f != nil {
		return f
	}
	return func(string, int, int) {}
}
