package lab

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/generators/ptpcfg"
	"github.com/avnet/avnet/generators/switchcfg"
	"github.com/avnet/avnet/internal/build"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/platform"
	"github.com/avnet/avnet/internal/platform/linux"
	"github.com/avnet/avnet/internal/safepath"
)

// renderConfigs writes the lab view's switch configurations
// (configs/<dev>.ovs.sh, configs/<dev>.frr.conf, with a manifest.json)
// under buildDir, and its linuxptp configurations (ptp/<dev>.conf) beside
// buildDir, as `avnet build` would for a
// design whose switches all run the linux platform: the configs
// generator's platform-neutral switch configuration (switchcfg.Build),
// rendered by the linux platform, and the ptp generator.
func renderConfigs(ctx context.Context, t *Topology, buildDir, digest, version string) error {
	env := &gen.Env{Lang: t.View.Info.Language, Version: version,
		Getenv: func(string) (string, bool) { return "", false }}
	files := map[string][]byte{}
	var devs []*platform.Device
	for _, n := range t.Switches {
		dev, err := switchcfg.Build(t.View, t.Facts, t.View.Devices[n.Device], linux.Kind, env)
		if err != nil {
			return fmt.Errorf("lab: switch %s: %w", n.Device, err)
		}
		devs = append(devs, dev)
	}
	for _, dev := range devs {
		out, err := linux.Kind.Render(dev)
		if err != nil {
			return fmt.Errorf("lab: switch %s: render the linux platform's configuration: %w", dev.Name, err)
		}
		for _, f := range out {
			files["configs/"+f.Name] = f.Data
		}
	}
	sink := gen.NewMemSink()
	if err := ptpcfg.Generator.Generate(gen.WithEnv(ctx, env), t.View, t.Facts, sink.For("ptp")); err != nil {
		return fmt.Errorf("lab: linuxptp configurations: %w", err)
	}
	for name, b := range sink.Files {
		files[name] = b
	}
	// configs/ and manifest.json form a build tree (what `avnet apply`
	// reads); ptp/ stays beside it, for `lab test` to run ptp4l itself
	// (free running) rather than have a configurator start it.
	manifest := &build.Manifest{Schema: build.ManifestSchema, Design: filepath.Base(t.Design.Dir), DesignDigest: digest}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		root := buildDir
		if strings.HasPrefix(n, "ptp/") {
			root = filepath.Dir(buildDir)
		}
		mode := os.FileMode(0o644)
		if strings.HasSuffix(n, ".sh") {
			mode = 0o755
		}
		// The names come from the design's switch names: safepath keeps
		// them inside the state directory (the lab runs as root).
		if err := safepath.WriteFile(root, n, files[n], mode); err != nil {
			return fmt.Errorf("lab: %w", err)
		}
		if root == buildDir {
			sum := sha256.Sum256(files[n])
			manifest.Files = append(manifest.Files, build.ManifestEntry{Path: n, SHA256: hex.EncodeToString(sum[:]), Size: len(files[n]), Generator: "lab"})
		}
	}
	b, err := json.MarshalIndent(manifest, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(buildDir, "manifest.json"), append(b, '\n'), 0o644); err != nil {
		return err
	}
	return nil
}

// labAccount is the account the lab's switches accept SSH logins for: the
// design's default administrator when it has a name Linux accepts, else
// "avnet".
func labAccount(f *model.Facility) string {
	if c := f.Info.Credentials; c != nil && validUser(c.Username) {
		return c.Username
	}
	return "avnet"
}

func validUser(s string) bool {
	if s == "" || len(s) > 32 || s == "root" {
		return s == "root"
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r == '_':
		case (r >= '0' && r <= '9' || r == '-') && i > 0:
		default:
			return false
		}
	}
	return true
}
