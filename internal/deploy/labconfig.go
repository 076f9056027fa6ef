package deploy

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/avnet/avnet/internal/lab"
)

// LabConfigurator configures the bare switches of an `avnet lab` with
// plan and apply, exactly as `avnet apply --lab` would: the lab's build
// tree (the switch configurations rendered for the lab view) is the
// build, the lab the inventory (management addresses, the lab's key, the
// host keys pinned at boot). So the lab exercises the code path that
// configures real switches, and every `lab up` is an apply test.
type LabConfigurator struct {
	// Version is avnet's version, recorded in the plan.
	Version string
	// Parallel bounds the switches applied at once; 0 for apply's default.
	Parallel int
}

// Name implements lab.Configurator.
func (LabConfigurator) Name() string { return "avnet-apply" }

// Configure implements lab.Configurator.
func (c LabConfigurator) Configure(ctx context.Context, t *lab.Target) error {
	inv := t.Inventory
	s, err := Prepare(ctx, SetupOptions{Dir: inv.Design, Artifacts: inv.Configs, Lab: true, LabDir: inv.StateDir,
		Version: c.Version, Timeout: 30 * time.Second, CommitTimer: 60 * time.Second})
	if err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	p, intended, err := s.Plan(ctx, c.Parallel, nil)
	if err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	res, err := s.Apply(ctx, p, intended, c.Parallel, nil)
	if err != nil {
		return fmt.Errorf("apply: %w", err)
	}
	var errs []error
	for _, d := range res.Devices {
		if d.Status != StatusApplied && d.Status != StatusUnchanged {
			errs = append(errs, fmt.Errorf("apply %s: %s: %s", d.Name, d.Status, d.Error))
		}
	}
	return errors.Join(errs...)
}
