package deploy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// PlanFormatVersion is the version of the saved plan's layout.
const PlanFormatVersion = 1

// Action is what applying a plan does to a device.
type Action string

// The actions, as Terraform names them.
const (
	// ActionCreate: the device runs no configuration yet (bare).
	ActionCreate Action = "create"
	// ActionUpdate: the device runs another configuration.
	ActionUpdate Action = "update"
	// ActionNoOp: the device already runs the intended configuration.
	ActionNoOp Action = "no-op"
	// ActionUnknown: the device could not be read; see Error.
	ActionUnknown Action = "unknown"
)

// Plan is what `avnet plan` computed: per device, the difference between
// its running configuration and the intended one, and what both were. It
// is plain data, saved as JSON; it holds no secret.
type Plan struct {
	FormatVersion int    `json:"format_version"`
	Design        string `json:"design"`
	// DesignDigest is the SHA-256 of the design's files the configs were
	// generated from (build.DesignDigest).
	DesignDigest string       `json:"design_digest"`
	CreatedFrom  Source       `json:"created_from"`
	Devices      []DevicePlan `json:"devices"`
	// Skipped switches of the design (no platform…).
	Skipped []Skipped `json:"skipped,omitempty"`
}

// Source is what a plan was computed from, so that apply can find it
// again and check it did not change.
type Source struct {
	// Dir is the design's directory, Artifacts its built tree.
	Dir       string `json:"dir"`
	Artifacts string `json:"artifacts"`
	// Inventory is the inventory file, Lab the lab's state directory.
	Inventory    string `json:"inventory,omitempty"`
	Lab          string `json:"lab,omitempty"`
	AvnetVersion string `json:"avnet_version,omitempty"`
}

// DevicePlan is one device's part of a plan.
type DevicePlan struct {
	Name     string `json:"name"`
	Platform string `json:"platform"`
	Address  string `json:"address"`
	Port     int    `json:"port,omitempty"`
	// RunningDigest is the digest of the normalised running
	// configuration the plan was computed against; IntendedDigest that of
	// the generated files it will push.
	RunningDigest  string `json:"running_digest,omitempty"`
	IntendedDigest string `json:"intended_digest,omitempty"`
	Action         Action `json:"action"`
	// Diff is the unified diff from running to intended (secrets shown
	// as fingerprints).
	Diff    string `json:"diff,omitempty"`
	Added   int    `json:"added,omitempty"`
	Removed int    `json:"removed,omitempty"`
	// Error says why the device could not be planned.
	Error string `json:"error,omitempty"`
}

// Counts summarises a plan.
type Counts struct{ Change, Unchanged, Unreachable int }

// Counts counts the devices by outcome.
func (p *Plan) Counts() Counts {
	var c Counts
	for _, d := range p.Devices {
		switch d.Action {
		case ActionCreate, ActionUpdate:
			c.Change++
		case ActionNoOp:
			c.Unchanged++
		default:
			c.Unreachable++
		}
	}
	return c
}

// Device returns the named device's plan, or nil.
func (p *Plan) Device(name string) *DevicePlan {
	for i := range p.Devices {
		if p.Devices[i].Name == name {
			return &p.Devices[i]
		}
	}
	return nil
}

// Save writes the plan as JSON, atomically, readable by its owner only.
func (p *Plan) Save(path string) error {
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return fmt.Errorf("save plan: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("save plan: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save plan: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save plan: %w", err)
	}
	return nil
}

// LoadPlan reads a saved plan.
func LoadPlan(path string) (*Plan, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read plan: %w", err)
	}
	var p Plan
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("read plan %s: %w (is it a plan saved by `avnet plan -o`?)", path, err)
	}
	if p.FormatVersion != PlanFormatVersion {
		return nil, fmt.Errorf("plan %s has format version %d; this avnet reads version %d: plan again", path, p.FormatVersion, PlanFormatVersion)
	}
	return &p, nil
}

// Event is a step of one device's plan or apply, for progress views.
type Event struct {
	Device string
	// Phase names the step: "connect", "read", then the platform's own
	// ("session", "load", "commit", "verify"…), then "done".
	Phase       string
	Step, Steps int
	// Final marks the device's last event; Err its failure.
	Final bool
	Err   error
}

// PlanOptions is what MakePlan needs.
type PlanOptions struct {
	Design, DesignDigest string
	Source               Source
	Inventory            *Inventory
	Artifacts            *Artifacts
	Connector            *Connector
	// Parallel bounds the devices read at once (default 8).
	Parallel int
	Progress func(Event)
}

// MakePlan reads every device's running configuration and compares it
// with the intended one. A device that cannot be read is in the plan with
// ActionUnknown and its error; the others are planned anyway. It returns
// the intended configurations, for an apply that follows.
func MakePlan(ctx context.Context, o PlanOptions) (*Plan, map[string]*Intended, error) {
	intended := map[string]*Intended{}
	var errs []error
	for _, d := range o.Inventory.Devices {
		in, err := o.Artifacts.Intended(d)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		intended[d.Name] = in
	}
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}
	p := &Plan{FormatVersion: PlanFormatVersion, Design: o.Design, DesignDigest: o.DesignDigest,
		CreatedFrom: o.Source, Skipped: o.Inventory.Skipped}
	p.Devices = make([]DevicePlan, len(o.Inventory.Devices))
	progress := safeProgress(o.Progress)
	redact := newRedactor(o.Connector.Secrets(o.Inventory.Devices))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(parallel(o.Parallel))
	for i, d := range o.Inventory.Devices {
		g.Go(func() error {
			in := intended[d.Name]
			dp := DevicePlan{Name: d.Name, Platform: d.Platform, Address: d.Address, Port: d.Port, IntendedDigest: in.Digest}
			view, err := readView(gctx, o.Connector, d, in, progress, 2)
			if err != nil {
				dp.Action, dp.Error = ActionUnknown, redact(RedactSecrets(err.Error()))
				progress(Event{Device: d.Name, Phase: "failed", Final: true, Err: errors.New(dp.Error)})
				p.Devices[i] = dp
				return nil
			}
			dp.RunningDigest = digestText(view)
			switch {
			case view == in.View:
				dp.Action = ActionNoOp
			case strings.TrimSpace(stripSectionHeaders(view)) == "":
				dp.Action = ActionCreate
			default:
				dp.Action = ActionUpdate
			}
			if dp.Action != ActionNoOp {
				dp.Diff = redact(RedactSecrets(UnifiedDiff(d.Name+" (running)", d.Name+" (intended)", view, in.View)))
				dp.Added, dp.Removed = DiffStat(dp.Diff)
			}
			progress(Event{Device: d.Name, Phase: "done", Step: 2, Steps: 2, Final: true})
			p.Devices[i] = dp
			return nil
		})
	}
	_ = g.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	return p, intended, nil
}

// stripSectionHeaders removes the linux view's section headers, to tell
// a bare switch (nothing under any header) from a configured one.
func stripSectionHeaders(v string) string {
	var out []string
	for _, l := range strings.Split(v, "\n") {
		if !strings.HasPrefix(l, "### ") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// readView connects to a device and returns its normalised running view.
func readView(ctx context.Context, c *Connector, d *Device, in *Intended, progress func(Event), steps int) (string, error) {
	progress(Event{Device: d.Name, Phase: "connect", Step: 0, Steps: steps})
	t, err := c.Open(ctx, d, in.Files["ptp"] != nil)
	if err != nil {
		return "", err
	}
	defer t.Close()
	progress(Event{Device: d.Name, Phase: "read", Step: 1, Steps: steps})
	raw, err := t.ReadRunning(ctx)
	if err != nil {
		return "", err
	}
	return t.Normalise(raw), nil
}

func parallel(n int) int {
	if n <= 0 {
		return 8
	}
	return n
}

// safeProgress serialises progress callbacks.
func safeProgress(f func(Event)) func(Event) {
	if f == nil {
		return func(Event) {}
	}
	var mu sync.Mutex
	return func(e Event) {
		mu.Lock()
		defer mu.Unlock()
		f(e)
	}
}

// newRedactor returns a function that replaces every secret in a text.
func newRedactor(secrets []string) func(string) string {
	var pairs []string
	for _, s := range secrets {
		if len(s) >= 3 {
			pairs = append(pairs, s, "******")
		}
	}
	if len(pairs) == 0 {
		return func(s string) string { return s }
	}
	r := strings.NewReplacer(pairs...)
	return r.Replace
}

// now is the clock (tests may fix it).
var now = time.Now
