package lab

import (
	"context"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/avnet/avnet/internal/load"
)

// A switch whose name climbs out of the state directory (a model built in
// Go, past the schema that also forbids such names) makes renderConfigs
// fail; nothing is written outside the state directory.
func TestRenderConfigsStaysInStateDir(t *testing.T) {
	res, err := load.Dir(designPath("lab-minimal"), load.Options{})
	if err != nil || res.Facility == nil {
		t.Fatalf("load: %v %v", err, res.Diagnostics)
	}
	topo, err := NewTopology(res.Facility, netip.MustParsePrefix("198.18.0.1/15"))
	if err != nil {
		t.Fatal(err)
	}
	// root/a/b/c/d/state: five levels of ".." from configs/ stay in root,
	// so a write that escaped would land where the test can see it.
	root := t.TempDir()
	state := filepath.Join(root, "a", "b", "c", "d", "state")
	for _, evil := range []string{"x/../../../../etc/profile.d/evil", "../../../evil", "/tmp/evil", "x\x00y", strings.Repeat("s", 300)} {
		sw := topo.Switches[0].Device
		d := topo.View.Devices[sw]
		rename := func(from, to string) {
			delete(topo.View.Devices, from)
			topo.View.Devices[to], d.Name, topo.Switches[0].Device = d, to, to
		}
		rename(sw, evil)
		err := renderConfigs(context.Background(), topo, filepath.Join(state, "build"), "digest", "test")
		rename(evil, sw)
		if err == nil || !strings.Contains(err.Error(), "unsafe file name") {
			t.Errorf("switch %q: renderConfigs = %v, want an unsafe file name error", evil, err)
		}
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.HasPrefix(p, state+string(filepath.Separator)) {
				t.Errorf("switch %q: wrote %s outside the state directory", evil, p)
			}
			return nil
		})
	}
}
