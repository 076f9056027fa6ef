// Package schemacheck validates avnet's outputs against the JSON schemas
// their consumers publish, read where they are published rather than
// copied into the project: containerlab's topology schema from the Go
// module cache, AMWA NMOS schemas from ../shared/nmos beside the project.
// Tests and the NMOS registration double use it.
package schemacheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// Containerlab is the module whose schemas/clab.schema.json the topology
// is checked against.
const (
	ContainerlabModule  = "github.com/srl-labs/containerlab"
	ContainerlabVersion = "v0.60.0"
)

// ModuleDir downloads (or finds in the module cache) module@version with
// `go mod download -json` and returns its directory.
func ModuleDir(module, version string) (string, error) {
	cmd := exec.Command("go", "mod", "download", "-json", module+"@"+version)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var info struct{ Dir, Error string }
	_ = json.Unmarshal(out, &info)
	if err != nil || info.Dir == "" {
		return "", fmt.Errorf("go mod download %s@%s: %v %s %s", module, version, err, info.Error, strings.TrimSpace(stderr.String()))
	}
	return info.Dir, nil
}

// ModuleRoot is the directory of avnet's go.mod, found from the working
// directory (a test runs in its package's directory).
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}

// NMOSDir is ../shared/nmos relative to the module root (AVNET_NMOS_SCHEMAS
// overrides it); "" when absent.
func NMOSDir() string {
	if p := os.Getenv("AVNET_NMOS_SCHEMAS"); p != "" {
		return p
	}
	root, err := ModuleRoot()
	if err != nil {
		return ""
	}
	// A git worktree sits elsewhere than the main clone: try both the
	// module root's parent and the main worktree's.
	cands := []string{filepath.Join(root, "..", "shared", "nmos")}
	if out, err := exec.Command("git", "-C", root, "rev-parse", "--path-format=absolute", "--git-common-dir").Output(); err == nil {
		common := filepath.Dir(strings.TrimSpace(string(out)))
		cands = append(cands, filepath.Join(common, "..", "shared", "nmos"))
	}
	for _, c := range cands {
		if st, err := os.Stat(filepath.Join(c, "is-04")); err == nil && st.IsDir() {
			return filepath.Clean(c)
		}
	}
	return ""
}

// Set compiles schemas from files on demand and caches them.
type Set struct {
	mu       sync.Mutex
	compiler *jsonschema.Compiler
	cache    map[string]*jsonschema.Schema
}

// NewSet returns an empty set.
func NewSet() *Set {
	return &Set{compiler: jsonschema.NewCompiler(), cache: map[string]*jsonschema.Schema{}}
}

// Schema compiles the schema file at path (its relative $refs load the
// files beside it).
func (s *Set) Schema(path string) (*jsonschema.Schema, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if sch, ok := s.cache[abs]; ok {
		return sch, nil
	}
	sch, err := s.compiler.Compile(abs)
	if err != nil {
		return nil, fmt.Errorf("compile %s: %w", path, err)
	}
	s.cache[abs] = sch
	return sch, nil
}

// ValidateJSON validates a JSON document against the schema at path.
func (s *Set) ValidateJSON(path string, doc []byte) error {
	sch, err := s.Schema(path)
	if err != nil {
		return err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	return sch.Validate(v)
}

// ValidateYAML validates a YAML document (converted to JSON) against the
// schema at path.
func (s *Set) ValidateYAML(path string, doc []byte) error {
	var v any
	if err := yaml.Unmarshal(doc, &v); err != nil {
		return fmt.Errorf("not YAML: %w", err)
	}
	j, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("YAML with no JSON form: %w", err)
	}
	return s.ValidateJSON(path, j)
}
