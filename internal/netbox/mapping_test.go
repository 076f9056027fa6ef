package netbox_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/avnet/avnet/internal/netbox"
	"github.com/avnet/avnet/internal/netbox/nbdouble"
)

var (
	speeds  = []string{"100M", "1G", "2.5G", "5G", "10G", "25G", "40G", "50G", "100G", "200G", "400G"}
	media   = []string{"rj45", "sfp", "sfp+", "sfp28", "qsfp+", "qsfp28", "qsfp56", "qsfpdd", "virtual"}
	mediums = []string{"cat5e", "cat6", "cat6a", "dac", "aoc", "mmf", "smf", "wan", "virtual"}
)

func enum(t *testing.T, schema, prop string) map[string]bool {
	t.Helper()
	spec, err := nbdouble.LoadSpec()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, v := range spec.Doc.Components.Schemas[schema].Value.Properties[prop].Value.Enum {
		out[fmt.Sprint(v)] = true
	}
	return out
}

// TestTypesAreNetBoxEnums: every interface and cable type avnet writes is
// one of NetBox's choices.
func TestTypesAreNetBoxEnums(t *testing.T) {
	ifTypes := enum(t, "WritableInterfaceRequest", "type")
	for _, s := range speeds {
		for _, m := range media {
			if got := netbox.InterfaceType(s, m); !ifTypes[got] {
				t.Errorf("InterfaceType(%s, %s) = %q is not a NetBox interface type", s, m, got)
			}
		}
		for _, m := range mediums {
			if got := netbox.LinkInterfaceType(s, m); !ifTypes[got] {
				t.Errorf("LinkInterfaceType(%s, %s) = %q is not a NetBox interface type", s, m, got)
			}
		}
	}
	cableTypes := enum(t, "WritableCableRequest", "type")
	for _, m := range mediums {
		if got := netbox.CableType(m); !cableTypes[got] {
			t.Errorf("CableType(%s) = %q is not a NetBox cable type", m, got)
		}
	}
	for in, want := range map[[2]string]string{
		{"25G", "sfp28"}: "25gbase-x-sfp28", {"100G", "qsfp28"}: "100gbase-x-qsfp28", {"10G", "sfp+"}: "10gbase-x-sfpp",
		{"1G", "rj45"}: "1000base-t", {"10G", "rj45"}: "10gbase-t", {"1G", "sfp"}: "1000base-x-sfp",
	} {
		if got := netbox.InterfaceType(in[0], in[1]); got != want {
			t.Errorf("InterfaceType(%s, %s) = %q, want %q", in[0], in[1], got, want)
		}
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Azur Média — chaîne TV et radio filmée sur IP": "azur-media-chaine-tv-et-radio-filmee-sur-ip",
		"1er étage": "1er-etage",
		"  RDC ":    "rdc",
	} {
		if got := netbox.Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkSyncFlagship syncs the flagship into an empty double (the
// OpenAPI document is loaded once, before the clock starts).
func BenchmarkSyncFlagship(b *testing.B) {
	f, facts := design(b, flagship)
	s := state(b, f, facts)
	if _, err := nbdouble.LoadSpec(); err != nil {
		b.Fatal(err)
	}
	var requests int64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		d, err := nbdouble.New(nbdouble.Options{Token: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		c, _ := netbox.NewClient(d.URL, "bench", netbox.ClientOptions{})
		b.StartTimer()
		p, err := netbox.ComputePlan(context.Background(), c, s, netbox.PlanOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := netbox.Apply(context.Background(), c, p, nil); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		requests = c.Stats().Requests
		if len(d.Problems()) > 0 {
			b.Fatal(d.Problems()[0])
		}
		d.Close()
	}
	b.ReportMetric(float64(requests), "requests/op")
}
