// Package platform describes the switch platforms avnet configures. Each
// platform is its own package (eos, nxos, iosxe, linux) with a
// Register(r *Registry) function that names its kind, its scrapli
// platform (for plan/apply over SSH), the extension of its configuration
// files and how it renders them; package all registers every one, as
// containerlab's core/register.go does for node kinds.
//
// A platform renders a Device: a platform-neutral view of one switch's
// configuration that generators/switchcfg derives from the design and its
// facts. Platforms only choose syntax; every decision (which VLANs a trunk
// carries, where the querier is, which queue is strict) is made once, in
// the view, so that four platforms cannot disagree.
package platform

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"text/template"

	"github.com/avnet/avnet/internal/escape"
	"github.com/avnet/avnet/templates"
)

// File is one rendered file; Name is relative to configs/ ("sw-red.eos").
type File struct {
	Name string
	Data []byte
}

// Kind is one switch platform.
type Kind struct {
	// Name is the design's devices.<name>.platform value ("eos").
	Name string
	// Title names the operating system for people ("Arista EOS 4.2x").
	Title string
	// ScrapliPlatform is the scrapli(go) platform name used to reach the
	// device over SSH: "arista_eos", "cisco_nxos", "cisco_iosxe"; for linux,
	// the name of a custom platform definition (see the linux package).
	ScrapliPlatform string
	// ConfigExt is the extension of the main configuration file
	// ("eos" gives configs/<device>.eos).
	ConfigExt string
	// HashPassword turns a password into the platform's stored form for
	// user on device, with a salt derived from both (package secret); nil
	// when the platform's configuration carries no local account.
	HashPassword func(password, device, user string) string
	// Render writes the device's configuration files.
	Render func(d *Device) ([]File, error)
	// Ports matches the names the platform gives its front-panel and
	// management ports, and PortsExample shows them to people
	// ("Ethernet1, Ethernet1/1, Management1"): a device type whose ports
	// are named otherwise is not hardware this platform runs on.
	Ports        *regexp.Regexp
	PortsExample string
}

// Registry holds the kinds by name.
type Registry struct {
	kinds map[string]*Kind
	errs  []error
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{kinds: map[string]*Kind{}} }

// Register adds a kind; a second kind of the same name is an error, which
// Register returns and Err reports later (platform packages' Register
// functions, called from one plain list, do not return errors).
func (r *Registry) Register(k *Kind) error {
	var err error
	switch {
	case k == nil || k.Name == "":
		err = fmt.Errorf("platform: a kind needs a name")
	case k.Render == nil:
		err = fmt.Errorf("platform %q: no Render function", k.Name)
	default:
		if _, dup := r.kinds[k.Name]; dup {
			err = fmt.Errorf("platform %q is already registered", k.Name)
		}
	}
	if err != nil {
		r.errs = append(r.errs, err)
		return err
	}
	r.kinds[k.Name] = k
	return nil
}

// Err returns the registration errors, joined; nil when there were none.
func (r *Registry) Err() error { return errors.Join(r.errs...) }

// Names returns the registered kinds' names, sorted.
func (r *Registry) Names() []string {
	out := make([]string, 0, len(r.kinds))
	for n := range r.kinds {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Lookup returns the kind named name, or an error listing the supported ones.
func (r *Registry) Lookup(name string) (*Kind, error) {
	if k, ok := r.kinds[name]; ok {
		return k, nil
	}
	return nil, fmt.Errorf("platform %q is not supported. Supported platforms are %q", name, r.Names())
}

// ExecuteTemplate renders templates/switchcfg/<name>, written in lang,
// with the common functions, lang's escapers and funcs. A template in
// which an action prints a value without one of lang's escapers is an
// error, before anything is rendered (CheckEscaped).
func ExecuteTemplate(name string, lang Lang, funcs template.FuncMap, data any) ([]byte, error) {
	t, err := ParseTemplate(name, lang, funcs)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	return squeezeBlankLines(buf.Bytes()), nil
}

// ParseTemplate parses templates/switchcfg/<name> as ExecuteTemplate
// does, the escaper check included.
func ParseTemplate(name string, lang Lang, funcs template.FuncMap) (*template.Template, error) {
	fm := template.FuncMap{
		"join":     strings.Join,
		"ints":     JoinInts,
		"add":      func(a, b int) int { return a + b },
		"lines":    func(s string) []string { return strings.Split(strings.TrimRight(s, "\n"), "\n") },
		"upper":    strings.ToUpper,
		"lower":    strings.ToLower,
		"ascii":    ASCII,
		"mask":     Netmask,
		"addr":     HostAddr,
		"prefix":   PrefixLen,
		"network":  Network,
		"wildcard": Wildcard,
		"banner":   Banner,
	}
	for k, v := range funcs {
		fm[k] = v
	}
	for k, v := range lang.Escapers {
		fm[k] = v
	}
	src, err := templates.FS.ReadFile("switchcfg/" + name)
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	t, err := template.New(name).Funcs(fm).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	if err := CheckEscaped(t, lang); err != nil {
		return nil, err
	}
	return t, nil
}

// BannerText is a banner's delimiter and lines (escape.Banner).
type BannerText struct {
	Delim string
	Lines []string
}

// Banner chooses the delimiter of a banner among candidates: the first
// that occurs in none of its lines (escape.Banner).
func Banner(lines []string, candidates ...string) BannerText {
	d, out := escape.Banner(lines, candidates...)
	return BannerText{Delim: d, Lines: out}
}

// squeezeBlankLines drops runs of blank lines that conditional template
// sections leave, keeping at most one.
func squeezeBlankLines(b []byte) []byte {
	lines := strings.Split(string(b), "\n")
	var out []string
	blank := false
	for i, l := range lines {
		if l == "!" && i > 0 && len(out) > 0 && out[len(out)-1] == "!" {
			continue // an empty section leaves two separators
		}
		if strings.TrimSpace(l) == "" {
			if blank {
				continue
			}
			blank = true
			out = append(out, "")
			continue
		}
		blank = false
		out = append(out, strings.TrimRight(l, " \t"))
	}
	s := strings.TrimLeft(strings.Join(out, "\n"), "\n")
	return []byte(strings.TrimRight(s, "\n") + "\n")
}
