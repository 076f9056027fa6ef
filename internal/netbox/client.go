package netbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"

	nb "github.com/netbox-community/go-netbox/v4"
)

// Obj is a NetBox object as the API returns it, decoded without a schema:
// real NetBox answers differ from its OpenAPI document in places (a VLAN
// group's vid_ranges, an interface's null mode), so avnet reads answers
// as plain JSON and looks only at the fields it compares.
type Obj = map[string]any

// Filter is a list query: filter name → values (NetBox ORs the values).
type Filter map[string][]string

// API is what the sync engine needs of NetBox.
type API interface {
	List(ctx context.Context, k *Kind, f Filter) ([]Obj, error)
	Create(ctx context.Context, k *Kind, body map[string]any) (Obj, error)
	Update(ctx context.Context, k *Kind, id int, body map[string]any) (Obj, error)
	Delete(ctx context.Context, k *Kind, id int) error
}

// APIError is an answer of NetBox that is not a success.
type APIError struct {
	Method, Path string
	Status       int
	Body         string
	Tries        int
}

func (e *APIError) Error() string {
	msg := fmt.Sprintf("%s %s: %d %s", e.Method, e.Path, e.Status, http.StatusText(e.Status))
	if e.Tries > 1 {
		msg += fmt.Sprintf(" after %d tries", e.Tries)
	}
	if b := strings.TrimSpace(e.Body); b != "" {
		if len(b) > 300 {
			b = b[:300] + "…"
		}
		msg += ": " + b
	}
	return msg
}

// ClientOptions configure a Client.
type ClientOptions struct {
	// Transport sends the requests (default http.DefaultTransport).
	Transport http.RoundTripper
	Retry     RetryPolicy
	// PageSize is the limit of list requests (default 1000, NetBox's
	// default MAX_PAGE_SIZE).
	PageSize int
	// UserAgent identifies avnet to NetBox.
	UserAgent string
	// Insecure allows a plain http:// URL to a host that is not the
	// machine itself: the token would cross the network in clear.
	Insecure bool
}

// ErrPlainHTTP refuses a plain http:// NetBox URL without Insecure.
var ErrPlainHTTP = errors.New("plain http")

// checkScheme refuses http:// unless the server is this machine (the
// token then never leaves it) or the operator said --insecure.
func checkScheme(u *url.URL, insecure bool) error {
	if u.Scheme != "http" || insecure {
		return nil
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip, err := netip.ParseAddr(host); err == nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("%w: NetBox URL %s is plain http: the API token and the design's data would cross the network unencrypted, readable and changeable by anyone on the path. Use https://, or pass --insecure to accept the risk", ErrPlainHTTP, u.Redacted())
}

// Client talks to NetBox through go-netbox's generated client: its
// request builders make every call; answers are read as plain JSON.
type Client struct {
	api      *nb.APIClient
	base     string
	rt       *retryTransport
	pageSize int32
	requests atomic.Int64
	// Drift counts successful answers that go-netbox's typed models could
	// not decode (a difference between NetBox and its OpenAPI document).
	drift atomic.Int64
}

// NewClient returns a client for the NetBox at baseURL. The token is sent
// in the Authorization header and appears in no error or output.
func NewClient(baseURL, token string, o ClientOptions) (*Client, error) {
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("NetBox URL %q: want http(s)://host[:port][/path]", baseURL)
	}
	if err := checkScheme(u, o.Insecure); err != nil {
		return nil, err
	}
	if token == "" {
		return nil, errors.New("no NetBox token: set NETBOX_TOKEN to an API token of a NetBox user allowed to change the objects")
	}
	base := o.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	rt := &retryTransport{base: base, policy: o.Retry.withDefaults()}
	cfg := nb.NewConfiguration()
	cfg.Servers = nb.ServerConfigurations{{URL: strings.TrimRight(baseURL, "/")}}
	cfg.HTTPClient = &http.Client{Transport: rt, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		// Go keeps the Authorization header on a redirect to the same
		// host, even from https to http: refuse the downgrade.
		if req.URL.Scheme == "http" && via[0].URL.Scheme == "https" {
			return fmt.Errorf("NetBox redirects %s to plain http (%s): refused, the token would travel in clear", via[0].URL.Redacted(), req.URL.Redacted())
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}}
	cfg.AddDefaultHeader("Authorization", "Token "+token)
	cfg.AddDefaultHeader("Accept-Language", "en-US")
	if o.UserAgent != "" {
		cfg.UserAgent = o.UserAgent
	}
	ps := o.PageSize
	if ps <= 0 {
		ps = 1000
	}
	return &Client{api: nb.NewAPIClient(cfg), base: strings.TrimRight(baseURL, "/"), rt: rt, pageSize: int32(ps)}, nil
}

// Stats are the client's counters.
type Stats struct {
	// Requests is the number of API calls avnet made; Attempts counts
	// every HTTP exchange, retries included.
	Requests, Attempts, Retries int64
	// Drift counts answers go-netbox's models could not decode.
	Drift int64
}

// Stats returns the counters so far.
func (c *Client) Stats() Stats {
	return Stats{Requests: c.requests.Load(), Attempts: c.rt.attempts.Load(), Retries: c.rt.retries.Load(), Drift: c.drift.Load()}
}

// call runs one generated request and returns the answer's body.
func (c *Client) call(ctx context.Context, method, path string, do func(ctx context.Context) (*http.Response, error)) ([]byte, error) {
	c.requests.Add(1)
	tc := &tryCounter{}
	ctx = context.WithValue(ctx, tryKey{}, tc)
	resp, err := do(ctx)
	if resp == nil {
		if err == nil {
			err = errors.New("no answer")
		}
		if errors.Is(err, ErrUncertain) {
			return nil, fmt.Errorf("%s %s: %w", method, path, err)
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("%s %s: %w", method, path, err)
	}
	var body []byte
	if resp.Body != nil {
		body, _ = readAll(resp)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &APIError{Method: method, Path: path, Status: resp.StatusCode, Body: string(body), Tries: tc.n}
	}
	if err != nil {
		// A success whose body go-netbox's typed models reject: NetBox and
		// its OpenAPI document disagree (go-netbox 4.3.0 also takes a
		// required "" for a missing field, as a config context's
		// data_path); the plain JSON is what counts.
		c.drift.Add(1)
	}
	return body, nil
}

func (c *Client) path(k *Kind, id int) string {
	if id == 0 {
		return "/api/" + k.Endpoint + "/"
	}
	return fmt.Sprintf("/api/%s/%d/", k.Endpoint, id)
}

// List returns every object of kind k that matches f, page by page.
func (c *Client) List(ctx context.Context, k *Kind, f Filter) ([]Obj, error) {
	ops, ok := kindOps[k]
	if !ok {
		return nil, fmt.Errorf("kind %s is not supported", k.Type)
	}
	var out []Obj
	for offset := int32(0); ; {
		body, err := c.call(ctx, http.MethodGet, c.path(k, 0), func(ctx context.Context) (*http.Response, error) {
			return ops.list(ctx, c.api, f, c.pageSize, offset)
		})
		if err != nil {
			return nil, err
		}
		var page struct {
			Count   int     `json:"count"`
			Next    *string `json:"next"`
			Results []Obj   `json:"results"`
		}
		if err := json.Unmarshal(body, &page); err != nil {
			return nil, fmt.Errorf("GET %s: the answer is not a NetBox list: %v", c.path(k, 0), err)
		}
		out = append(out, page.Results...)
		offset += int32(len(page.Results))
		if page.Next == nil || len(page.Results) == 0 || int(offset) >= page.Count {
			return out, nil
		}
	}
}

// Create makes an object; body is in the API's request shape.
func (c *Client) Create(ctx context.Context, k *Kind, body map[string]any) (Obj, error) {
	ops := kindOps[k]
	b, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	out, err := c.call(ctx, http.MethodPost, c.path(k, 0), func(ctx context.Context) (*http.Response, error) {
		return ops.create(ctx, c.api, b)
	})
	if err != nil {
		return nil, err
	}
	return decodeObj(out)
}

// Update changes the given fields of an object (PATCH).
func (c *Client) Update(ctx context.Context, k *Kind, id int, body map[string]any) (Obj, error) {
	ops := kindOps[k]
	b, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	out, err := c.call(ctx, http.MethodPatch, c.path(k, id), func(ctx context.Context) (*http.Response, error) {
		return ops.patch(ctx, c.api, int32(id), b)
	})
	if err != nil {
		return nil, err
	}
	return decodeObj(out)
}

// Delete deletes an object; one already gone counts as deleted.
func (c *Client) Delete(ctx context.Context, k *Kind, id int) error {
	ops := kindOps[k]
	_, err := c.call(ctx, http.MethodDelete, c.path(k, id), func(ctx context.Context) (*http.Response, error) {
		return ops.del(ctx, c.api, int32(id))
	})
	var ae *APIError
	if errors.As(err, &ae) && ae.Status == http.StatusNotFound {
		return nil
	}
	return err
}

func decodeObj(b []byte) (Obj, error) {
	var o Obj
	if err := json.Unmarshal(b, &o); err != nil {
		return nil, fmt.Errorf("the answer is not a NetBox object: %v", err)
	}
	return o, nil
}

func readAll(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32*1024)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			return []byte(b.String()), nil
		}
	}
}

func int32s(v []string) ([]int32, error) {
	out := make([]int32, 0, len(v))
	for _, s := range v {
		n, err := strconv.Atoi(s)
		if err != nil {
			return nil, fmt.Errorf("filter value %q is not an id", s)
		}
		out = append(out, int32(n))
	}
	return out, nil
}

func int32ptrs(v []string) ([]*int32, error) {
	ns, err := int32s(v)
	if err != nil {
		return nil, err
	}
	out := make([]*int32, len(ns))
	for i := range ns {
		out[i] = &ns[i]
	}
	return out, nil
}
