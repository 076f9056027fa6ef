package unknownport

import (
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/platform"
	"github.com/avnet/avnet/internal/platform/all"
	"github.com/avnet/avnet/internal/rules"
	"github.com/avnet/avnet/internal/suggest"
)

//go:embed doc.go
var doc string

// Rule is AV-REF-002.
var Rule = &rules.Rule{
	ID:       "AV-REF-002",
	Name:     "unknownport",
	Doc:      rules.ExtractDoc(doc, "unknownport"),
	Standard: "avnet device-type catalog (makers' datasheets, NetBox devicetype-library port names)",
	Severity: diag.Error,
	Run:      run,
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	for _, label := range model.SortedKeys(f.Links) {
		l := f.Links[label]
		for _, side := range []string{"a", "b"} {
			end := l.A
			if side == "b" {
				end = l.B
			}
			dev, iface := model.SplitEnd(end)
			checkEnd(pass, "link "+label, dev, iface, "links", label, side)
		}
	}
	reg := all.Registry()
	for _, name := range model.SortedKeys(f.Devices) {
		checkPlatformNaming(pass, reg, name)
	}
	for _, name := range model.SortedKeys(f.Devices) {
		d := f.Devices[name]
		if d.Mgmt == nil || d.Mgmt.Interface == "" {
			continue
		}
		t := f.DeviceTypes[d.Model]
		if t == nil || len(t.Ports) == 0 {
			// An endpoint's management interface is not one of its media
			// interfaces; there is nothing to check it against.
			continue
		}
		if _, ok := t.Ports[d.Mgmt.Interface]; ok {
			continue
		}
		pass.Report(diag.Diagnostic{
			Pos:     f.PosOf("devices", name, "mgmt", "interface"),
			Subject: "device " + name,
			Message: fmt.Sprintf("management interface %q does not exist on %s (%s)", d.Mgmt.Interface, name, d.Model),
			Hint:    portHint(d.Mgmt.Interface, d.Model, t, true),
			Related: []diag.Related{{Pos: f.PosOf("devices", name, "model"), Message: fmt.Sprintf("%s's model is %s", name, d.Model)}},
		})
	}
	return nil
}

// checkEnd reports a link end whose interface the device does not have.
func checkEnd(pass *rules.Pass, subject, dev, iface string, path ...string) {
	f := pass.Facility
	d := f.Devices[dev]
	if d == nil {
		return // AV-REF-001
	}
	t := f.DeviceTypes[d.Model]
	if t == nil {
		return // AV-REF-001
	}
	if len(t.Ports) > 0 {
		if _, ok := t.Ports[iface]; ok {
			return
		}
		pass.Report(diag.Diagnostic{
			Pos:     f.PosOf(path...),
			Subject: subject,
			Message: fmt.Sprintf("port %q does not exist on %s (%s)", iface, dev, d.Model),
			Hint:    portHint(iface, d.Model, t, false),
			Related: []diag.Related{{Pos: f.PosOf("devices", dev, "model"), Message: fmt.Sprintf("%s's model is %s", dev, d.Model)}},
		})
		return
	}
	if _, ok := d.Interfaces[iface]; ok {
		return
	}
	names := model.SortedKeys(d.Interfaces)
	hint := fmt.Sprintf("declare devices.%q.interfaces.%q, or connect the cable to an interface %s has", dev, iface, dev)
	if s := closest(iface, names); s != "" {
		hint = fmt.Sprintf("did you mean %q?", s)
	} else if len(names) > 0 {
		hint += fmt.Sprintf(" (%s has %s)", dev, quoteList(names))
	}
	related := []diag.Related{{Pos: f.PosOf("devices", dev), Message: fmt.Sprintf("%s is declared here; %s lists no ports, so its interfaces come from the design", dev, d.Model)}}
	pass.Report(diag.Diagnostic{
		Pos:     f.PosOf(path...),
		Subject: subject,
		Message: fmt.Sprintf("interface %q is not declared on %s", iface, dev),
		Hint:    hint,
		Related: related,
	})
}

// portHint suggests the closest port of t, or summarises its ports.
func portHint(name, model string, t *model.DeviceType, mgmt bool) string {
	var ports, mgmtPorts []string
	for p, port := range t.Ports {
		ports = append(ports, p)
		if port.MgmtOnly {
			mgmtPorts = append(mgmtPorts, p)
		}
	}
	sort.Strings(mgmtPorts)
	if mgmt && len(mgmtPorts) > 0 {
		if s := closest(name, mgmtPorts); s != "" {
			return fmt.Sprintf("did you mean %q? (the management port of %s)", s, model)
		}
	}
	if s := closest(name, ports); s != "" {
		return fmt.Sprintf("did you mean %q?", s)
	}
	h := fmt.Sprintf("%s has ports %s", model, Summarize(ports))
	if mgmt && len(mgmtPorts) > 0 {
		h = fmt.Sprintf("the management port of %s is %s; %s", model, quoteList(mgmtPorts), h)
	}
	return h
}

// closest is suggest.Closest with a tie-break that suits port names: among
// the candidates as near as the best one, prefer the one whose numbers are
// the numbers the user typed ("swp-3" means "swp3", not "swp13").
func closest(name string, candidates []string) string {
	best := suggest.Closest(name, candidates)
	if best == "" {
		return ""
	}
	d := suggest.Distance(strings.ToLower(name), strings.ToLower(best))
	want := digits(name)
	if want == "" || digits(best) == want {
		return best
	}
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	for _, c := range sorted {
		if digits(c) == want && suggest.Distance(strings.ToLower(name), strings.ToLower(c)) == d {
			return c
		}
	}
	return best
}

// digits returns the digits of s with every other character but '/' left
// out: "Ethernet1/1" → "1/1", "swp-3" → "3".
func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' || r == '/' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// Summarize writes a list of port names compactly, folding numbered runs
// into ranges: "swp1–swp22, eth0". A name is split at its first or its
// last run of digits, whichever gives fewer groups for the whole list
// ("Ethernet49/1–Ethernet56/1" varies in the first, "Ethernet1/1–Ethernet1/54"
// in the last).
func Summarize(names []string) string {
	first, last := groups(names, false), groups(names, true)
	g := first
	if len(last) < len(first) {
		g = last
	}
	var parts []string
	for _, gr := range g {
		parts = append(parts, gr...)
	}
	return strings.Join(parts, ", ")
}

type numbered struct {
	n    int
	name string
}

// groups folds names by template (the name with one digit run removed),
// returns one slice of range strings per template, templates sorted.
func groups(names []string, useLast bool) [][]string {
	byTmpl := map[string][]numbered{}
	var plain []string
	for _, n := range names {
		start, end := digitRun(n, useLast)
		if start < 0 {
			plain = append(plain, n)
			continue
		}
		v, _ := strconv.Atoi(n[start:end])
		tmpl := n[:start] + "\x00" + n[end:]
		byTmpl[tmpl] = append(byTmpl[tmpl], numbered{v, n})
	}
	var out [][]string
	for _, tmpl := range model.SortedKeys(byTmpl) {
		ns := byTmpl[tmpl]
		sort.Slice(ns, func(i, j int) bool { return ns[i].n < ns[j].n })
		var ranges []string
		for i := 0; i < len(ns); {
			j := i
			for j+1 < len(ns) && ns[j+1].n == ns[j].n+1 {
				j++
			}
			if j > i {
				ranges = append(ranges, ns[i].name+"–"+ns[j].name)
			} else {
				ranges = append(ranges, ns[i].name)
			}
			i = j + 1
		}
		out = append(out, ranges)
	}
	sort.Strings(plain)
	for _, p := range plain {
		out = append(out, []string{p})
	}
	return out
}

// digitRun finds the first (or last) run of ASCII digits in s.
func digitRun(s string, last bool) (start, end int) {
	isDigit := func(b byte) bool { return b >= '0' && b <= '9' }
	if last {
		end = len(s)
		for end > 0 && !isDigit(s[end-1]) {
			end--
		}
		if end == 0 {
			return -1, -1
		}
		start = end
		for start > 0 && isDigit(s[start-1]) {
			start--
		}
		return start, end
	}
	start = 0
	for start < len(s) && !isDigit(s[start]) {
		start++
	}
	if start == len(s) {
		return -1, -1
	}
	end = start
	for end < len(s) && isDigit(s[end]) {
		end++
	}
	return start, end
}

// checkPlatformNaming reports a switch whose device type names its ports
// otherwise than its platform does.
func checkPlatformNaming(pass *rules.Pass, reg *platform.Registry, name string) {
	f := pass.Facility
	d := f.Devices[name]
	t := f.DeviceTypes[d.Model]
	if !d.IsSwitch() || d.Platform == "" || t == nil || len(t.Ports) == 0 {
		return
	}
	kind, err := reg.Lookup(d.Platform)
	if err != nil || kind.Ports == nil {
		return // an unknown platform is the schema's finding
	}
	var odd []string
	for _, p := range model.SortedKeys(t.Ports) {
		if !kind.Ports.MatchString(p) {
			odd = append(odd, p)
		}
	}
	if len(odd) == 0 {
		return
	}
	shown := odd
	if len(shown) > 3 {
		shown = append(shown[:3:3], "…")
	}
	hint := fmt.Sprintf("set the platform this hardware runs, or use a device type of %s hardware", kind.Title)
	var fit []string
	for _, n := range reg.Names() {
		k, _ := reg.Lookup(n)
		ok := k.Ports != nil
		for p := range t.Ports {
			if ok && !k.Ports.MatchString(p) {
				ok = false
			}
		}
		if ok {
			fit = append(fit, fmt.Sprintf("%q", k.Name))
		}
	}
	if len(fit) > 0 {
		hint = fmt.Sprintf("its ports are named as platform %s names them: set platform: %s, or use a device type of %s hardware", strings.Join(fit, " or "), fit[0], kind.Title)
	}
	var related []diag.Related
	if pos, ok := f.Positions[model.PathKey("deviceTypes", d.Model)]; ok { // a type of the design, not of the catalog
		related = append(related, diag.Related{Pos: pos, Message: fmt.Sprintf("device type %s is declared here", d.Model)})
	}
	pass.Report(diag.Diagnostic{
		Pos:     f.PosOf("devices", name, "platform"),
		Subject: "device " + name,
		Message: fmt.Sprintf("switch %s runs %s, which names its ports like %s, but its type %s has port%s %s", name, kind.Title, kind.PortsExample, d.Model, rules.Plural(len(odd)), strings.Join(shown, ", ")),
		Related: related,
		Hint:    hint,
	})
}
