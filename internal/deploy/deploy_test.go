package deploy

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/avnet/avnet/internal/model"
)

func testFacility() *model.Facility {
	return &model.Facility{Devices: map[string]*model.Device{
		"sw-red":  {Role: "switch", Platform: "eos", Mgmt: &model.Mgmt{IP: "192.0.2.11"}},
		"sw-blue": {Role: "switch", Platform: "linux", Mgmt: &model.Mgmt{IP: "192.0.2.12/24"}},
		"sw-old":  {Role: "switch"},
		"cam-1":   {Role: "camera", Mgmt: &model.Mgmt{IP: "192.0.2.21"}},
	}}
}

func TestInventoryFromDesignAndFile(t *testing.T) {
	inv := InventoryFromDesign("studio", testFacility())
	if got := inv.Names(); !cmp.Equal(got, []string{"sw-blue", "sw-old", "sw-red"}) {
		t.Fatalf("switches %q", got)
	}
	dir := t.TempDir()
	f := filepath.Join(dir, "inventory.yaml")
	os.WriteFile(f, []byte(`
defaults:
  user: netops
devices:
  sw-red:
    address: 203.0.113.10
    port: 2201
    password_env: SW_RED_PASSWORD
    key_file: keys/red
    ignore: ["^license udi"]
  sw-old:
    platform: iosxe
    address: 203.0.113.12
`), 0o644)
	if err := inv.LoadInventoryFile(f); err != nil {
		t.Fatal(err)
	}
	if err := inv.finish(); err != nil {
		t.Fatal(err)
	}
	red := inv.Device("sw-red")
	want := &Device{Name: "sw-red", Platform: "eos", Address: "203.0.113.10", Port: 2201, User: "netops",
		PasswordEnv: "SW_RED_PASSWORD", KeyFile: filepath.Join(dir, "keys/red"), Ignore: []string{"^license udi"}}
	if d := cmp.Diff(want, red, cmp.AllowUnexported(Device{}), cmpIgnoreRE); d != "" {
		t.Errorf("sw-red (-want +got):\n%s", d)
	}
	if inv.Device("sw-blue").Address != "192.0.2.12" {
		t.Errorf("prefix length not stripped: %q", inv.Device("sw-blue").Address)
	}
	if inv.Device("sw-old").Platform != "iosxe" {
		t.Error("the inventory did not set sw-old's platform")
	}
}

var cmpIgnoreRE = cmp.FilterPath(func(p cmp.Path) bool { return strings.HasSuffix(p.String(), "ignore") }, cmp.Ignore())

func TestInventoryFileErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ content, want string }{
		{"devices:\n  sw-red:\n    password: hunter2\n", "a password in the inventory file is refused"},
		{"devices:\n  sw-nope:\n    address: 1.2.3.4\n", `"sw-nope" is not a switch of design studio`},
		{"devices:\n  sw-red:\n    adress: 1.2.3.4\n", "field adress not found"},
	} {
		f := filepath.Join(dir, "inv.yaml")
		os.WriteFile(f, []byte(tc.content), 0o644)
		inv := InventoryFromDesign("studio", testFacility())
		err := inv.LoadInventoryFile(f)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.content, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "hunter2") {
			t.Errorf("the error repeats the password: %v", err)
		}
	}
	inv := InventoryFromDesign("studio", testFacility())
	inv.Device("sw-red").Platform = "junos"
	if err := inv.finish(); err == nil || !strings.Contains(err.Error(), `platform "junos" is not supported. Supported platforms are ["eos" "iosxe" "linux" "nxos"]`) {
		t.Errorf("bad platform: %v", err)
	}
	inv = InventoryFromDesign("studio", testFacility())
	if err := inv.finish(); err != nil {
		t.Fatal(err)
	}
	if len(inv.Skipped) != 1 || inv.Skipped[0].Name != "sw-old" {
		t.Errorf("skipped %+v, want sw-old (no platform)", inv.Skipped)
	}
	if err := inv.Select([]string{"sw-green"}); err == nil || !strings.Contains(err.Error(), `--device "sw-green" is not a switch`) {
		t.Errorf("Select: %v", err)
	}
}

func TestCredentials(t *testing.T) {
	env := map[string]string{EnvUser: "ops", EnvPassword: "pw-default", "SW_RED_PASSWORD": "pw-red", EnvKey: "/keys/k", "SSH_AUTH_SOCK": "/run/agent"}
	c := &Connector{Getenv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}
	red := c.credentials(&Device{Name: "sw-red", PasswordEnv: "SW_RED_PASSWORD", User: "admin2"})
	if red.User != "admin2" || red.Password != "pw-red" || !cmp.Equal(red.KeyFiles, []string{"/keys/k"}) || red.Agent != "/run/agent" {
		t.Errorf("sw-red credentials %+v", red)
	}
	blue := c.credentials(&Device{Name: "sw-blue"})
	if blue.User != "ops" || blue.Password != "pw-default" {
		t.Errorf("sw-blue credentials %+v", blue)
	}
	env[EnvNoAgent] = "1"
	delete(env, EnvUser)
	if cr := c.credentials(&Device{}); cr.Agent != "" || cr.User != "admin" {
		t.Errorf("AVNET_SSH_NO_AGENT / default user: %+v", cr)
	}
	got := c.Secrets([]*Device{{PasswordEnv: "SW_RED_PASSWORD"}, {}})
	if !cmp.Equal(got, []string{"pw-red", "pw-default"}) {
		t.Errorf("secrets %q", got)
	}
	redact := newRedactor(got)
	if s := redact("login failed for pw-red and pw-default"); strings.Contains(s, "pw-") {
		t.Errorf("redact: %q", s)
	}
}

func TestPlanSaveLoad(t *testing.T) {
	p := &Plan{FormatVersion: PlanFormatVersion, Design: "studio", DesignDigest: "abc",
		CreatedFrom: Source{Dir: "/d", Artifacts: "/d/out/studio"},
		Devices: []DevicePlan{
			{Name: "sw-red", Platform: "eos", Address: "192.0.2.11", RunningDigest: "sha256:1", IntendedDigest: "sha256:2", Action: ActionUpdate, Diff: "--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y\n", Added: 1, Removed: 1},
			{Name: "sw-blue", Platform: "linux", Address: "192.0.2.12", Action: ActionNoOp},
			{Name: "sw-gone", Platform: "nxos", Address: "192.0.2.13", Action: ActionUnknown, Error: "cannot reach 192.0.2.13:22: i/o timeout"},
		}}
	f := filepath.Join(t.TempDir(), "plan.json")
	if err := p.Save(f); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(f); st.Mode().Perm() != 0o600 {
		t.Errorf("plan file mode %v, want 0600", st.Mode().Perm())
	}
	q, err := LoadPlan(f)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(p, q); d != "" {
		t.Errorf("round trip (-want +got):\n%s", d)
	}
	if c := q.Counts(); c != (Counts{Change: 1, Unchanged: 1, Unreachable: 1}) {
		t.Errorf("counts %+v", c)
	}
	var out bytes.Buffer
	RenderPlan(&out, q, false)
	for _, want := range []string{"~ sw-red (eos, 192.0.2.11:22): update, +1 -1\n", "    +y\n", "= sw-blue (linux, 192.0.2.12:22): no changes\n",
		"! sw-gone (nxos, 192.0.2.13:22): cannot reach", "Plan: 1 to change, 1 unchanged, 1 unreachable.\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("rendered plan lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	RenderPlan(&out, q, true)
	if !strings.Contains(out.String(), "\x1b[32m    +y\x1b[0m") && !strings.Contains(out.String(), "    \x1b[32m+y\x1b[0m") {
		t.Errorf("no colour on an added line:\n%q", out.String())
	}
	os.WriteFile(f, []byte(`{"format_version": 99}`), 0o600)
	if _, err := LoadPlan(f); err == nil || !strings.Contains(err.Error(), "format version 99") {
		t.Errorf("future plan: %v", err)
	}
}

func TestLock(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out", "studio")
	path := LockPath(dir)
	if filepath.Dir(path) != filepath.Dir(dir) || filepath.Base(path) != ".studio.apply.lock" {
		t.Errorf("lock path %s must be beside the build, not in it", path)
	}
	release, err := acquireLock(path, "studio")
	if err != nil {
		t.Fatal(err)
	}
	_, err = acquireLock(path, "studio")
	var le *LockedError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "another avnet apply is running on design studio (pid ") {
		t.Fatalf("second lock: %v", err)
	}
	release()
	release2, err := acquireLock(path, "studio")
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	release2()
}

func TestProgressPlain(t *testing.T) {
	var b bytes.Buffer
	p := NewProgress(&b, []string{"sw2", "sw1"}, false, false)
	p.Event(Event{Device: "sw1", Phase: "connect", Step: 0, Steps: 6})
	p.Event(Event{Device: "sw1", Phase: "connect", Step: 0, Steps: 6})
	p.Event(Event{Device: "sw1", Phase: "commit", Step: 5, Steps: 6})
	p.Event(Event{Device: "sw1", Phase: "applied", Final: true})
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 3 || lines[0] != "sw1: connect (0/6)" || lines[1] != "sw1: commit (5/6)" || !strings.HasPrefix(lines[2], "sw1: applied in ") {
		t.Errorf("plain progress:\n%s", b.String())
	}
	b.Reset()
	p = NewProgress(&b, []string{"sw1", "sw2"}, true, false)
	p.Event(Event{Device: "sw2", Phase: "load", Step: 3, Steps: 6})
	if !strings.Contains(b.String(), "sw2  [==========          ] load (3/6)") || !strings.Contains(b.String(), "sw1  [                    ] waiting") {
		t.Errorf("terminal progress:\n%q", b.String())
	}
}

func TestArtifactsTampered(t *testing.T) {
	tl := &testLab{out: t.TempDir(), design: "studio"}
	a := tl.writeBuild(t, map[string]string{"configs/sw-red.eos.cfg": "hostname sw-red\n"})
	dev := &Device{Name: "sw-red", Platform: "eos"}
	in, err := a.Intended(dev)
	if err != nil || in.View != "hostname sw-red\n" {
		t.Fatalf("Intended: %v %+v", err, in)
	}
	os.WriteFile(filepath.Join(a.Dir, "configs/sw-red.eos.cfg"), []byte("hostname evil\n"), 0o644)
	if _, err := a.Intended(dev); err == nil || !strings.Contains(err.Error(), "was changed after the build") {
		t.Errorf("tampered config: %v", err)
	}
	if _, err := a.Intended(&Device{Name: "sw-blue", Platform: "linux"}); err == nil || !strings.Contains(err.Error(), "the build has no") {
		t.Errorf("missing config: %v", err)
	}
	// A vendor config under another name is found when it is the only one.
	a = tl.writeBuild(t, map[string]string{"configs/sw-red.cfg": "hostname sw-red\n"})
	if _, err := a.Intended(dev); err != nil {
		t.Errorf("configs/sw-red.cfg not found: %v", err)
	}
}
