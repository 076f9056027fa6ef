package deploy

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFRRDelta: the vtysh commands between two normalised FRR
// configurations, and the configurations it leaves to frr-reload.py.
func TestFRRDelta(t *testing.T) {
	const base = "hostname sw-1\nlog syslog informational\ninterface vlan10\n description media\n ip address 10.10.0.1/24\n ip igmp\ninterface vlan20\n ip address 10.20.0.1/24\nip route 10.99.0.0/24 10.10.0.254\n"
	for _, tc := range []struct {
		name, running, intended, want string
		ok                            bool
	}{
		{"same", base, base, "", true},
		{"bare switch", "hostname sw-1\n", base,
			"log syslog informational\ninterface vlan10\n description media\n ip address 10.10.0.1/24\n ip igmp\nexit\ninterface vlan20\n ip address 10.20.0.1/24\nexit\nip route 10.99.0.0/24 10.10.0.254\n", true},
		{"address and description change", base,
			"hostname sw-1\nlog syslog informational\ninterface vlan10\n description media-red\n ip address 10.10.1.1/24\n ip igmp\ninterface vlan20\n ip address 10.20.0.1/24\nip route 10.99.0.0/24 10.10.0.254\n",
			// description takes no argument in its "no" form
			"interface vlan10\n no description\n no ip address 10.10.0.1/24\nexit\ninterface vlan10\n description media-red\n ip address 10.10.1.1/24\nexit\n", true},
		{"interface and route removed", base,
			"hostname sw-1\nlog syslog informational\ninterface vlan10\n description media\n ip address 10.10.0.1/24\n ip igmp\n",
			// an interface that still exists cannot be deleted: emptied instead
			"interface vlan20\n no ip address 10.20.0.1/24\nexit\nno ip route 10.99.0.0/24 10.10.0.254\n", true},
		{"negated line", "interface swp1\n shutdown\n", "interface swp1\n",
			"interface swp1\n no shutdown\nexit\n", true},
		{"no-form removed", "interface swp1\n no ip igmp\n", "", "interface swp1\n ip igmp\nexit\n", true},
		{"empty interface block", "interface swp1\n", "", "", true},
		{"address family", base, "router bgp 65000\n address-family ipv4 unicast\n  network 10.0.0.0/8\n exit-address-family\n", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := frrDelta(tc.running, tc.intended)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("delta (-want +got):\n%s", d)
			}
		})
	}
}
