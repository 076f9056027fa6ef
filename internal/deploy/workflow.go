package deploy

import (
	"context"
	"errors"
	"fmt"
	"github.com/avnet/avnet/internal/suggest"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/avnet/avnet/internal/build"
	"github.com/avnet/avnet/internal/load"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/vet"
)

// This file is the orchestration the CLI calls: gather what a plan or an
// apply needs (the design, its build, the inventory, the connector), in
// one function per command.

// SetupOptions are the command line's choices.
type SetupOptions struct {
	// Dir is the design directory; Out the build's output root ("out").
	Dir, Out string
	// Artifacts, when set, is a built tree to use as is instead of
	// building the design.
	Artifacts string
	// InventoryFile overrides addresses, ports, platforms, credentials.
	InventoryFile string
	// Lab targets the running avnet lab of the design (LabDir: its state
	// directory, found by name when empty).
	Lab    bool
	LabDir string
	// Devices restricts the plan to these switches.
	Devices []string
	// Host key checking.
	KnownHosts          []string
	AcceptNewHostKeys   bool
	InsecureSkipHostKey bool
	// Insecure accepts the risky combinations checkTrust refuses.
	Insecure bool
	// SecretsDirs: where a design's passwordFile may lie besides the
	// design directory (see build.Options).
	SecretsDirs []string
	Timeout     time.Duration
	CommitTimer time.Duration
	Version     string
	Getenv      func(string) (string, bool)
}

// Setup is what a plan or an apply works on.
type Setup struct {
	Design       string
	DesignDigest string
	Source       Source
	Artifacts    *Artifacts
	Inventory    *Inventory
	Connector    *Connector
	// Vet is the design's vet outcome when Prepare built it (its
	// diagnostics are for the CLI to print).
	Vet *vet.Outcome
}

// ErrDesignHasErrors: the design does not vet, so there is nothing to plan.
var ErrDesignHasErrors = build.ErrDesignHasErrors

// Prepare builds the design (or opens the given build) and resolves its
// inventory: the first half of `avnet plan`. With Lab and no Artifacts,
// the build is the lab's own (the configurations `avnet lab up`
// rendered for its Linux switches).
func Prepare(ctx context.Context, o SetupOptions) (*Setup, error) {
	s := &Setup{}
	abs, err := filepath.Abs(o.Dir)
	if err != nil {
		return nil, err
	}
	artifacts := o.Artifacts
	if o.Lab {
		dir, err := FindLab(filepath.Base(abs), o.LabDir)
		if err != nil {
			return nil, err
		}
		if o.LabDir, err = filepath.Abs(dir); err != nil {
			return nil, err
		}
		if artifacts == "" {
			if _, err := os.Stat(filepath.Join(LabBuild(o.LabDir), "manifest.json")); err == nil {
				artifacts = LabBuild(o.LabDir)
			}
		}
	}
	var f *model.Facility
	if artifacts != "" {
		if s.Artifacts, err = OpenArtifacts(artifacts); err != nil {
			return nil, err
		}
		if f, err = loadFacility(o.Dir); err != nil {
			return nil, err
		}
		digest, err := build.DesignDigest(o.Dir)
		if err != nil {
			return nil, err
		}
		if digest != s.Artifacts.Manifest.DesignDigest {
			hint := "build again"
			if o.Lab {
				hint = "bring the lab up again (`avnet lab down`, `avnet lab up`) or build again"
			}
			return nil, fmt.Errorf("the configurations in %s were made from another version of the design in %s: %s", artifacts, o.Dir, hint)
		}
	} else {
		out := o.Out
		if out == "" {
			out = "out"
		}
		res, err := build.Build(ctx, o.Dir, build.Options{Out: out, Version: o.Version, Getenv: o.Getenv, SecretsDirs: o.SecretsDirs})
		if res != nil {
			s.Vet = res.Vet
		}
		if err != nil {
			return s, err
		}
		if s.Artifacts, err = OpenArtifacts(res.Dir); err != nil {
			return s, err
		}
		f = res.Vet.Facility
	}
	s.Design = s.Artifacts.Manifest.Design
	s.DesignDigest = s.Artifacts.Manifest.DesignDigest
	artAbs, _ := filepath.Abs(s.Artifacts.Dir)
	s.Source = Source{Dir: abs, Artifacts: artAbs, AvnetVersion: o.Version}
	if s.Inventory, s.Source.Lab, err = resolveInventory(s.Design, f, o); err != nil {
		return s, err
	}
	if o.InventoryFile != "" {
		s.Source.Inventory, _ = filepath.Abs(o.InventoryFile)
	}
	s.Connector = connector(o)
	if err := checkTrust(s.Inventory, s.Connector, o); err != nil {
		return s, err
	}
	return s, nil
}

// ErrInsecure is wrapped by every refusal of checkTrust.
var ErrInsecure = errors.New("refused without --insecure")

// checkTrust refuses to record unknown host keys (trust on first use)
// for a device avnet logs in to with a password: the first connection
// may reach an impostor, which would receive the password.
func checkTrust(inv *Inventory, c *Connector, o SetupOptions) error {
	if !o.AcceptNewHostKeys || o.Insecure {
		return nil
	}
	var names []string
	for _, d := range inv.Devices {
		if c.credentials(d).Password != "" && len(d.HostKeys) == 0 { // a lab pins its keys
			names = append(names, d.Name)
		}
	}
	if len(names) == 0 {
		return nil
	}
	return fmt.Errorf("%w: --accept-new-host-keys with password authentication (%s): a device seen for the first time may be an impostor, and it would receive the password. Check the host keys and add them to known_hosts (ssh-keyscan, then compare the fingerprints with the devices' consoles), or log in with a key (AVNET_SSH_KEY or the inventory's key_file, without AVNET_SSH_PASSWORD); --insecure accepts the risk",
		ErrInsecure, strings.Join(names, ", "))
}

// LabBuild is where `avnet lab up` renders the lab's switch
// configurations (a build tree: configs/ and manifest.json).
func LabBuild(stateDir string) string { return filepath.Join(stateDir, "build") }

func loadFacility(dir string) (*model.Facility, error) {
	res, err := load.Dir(dir, load.Options{})
	if err != nil {
		return nil, err
	}
	if res.Facility == nil {
		return nil, fmt.Errorf("design %s does not load: run `avnet vet %s`", dir, dir)
	}
	return res.Facility, nil
}

func resolveInventory(design string, f *model.Facility, o SetupOptions) (*Inventory, string, error) {
	inv := InventoryFromDesign(design, f)
	if err := inv.Select(o.Devices); err != nil {
		return nil, "", err
	}
	labDir := ""
	if o.Lab {
		dir, err := FindLab(design, o.LabDir)
		if err != nil {
			return nil, "", err
		}
		if labDir, err = filepath.Abs(dir); err != nil {
			return nil, "", err
		}
		if err := inv.UseLab(labDir); err != nil {
			return nil, "", err
		}
	}
	if o.InventoryFile != "" {
		if err := inv.LoadInventoryFile(o.InventoryFile); err != nil {
			return nil, "", err
		}
	}
	if err := inv.finish(); err != nil {
		return nil, "", err
	}
	if len(inv.Devices) == 0 {
		return nil, "", fmt.Errorf("design %s has no switch to plan: deploy manages devices with role \"switch\" and a platform (%q)", design, PlatformNames())
	}
	return inv, labDir, nil
}

func connector(o SetupOptions) *Connector {
	kh := o.KnownHosts
	if len(kh) == 0 {
		kh = DefaultKnownHosts()
	}
	return &Connector{
		HostKeys:    &HostKeys{KnownHostsFiles: kh, AcceptNew: o.AcceptNewHostKeys, Insecure: o.InsecureSkipHostKey},
		Getenv:      o.Getenv,
		Timeout:     o.Timeout,
		CommitTimer: o.CommitTimer,
	}
}

// Plan is `avnet plan`: prepare, then read every device and diff.
func (s *Setup) Plan(ctx context.Context, parallel int, progress func(Event)) (*Plan, map[string]*Intended, error) {
	return MakePlan(ctx, PlanOptions{Design: s.Design, DesignDigest: s.DesignDigest, Source: s.Source,
		Inventory: s.Inventory, Artifacts: s.Artifacts, Connector: s.Connector, Parallel: parallel, Progress: progress})
}

// Apply applies a plan computed on this setup.
func (s *Setup) Apply(ctx context.Context, p *Plan, intended map[string]*Intended, parallel int, progress func(Event)) (*ApplyResult, error) {
	return Apply(ctx, ApplyOptions{Plan: p, Intended: intended, Inventory: s.Inventory, Connector: s.Connector,
		Parallel: parallel, Lock: LockPath(s.Artifacts.Dir), Progress: progress})
}

// FromPlan prepares the apply of a saved plan: the design, build and
// inventory it recorded, checked unchanged. Devices restricts the apply
// to some of the plan's devices. Connection options come from o (the
// design-related fields of o are ignored).
func FromPlan(p *Plan, o SetupOptions) (*Setup, map[string]*Intended, error) {
	src := p.CreatedFrom
	digest, err := build.DesignDigest(src.Dir)
	if err != nil {
		return nil, nil, fmt.Errorf("saved plan: design %s: %w", src.Dir, err)
	}
	if digest != p.DesignDigest {
		return nil, nil, errors.New("saved plan is stale: the design in " + src.Dir + " changed since the plan was made; plan again")
	}
	art, err := OpenArtifacts(src.Artifacts)
	if err != nil {
		return nil, nil, err
	}
	if art.Manifest.DesignDigest != p.DesignDigest {
		return nil, nil, errors.New("saved plan is stale: " + src.Artifacts + " was rebuilt from another version of the design; plan again")
	}
	f, err := loadFacility(src.Dir)
	if err != nil {
		return nil, nil, err
	}
	names := o.Devices
	if len(names) == 0 {
		for _, d := range p.Devices {
			names = append(names, d.Name)
		}
	}
	for _, n := range names {
		if p.Device(n) == nil {
			if hint := suggest.Phrase(n, planNames(p)); hint != "" {
				return nil, nil, fmt.Errorf("--device %q is not in the plan%s", n, hint)
			}
			return nil, nil, fmt.Errorf("--device %q is not in the plan. Planned devices are %q", n, planNames(p))
		}
	}
	ro := o
	ro.Devices, ro.InventoryFile, ro.Lab, ro.LabDir = names, src.Inventory, src.Lab != "", src.Lab
	if ro.InventoryFile != "" {
		if _, err := os.Stat(ro.InventoryFile); err != nil {
			return nil, nil, fmt.Errorf("saved plan: inventory file: %w", err)
		}
	}
	inv, _, err := resolveInventory(p.Design, f, ro)
	if err != nil {
		return nil, nil, err
	}
	for _, d := range inv.Devices {
		dp := p.Device(d.Name)
		if dp.Address != d.Address || dp.Port != d.Port || dp.Platform != d.Platform {
			return nil, nil, &StaleError{d.Name, fmt.Sprintf("its address or platform changed since the plan (%s %s, now %s %s)", dp.Platform, hostPort(dp.Address, dp.Port), d.Platform, hostPort(d.Address, d.Port))}
		}
	}
	intended := map[string]*Intended{}
	for _, d := range inv.Devices {
		in, err := art.Intended(d)
		if err != nil {
			return nil, nil, err
		}
		intended[d.Name] = in
	}
	s := &Setup{Design: p.Design, DesignDigest: p.DesignDigest, Source: src, Artifacts: art, Inventory: inv, Connector: connector(o)}
	if err := checkTrust(inv, s.Connector, o); err != nil {
		return nil, nil, err
	}
	return s, intended, nil
}

func planNames(p *Plan) []string {
	var out []string
	for _, d := range p.Devices {
		out = append(out, d.Name)
	}
	return out
}
