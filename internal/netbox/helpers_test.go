package netbox_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/netbox"
	"github.com/avnet/avnet/internal/netbox/nbdouble"
	"github.com/avnet/avnet/internal/vet"
)

const flagship = "chaine-tv-ip"

// design loads designs/<name> afresh (tests may change the model), the
// way `avnet build` does: a design that does not vet is a test failure.
func design(t testing.TB, name string) (*model.Facility, *analysis.Facts) {
	t.Helper()
	out, err := vet.Design(filepath.Join("..", "..", "designs", name))
	if err != nil {
		t.Fatal(err)
	}
	if out.Facility == nil || out.HasErrors() {
		var b strings.Builder
		diag.PrintText(&b, out.Diagnostics, diag.TextOptions{})
		t.Fatalf("designs/%s does not vet:\n%s", name, b.String())
	}
	return out.Facility, out.Facts
}

// state computes the desired state of a design.
func state(t testing.TB, f *model.Facility, facts *analysis.Facts) *netbox.State {
	t.Helper()
	s, err := netbox.Desired(f, facts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// double starts a contract double; the test fails if the OpenAPI document
// refused any request or answer.
func double(t testing.TB, real bool) *nbdouble.Server {
	t.Helper()
	d, err := nbdouble.New(nbdouble.Options{Token: "0123456789abcdef0123456789abcdef01234567", RealShapes: real})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		d.Close()
		for _, p := range d.Problems() {
			t.Errorf("contract: %s", p)
		}
	})
	return d
}

// waits makes retries instant and records how long they would wait.
type waits struct {
	mu sync.Mutex
	d  []time.Duration
}

func (w *waits) sleep(ctx context.Context, d time.Duration) error {
	w.mu.Lock()
	w.d = append(w.d, d)
	w.mu.Unlock()
	return ctx.Err()
}

func client(t testing.TB, d *nbdouble.Server, p netbox.RetryPolicy) *netbox.Client {
	t.Helper()
	c, err := netbox.NewClient(d.URL, d.Token(), netbox.ClientOptions{Retry: p})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// sync plans and applies, failing the test on an error.
func sync_(t testing.TB, c netbox.API, s *netbox.State, prune bool) (*netbox.Plan, *netbox.Report) {
	t.Helper()
	ctx := context.Background()
	p, err := netbox.ComputePlan(ctx, c, s, netbox.PlanOptions{Prune: prune})
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	rep, err := netbox.Apply(ctx, c, p, nil)
	if err != nil {
		t.Fatalf("apply: %v", err)
	}
	return p, rep
}

func plan(t testing.TB, c netbox.API, s *netbox.State, prune bool) *netbox.Plan {
	t.Helper()
	p, err := netbox.ComputePlan(context.Background(), c, s, netbox.PlanOptions{Prune: prune})
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	return p
}

func describe(p *netbox.Plan) string {
	var b strings.Builder
	for i, c := range p.Changes {
		if i == 20 {
			fmt.Fprintf(&b, "  … %d more\n", len(p.Changes)-20)
			break
		}
		fmt.Fprintf(&b, "  %s %s %s", c.Action, c.Type, c.Key)
		for _, f := range c.Fields {
			fmt.Fprintf(&b, " [%s: %s → %s]", f.Field, f.Old, f.New)
		}
		b.WriteString("\n")
	}
	return b.String()
}
