package netbox_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/avnet/avnet/internal/netbox"
	"github.com/avnet/avnet/internal/netbox/nbdouble"
)

// once returns a fault hook that faults the first n requests matching.
func once(n int, match func(r *http.Request, body []byte) bool, f nbdouble.Fault) func(*http.Request, []byte) *nbdouble.Fault {
	var mu sync.Mutex
	left := n
	return func(r *http.Request, body []byte) *nbdouble.Fault {
		mu.Lock()
		defer mu.Unlock()
		if left != 0 && match(r, body) {
			left--
			return &f
		}
		return nil
	}
}

func postTo(endpoint string, contains string) func(r *http.Request, body []byte) bool {
	return func(r *http.Request, body []byte) bool {
		return r.Method == http.MethodPost && r.URL.Path == "/api/"+endpoint+"/" && strings.Contains(string(body), contains)
	}
}

// converge checks that a clean plan and apply finish the work and that
// NetBox then matches the design without duplicates.
func converge(t *testing.T, c netbox.API, d *nbdouble.Server, s *netbox.State) {
	t.Helper()
	d.SetFault(nil)
	sync_(t, c, s, false)
	if p := plan(t, c, s, false); !p.Empty() {
		t.Errorf("after the rerun, plan has changes:\n%s", describe(p))
	}
	want := s.Count()
	for _, k := range netbox.Kinds {
		if k == netbox.KindInterface {
			continue // devices get every port of their type
		}
		if got := d.Count(k.Endpoint); got != want[k] {
			t.Errorf("%s: %d objects, want %d", k.Endpoint, got, want[k])
		}
	}
}

// Test429ThenSuccess: NetBox refuses for load with Retry-After; avnet
// waits that long and tries again.
func Test429ThenSuccess(t *testing.T) {
	f, facts := design(t, "lab-minimal")
	s := state(t, f, facts)
	d := double(t, false)
	w := &waits{}
	c := client(t, d, netbox.RetryPolicy{Sleep: w.sleep})
	d.SetFault(once(2, postTo("dcim/devices", `"sw-2"`), nbdouble.Fault{Status: http.StatusTooManyRequests, RetryAfter: "3"}))
	sync_(t, c, s, false)
	if len(w.d) != 2 || w.d[0] != 3*time.Second || w.d[1] != 3*time.Second {
		t.Errorf("waits %v, want the Retry-After (3s) twice", w.d)
	}
	if st := c.Stats(); st.Retries != 2 {
		t.Errorf("stats %+v, want 2 retries", st)
	}
	converge(t, c, d, s)
}

// Test500OnOneObject: an object NetBox keeps failing on stops apply after
// the allowed tries, with a report of what was done and what was not;
// a rerun finishes.
func Test500OnOneObject(t *testing.T) {
	f, facts := design(t, "lab-minimal")
	s := state(t, f, facts)
	d := double(t, false)
	w := &waits{}
	c := client(t, d, netbox.RetryPolicy{Attempts: 3, Base: 100 * time.Millisecond, Sleep: w.sleep})
	d.SetFault(once(-1, postTo("ipam/ip-addresses", `"10.110.0.251/24"`), nbdouble.Fault{Status: http.StatusInternalServerError}))
	ctx := context.Background()
	p := plan(t, c, s, false)
	rep, err := netbox.Apply(ctx, c, p, nil)
	var ae *netbox.APIError
	if !errors.As(err, &ae) || ae.Status != 500 || ae.Tries != 3 {
		t.Fatalf("apply error %v, want a 500 after 3 tries", err)
	}
	if rep.Failed == nil || rep.Failed.Type != "ipam.ipaddress" || rep.Failed.Key != "10.110.0.251" {
		t.Fatalf("failed change %+v, want the address 10.110.0.251", rep.Failed)
	}
	if len(w.d) != 2 || w.d[0] != 100*time.Millisecond || w.d[1] != 200*time.Millisecond {
		t.Errorf("waits %v, want 100ms then 200ms (exponential backoff)", w.d)
	}
	if len(rep.Done)+1+len(rep.NotDone) != len(p.Changes) {
		t.Errorf("done %d + failed 1 + not done %d != %d changes", len(rep.Done), len(rep.NotDone), len(p.Changes))
	}
	for _, ch := range rep.Done {
		if ch.Type == "dcim.cable" {
			t.Errorf("%s was done after the failure", ch.Describe())
		}
	}
	if calls := d.Calls()["POST dcim/cables"]; calls != 0 {
		t.Errorf("%d cables were sent after the failure", calls)
	}
	sum := rep.Summary(len(p.Changes))
	for _, want := range []string{"Apply stopped at + ipam.ipaddress 10.110.0.251", "500 Internal Server Error after 3 tries", "Done: ", "Not done: the failed change and", "Run apply again"} {
		if !strings.Contains(sum, want) {
			t.Errorf("report does not say %q:\n%s", want, sum)
		}
	}
	if strings.Contains(sum, d.Token()) {
		t.Errorf("the report shows the token")
	}
	t.Logf("report:\n%s", sum)
	converge(t, c, d, s)
}

// TestTimeouts: a list that gets no answer in time is tried again; a
// create whose answer is lost is looked up by natural key, not sent twice.
func TestTimeouts(t *testing.T) {
	f, facts := design(t, "lab-minimal")
	s := state(t, f, facts)
	d := double(t, false)
	w := &waits{}
	c := client(t, d, netbox.RetryPolicy{PerTry: 150 * time.Millisecond, Sleep: w.sleep})
	slowList := once(1, func(r *http.Request, _ []byte) bool {
		return r.Method == http.MethodGet && r.URL.Path == "/api/dcim/manufacturers/"
	}, nbdouble.Fault{Delay: 500 * time.Millisecond})
	lostAnswer := once(1, postTo("dcim/devices", `"sw-1"`), nbdouble.Fault{Delay: 500 * time.Millisecond, AfterHandling: true})
	d.SetFault(func(r *http.Request, b []byte) *nbdouble.Fault {
		if f := slowList(r, b); f != nil {
			return f
		}
		return lostAnswer(r, b)
	})
	sync_(t, c, s, false)
	if st := c.Stats(); st.Retries != 1 {
		t.Errorf("stats %+v, want one retry (the list)", st)
	}
	time.Sleep(600 * time.Millisecond) // let the late answer go
	n := 0
	for _, o := range d.Objects("dcim/devices") {
		if o["name"] == "sw-1" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d devices sw-1, want 1", n)
	}
	converge(t, c, d, s)
}

// TestWrongToken: NetBox refuses the token; the error does not show it.
func TestWrongToken(t *testing.T) {
	f, facts := design(t, "lab-minimal")
	d := double(t, false)
	c, err := netbox.NewClient(d.URL, "wrong-secret-token", netbox.ClientOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = netbox.ComputePlan(context.Background(), c, state(t, f, facts), netbox.PlanOptions{})
	if err == nil || !strings.Contains(err.Error(), "403") || strings.Contains(err.Error(), "wrong-secret-token") {
		t.Errorf("error %v, want a 403 that does not show the token", err)
	}
	if _, err := netbox.NewClient(d.URL, "", netbox.ClientOptions{}); err == nil || !strings.Contains(err.Error(), "NETBOX_TOKEN") {
		t.Errorf("no token: error %v, want one naming NETBOX_TOKEN", err)
	}
}
