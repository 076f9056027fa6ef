package netbox_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/netbox"
)

// Two designs with the same facility name (the same NetBox site): the
// second never changes, adds to or prunes the first's objects, and its
// plan says why.
func TestTwoDesignsSameFacility(t *testing.T) {
	fa, factsA := design(t, "lab-minimal")
	fb, _ := design(t, "lab-minimal")
	fb.Package = "copy-of-lab-minimal"
	if fa.Info.Name != fb.Info.Name {
		t.Fatal("the two designs must share the facility name")
	}
	// The copy lacks a device the first has, and changes a VLAN: a prune
	// or an update would touch the first design's objects.
	var gone string
	for n, d := range fb.Devices {
		if !d.IsSwitch() && gone == "" {
			gone = n
		}
	}
	for n, l := range fb.Links {
		if strings.HasPrefix(l.A, gone+":") || strings.HasPrefix(l.B, gone+":") {
			delete(fb.Links, n)
		}
	}
	delete(fb.Devices, gone)
	for _, v := range fb.VLANs {
		v.ID += 1000
		break
	}
	sa, sb := state(t, fa, factsA), state(t, fb, analysis.Analyze(fb))
	if sa.Owner == sb.Owner || !strings.HasPrefix(sa.Owner, netbox.DesignTagPrefix) {
		t.Fatalf("design tags %q and %q", sa.Owner, sb.Owner)
	}

	d := double(t, false)
	c := client(t, d, netbox.RetryPolicy{})
	sync_(t, c, sa, true)
	before := d.Dump()

	p := plan(t, c, sb, true)
	for _, ch := range p.Changes {
		if ch.Kind.SiteScoped || ch.Kind == netbox.KindSite || ch.Action == netbox.Delete {
			t.Errorf("the second design plans %s %s %s", ch.Action, ch.Type, ch.Key)
		}
	}
	other := 0
	for _, f := range p.Foreign {
		if strings.Contains(f.Reason, "belongs to another avnet design (tag "+sa.Owner+")") {
			other++
		}
	}
	if other == 0 {
		t.Errorf("no foreign object says it belongs to the other design: %+v", p.Foreign)
	}
	m := &mutations{}
	d.SetFault(m.hook)
	if _, err := netbox.Apply(context.Background(), c, p, nil); err != nil {
		t.Fatal(err)
	}
	for _, r := range m.list() {
		if !strings.HasPrefix(r, "POST /api/extras/tags/") && !strings.HasPrefix(r, "PATCH /api/extras/tags/") {
			t.Errorf("the second design sent %s", r)
		}
	}
	after := d.Dump()
	for k, v := range before {
		if k == "extras/tags" {
			continue
		}
		if !reflect.DeepEqual(after[k], v) {
			t.Errorf("the second design changed %s", k)
		}
	}

	// The first design, planned again with --prune, still finds its own
	// objects and nothing to do.
	if p := plan(t, c, sa, true); !p.Empty() {
		t.Errorf("the first design's plan after the second's apply:\n%s", describe(p))
	}
}
