package switchcfg_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/generators/gentest"
	"github.com/avnet/avnet/generators/switchcfg"
	avnetbuild "github.com/avnet/avnet/internal/build"
	"github.com/avnet/avnet/internal/deploy"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/escape"
	"github.com/avnet/avnet/internal/model"
)

// target puts a value into one field of the lab-minimal design's model,
// bypassing the schema: the escapers are the second line of defence.
type target struct {
	name   string
	set    func(t *testing.T, f *model.Facility, v string)
	rename bool
}

func renameTarget(old string) target {
	return target{name: "name " + old, set: func(t *testing.T, f *model.Facility, v string) { gentest.Rename(t, f, old, old+v) }, rename: true}
}

// deviceType gives the switches a device type of their own (the catalog's
// are shared) and changes it.
func deviceType(f *model.Facility, change func(*model.DeviceType)) {
	for _, name := range []string{"sw-1", "sw-2"} {
		d := f.Devices[name]
		c := *f.DeviceTypes[d.Model]
		change(&c)
		f.DeviceTypes["hostile-type"] = &c
		d.Model = "hostile-type"
	}
}

var targets = []target{
	renameTarget("sw-1"),     // hostname, OVS external_ids, banner, file names
	renameTarget("cam-1"),    // an endpoint: port descriptions
	renameTarget("swp3"),     // an interface name: interface lines, ovs-vsctl arguments
	renameTarget("L-103"),    // a cable label: port descriptions
	renameTarget("netadmin"), // the administrator's user name
	{name: "facility name", set: func(t *testing.T, f *model.Facility, v string) { f.Info.Name = v }},
	{name: "domain", set: func(t *testing.T, f *model.Facility, v string) { f.Info.Services.Domain = v }},
	{name: "manufacturer", set: func(t *testing.T, f *model.Facility, v string) {
		deviceType(f, func(dt *model.DeviceType) { dt.Manufacturer = v })
	}},
	{name: "model", set: func(t *testing.T, f *model.Facility, v string) {
		deviceType(f, func(dt *model.DeviceType) { dt.Model = v })
	}},
	{name: "ssh key comment", set: func(t *testing.T, f *model.Facility, v string) { f.Info.Credentials.SSHKey += " " + v }},
}

const sshKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHVhYmZ1ZGdoaWprbG1ub3BxcnN0dXZ3eHl6MDEyMzQ1Njc4OQ"

// configs builds the switch configurations of lab-minimal with its
// switches on platform and one field set to v.
func configs(t *testing.T, platform string, tg target, v string) map[string]string {
	t.Helper()
	f := gentest.LabMinimal(t)
	f.Info.Credentials = &model.Credentials{Username: "netadmin", Role: "admin", SSHKey: sshKey + " admin@studio"}
	for _, name := range []string{"sw-1", "sw-2"} {
		f.Devices[name].Platform = platform
	}
	tg.set(t, f, v)
	sink := gen.NewMemSink()
	env := &gen.Env{Version: "test", Getenv: func(string) (string, bool) { return "", false }}
	if err := switchcfg.Generate(gen.WithEnv(context.Background(), env), f, gentest.Reanalyze(f), sink.For("configs")); err != nil {
		t.Fatalf("%s: %v", tg.name, err)
	}
	out := map[string]string{}
	for name, b := range sink.Files {
		out[name] = string(b)
	}
	return out
}

// cliLines compares a CLI configuration built with a hostile value with
// the one built with a plain value: once the escaped hostile value is
// replaced by the plain one, every line must be the plain file's line,
// but for the banner's delimiter, which moves out of the way of the text.
func cliLines(t *testing.T, name, plain, hostile, v string) {
	t.Helper()
	// Lines are split before the value is replaced: an escaped value
	// that spans lines is not replaced, and fails.
	pl, hl := strings.Split(plain, "\n"), strings.Split(hostile, "\n")
	if len(pl) != len(hl) {
		t.Errorf("%s: %d lines, the plain design's has %d:\n%s", name, len(hl), len(pl), gentest.LineDiff(plain, hostile))
		return
	}
	for i := range hl {
		for _, esc := range []string{escape.CLI(gentest.Marked(v)), escape.CLIWord(gentest.Marked(v))} {
			hl[i] = strings.ReplaceAll(hl[i], esc, gentest.Marked(gentest.Plain))
		}
	}
	for i := range pl {
		if pl[i] == hl[i] {
			continue
		}
		pw, hw := strings.Fields(pl[i]), strings.Fields(hl[i])
		if isBannerDelim(pl[i]) && isBannerDelim(hl[i]) ||
			len(pw) == 3 && len(hw) == 3 && pw[0] == "banner" && pw[0] == hw[0] && pw[1] == hw[1] && isBannerDelim(hw[2]) {
			continue
		}
		t.Errorf("%s:%d: %q, the plain design's line is %q", name, i+1, hl[i], pl[i])
	}
}

func isBannerDelim(s string) bool {
	return s == "^C" || len(s) == 1 && strings.Contains("#%@~&*+=|", s)
}

// TestHostileConfigs is the outputs-inert corpus for switch configurations:
// every hostile string, in every field that reaches them, on every
// platform, leaves the EOS, NX-OS, IOS XE and FRR files with the plain
// design's command lines, and the OVS script with the plain design's
// commands (bash -n, mvdan.cc/sh, deploy's reader).
func TestHostileConfigs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every hostile case")
	}
	for _, platform := range []string{"eos", "nxos", "iosxe", "linux"} {
		for _, tg := range targets {
			plain := configs(t, platform, tg, gentest.Marked(gentest.Plain))
			for _, h := range gentest.HostileCorpus {
				if tg.rename && strings.ContainsRune(h.Value, 0) {
					// A file named after the device cannot hold a NUL:
					// the sink refuses the name (safepath), as the schema does.
					continue
				}
				if tg.rename && strings.Contains(h.Value, ":") {
					// A link end is "device:port": a name with a colon
					// changes the topology, not an output (the schema
					// refuses it).
					continue
				}
				t.Run(platform+"/"+tg.name+"/"+h.Name, func(t *testing.T) {
					hostile := configs(t, platform, tg, gentest.Marked(h.Value))
					byPlain := map[string]string{}
					for name, data := range hostile {
						// A file named after the value: its plain twin.
						byPlain[strings.ReplaceAll(name, gentest.Marked(h.Value), gentest.Marked(gentest.Plain))] = data
					}
					if got, want := keys(byPlain), keys(plain); strings.Join(got, " ") != strings.Join(want, " ") {
						t.Fatalf("files %q, the plain design's are %q", got, want)
					}
					for name, p := range plain {
						got := byPlain[name]
						if strings.HasSuffix(name, ".ovs.sh") {
							checkScript(t, name, p, got)
							continue
						}
						cliLines(t, name, p, got, h.Value)
					}
				})
			}
		}
	}
}

func checkScript(t *testing.T, name, plain, hostile string) {
	t.Helper()
	gentest.BashN(t, name, hostile)
	want := gentest.ShellStructure(gentest.ShellCommands(t, name, plain))
	got := gentest.ShellStructure(gentest.ShellCommands(t, name, hostile))
	if strings.Join(want, "\n") != strings.Join(got, "\n") {
		t.Errorf("%s: the script's commands differ from the plain design's:\n%s", name, gentest.LineDiff(strings.Join(want, "\n"), strings.Join(got, "\n")))
	}
	if _, err := deploy.ParseOVSScript(name, []byte(hostile)); err != nil {
		t.Errorf("deploy cannot read %s: %v", name, err)
	}
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// schemaHostile are free texts the schema lets through (quotes, shell
// and CLI syntax, no control character), written in a design's CUE.
var schemaHostile = []gentest.Hostile{
	{Name: "quotes", Value: `it's \"A\"`},
	{Name: "shell", Value: `$(touch pwned); ` + "`id`" + ` | sh && x`},
	{Name: "cli", Value: `#1 ^C EOF ! -- add-port br0 vx0 -- set Interface vx0 type=vxlan`},
	{Name: "markup", Value: `</script><B>x</B> & \"]; evil [`},
}

// builtConfigs writes lab-minimal with its facility name and its switch
// descriptions set to text (CUE source) and its switches on platform,
// runs avnet build's own function on it and returns its configs.
func builtConfigs(t *testing.T, platform, text string) map[string]string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "designs", "lab-minimal", "lab.cue"))
	if err != nil {
		t.Fatal(err)
	}
	design := string(src)
	const name = `name:     "`
	i := strings.Index(design, name)
	j := strings.Index(design[i+len(name):], `"`)
	if i < 0 || j < 0 || !strings.Contains(design, `platform: "linux"`) {
		t.Fatal("lab-minimal's facility name or platform not found: update the test")
	}
	design = design[:i] + name + gentest.Marked(text) + design[i+len(name)+j:]
	design = strings.ReplaceAll(design, `platform: "linux"`, `platform: "`+platform+`"`)
	design = strings.ReplaceAll(design, `"sw-1": {`, `"sw-1": {credentials: {username: "netadmin", role: "admin", sshKey: "`+sshKey+` `+gentest.Marked(text)+`"}, `)
	if platform != "linux" {
		// lab-minimal's switches are NVIDIA hardware (swp ports), which
		// AV-REF-002 refuses under another platform; this test is about
		// escaping, so it renders the same ports under every platform.
		design += "\nwaivers: \"AV-REF-002\": {reason: \"one hardware rendered under every platform\"}\n"
	}
	dir := filepath.Join(t.TempDir(), "lab-minimal")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "lab.cue"), []byte(design), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	res, err := avnetbuild.Build(context.Background(), dir, avnetbuild.Options{Out: out, Only: []string{"configs"}, Version: "test",
		Getenv: func(string) (string, bool) { return "", false }})
	if err != nil {
		var b strings.Builder
		if res != nil && res.Vet != nil {
			diag.PrintText(&b, res.Vet.Diagnostics, diag.TextOptions{})
		}
		t.Fatalf("build: %v\n%s", err, b.String())
	}
	files := map[string]string{}
	for _, e := range res.Manifest.Files {
		b, err := os.ReadFile(filepath.Join(res.Dir, filepath.FromSlash(e.Path)))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Path] = string(b)
	}
	return files
}

// TestHostileDesignBuild is the corpus of what the schema lets through,
// as a whole design through avnet build: the configurations have the
// plain design's command lines, the scripts its commands.
func TestHostileDesignBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every case")
	}
	for _, platform := range []string{"eos", "nxos", "iosxe", "linux"} {
		plain := builtConfigs(t, platform, gentest.Plain)
		for _, h := range schemaHostile {
			t.Run(platform+"/"+h.Name, func(t *testing.T) {
				got := builtConfigs(t, platform, h.Value)
				// The value as the design means it: CUE's \" is a quote.
				v := strings.ReplaceAll(h.Value, `\"`, `"`)
				if strings.Join(keys(got), " ") != strings.Join(keys(plain), " ") {
					t.Fatalf("files %q, the plain design's %q", keys(got), keys(plain))
				}
				for name, p := range plain {
					if strings.HasSuffix(name, ".ovs.sh") {
						checkScript(t, name, p, got[name])
						continue
					}
					cliLines(t, name, p, got[name], v)
				}
			})
		}
	}
}
