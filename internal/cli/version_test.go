package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestBuildVersion(t *testing.T) {
	rev := "75f352e7a1b2c3d4e5f60718293a4b5c6d7e8f90"
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	for _, c := range []struct {
		main     string
		settings []debug.BuildSetting
		want     string
	}{
		{"v1.2.3", nil, "v1.2.3"},
		{"v0.0.0-20261208003454-75f352e7a1b2+dirty", vcs("true"), "v0.0.0-20261208003454-75f352e7a1b2+dirty"},
		{"(devel)", vcs("false"), "dev-75f352e7a1b2"},
		{"(devel)", vcs("true"), "dev-75f352e7a1b2-dirty"},
		{"(devel)", nil, "dev"},
		{"", nil, "dev"},
	} {
		bi := &debug.BuildInfo{Main: debug.Module{Path: "github.com/avnet/avnet", Version: c.main}, Settings: c.settings}
		if got := buildVersion(bi); got != c.want {
			t.Errorf("buildVersion(%q, %v) = %q, want %q", c.main, c.settings, got, c.want)
		}
	}
}

// TestVersionFromSourceTree builds avnet in this source tree with VCS
// stamping on, and checks that `avnet version` names the commit and
// whether the tree was dirty.
func TestVersionFromSourceTree(t *testing.T) {
	if testing.Short() {
		t.Skip("builds avnet (-short)")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	head, err := exec.Command("git", "-C", root, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "avnet")
	build := exec.Command("go", "build", "-o", bin, "./cmd/avnet")
	build.Dir = root
	build.Env = append(os.Environ(), "GOFLAGS=-buildvcs=true")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// Read what Go recorded, as the binary will.
	info, err := exec.Command("go", "version", "-m", bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(info), "vcs.revision=") {
		t.Skipf("Go recorded no VCS information for a build here (a git worktree, whose .git is a file, is not recognised)")
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.TrimSpace(string(out))
	short := strings.TrimSpace(string(head))[:12]
	if !strings.HasPrefix(got, "avnet ") || !strings.Contains(got, short) {
		t.Errorf("avnet version = %q, want the commit %s", got, short)
	}
	dirty := strings.Contains(string(info), "vcs.modified=true")
	if strings.Contains(got, "dirty") != dirty {
		t.Errorf("avnet version = %q, but Go recorded vcs.modified=%v", got, dirty)
	}
}
