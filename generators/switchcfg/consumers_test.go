package switchcfg_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/avnet/avnet/internal/secret"
)

// FRR itself parses every generated frr.conf: `vtysh --dryrun -f` checks
// each line against the command trees of all daemons without running
// them (and without touching the system's FRR).
func TestFRRParsesConfigs(t *testing.T) {
	requireRoot(t, "vtysh")
	n := 0
	for _, d := range designs(t) {
		for name, data := range mustBuild(t, d) {
			if !strings.HasSuffix(name, ".frr.conf") {
				continue
			}
			n++
			p := filepath.Join(t.TempDir(), filepath.Base(name))
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command("vtysh", "--dryrun", "-f", p).CombinedOutput()
			if err != nil || len(strings.TrimSpace(string(out))) > 0 {
				t.Errorf("%s/%s: vtysh --dryrun rejects it (%v):\n%s", d.name, name, err, out)
			}
		}
	}
	if n == 0 {
		t.Fatal("no frr.conf generated: the test designs lost their linux switches")
	}
}

// ovsdb is a scratch OVS database served by our own ovsdb-server.
type ovsdb struct {
	dir, sock string
	pid       int
}

func startOVSDB(t *testing.T) *ovsdb {
	t.Helper()
	schema := "/usr/share/openvswitch/vswitch.ovsschema"
	if _, err := os.Stat(schema); err != nil {
		t.Skipf("OVS schema missing: %v", err)
	}
	// Unix socket paths are short: keep the directory near /tmp.
	dir, err := os.MkdirTemp("", "avnet-ovs-")
	if err != nil {
		t.Fatal(err)
	}
	db := &ovsdb{dir: dir, sock: filepath.Join(dir, "db.sock")}
	if out, err := exec.Command("ovsdb-tool", "create", filepath.Join(dir, "conf.db"), schema).CombinedOutput(); err != nil {
		t.Fatalf("ovsdb-tool create: %v\n%s", err, out)
	}
	pidfile := filepath.Join(dir, "ovsdb-server.pid")
	cmd := exec.Command("ovsdb-server", filepath.Join(dir, "conf.db"),
		"--remote=punix:"+db.sock, "--pidfile="+pidfile, "--unixctl="+filepath.Join(dir, "ctl"),
		"--log-file="+filepath.Join(dir, "ovsdb-server.log"), "--detach", "--no-chdir")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ovsdb-server: %v\n%s", err, out)
	}
	b, err := os.ReadFile(pidfile)
	if err != nil {
		t.Fatal(err)
	}
	db.pid, _ = strconv.Atoi(strings.TrimSpace(string(b)))
	t.Cleanup(func() {
		// Only the server this test started, by its PID.
		if db.pid > 0 {
			syscall.Kill(db.pid, syscall.SIGTERM)
			for i := 0; i < 50 && syscall.Kill(db.pid, 0) == nil; i++ {
				time.Sleep(20 * time.Millisecond)
			}
		}
		os.RemoveAll(dir)
	})
	return db
}

func (db *ovsdb) vsctl(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "ovs-vsctl", append([]string{"--db=unix:" + db.sock, "--no-wait", "--timeout=10"}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("ovs-vsctl %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// Open vSwitch accepts every generated transaction script: each runs
// against a fresh scratch database, and the bridge, ports, VLAN tags and
// trunks it leaves are the ones the script asked for. Running a script
// twice gives the same database (it reconciles rather than appends).
func TestOVSAcceptsScripts(t *testing.T) {
	requireRoot(t, "ovsdb-server", "ovsdb-tool", "ovs-vsctl", "sh")
	n := 0
	for _, d := range designs(t) {
		for name, data := range mustBuild(t, d) {
			if !strings.HasSuffix(name, ".ovs.sh") {
				continue
			}
			n++
			t.Run(d.name+"/"+filepath.Base(name), func(t *testing.T) {
				db := startOVSDB(t)
				script := filepath.Join(db.dir, "apply.sh")
				if err := os.WriteFile(script, data, 0o755); err != nil {
					t.Fatal(err)
				}
				run := func() {
					cmd := exec.Command("sh", script)
					cmd.Env = append(os.Environ(), "OVS_DB=unix:"+db.sock, "OVS_VSCTL_FLAGS=--no-wait")
					if out, err := cmd.CombinedOutput(); err != nil {
						t.Fatalf("the script fails: %v\n%s", err, out)
					}
				}
				run()
				first := db.vsctl(t, "--format=csv", "--columns=name,tag,trunks,vlan_mode", "list", "Port")
				run()
				if again := db.vsctl(t, "--format=csv", "--columns=name,tag,trunks,vlan_mode", "list", "Port"); again != first {
					t.Errorf("a second run changes the ports:\n%s\nthen\n%s", first, again)
				}
				checkOVS(t, db, string(data))
			})
		}
	}
	if n == 0 {
		t.Fatal("no ovs.sh generated: the test designs lost their linux switches")
	}
}

var (
	accessRE = regexp.MustCompile(`set Port (\S+) vlan_mode=access tag=(\d+)`)
	trunkRE  = regexp.MustCompile(`set Port (\S+) vlan_mode=(trunk|native-untagged)(?: tag=(\d+))? trunks=([0-9,]+)`)
	delRE    = regexp.MustCompile(`--if-exists del-port br0 (\S+)`)
)

// checkOVS compares the database with what the script says.
func checkOVS(t *testing.T, db *ovsdb, script string) {
	t.Helper()
	if got := db.vsctl(t, "list-br"); got != "br0" {
		t.Fatalf("bridges = %q, want br0", got)
	}
	for _, col := range []string{"datapath_type", "mcast_snooping_enable"} {
		got := db.vsctl(t, "get", "Bridge", "br0", col)
		want := map[string]string{"datapath_type": "netdev", "mcast_snooping_enable": "true"}[col]
		if strings.Trim(got, `"`) != want {
			t.Errorf("br0 %s = %s, want %s", col, got, want)
		}
	}
	if got := db.vsctl(t, "get", "Bridge", "br0", "other_config:mcast-snooping-disable-flood-unregistered"); strings.Trim(got, `"`) != "true" {
		t.Errorf("unregistered multicast is flooded: %s", got)
	}
	ports := map[string]bool{}
	for _, p := range strings.Fields(db.vsctl(t, "list-ports", "br0")) {
		ports[p] = true
	}
	for _, m := range accessRE.FindAllStringSubmatch(script, -1) {
		if !ports[m[1]] {
			t.Errorf("port %s missing from br0", m[1])
			continue
		}
		if got := db.vsctl(t, "get", "Port", m[1], "tag"); got != m[2] {
			t.Errorf("port %s tag = %s, want %s", m[1], got, m[2])
		}
		if got := db.vsctl(t, "get", "Port", m[1], "trunks"); got != "[]" {
			t.Errorf("access port %s has trunks %s", m[1], got)
		}
	}
	for _, m := range trunkRE.FindAllStringSubmatch(script, -1) {
		want := "[" + strings.ReplaceAll(m[4], ",", ", ") + "]"
		if got := db.vsctl(t, "get", "Port", m[1], "trunks"); got != want {
			t.Errorf("trunk %s trunks = %s, want %s", m[1], got, want)
		}
		if got := db.vsctl(t, "get", "Port", m[1], "vlan_mode"); got != m[2] {
			t.Errorf("trunk %s vlan_mode = %s, want %s", m[1], got, m[2])
		}
	}
	for _, m := range delRE.FindAllStringSubmatch(script, -1) {
		if ports[m[1]] {
			t.Errorf("port %s should not be on the bridge", m[1])
		}
	}
	if testing.Verbose() {
		fmt.Println(db.vsctl(t, "show"))
	}
}

var hashRE = regexp.MustCompile(`\$[5689]\$[^\s]+`)

// The administrator's password, set in the environment, appears in no
// artifact; every hash the artifacts carry verifies against it.
func TestSecretsNeverInClear(t *testing.T) {
	for _, d := range designs(t) {
		files := mustBuild(t, d)
		hashes := 0
		for name, data := range files {
			if strings.Contains(string(data), testPassword) {
				t.Errorf("%s/%s contains the password in clear", d.name, name)
			}
			for _, h := range hashRE.FindAllString(string(data), -1) {
				hashes++
				ok, err := secret.Verify(testPassword, h)
				if err != nil || !ok {
					t.Errorf("%s/%s: hash %s does not verify against the password (%v)", d.name, name, h, err)
				}
			}
		}
		if strings.Contains(d.name, "lab-minimal") {
			continue // no credentials, and Linux switches keep accounts in the host
		}
		if hashes == 0 {
			t.Errorf("%s: no password hash in any artifact", d.name)
		}
	}
}

// A passwordEnv whose variable is not set stops the build with an error
// that names the device, the variable and what to do.
func TestMissingPasswordVariable(t *testing.T) {
	for _, d := range designs(t) {
		switch d.name {
		case "l3fabric":
			// Password only: without the variable there is no way in, so
			// the build stops and says what to export.
			_, err := build(t, d, func(string) (string, bool) { return "", false })
			if err == nil {
				t.Fatalf("%s: built without the administrator password", d.name)
			}
			msg := err.Error()
			for _, want := range []string{"device ", "PASSWORD", "export ", "not set"} {
				if !strings.Contains(msg, want) {
					t.Errorf("%s: error %q does not say %q", d.name, msg, want)
				}
			}
		case "chaine-tv-ip":
			// The flagship's account also has an SSH key: without the
			// variable the configs are key-only, and say so.
			files, err := build(t, d, func(string) (string, bool) { return "", false })
			if err != nil {
				t.Fatalf("%s: key-only build failed: %v", d.name, err)
			}
			cfg := string(files["configs/leaf-r1.eos"])
			if strings.Contains(cfg, "secret sha512") || !strings.Contains(cfg, "nopassword") || !strings.Contains(cfg, "ssh-key ssh-ed25519") {
				t.Errorf("%s: leaf-r1 is not a key-only account:\n%s", d.name, cfg)
			}
		}
	}
}
