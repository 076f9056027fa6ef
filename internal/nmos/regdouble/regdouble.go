// Package regdouble is an in-process AMWA IS-04 Registration API (v1.3)
// for tests: it validates every request body against the published
// schemas (registrationapi-resource-post-request.json of IS-04 v1.3.2,
// read from ../shared/nmos) and enforces what the schemas cannot say:
// a resource's parent (node_id, device_id, source_id, a sender's flow_id)
// is registered; a resource's version increases on every update; a node
// without a heartbeat for TTL expires with its children, and its next
// heartbeat gets 404. A broken rule is a 4xx answer and a Violation.
package regdouble

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/avnet/avnet/internal/schemacheck"
)

// Base is the API's path.
const Base = "/x-nmos/registration/v1.3/"

// Registry is the double's state; use it as an http.Handler.
type Registry struct {
	schema string
	set    *schemacheck.Set
	TTL    time.Duration
	Now    func() time.Time

	mu         sync.Mutex
	res        map[string]*resource // by id
	heartbeat  map[string]time.Time // node id -> last
	violations []string
	// Counts of requests by kind ("post", "heartbeat", "delete").
	Counts map[string]int
}

type resource struct {
	typ, version, parent string
	data                 map[string]any
}

// New returns a registry validating against the IS-04 schemas in
// nmosDir (../shared/nmos).
func New(nmosDir string) *Registry {
	return &Registry{
		schema: filepath.Join(nmosDir, "is-04", "APIs", "schemas", "registrationapi-resource-post-request.json"),
		set:    schemacheck.NewSet(), TTL: 12 * time.Second, Now: time.Now,
		res: map[string]*resource{}, heartbeat: map[string]time.Time{}, Counts: map[string]int{},
	}
}

// Violations are the broken rules seen so far.
func (r *Registry) Violations() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.violations...)
}

// Has reports whether id is registered (and not expired).
func (r *Registry) Has(id string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.expire()
	return r.res[id] != nil
}

// Len is the number of registered resources.
func (r *Registry) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.expire()
	return len(r.res)
}

// Version is the registered version of id.
func (r *Registry) Version(id string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if x := r.res[id]; x != nil {
		return x.version
	}
	return ""
}

func (r *Registry) fail(w http.ResponseWriter, code int, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	r.violations = append(r.violations, msg)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(map[string]any{"code": code, "error": msg, "debug": nil})
}

var parentField = map[string][]string{
	"device": {"node_id"}, "source": {"device_id"}, "flow": {"device_id", "source_id"},
	"sender": {"device_id", "flow_id"}, "receiver": {"device_id"},
}

// ServeHTTP implements the Registration API's resource, health and
// delete endpoints.
func (r *Registry) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.expire()
	path := strings.TrimPrefix(req.URL.Path, Base)
	if path == req.URL.Path {
		r.fail(w, http.StatusNotFound, "%s is not under %s", req.URL.Path, Base)
		return
	}
	switch {
	case req.Method == http.MethodPost && path == "resource":
		r.Counts["post"]++
		r.post(w, req)
	case req.Method == http.MethodPost && strings.HasPrefix(path, "health/nodes/"):
		r.Counts["heartbeat"]++
		id := strings.TrimPrefix(path, "health/nodes/")
		if r.res[id] == nil || r.res[id].typ != "node" {
			w.WriteHeader(http.StatusNotFound)
			_ = json.NewEncoder(w).Encode(map[string]any{"code": 404, "error": "node not registered", "debug": nil})
			return
		}
		r.heartbeat[id] = r.Now()
		_ = json.NewEncoder(w).Encode(map[string]string{"health": strconv.FormatInt(r.Now().Unix(), 10)})
	case req.Method == http.MethodDelete && strings.HasPrefix(path, "resource/"):
		r.Counts["delete"]++
		parts := strings.Split(strings.TrimPrefix(path, "resource/"), "/")
		if len(parts) != 2 || r.res[parts[1]] == nil || r.res[parts[1]].typ+"s" != parts[0] {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		r.remove(parts[1])
		w.WriteHeader(http.StatusNoContent)
	default:
		r.fail(w, http.StatusMethodNotAllowed, "%s %s is not an endpoint of the double", req.Method, req.URL.Path)
	}
}

func (r *Registry) post(w http.ResponseWriter, req *http.Request) {
	if ct := req.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		r.fail(w, http.StatusBadRequest, "Content-Type %q, want application/json", ct)
		return
	}
	body, err := io.ReadAll(io.LimitReader(req.Body, 1<<20))
	if err != nil {
		r.fail(w, http.StatusBadRequest, "read body: %v", err)
		return
	}
	if err := r.set.ValidateJSON(r.schema, body); err != nil {
		r.fail(w, http.StatusBadRequest, "the request does not validate against IS-04 v1.3.2: %v", err)
		return
	}
	var q struct {
		Type string         `json:"type"`
		Data map[string]any `json:"data"`
	}
	if err := json.Unmarshal(body, &q); err != nil {
		r.fail(w, http.StatusBadRequest, "%v", err)
		return
	}
	id, _ := q.Data["id"].(string)
	version, _ := q.Data["version"].(string)
	parent := ""
	for _, field := range parentField[q.Type] {
		ref, _ := q.Data[field].(string)
		if ref == "" && field == "flow_id" {
			continue // a sender with no flow routed to it
		}
		want := strings.TrimSuffix(field, "_id")
		if x := r.res[ref]; x == nil || x.typ != want {
			r.fail(w, http.StatusBadRequest, "%s %s: %s %q is not a registered %s", q.Type, id, field, ref, want)
			return
		}
		if parent == "" {
			parent = ref
		}
	}
	code := http.StatusCreated
	if old := r.res[id]; old != nil {
		if old.typ != q.Type {
			r.fail(w, http.StatusConflict, "%s %s: the id is registered as a %s", q.Type, id, old.typ)
			return
		}
		if !versionLess(old.version, version) {
			r.fail(w, http.StatusBadRequest, "%s %s: version %s does not increase on %s", q.Type, id, version, old.version)
			return
		}
		code = http.StatusOK
	}
	r.res[id] = &resource{typ: q.Type, version: version, parent: parent, data: q.Data}
	if q.Type == "node" {
		r.heartbeat[id] = r.Now()
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Location", Base+"resource/"+q.Type+"s/"+id)
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(q.Data)
}

// expire drops the nodes whose last heartbeat is older than TTL, with
// their children (IS-04 §4.1: the registry garbage-collects them).
func (r *Registry) expire() {
	now := r.Now()
	for id, t := range r.heartbeat {
		if now.Sub(t) > r.TTL {
			r.remove(id)
		}
	}
}

// Expire makes node id expire now, as if its heartbeats had stopped.
func (r *Registry) Expire(id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.remove(id)
}

func (r *Registry) remove(id string) {
	delete(r.res, id)
	delete(r.heartbeat, id)
	for cid, c := range r.res {
		if c.parent == id {
			r.remove(cid)
		}
	}
}

// versionLess compares IS-04 versions "<seconds>:<nanoseconds>".
func versionLess(a, b string) bool {
	as, an := splitVersion(a)
	bs, bn := splitVersion(b)
	return as < bs || as == bs && an < bn
}

func splitVersion(v string) (int64, int64) {
	s, n, _ := strings.Cut(v, ":")
	si, _ := strconv.ParseInt(s, 10, 64)
	ni, _ := strconv.ParseInt(n, 10, 64)
	return si, ni
}
