package unknownport_test

import (
	"testing"

	"github.com/avnet/avnet/internal/rules/ruletest"
	"github.com/avnet/avnet/internal/rules/unknownport"
)

func Test(t *testing.T) { ruletest.Run(t, "testdata", unknownport.Rule) }

func TestSummarize(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{[]string{"swp1", "swp2", "swp3", "eth0"}, "eth0, swp1–swp3"},
		{[]string{"Ethernet1/1", "Ethernet1/2", "Ethernet1/3", "mgmt0"}, "Ethernet1/1–Ethernet1/3, mgmt0"},
		{[]string{"Ethernet1", "Ethernet2", "Ethernet49/1", "Ethernet50/1", "Management1"}, "Ethernet1–Ethernet2, Ethernet49/1–Ethernet50/1, Management1"},
		{[]string{"wan1", "wan2", "dmz", "x1", "x2"}, "wan1–wan2, x1–x2, dmz"},
		{[]string{"port1", "port2", "port5"}, "port1–port2, port5"},
	} {
		if got := unknownport.Summarize(tc.in); got != tc.want {
			t.Errorf("Summarize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
