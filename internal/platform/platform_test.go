package platform_test

import (
	"strings"
	"testing"

	"github.com/avnet/avnet/internal/platform"
	"github.com/avnet/avnet/internal/platform/all"
	"github.com/avnet/avnet/internal/secret"
)

func TestRegistry(t *testing.T) {
	r := all.Registry()
	want := map[string]string{"eos": "arista_eos", "nxos": "cisco_nxos", "iosxe": "cisco_iosxe", "linux": "avnet_linux_ovs_frr"}
	if got := strings.Join(r.Names(), " "); got != "eos iosxe linux nxos" {
		t.Errorf("Names() = %s", got)
	}
	for name, scrapli := range want {
		k, err := r.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		if k.ScrapliPlatform != scrapli || k.ConfigExt == "" || k.Render == nil {
			t.Errorf("%s: scrapli %q ext %q", name, k.ScrapliPlatform, k.ConfigExt)
		}
	}
	_, err := r.Lookup("junos")
	if err == nil || !strings.Contains(err.Error(), `"junos" is not supported`) || !strings.Contains(err.Error(), `"eos" "iosxe" "linux" "nxos"`) {
		t.Errorf("Lookup(junos) error = %v; want one listing the supported platforms", err)
	}
}

func TestDuplicateKind(t *testing.T) {
	r := platform.NewRegistry()
	all.Register(r)
	all.Register(r)
	if err := r.Err(); err == nil || !strings.Contains(err.Error(), `platform "eos" is already registered`) {
		t.Errorf("registering twice: Err() = %v", err)
	}
}

// Each platform stores the hash format its OS expects, and it verifies.
func TestHashFormats(t *testing.T) {
	r := all.Registry()
	for name, prefix := range map[string]string{"eos": "$6$", "nxos": "$5$", "iosxe": "$9$"} {
		k, _ := r.Lookup(name)
		h := k.HashPassword("correct horse", "sw-1", "admin")
		if !strings.HasPrefix(h, prefix) {
			t.Errorf("%s hash %s, want prefix %s", name, h, prefix)
		}
		if ok, err := secret.Verify("correct horse", h); !ok || err != nil {
			t.Errorf("%s hash does not verify: %v", name, err)
		}
		if h != k.HashPassword("correct horse", "sw-1", "admin") {
			t.Errorf("%s hash is not deterministic", name)
		}
		if h == k.HashPassword("correct horse", "sw-2", "admin") {
			t.Errorf("%s: two switches share a hash for the same password", name)
		}
	}
	if k, _ := r.Lookup("linux"); k.HashPassword != nil {
		t.Error("linux renders no account and should not hash")
	}
}

func TestHelpers(t *testing.T) {
	cases := map[string]string{
		platform.Netmask("10.0.0.1/24"):              "255.255.255.0",
		platform.Netmask("10.0.0.1/31"):              "255.255.255.254",
		platform.Wildcard("192.0.2.7/24"):            "0.0.0.255",
		platform.Network("192.0.2.7/24"):             "192.0.2.0",
		platform.ASCII("Azur Média — chaîne « TV »"): `Azur Media - chaine " TV "`,
		platform.JoinInts([]int{110, 210}, ","):      "110,210",
	}
	for got, want := range cases {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}
