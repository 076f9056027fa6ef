// Package gen defines what a generator is: a pure function from a design
// and its facts to files. Generators never touch the network or the
// clock; the same design gives byte-identical files.
package gen

import (
	"context"
	"fmt"
	"sort"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/safepath"
)

// Sink receives a generator's files. Names are slash-separated paths
// relative to the build's output directory ("configs/sw-red.eos.cfg").
type Sink interface {
	Write(name string, data []byte) error
}

// Generator turns a design into files.
type Generator struct {
	// Name is what --only selects ("configs", "sdp"…) and what the
	// manifest records for each file.
	Name string
	Doc  string
	// PerDevice generators honour --device (Env.Devices).
	PerDevice bool
	Generate  func(ctx context.Context, f *model.Facility, facts *analysis.Facts, sink Sink) error
}

// Env is what a build passes to every generator besides the design.
type Env struct {
	// Lang is the dossier language, "fr" or "en".
	Lang string
	// Getenv reads secrets referenced by the design (passwordEnv); tests
	// inject their own.
	Getenv func(string) (string, bool)
	// ReadFile reads files the design references (passwordFile, sshKey files), relative to the design.
	ReadFile func(string) ([]byte, error)
	// Devices restricts per-device generators; empty means all.
	Devices []string
	// Version is avnet's version, written in generated headers.
	Version string
	// Outputs lets late generators (the dossier's annexes) read what
	// earlier ones wrote; nil for generators that run first.
	Outputs map[string][]byte
	// LabResults is the path of the results.json of `avnet lab test` for
	// this design (the dossier's acceptance-test chapter prints it); ""
	// or a missing file means no lab run.
	LabResults string
	// Skipped, when set, is told of every artifact a generator could not
	// make because a program is missing (the build records it in
	// manifest.json and says so in its summary).
	Skipped func(Skip)
}

// Skip is an artifact a generator left out, why, and how to get it.
type Skip struct {
	Generator string `json:"generator"`
	Artifacts string `json:"artifacts"` // e.g. "diagrams/*.png"
	Reason    string `json:"reason"`
	Install   string `json:"install"` // the command that provides what is missing
}

// Skip reports a skipped artifact to the build, if it listens.
func (e *Env) Skip(s Skip) {
	if e.Skipped != nil {
		e.Skipped(s)
	}
}

type envKey struct{}

// WithEnv attaches a build environment to ctx.
func WithEnv(ctx context.Context, e *Env) context.Context { return context.WithValue(ctx, envKey{}, e) }

// EnvFrom returns the build environment, or defaults when none was attached.
func EnvFrom(ctx context.Context) *Env {
	if e, ok := ctx.Value(envKey{}).(*Env); ok && e != nil {
		return e
	}
	return &Env{Lang: "fr", Getenv: func(string) (string, bool) { return "", false }, Version: "dev"}
}

// WantDevice reports whether a per-device generator should emit name.
func (e *Env) WantDevice(name string) bool {
	if len(e.Devices) == 0 {
		return true
	}
	for _, d := range e.Devices {
		if d == name {
			return true
		}
	}
	return false
}

// MemSink collects files in memory; the build writes them out at the end
// so that a failing generator never leaves half a tree.
type MemSink struct {
	Files map[string][]byte
	// Owner records which generator wrote each file.
	Owner map[string]string
	// Skipped lists what generators left out for want of a program.
	Skipped []Skip
	current string
}

// NewMemSink returns an empty sink.
func NewMemSink() *MemSink { return &MemSink{Files: map[string][]byte{}, Owner: map[string]string{}} }

// For returns a sink that attributes files to generator name.
func (m *MemSink) For(name string) Sink { return &ownedSink{m: m, owner: name} }

type ownedSink struct {
	m     *MemSink
	owner string
}

func (s *ownedSink) Write(name string, data []byte) error {
	// Output names are built from design names: safepath keeps them
	// under the output tree whatever the schema let through.
	if err := safepath.Check(name); err != nil {
		return fmt.Errorf("generator %s: %w", s.owner, err)
	}
	clean := name
	if clean == "manifest.json" {
		return fmt.Errorf("generator %s: invalid output name %q (the build writes it)", s.owner, name)
	}
	if prev, ok := s.m.Owner[clean]; ok {
		return fmt.Errorf("generator %s: %s was already written by generator %s", s.owner, clean, prev)
	}
	s.m.Files[clean] = append([]byte(nil), data...)
	s.m.Owner[clean] = s.owner
	return nil
}

// Names returns the collected file names, sorted.
func (m *MemSink) Names() []string {
	out := make([]string, 0, len(m.Files))
	for n := range m.Files {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
