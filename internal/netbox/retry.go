package netbox

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// RetryPolicy says how the client retries a request that NetBox refused
// for load (429) or failed on (5xx), or that got no answer in time.
type RetryPolicy struct {
	// Attempts is the most tries of one request, the first included (default 5).
	Attempts int
	// Base is the wait before the second try; it doubles at each try
	// (default 250ms), up to Max (default 10s). A Retry-After header
	// replaces it, also capped by Max.
	Base, Max time.Duration
	// PerTry bounds one try, from sending the request to reading the
	// whole answer (default 30s).
	PerTry time.Duration
	// Sleep waits; tests replace it. It returns early with ctx's error.
	Sleep func(ctx context.Context, d time.Duration) error
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.Attempts <= 0 {
		p.Attempts = 5
	}
	if p.Base <= 0 {
		p.Base = 250 * time.Millisecond
	}
	if p.Max <= 0 {
		p.Max = 10 * time.Second
	}
	if p.PerTry <= 0 {
		p.PerTry = 30 * time.Second
	}
	if p.Sleep == nil {
		p.Sleep = sleepCtx
	}
	return p
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// ErrUncertain marks a create (POST) that got no answer: NetBox may or
// may not have made the object, so it is not sent again blindly; the
// engine looks the object up by its natural key first.
var ErrUncertain = errors.New("no answer: the request may or may not have been carried out")

// retryTransport retries 429 and 5xx answers with exponential backoff
// (or Retry-After), and tries that time out when the method is
// idempotent. It reads each answer whole, within the try's time limit.
type retryTransport struct {
	base     http.RoundTripper
	policy   RetryPolicy
	attempts atomic.Int64
	retries  atomic.Int64
}

type tryCounter struct{ n int }

type tryKey struct{}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	p := t.policy
	var body []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		body = b
	}
	counter, _ := req.Context().Value(tryKey{}).(*tryCounter)
	idempotent := req.Method != http.MethodPost
	for attempt := 1; ; attempt++ {
		t.attempts.Add(1)
		if counter != nil {
			counter.n = attempt
		}
		resp, err := t.try(req, body)
		if pe := req.Context().Err(); pe != nil {
			return nil, pe
		}
		retry := false
		var wait time.Duration
		switch {
		case err != nil:
			retry = idempotent
		case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
			retry = true
			wait = retryAfter(resp.Header.Get("Retry-After"))
		}
		if !retry || attempt >= p.Attempts {
			if err != nil {
				if !idempotent {
					return nil, fmt.Errorf("%w (%v)", ErrUncertain, err)
				}
				return nil, fmt.Errorf("%v, after %d tries", err, attempt)
			}
			return resp, nil
		}
		if wait <= 0 {
			wait = p.Base << (attempt - 1)
		}
		if wait > p.Max {
			wait = p.Max
		}
		t.retries.Add(1)
		if err := p.Sleep(req.Context(), wait); err != nil {
			return nil, err
		}
	}
}

// try sends the request once and reads the whole answer within PerTry.
func (t *retryTransport) try(req *http.Request, body []byte) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(req.Context(), t.policy.PerTry)
	defer cancel()
	r := req.Clone(ctx)
	if body != nil {
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		r.ContentLength = int64(len(body))
	}
	resp, err := t.base.RoundTrip(r)
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return nil, fmt.Errorf("no answer within %s", t.policy.PerTry)
		}
		return nil, err
	}
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return nil, fmt.Errorf("no complete answer within %s", t.policy.PerTry)
		}
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(data))
	resp.ContentLength = int64(len(data))
	return resp, nil
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(h string) time.Duration {
	if h == "" {
		return 0
	}
	if s, err := strconv.Atoi(h); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil {
		if d := time.Until(t); d > 0 {
			return d
		}
	}
	return 0
}
