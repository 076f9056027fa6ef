package cli

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/avnet/avnet/internal/nmos/regdouble"
	"github.com/avnet/avnet/internal/schemacheck"
)

// avnet nmos register posts the flagship's resources to a Registration
// API double that validates them against IS-04 v1.3.2; plain http needs
// --insecure.
func TestNmosRegister(t *testing.T) {
	dir := schemacheck.NMOSDir()
	if dir == "" {
		t.Skip("the AMWA NMOS schemas are not in ../shared/nmos beside the project: skipped")
	}
	reg := regdouble.New(dir)
	srv := httptest.NewServer(reg)
	defer srv.Close()
	design := "../../designs/chaine-tv-ip"

	code, _, stderr := runAvnet("nmos", "register", design, "--registry", srv.URL, "--once")
	if code != 2 || !strings.Contains(stderr, "--insecure") {
		t.Errorf("plain http without --insecure: exit %d, stderr %q", code, stderr)
	}
	code, stdout, stderr := runAvnet("nmos", "register", design, "--registry", srv.URL, "--insecure", "--once",
		"--manifest-base", "http://build.example/chaine-tv-ip/")
	if code != 0 || !strings.Contains(stdout, "registered ") {
		t.Fatalf("register: exit %d\n%s%s", code, stdout, stderr)
	}
	if v := reg.Violations(); len(v) > 0 {
		t.Errorf("the registry saw broken rules: %q", v)
	}
	if reg.Counts["post"] < 10 || reg.Len() != reg.Counts["post"] {
		t.Errorf("%d posts, %d resources", reg.Counts["post"], reg.Len())
	}
	// --duration: heartbeats, then unregistration.
	code, _, stderr = runAvnet("nmos", "register", design, "--registry", srv.URL, "--insecure", "--duration", "300ms", "--heartbeat", "100ms")
	if code != 0 || reg.Counts["heartbeat"] == 0 || reg.Len() != 0 {
		t.Errorf("register --duration: exit %d, %d heartbeats, %d resources left\n%s", code, reg.Counts["heartbeat"], reg.Len(), stderr)
	}
}
