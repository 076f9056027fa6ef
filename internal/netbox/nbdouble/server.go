package nbdouble

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// Options configure a double.
type Options struct {
	// Token is the API token the double accepts ("Token <token>").
	Token string
	// RealShapes makes the answers look like real NetBox 4.3 where it
	// differs from its OpenAPI document (see quirks.go); the answers are
	// checked against the document before the rewrite.
	RealShapes bool
}

// Fault is what a fault hook makes the double do instead of (or before)
// answering a request.
type Fault struct {
	// Status answers with this status and a NetBox-like error body,
	// without touching the store.
	Status int
	// RetryAfter is sent as the Retry-After header with Status.
	RetryAfter string
	// Delay waits before answering (before handling, or after it with
	// AfterHandling: the request is carried out but its answer is late).
	Delay         time.Duration
	AfterHandling bool
}

// Server is a running double.
type Server struct {
	URL string

	spec *Spec
	opts Options
	srv  *httptest.Server

	mu       sync.Mutex
	res      map[string]*resource
	fault    func(r *http.Request, body []byte) *Fault
	calls    map[string]int
	problems []string
	// memo holds the objects rendered for the current answer; cables
	// indexes cable ends by interface (nil after a write).
	memo   map[memoKey]map[string]any
	cables map[int][2]int
}

type memoKey struct {
	endpoint string
	id       int
	schema   *openapi3.SchemaRef
}

// New starts a double on the loopback interface.
func New(o Options) (*Server, error) {
	sp, err := LoadSpec()
	if err != nil {
		return nil, err
	}
	if o.Token == "" {
		o.Token = "double-token"
	}
	s := &Server{spec: sp, opts: o, res: newResources(), calls: map[string]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	return s, nil
}

// Close stops the double.
func (s *Server) Close() { s.srv.Close() }

// Token is the token the double accepts.
func (s *Server) Token() string { return s.opts.Token }

// SetFault installs a hook called on every request; a non-nil Fault
// changes how the double answers it.
func (s *Server) SetFault(f func(r *http.Request, body []byte) *Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fault = f
}

// Calls returns how many requests the double received, per "METHOD endpoint".
func (s *Server) Calls() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	for k, v := range s.calls {
		out[k] = v
	}
	return out
}

// TotalCalls is the number of requests received.
func (s *Server) TotalCalls() int {
	n := 0
	for _, v := range s.Calls() {
		n += v
	}
	return n
}

// ResetCalls zeroes the request counters.
func (s *Server) ResetCalls() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = map[string]int{}
}

// Problems lists the requests the OpenAPI document refused and the
// answers of the double it refused: a test fails on any.
func (s *Server) Problems() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.problems...)
}

func (s *Server) problem(format string, args ...any) {
	s.problems = append(s.problems, fmt.Sprintf(format, args...))
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	endpoint, id, ok := splitPath(r.URL.Path)

	s.mu.Lock()
	s.calls[r.Method+" "+endpoint]++
	hook := s.fault
	s.mu.Unlock()

	var late time.Duration
	if hook != nil {
		if f := hook(r, body); f != nil {
			if f.Delay > 0 && !f.AfterHandling {
				select {
				case <-time.After(f.Delay):
				case <-r.Context().Done():
					return
				}
			}
			if f.Status != 0 {
				if f.RetryAfter != "" {
					w.Header().Set("Retry-After", f.RetryAfter)
				}
				writeJSON(w, f.Status, map[string]any{"detail": fmt.Sprintf("fault injected by the test: %d %s", f.Status, http.StatusText(f.Status))})
				return
			}
			if f.AfterHandling {
				late = f.Delay
			}
		}
	}
	status, out := s.handle(r, body, endpoint, id, ok)
	if late > 0 {
		select {
		case <-time.After(late):
		case <-r.Context().Done():
			return
		}
	}
	if status == http.StatusNoContent {
		w.WriteHeader(status)
		return
	}
	writeJSON(w, status, out)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, _ := json.Marshal(v)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(b)
}

// splitPath turns /api/dcim/devices/12/ into ("dcim/devices", 12).
func splitPath(p string) (endpoint string, id int, ok bool) {
	p = strings.TrimPrefix(p, "/api/")
	p = strings.TrimSuffix(p, "/")
	parts := strings.Split(p, "/")
	if len(parts) < 2 || len(parts) > 3 {
		return p, 0, false
	}
	endpoint = parts[0] + "/" + parts[1]
	if len(parts) == 3 {
		n, err := strconv.Atoi(parts[2])
		if err != nil {
			return endpoint, 0, false
		}
		return endpoint, n, true
	}
	return endpoint, 0, true
}

// handle checks the request against the document, carries it out and
// checks the answer.
func (s *Server) handle(r *http.Request, body []byte, endpoint string, id int, ok bool) (int, any) {
	tmpl := "/api/" + endpoint + "/"
	if id != 0 {
		tmpl += "{id}/"
	}
	pi := s.spec.Doc.Paths.Value(tmpl)
	if !ok || pi == nil {
		return http.StatusNotFound, map[string]any{"detail": "Not found."}
	}
	op := pi.GetOperation(r.Method)
	if op == nil {
		return http.StatusMethodNotAllowed, map[string]any{"detail": fmt.Sprintf("Method %q not allowed.", r.Method)}
	}
	s.mu.Lock()
	res := s.res[endpoint]
	s.mu.Unlock()
	if res == nil {
		return http.StatusNotImplemented, map[string]any{"detail": fmt.Sprintf("the double does not implement %s", tmpl)}
	}
	route := &routers.Route{Spec: s.spec.Doc, Path: tmpl, PathItem: pi, Method: r.Method, Operation: op}
	params := map[string]string{}
	if id != 0 {
		params["id"] = strconv.Itoa(id)
	}
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: s.authenticate}}
	if err := openapi3filter.ValidateRequest(r.Context(), in); err != nil {
		var se *openapi3filter.SecurityRequirementsError
		if errors.As(err, &se) {
			return http.StatusForbidden, map[string]any{"detail": "Invalid token"}
		}
		s.mu.Lock()
		s.problem("request %s %s refused by the OpenAPI document: %v", r.Method, r.URL.Path, firstLine(err))
		s.mu.Unlock()
		return http.StatusBadRequest, map[string]any{"detail": "the request does not match the OpenAPI document: " + firstLine(err)}
	}
	status, out := s.carryOut(r, body, res, id, op)
	if status >= 200 && status < 300 && status != http.StatusNoContent {
		b, _ := json.Marshal(out)
		rin := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: status,
			Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(bytes.NewReader(b)),
			Options: &openapi3filter.Options{IncludeResponseStatus: true}}
		if err := openapi3filter.ValidateResponse(r.Context(), rin); err != nil {
			s.mu.Lock()
			s.problem("answer to %s %s does not match the OpenAPI document: %v", r.Method, r.URL.Path, firstLine(err))
			s.mu.Unlock()
			return http.StatusInternalServerError, map[string]any{"detail": "the double's answer does not match the OpenAPI document: " + firstLine(err)}
		}
		if s.opts.RealShapes {
			s.mu.Lock()
			out = s.realShapes(res, out)
			s.mu.Unlock()
		}
	}
	return status, out
}

func firstLine(err error) string {
	s := err.Error()
	if i := strings.Index(s, "\n"); i > 0 {
		s = s[:i]
	}
	if len(s) > 400 {
		s = s[:400] + "…"
	}
	return s
}

func (s *Server) authenticate(ctx context.Context, ai *openapi3filter.AuthenticationInput) error {
	if ai.SecuritySchemeName != "tokenAuth" {
		return errors.New("only token authentication")
	}
	if ai.RequestValidationInput.Request.Header.Get("Authorization") != "Token "+s.opts.Token {
		return errors.New("invalid token")
	}
	return nil
}

func (s *Server) carryOut(r *http.Request, body []byte, res *resource, id int, op *openapi3.Operation) (int, any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.memo = map[memoKey]map[string]any{}
	if r.Method != http.MethodGet {
		s.cables = nil
	}
	switch {
	case r.Method == http.MethodGet && id == 0:
		return s.list(r, res, op)
	case r.Method == http.MethodGet:
		o := res.objects[id]
		if o == nil {
			return http.StatusNotFound, map[string]any{"detail": "No " + res.objType + " matches the given query."}
		}
		return http.StatusOK, s.render(res, id)
	case r.Method == http.MethodPost && id == 0:
		var in map[string]any
		if err := json.Unmarshal(body, &in); err != nil {
			return http.StatusBadRequest, map[string]any{"detail": "the double takes one object per POST: " + err.Error()}
		}
		nid, err := s.write(res, 0, in)
		if err != nil {
			return errorStatus(err)
		}
		return http.StatusCreated, s.render(res, nid)
	case (r.Method == http.MethodPatch || r.Method == http.MethodPut) && id != 0:
		if res.objects[id] == nil {
			return http.StatusNotFound, map[string]any{"detail": "No " + res.objType + " matches the given query."}
		}
		var in map[string]any
		if err := json.Unmarshal(body, &in); err != nil {
			return http.StatusBadRequest, map[string]any{"detail": err.Error()}
		}
		if _, err := s.write(res, id, in); err != nil {
			return errorStatus(err)
		}
		return http.StatusOK, s.render(res, id)
	case r.Method == http.MethodDelete && id != 0:
		if res.objects[id] == nil {
			return http.StatusNotFound, map[string]any{"detail": "No " + res.objType + " matches the given query."}
		}
		if err := s.delete(res, id); err != nil {
			return errorStatus(err)
		}
		return http.StatusNoContent, nil
	}
	return http.StatusNotImplemented, map[string]any{"detail": fmt.Sprintf("the double does not implement %s on %s (bulk operations)", r.Method, r.URL.Path)}
}

type conflictError struct{ msg string }

func (e *conflictError) Error() string { return e.msg }

type notImplemented struct{ msg string }

func (e *notImplemented) Error() string { return e.msg }

func errorStatus(err error) (int, any) {
	var ve *validationError
	var ce *conflictError
	var ni *notImplemented
	switch {
	case errors.As(err, &ve):
		return http.StatusBadRequest, map[string]any{ve.field: []string{ve.msg}}
	case errors.As(err, &ce):
		return http.StatusConflict, map[string]any{"detail": ce.msg}
	case errors.As(err, &ni):
		return http.StatusNotImplemented, map[string]any{"detail": ni.msg}
	}
	return http.StatusBadRequest, map[string]any{"detail": err.Error()}
}

// list answers a list request: filters, then NetBox's pagination.
func (s *Server) list(r *http.Request, res *resource, op *openapi3.Operation) (int, any) {
	q := r.URL.Query()
	limit, offset := 50, 0
	known := map[string]bool{}
	for _, p := range op.Parameters {
		known[p.Value.Name] = true
	}
	type cond struct {
		f      filter
		values []string
	}
	var conds []cond
	names := make([]string, 0, len(q))
	for name := range q {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		vals := q[name]
		switch name {
		case "limit":
			n, err := strconv.Atoi(vals[0])
			if err != nil || n < 0 {
				return http.StatusBadRequest, map[string]any{"detail": "limit: not a number"}
			}
			limit = n
			if limit == 0 || limit > 1000 {
				limit = 1000 // MAX_PAGE_SIZE
			}
			continue
		case "offset":
			n, err := strconv.Atoi(vals[0])
			if err != nil || n < 0 {
				return http.StatusBadRequest, map[string]any{"detail": "offset: not a number"}
			}
			offset = n
			continue
		case "id":
			conds = append(conds, cond{func(s *Server, o obj, values []string) bool {
				return idField("id")(s, o, values)
			}, vals})
			continue
		}
		f := res.filters[name]
		if f == nil {
			if !known[name] {
				return http.StatusBadRequest, map[string]any{"detail": fmt.Sprintf("%s is not a filter of %s", name, res.endpoint)}
			}
			return http.StatusNotImplemented, map[string]any{"detail": fmt.Sprintf("the double does not implement the filter %s of %s", name, res.endpoint)}
		}
		conds = append(conds, cond{f, vals})
	}
	var ids []int
	for _, id := range res.order {
		o := res.objects[id]
		keep := true
		for _, c := range conds {
			if !c.f(s, o, c.values) {
				keep = false
				break
			}
		}
		if keep {
			ids = append(ids, id)
		}
	}
	count := len(ids)
	page := []any{}
	for i := offset; i < len(ids) && i < offset+limit; i++ {
		page = append(page, s.render(res, ids[i]))
	}
	link := func(off int) any {
		if off < 0 || off >= count {
			return nil
		}
		u := *r.URL
		v := u.Query()
		v.Set("limit", strconv.Itoa(limit))
		v.Set("offset", strconv.Itoa(off))
		u.RawQuery = v.Encode()
		return s.URL + u.RequestURI()
	}
	var prev any
	if offset > 0 {
		p := offset - limit
		if p < 0 {
			p = 0
		}
		prev = link(p)
	}
	return http.StatusOK, map[string]any{"count": count, "next": link(offset + limit), "previous": prev, "results": page}
}

// Seed creates an object directly in the store (as someone working in
// NetBox's web interface would), with the API's request shape.
func (s *Server) Seed(endpoint string, body map[string]any) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.memo, s.cables = map[memoKey]map[string]any{}, nil
	res := s.res[endpoint]
	if res == nil {
		return 0, fmt.Errorf("the double does not implement %s", endpoint)
	}
	b, _ := json.Marshal(body)
	var in map[string]any
	_ = json.Unmarshal(b, &in)
	return s.write(res, 0, in)
}

// Get returns an object as the API shows it, nil if there is none.
func (s *Server) Get(endpoint string, id int) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.memo, s.cables = map[memoKey]map[string]any{}, nil
	res := s.res[endpoint]
	if res == nil || res.objects[id] == nil {
		return nil
	}
	return s.render(res, id)
}

// Objects returns every object of an endpoint as the API shows it, by id.
func (s *Server) Objects(endpoint string) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.memo, s.cables = map[memoKey]map[string]any{}, nil
	res := s.res[endpoint]
	var out []map[string]any
	for _, id := range res.order {
		out = append(out, s.render(res, id))
	}
	return out
}

// Count returns the number of objects of an endpoint.
func (s *Server) Count(endpoint string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.res[endpoint].objects)
}

// Endpoints lists the endpoints the double implements.
func (s *Server) Endpoints() []string {
	var out []string
	for e := range s.res {
		out = append(out, e)
	}
	sort.Strings(out)
	return out
}

// Dump returns the whole store as the API shows it, for comparisons.
func (s *Server) Dump() map[string][]map[string]any {
	out := map[string][]map[string]any{}
	for _, e := range s.Endpoints() {
		out[e] = s.Objects(e)
	}
	return out
}

var _ = url.Values{}
