package deploy

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"
)

// Status is the outcome of applying a plan to one device.
type Status string

// The outcomes.
const (
	StatusApplied     Status = "applied"
	StatusUnchanged   Status = "unchanged"
	StatusFailed      Status = "failed"
	StatusStale       Status = "stale"
	StatusUnreachable Status = "unreachable"
)

// DeviceResult is one device's outcome.
type DeviceResult struct {
	Name     string        `json:"name"`
	Action   Action        `json:"action"`
	Status   Status        `json:"status"`
	Error    string        `json:"error,omitempty"`
	Duration time.Duration `json:"duration"`
}

// ApplyResult is the outcome of an apply.
type ApplyResult struct {
	Devices []DeviceResult `json:"devices"`
	Elapsed time.Duration  `json:"elapsed"`
}

// OK reports whether every device is applied or unchanged.
func (r *ApplyResult) OK() bool {
	for _, d := range r.Devices {
		if d.Status != StatusApplied && d.Status != StatusUnchanged {
			return false
		}
	}
	return true
}

// ApplyOptions is what Apply needs.
type ApplyOptions struct {
	Plan *Plan
	// Intended holds every planned device's intended configuration, read
	// again from the build (IntendedDigest must match).
	Intended  map[string]*Intended
	Inventory *Inventory
	Connector *Connector
	// Parallel bounds the devices applied at once (default 8).
	Parallel int
	// Lock is the design's lock file (LockPath).
	Lock     string
	Progress func(Event)
}

// StaleError is a device whose state changed since the plan.
type StaleError struct {
	Device, Why string
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("saved plan is stale for %s: %s", e.Device, e.Why)
}

// Apply applies a plan, device by device in parallel, under the design's
// lock. Each device is first checked against the plan: its running
// configuration must still have the digest the plan recorded (else the
// device is refused as stale, and left alone). A device that fails does
// not stop the others. The error is only for what stops the whole apply
// (the lock, a cancelled context).
func Apply(ctx context.Context, o ApplyOptions) (*ApplyResult, error) {
	start := now()
	release, err := acquireLock(o.Lock, o.Plan.Design)
	if err != nil {
		return nil, err
	}
	defer release()
	progress := safeProgress(o.Progress)
	redact := newRedactor(o.Connector.Secrets(o.Inventory.Devices))
	res := &ApplyResult{Devices: make([]DeviceResult, len(o.Inventory.Devices))}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(parallel(o.Parallel))
	for i, d := range o.Inventory.Devices {
		g.Go(func() error {
			t0 := now()
			r := applyDevice(gctx, o, d, progress)
			r.Duration = now().Sub(t0)
			if r.Error != "" {
				r.Error = redact(RedactSecrets(r.Error))
			}
			ev := Event{Device: d.Name, Phase: string(r.Status), Final: true}
			if r.Error != "" {
				ev.Err = errors.New(r.Error)
			}
			progress(ev)
			res.Devices[i] = r
			return nil
		})
	}
	_ = g.Wait()
	res.Elapsed = now().Sub(start)
	if err := ctx.Err(); err != nil {
		return res, err
	}
	return res, nil
}

func applyDevice(ctx context.Context, o ApplyOptions, d *Device, progress func(Event)) DeviceResult {
	r := DeviceResult{Name: d.Name}
	dp := o.Plan.Device(d.Name)
	fail := func(s Status, err error) DeviceResult {
		r.Status, r.Error = s, err.Error()
		return r
	}
	if dp == nil {
		return fail(StatusFailed, fmt.Errorf("%s is not in the plan: plan again", d.Name))
	}
	r.Action = dp.Action
	if dp.Action == ActionUnknown {
		return fail(StatusUnreachable, fmt.Errorf("not planned: %s", dp.Error))
	}
	in := o.Intended[d.Name]
	if in == nil {
		return fail(StatusFailed, fmt.Errorf("no intended configuration for %s", d.Name))
	}
	if in.Digest != dp.IntendedDigest {
		return fail(StatusStale, &StaleError{d.Name, "the generated configuration changed since the plan (build again, then plan again)"})
	}
	const steps = 6
	progress(Event{Device: d.Name, Phase: "connect", Step: 0, Steps: steps})
	t, err := o.Connector.Open(ctx, d, in.Files["ptp"] != nil)
	if err != nil {
		return fail(statusOf(err), err)
	}
	defer t.Close()
	progress(Event{Device: d.Name, Phase: "read", Step: 1, Steps: steps})
	raw, err := t.ReadRunning(ctx)
	if err != nil {
		return fail(StatusFailed, err)
	}
	if digestText(t.Normalise(raw)) != dp.RunningDigest {
		return fail(StatusStale, &StaleError{d.Name, "running config changed since plan"})
	}
	if dp.Action == ActionNoOp {
		r.Status = StatusUnchanged
		return r
	}
	actx := withStep(ctx, func(phase string, n, of int) {
		progress(Event{Device: d.Name, Phase: phase, Step: n, Steps: of})
	})
	if err := t.Apply(actx, in); err != nil {
		return fail(StatusFailed, err)
	}
	r.Status = StatusApplied
	return r
}

func statusOf(err error) Status {
	var ue *UnreachableError
	if errors.As(err, &ue) {
		return StatusUnreachable
	}
	return StatusFailed
}
