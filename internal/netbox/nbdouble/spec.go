// Package nbdouble is a contract double of the NetBox 4.3 REST API for
// avnet's tests: an httptest server that knows the endpoints avnet uses,
// keeps objects in memory with NetBox's uniqueness and foreign-key rules,
// paginates like NetBox, and checks every request it receives and every
// answer it sends against the OpenAPI document shipped in the go-netbox
// module (api/openapi.yaml). A filter it does not implement gets 501, so
// a test never passes on a filter the double silently ignored.
//
// Where real NetBox answers differ from that document, Options.RealShapes
// rewrites the answers (after checking them) to the real shape; see
// quirks.go for the list.
package nbdouble

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

// Module is the module whose OpenAPI document the double enforces.
const Module = "github.com/netbox-community/go-netbox/v4"

// Spec is the loaded OpenAPI document.
type Spec struct {
	Doc  *openapi3.T
	Path string
}

var (
	specOnce sync.Once
	spec     *Spec
	specErr  error
)

// LoadSpec loads the OpenAPI document of go-netbox once per process (it
// is 4 MB and takes a couple of seconds).
func LoadSpec() (*Spec, error) {
	specOnce.Do(func() {
		path, err := LocateSpec()
		if err != nil {
			specErr = err
			return
		}
		l := openapi3.NewLoader()
		doc, err := l.LoadFromFile(path)
		if err != nil {
			specErr = fmt.Errorf("load %s: %w", path, err)
			return
		}
		spec = &Spec{Doc: doc, Path: path}
	})
	return spec, specErr
}

// LocateSpec finds api/openapi.yaml of the go-netbox module in the module
// cache: AVNET_NETBOX_OPENAPI names the file outright; otherwise `go list
// -m` says where the module is, or the build information and GOMODCACHE.
func LocateSpec() (string, error) {
	if p := os.Getenv("AVNET_NETBOX_OPENAPI"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("AVNET_NETBOX_OPENAPI: %w", err)
		}
		return p, nil
	}
	var tried []string
	if out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", Module).Output(); err == nil {
		if dir := strings.TrimSpace(string(out)); dir != "" {
			p := filepath.Join(dir, "api", "openapi.yaml")
			if _, err := os.Stat(p); err == nil {
				return p, nil
			}
			tried = append(tried, p)
		}
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path != Module {
				continue
			}
			if d.Replace != nil {
				d = d.Replace
			}
			cache := os.Getenv("GOMODCACHE")
			if cache == "" {
				if out, err := exec.Command("go", "env", "GOMODCACHE").Output(); err == nil {
					cache = strings.TrimSpace(string(out))
				}
			}
			if cache != "" {
				p := filepath.Join(cache, "github.com", "netbox-community", "go-netbox", "v4@"+d.Version, "api", "openapi.yaml")
				if _, err := os.Stat(p); err == nil {
					return p, nil
				}
				tried = append(tried, p)
			}
		}
	}
	return "", fmt.Errorf("the OpenAPI document of %s is not in the module cache (tried %q): run `go mod download %s`, or set AVNET_NETBOX_OPENAPI to the path of its api/openapi.yaml", Module, tried, Module)
}
