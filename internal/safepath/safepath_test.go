package safepath

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestCheck(t *testing.T) {
	long := strings.Repeat("a", MaxComponent)
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"configs/leaf-1.ovs.sh", true},
		{"ptp/" + long, true},
		{"ptp/" + long + "b", false},
		{"", false},
		{"/etc/passwd", false},
		{"x/../../../../etc/profile.d/evil.ovs.sh", false},
		{"configs/../../x", false},
		{"..", false},
		{"./x", false},
		{"a//b", false},
		{"a/", false},
		{"a\x00b", false},
		{`a\..\b`, true}, // a backslash is a plain character on Linux
		{"a\xffb", false},
	} {
		err := Check(tc.name)
		if (err == nil) != tc.ok {
			t.Errorf("Check(%q) = %v, want ok=%v", tc.name, err, tc.ok)
		}
	}
	if err := Component("x/y"); err == nil {
		t.Error(`Component("x/y") accepted a slash`)
	}
}

func TestJoinSymlinkOutside(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(root, "configs")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(root, "ptp"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "ptp"), filepath.Join(root, "inside")); err != nil {
		t.Fatal(err)
	}
	if _, err := Join(root, "configs/evil.ovs.sh"); err == nil || !strings.Contains(err.Error(), "outside") {
		t.Errorf("Join through a link leading outside: %v", err)
	}
	if p, err := Join(root, "inside", "x.conf"); err != nil || p != filepath.Join(root, "inside", "x.conf") {
		t.Errorf("Join through a link inside root = %q, %v", p, err)
	}
	if err := WriteFile(root, "configs/evil.ovs.sh", []byte("x"), 0o755); err == nil {
		t.Error("WriteFile followed a link out of root")
	}
	if _, err := os.Stat(filepath.Join(outside, "evil.ovs.sh")); err == nil {
		t.Error("a file was written outside root")
	}
	if err := WriteFile(root, "a/b/c.sh", []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(filepath.Join(root, "a/b/c.sh"))
	if err != nil || st.Mode().Perm() != 0o755 {
		t.Errorf("WriteFile: %v, mode %v", err, st.Mode())
	}
	if b, err := ReadFile(root, "a/b/c.sh"); err != nil || string(b) != "#!/bin/sh\n" {
		t.Errorf("ReadFile = %q, %v", b, err)
	}
	if _, err := ReadFile(root, "configs/evil.ovs.sh"); err == nil {
		t.Error("ReadFile followed a link out of root")
	}
}

func TestReadSecret(t *testing.T) {
	dir := t.TempDir()
	secrets := t.TempDir()
	write := func(p, s string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "secrets/admin.pw"), "s3cret\n")
	write(filepath.Join(secrets, "admin.pw"), "other\n")
	write(filepath.Join(dir, "big"), strings.Repeat("x", MaxSecret))
	os.Symlink("/etc/passwd", filepath.Join(dir, "link"))
	os.Symlink(filepath.Join(dir, "secrets"), filepath.Join(dir, "linkdir"))
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, want, err string
	}{
		{name: "secrets/admin.pw", want: "s3cret\n"},
		{name: filepath.Join(dir, "secrets/admin.pw"), want: "s3cret\n"},
		{name: filepath.Join(secrets, "admin.pw"), want: "other\n"},
		{name: "../../../../etc/shadow", err: `the component ".." is not allowed`},
		{name: "/etc/passwd", err: "outside the design directory"},
		{name: "/dev/zero", err: "outside the design directory"},
		{name: filepath.Join(secrets, "../x"), err: "outside"},
		{name: "link", err: "symbolic link"},
		{name: "linkdir/admin.pw", err: "symbolic link"},
		{name: "fifo", err: "not a regular file (a FIFO)"},
		{name: "secrets", err: "not a regular file (a directory)"},
		{name: "big", err: "smaller than 64 KiB"},
		{name: "missing", err: "no such file"},
	} {
		done := make(chan struct{})
		var b []byte
		var err error
		go func() {
			b, err = ReadSecret(dir, []string{secrets}, tc.name)
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("ReadSecret(%q) hangs", tc.name)
		}
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ReadSecret(%q) = %q, %v, want an error containing %q", tc.name, b, err, tc.err)
			}
			continue
		}
		if err != nil || string(b) != tc.want {
			t.Errorf("ReadSecret(%q) = %q, %v, want %q", tc.name, b, err, tc.want)
		}
	}
	// /dev/zero inside an allowed directory: refused as a device, at once.
	if _, err := ReadSecret("/dev", nil, "zero"); err == nil || !strings.Contains(err.Error(), "character device") {
		t.Errorf("ReadSecret(/dev/zero) = %v", err)
	}
}
