package gen

import (
	"strings"
	"testing"
)

// Output names are built from design names; the sink refuses every one
// that would leave the output tree or that no file system accepts.
func TestSinkRefusesUnsafeNames(t *testing.T) {
	s := NewMemSink().For("configs")
	for _, name := range []string{
		"configs/x/../../../../etc/profile.d/evil.ovs.sh",
		"../evil", "/etc/passwd", "configs//x", "configs/a\x00b",
		"configs/" + strings.Repeat("x", 256) + ".cfg", "manifest.json",
	} {
		if err := s.Write(name, []byte("x")); err == nil {
			t.Errorf("Write(%q) accepted", name)
		}
	}
	if err := s.Write("configs/"+strings.Repeat("x", 251)+".cfg", nil); err != nil {
		t.Errorf("a 255-byte name: %v", err)
	}
}
