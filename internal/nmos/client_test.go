package nmos_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/avnet/avnet/generators/gentest"
	gnmos "github.com/avnet/avnet/generators/nmos"
	"github.com/avnet/avnet/internal/nmos"
	"github.com/avnet/avnet/internal/nmos/regdouble"
	"github.com/avnet/avnet/internal/schemacheck"
)

func nmosDir(t *testing.T) string {
	t.Helper()
	dir := schemacheck.NMOSDir()
	if dir == "" {
		t.Skip("the AMWA NMOS schemas are not in ../shared/nmos beside the project (set AVNET_NMOS_SCHEMAS): skipped")
	}
	return dir
}

// requests are lab-minimal's generated IS-04 resources.
func requests(t *testing.T) []nmos.Request {
	t.Helper()
	f, facts, skip := gentest.Vetted(t, filepath.Join("..", "..", "designs", "lab-minimal"))
	if skip != "" {
		t.Skip(skip)
	}
	files := gentest.Generate(t, gnmos.Generator, f, facts, nil)
	var reqs []nmos.Request
	if err := json.Unmarshal(files[gnmos.IS04File], &reqs); err != nil {
		t.Fatal(err)
	}
	if len(reqs) == 0 {
		t.Fatal("no resources")
	}
	return reqs
}

func newRegistry(t *testing.T) (*regdouble.Registry, *nmos.Registrar) {
	reg := regdouble.New(nmosDir(t))
	srv := httptest.NewServer(reg)
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	return reg, nmos.NewRegistrar(u)
}

// Every resource registers, each request valid against IS-04 v1.3.2 and
// its parents registered before it.
func TestRegister(t *testing.T) {
	reqs := requests(t)
	reg, r := newRegistry(t)
	if err := r.Register(context.Background(), reqs); err != nil {
		t.Fatal(err)
	}
	if v := reg.Violations(); len(v) > 0 {
		t.Fatalf("the registry saw broken rules: %q", v)
	}
	if reg.Len() != len(reqs) {
		t.Errorf("%d resources registered, want %d", reg.Len(), len(reqs))
	}
	// Registering again updates every resource with a greater version.
	id := reqs[0].Data["id"].(string)
	before := reg.Version(id)
	if err := r.Register(context.Background(), reqs); err != nil {
		t.Fatal(err)
	}
	if after := reg.Version(id); after == before || len(reg.Violations()) > 0 {
		t.Errorf("version %s then %s, violations %q", before, after, reg.Violations())
	}
}

// The double enforces the rules the schemas cannot express.
func TestDoubleRules(t *testing.T) {
	reqs := requests(t)
	reg, r := newRegistry(t)
	var sender nmos.Request
	for _, q := range reqs {
		if q.Type == "sender" {
			sender = q
			break
		}
	}
	// A sender whose flow (and device) is not registered.
	if err := r.Register(context.Background(), []nmos.Request{sender}); err == nil || len(reg.Violations()) == 0 {
		t.Errorf("a sender with no registered flow was accepted (err %v)", err)
	}
	// A version that does not increase.
	reg2, _ := newRegistry(t)
	srv := httptest.NewServer(reg2)
	defer srv.Close()
	node, _ := json.Marshal(reqs[0])
	for i, want := range []int{201, 400} {
		resp, err := http.Post(srv.URL+regdouble.Base+"resource", "application/json", strings.NewReader(string(node)))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("post %d of the same version: %d, want %d", i+1, resp.StatusCode, want)
		}
	}
	// An invalid body.
	resp, err := http.Post(srv.URL+regdouble.Base+"resource", "application/json", strings.NewReader(`{"type":"node","data":{}}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 400 {
		t.Errorf("an invalid node got %d", resp.StatusCode)
	}
}

// Heartbeats keep the resources alive past the registry's TTL; when the
// registry drops a node anyway, the next heartbeat's 404 registers
// everything again; stopping unregisters.
func TestHeartbeats(t *testing.T) {
	reqs := requests(t)
	reg, r := newRegistry(t)
	reg.TTL = 400 * time.Millisecond
	nodeID := reqs[0].Data["id"].(string)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx, reqs, 50*time.Millisecond, 0) }()
	waitFor(t, func() bool { return reg.Len() == len(reqs) })
	time.Sleep(3 * reg.TTL)
	if reg.Len() != len(reqs) {
		t.Errorf("after 3 TTLs with heartbeats, %d of %d resources remain", reg.Len(), len(reqs))
	}
	posts := reg.Counts["post"]
	reg.Expire(nodeID)
	waitFor(t, func() bool { return reg.Has(nodeID) && reg.Len() == len(reqs) })
	if reg.Counts["post"] <= posts {
		t.Error("the node came back without a new registration")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if reg.Len() != 0 {
		t.Errorf("%d resources left after stopping", reg.Len())
	}
	if v := reg.Violations(); len(v) > 0 {
		t.Errorf("violations: %q", v)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 10 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Connect PATCHes the staged request, valid against IS-05 v1.1.2, to
// the receiver's staged endpoint.
func TestConnect(t *testing.T) {
	dir := nmosDir(t)
	f, facts, skip := gentest.Vetted(t, filepath.Join("..", "..", "designs", "lab-minimal"))
	if skip != "" {
		t.Skip(skip)
	}
	res, err := gnmos.Build(f, facts)
	if err != nil {
		t.Fatal(err)
	}
	st := res.Staged[0]
	body, _ := json.Marshal(st.Body)
	set := schemacheck.NewSet()
	schema := filepath.Join(dir, "is-05", "APIs", "schemas", "receiver-stage-schema.json")
	var gotPath string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		gotPath = req.Method + " " + req.URL.Path
		b, _ := io.ReadAll(req.Body)
		if err := set.ValidateJSON(schema, b); err != nil {
			w.WriteHeader(400)
			return
		}
		w.Write(b)
	}))
	defer srv.Close()
	u, _ := url.Parse(srv.URL + "/x-nmos/connection/v1.1/single/receivers/" + st.ReceiverID + "/")
	if _, err := nmos.Connect(context.Background(), srv.Client(), u, body); err != nil {
		t.Fatal(err)
	}
	if want := "PATCH /x-nmos/connection/v1.1/single/receivers/" + st.ReceiverID + "/staged"; gotPath != want {
		t.Errorf("got %s, want %s", gotPath, want)
	}
	if _, err := nmos.Connect(context.Background(), srv.Client(), u, []byte(`{"master_enable": "yes"}`)); err == nil {
		t.Error("an invalid request was accepted")
	}
}

func TestCheckURL(t *testing.T) {
	for _, tc := range []struct {
		url      string
		insecure bool
		ok       bool
	}{
		{"https://reg.example:8010", false, true},
		{"http://reg.example", false, false},
		{"http://reg.example", true, true},
		{"ftp://reg.example", true, false},
		{"reg.example", true, false},
	} {
		if _, err := nmos.CheckURL(tc.url, tc.insecure); (err == nil) != tc.ok {
			t.Errorf("CheckURL(%q, %v) = %v", tc.url, tc.insecure, err)
		}
	}
}
