// Package nmos talks to AMWA NMOS APIs with the resources `avnet build`
// generated (generators/nmos): it registers them with an IS-04
// Registration API (v1.3) and keeps them alive with heartbeats, and it
// stages a receiver's connection on a device's IS-05 Connection API
// (v1.1). Package regdouble is an in-process Registration API for tests.
package nmos

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// RegistrationPath is the Registration API's base path under a registry URL.
const RegistrationPath = "x-nmos/registration/v1.3/"

// Request is one Registration API request body (nmos/is-04.json holds a
// list of them in registration order).
type Request struct {
	Type string         `json:"type"`
	Data map[string]any `json:"data"`
}

// CheckURL refuses a URL that is not http(s), and plain http unless
// insecure: registrations and connections would travel in clear.
func CheckURL(raw string, insecure bool) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("%q is not a URL (expected e.g. https://registry.example:8010)", raw)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !insecure {
			return nil, fmt.Errorf("%s is plain http: anyone on the path can read and change what avnet sends; use https, or pass --insecure for a lab registry", raw)
		}
	default:
		return nil, fmt.Errorf("%s: scheme %q is not supported. Supported schemes are [\"https\" \"http\"]", raw, u.Scheme)
	}
	return u, nil
}

// Registrar registers resources with a Registration API and sends their
// node's heartbeats.
type Registrar struct {
	// Base is the Registration API's base URL (…/x-nmos/registration/v1.3/).
	Base *url.URL
	HTTP *http.Client
	// Now is the clock versions are stamped from (TAI = UTC + 37 s).
	Now func() time.Time
	// Log receives one line per event; nil discards.
	Log io.Writer

	mu   sync.Mutex
	last time.Time
}

// NewRegistrar returns a registrar for the registry at u (its base, or
// the Registration API's URL).
func NewRegistrar(u *url.URL) *Registrar {
	base := *u
	if !strings.Contains(base.Path, "/x-nmos/registration/") {
		base.Path = strings.TrimSuffix(base.Path, "/") + "/" + RegistrationPath
	}
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
	}
	return &Registrar{Base: &base, HTTP: &http.Client{Timeout: 10 * time.Second}, Now: time.Now}
}

// taiOffset is TAI − UTC since 2017-01-01 (IERS Bulletin C).
const taiOffset = 37 * time.Second

// version is a TAI "<seconds>:<nanoseconds>" strictly after every
// version this registrar stamped before.
func (r *Registrar) version() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	t := r.Now().Add(taiOffset)
	if !t.After(r.last) {
		t = r.last.Add(time.Nanosecond)
	}
	r.last = t
	return fmt.Sprintf("%d:%d", t.Unix(), t.Nanosecond())
}

func (r *Registrar) logf(format string, args ...any) {
	if r.Log != nil {
		fmt.Fprintf(r.Log, format+"\n", args...)
	}
}

// Register posts every resource in order, each with a fresh version.
func (r *Registrar) Register(ctx context.Context, reqs []Request) error {
	for _, q := range reqs {
		data := make(map[string]any, len(q.Data))
		for k, v := range q.Data {
			data[k] = v
		}
		data["version"] = r.version()
		body, err := json.Marshal(Request{Type: q.Type, Data: data})
		if err != nil {
			return err
		}
		status, msg, err := r.do(ctx, http.MethodPost, "resource", body)
		if err != nil {
			return err
		}
		if status != http.StatusCreated && status != http.StatusOK {
			return fmt.Errorf("register %s %v (%v): the registry answered %d %s", q.Type, data["label"], data["id"], status, msg)
		}
	}
	r.logf("registered %d resources", len(reqs))
	return nil
}

// ErrUnknownNode is a heartbeat's 404: the registry has dropped the node.
type ErrUnknownNode struct{ ID string }

func (e ErrUnknownNode) Error() string { return "the registry does not know node " + e.ID }

// Heartbeat sends one heartbeat for node id.
func (r *Registrar) Heartbeat(ctx context.Context, id string) error {
	status, msg, err := r.do(ctx, http.MethodPost, "health/nodes/"+url.PathEscape(id), nil)
	switch {
	case err != nil:
		return err
	case status == http.StatusNotFound:
		return ErrUnknownNode{id}
	case status != http.StatusOK:
		return fmt.Errorf("heartbeat of node %s: the registry answered %d %s", id, status, msg)
	}
	return nil
}

// Unregister deletes the resources, children first.
func (r *Registrar) Unregister(ctx context.Context, reqs []Request) error {
	for i := len(reqs) - 1; i >= 0; i-- {
		q := reqs[i]
		id, _ := q.Data["id"].(string)
		status, msg, err := r.do(ctx, http.MethodDelete, "resource/"+q.Type+"s/"+url.PathEscape(id), nil)
		if err != nil {
			return err
		}
		if status != http.StatusNoContent && status != http.StatusNotFound {
			return fmt.Errorf("unregister %s %s: the registry answered %d %s", q.Type, id, status, msg)
		}
	}
	r.logf("unregistered %d resources", len(reqs))
	return nil
}

// Run registers the resources, then sends every node's heartbeat each
// interval until ctx ends or, when duration > 0, duration after the
// registration; a node the registry no longer knows (404) has all the
// resources registered again. On the way out it unregisters them (with a
// short timeout of its own, ctx being done).
func (r *Registrar) Run(ctx context.Context, reqs []Request, interval, duration time.Duration) error {
	if err := r.Register(ctx, reqs); err != nil {
		return err
	}
	if duration > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, duration)
		defer cancel()
	}
	var nodes []string
	for _, q := range reqs {
		if q.Type == "node" {
			nodes = append(nodes, q.Data["id"].(string))
		}
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			cctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			return r.Unregister(cctx, reqs)
		case <-t.C:
		}
		for _, id := range nodes {
			err := r.Heartbeat(ctx, id)
			if _, gone := err.(ErrUnknownNode); gone {
				r.logf("node %s expired at the registry: registering again", id)
				err = r.Register(ctx, reqs)
			}
			if err != nil {
				if ctx.Err() != nil {
					break
				}
				r.logf("%v", err)
			}
		}
	}
}

func (r *Registrar) do(ctx context.Context, method, rel string, body []byte) (int, string, error) {
	u := r.Base.ResolveReference(&url.URL{Path: rel})
	return send(ctx, r.HTTP, method, u.String(), body)
}

func send(ctx context.Context, c *http.Client, method, u string, body []byte) (int, string, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return 0, "", err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, "", fmt.Errorf("%s %s: %w", method, u, err)
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	return resp.StatusCode, strings.TrimSpace(string(msg)), nil
}

// Connect PATCHes an IS-05 staged request to a receiver: receiverURL is
// the receiver's Connection API URL (…/single/receivers/<id>/), to which
// "staged" is appended when it is not there.
func Connect(ctx context.Context, c *http.Client, receiverURL *url.URL, body []byte) (string, error) {
	u := *receiverURL
	if !strings.HasSuffix(strings.TrimSuffix(u.Path, "/"), "/staged") {
		u.Path = strings.TrimSuffix(u.Path, "/") + "/staged"
	}
	if !json.Valid(body) {
		return "", fmt.Errorf("the staged request is not JSON")
	}
	status, msg, err := send(ctx, c, http.MethodPatch, u.String(), body)
	if err != nil {
		return "", err
	}
	if status != http.StatusOK && status != http.StatusAccepted {
		return "", fmt.Errorf("PATCH %s: the device answered %d %s", u.String(), status, msg)
	}
	return msg, nil
}
