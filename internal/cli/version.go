package cli

import "runtime/debug"

// Version is avnet's version as -ldflags "-X github.com/avnet/avnet/internal/cli.Version=…"
// sets it; left empty, Main fills it from Go's build information
// (buildVersion).
var Version = ""

// resolvedVersion is Version, or else what the binary says of itself.
func resolvedVersion() string {
	if Version != "" {
		return Version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	return buildVersion(bi)
}

// buildVersion is the module version Go recorded: vX.Y.Z for `go install
// …@vX.Y.Z`, and, since Go 1.24, for a build in a source tree, a
// pseudo-version naming the commit, with "+dirty" when the tree had
// uncommitted changes (v0.0.0-20261208003454-75f352e7a1b2+dirty). When Go
// recorded only the VCS settings, it is "dev-" and the revision's first 12
// hex digits, with "-dirty"; "dev" when Go recorded neither (go run, go
// test). Two builds of the same commit print the same version, so
// generated files stay byte-identical across them.
func buildVersion(bi *debug.BuildInfo) string {
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev string
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	v := "dev-" + rev
	if dirty {
		v += "-dirty"
	}
	return v
}
