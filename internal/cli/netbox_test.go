package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/avnet/avnet/internal/netbox/nbdouble"
)

// runAvnet runs the command line in-process and returns its exit status.
func runAvnet(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	opts := &Options{Stdout: &out, Stderr: &errb}
	root := rootCmd(opts)
	root.SetArgs(args)
	return execute(root, opts), out.String(), errb.String()
}

// TestNetboxPlanApply drives `avnet netbox plan` and `apply` against the
// contract double: plan shows changes (exit 2 with --detailed-exitcode),
// apply makes them with a line per object, and a second plan is empty.
func TestNetboxPlanApply(t *testing.T) {
	const token = "cli-test-token-0123456789"
	d, err := nbdouble.New(nbdouble.Options{Token: token})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	design := "../../designs/lab-minimal"

	t.Setenv("NETBOX_TOKEN", "")
	code, _, stderr := runAvnet("netbox", "plan", design, "--url", d.URL)
	if code != 1 || !strings.Contains(stderr, "NETBOX_TOKEN") {
		t.Errorf("without a token: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runAvnet("netbox", "plan", design)
	if code != 2 || !strings.Contains(stderr, "--url") {
		t.Errorf("without a URL: exit %d, stderr %q", code, stderr)
	}

	t.Setenv("NETBOX_TOKEN", token)
	code, stdout, stderr := runAvnet("netbox", "plan", design, "--url", d.URL, "--detailed-exitcode")
	if code != 2 || !strings.Contains(stdout, "+ dcim.device sw-1") || !strings.Contains(stdout, "Plan: ") {
		t.Errorf("plan: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = runAvnet("netbox", "apply", design, "--url", d.URL)
	if code != 0 || !strings.Contains(stdout, "Apply complete: ") || !strings.Contains(stderr, "+ dcim.device sw-1 (#10): ok") {
		t.Errorf("apply: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ = runAvnet("netbox", "plan", design, "--url", d.URL, "--detailed-exitcode", "--prune")
	if code != 0 || !strings.Contains(stdout, "No changes") {
		t.Errorf("second plan: exit %d\n%s", code, stdout)
	}
	code, stdout, _ = runAvnet("netbox", "plan", design, "--url", d.URL, "--json")
	if code != 0 || !strings.Contains(stdout, `"changes": []`) && !strings.Contains(stdout, `"changes": null`) {
		t.Errorf("plan --json: exit %d\n%s", code, stdout)
	}
	for _, p := range d.Problems() {
		t.Errorf("contract: %s", p)
	}
	if strings.Contains(stdout+stderr, token) {
		t.Errorf("the token was printed")
	}
}
