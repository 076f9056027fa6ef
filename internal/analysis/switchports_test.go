package analysis_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/avnet/avnet/internal/analysis"
)

type portView struct {
	Mode, Access string
	Allowed      []string
	MTU          int
	Edge, PTP    bool
	Desc         string
}

func planOf(t *testing.T, facts *analysis.Facts, dev string) map[string]portView {
	t.Helper()
	p := facts.SwitchPlan(dev)
	if p == nil {
		t.Fatalf("no plan for %s", dev)
	}
	out := map[string]portView{}
	for _, sp := range p.Ports {
		if sp.Link == nil {
			continue
		}
		out[sp.Name] = portView{sp.Mode, sp.AccessVLAN, sp.Allowed, sp.MTU, sp.Edge, sp.PTP, sp.Description()}
	}
	return out
}

// The trunk carries only what both sides need: media (receivers behind
// it) and other (rx-other behind it), not mgmt; edge ports are access
// ports in their endpoint's VLAN, with the VLAN's MTU.
func TestSwitchPlan(t *testing.T) {
	facts := loadTwoSwitch(t)
	got := planOf(t, facts, "sw-1")
	want := map[string]portView{
		"swp1":  {"access", "media", nil, 9000, true, true, "C-1 cam:m"},
		"swp2":  {"access", "media", nil, 9000, true, true, "C-2 rx-local:m"},
		"swp17": {"access", "media", nil, 9000, true, true, "C-6 gm-1:p"},
		"swp19": {"trunk", "", []string{"media"}, 9000, false, true, "T-1 sw-2:swp19"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sw-1 plan (-want +got):\n%s", diff)
	}
	// other (VLAN 120) has a member on sw-2 only: the trunk need not carry it.
	plan := facts.SwitchPlan("sw-1")
	if len(plan.Ports) != 18+4 {
		t.Errorf("sw-1 has %d ports in its plan, want the SN2010's 22", len(plan.Ports))
	}
	if plan.Ports[0].Name != "swp1" || plan.Ports[1].Name != "swp2" || plan.Ports[9].Name != "swp10" {
		t.Errorf("ports are not in natural order: %s %s %s", plan.Ports[0].Name, plan.Ports[1].Name, plan.Ports[9].Name)
	}
	if facts.SwitchPlan("cam") != nil {
		t.Error("an endpoint has a switch plan")
	}
}

func TestNaturalLess(t *testing.T) {
	for _, c := range [][2]string{{"Ethernet2", "Ethernet10"}, {"Ethernet1/2", "Ethernet1/10"}, {"Ethernet9", "Ethernet49/1"}, {"swp1", "swp19"}} {
		if !analysis.NaturalLess(c[0], c[1]) || analysis.NaturalLess(c[1], c[0]) {
			t.Errorf("NaturalLess(%s, %s) wrong", c[0], c[1])
		}
	}
}
