package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/model"
)

// l3fabric extracts the switch generator's L3 test design (EOS, NX-OS and
// IOS XE switches, whose configs carry a password hash) with its
// credentials reading passwordFile instead of passwordEnv.
func l3fabric(t *testing.T, passwordFile string) string {
	t.Helper()
	a, err := txtar.ParseFile("../../generators/switchcfg/testdata/l3fabric.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "l3")
	for _, f := range a.Files {
		data := strings.ReplaceAll(string(f.Data), `passwordEnv: "LAB_ADMIN_PASSWORD"`, `passwordFile: "`+passwordFile+`"`)
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, f.Name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f.Name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A passwordFile must be a small regular file inside the design directory
// (or a configured secrets directory), reached without links.
func TestPasswordFileConfined(t *testing.T) {
	secrets := t.TempDir()
	if err := os.WriteFile(filepath.Join(secrets, "admin.pw"), []byte("from-secrets-dir\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file  string
		setup func(dir string)
		err   string // empty: the build succeeds
	}{
		{file: "admin.pw", setup: func(dir string) { os.WriteFile(filepath.Join(dir, "admin.pw"), []byte("s3cret\n"), 0o600) }},
		{file: filepath.Join(secrets, "admin.pw")},
		{file: "../../../../etc/shadow", err: `the component ".." is not allowed`},
		{file: "/etc/shadow", err: "is outside the design directory"},
		{file: "/dev/zero", err: "is outside the design directory"},
		{file: "link", setup: func(dir string) { os.Symlink("/etc/passwd", filepath.Join(dir, "link")) }, err: "symbolic link"},
		{file: "fifo", setup: func(dir string) { syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o600) }, err: "not a regular file (a FIFO)"},
		{file: "big", setup: func(dir string) { os.WriteFile(filepath.Join(dir, "big"), make([]byte, 1<<20), 0o600) }, err: "smaller than 64 KiB"},
	} {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			dir := l3fabric(t, tc.file)
			if tc.setup != nil {
				tc.setup(dir)
			}
			done := make(chan struct{})
			var err error
			go func() {
				defer close(done)
				_, err = Build(context.Background(), dir, Options{Out: t.TempDir(), Only: []string{"configs"}, SecretsDirs: []string{secrets}})
			}()
			select {
			case <-done:
			case <-time.After(60 * time.Second):
				t.Fatal("the build hangs")
			}
			if tc.err == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatalf("built with passwordFile %q", tc.file)
			}
			// The error names the design field and where it is written.
			for _, want := range []string{tc.err, "credentials.passwordFile", "design.cue:"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
		})
	}
}

// A symbolic link under an existing output tree is kept as a link by a
// partial build, never read through.
func TestPartialBuildKeepsLinksAsLinks(t *testing.T) {
	design := starter(t)
	out := t.TempDir()
	if _, err := Build(context.Background(), design, Options{Out: out, Generators: []*gen.Generator{fileGen}}); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(out, "studio", "fake", "shadow")
	if err := os.Symlink("/etc/shadow", link); err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), design, Options{Out: out, Generators: []*gen.Generator{fileGen}, Devices: []string{"sw-1"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := os.Readlink(link); err != nil || got != "/etc/shadow" {
		t.Errorf("after a partial build the link is %q, %v", got, err)
	}
	for _, f := range res.Manifest.Files {
		if strings.HasSuffix(f.Path, "shadow") {
			t.Errorf("the manifest lists the link %s", f.Path)
		}
	}
}

// A build interrupted (SIGINT or SIGTERM cancel its context) writes
// nothing and leaves no temporary directory.
func TestInterruptedBuildWritesNothing(t *testing.T) {
	design := starter(t)
	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	stop := &gen.Generator{Name: "stop", Generate: func(ctx context.Context, _ *model.Facility, _ *analysis.Facts, s gen.Sink) error {
		cancel()
		return s.Write("stop.txt", []byte("x"))
	}}
	_, err := Build(ctx, design, Options{Out: out, Generators: []*gen.Generator{fileGen, stop, fileGen}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted build: %v", err)
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		t.Errorf("an interrupted build left %s", e.Name())
	}
}

// A temporary directory a running build holds (its marker locked) is not
// removed by another build; a killed build's is.
func TestStaleTemporaryDirectories(t *testing.T) {
	design := starter(t)
	out := t.TempDir()
	target := filepath.Join(out, "studio")
	live, release, err := newTemp(target)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	dead := filepath.Join(out, ".studio.tmp-dead")
	if err := os.MkdirAll(dead, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dead, tmpMarker), nil, 0o644)
	swapped := filepath.Join(out, ".studio.tmp-swapped")
	os.MkdirAll(swapped, 0o755)
	os.WriteFile(filepath.Join(swapped, "manifest.json"), manifestJSON(&Manifest{Schema: ManifestSchema, Design: "studio"}), 0o644)
	foreign := filepath.Join(out, ".studio.tmp-foreign")
	os.MkdirAll(foreign, 0o755)
	if _, err := Build(context.Background(), design, Options{Out: out, Generators: []*gen.Generator{fileGen}}); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{live: true, dead: false, swapped: false, foreign: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s exists = %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
	if _, err := os.Stat(filepath.Join(target, tmpMarker)); err == nil {
		t.Error("the marker ended up in the output tree")
	}
}
