package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/vet"
)

// Kinds of names a design defines and refers to.
const (
	kDevice = "device"
	kPort   = "port" // name is "device:port"
	kVLAN   = "vlan"
	kRoom   = "room"
	kModel  = "model"
	kPTP    = "ptp domain"
	kClass  = "qos class"
	kLink   = "link"
	kFlow   = "flow"
)

type key struct{ kind, name string }

// loc is a span in a design file (absolute path).
type loc struct {
	file string
	sp   span
}

// design is what the server knows of one design directory after its last
// analysis: diagnostics per file, and where each name is defined and used.
type design struct {
	dir   string
	texts map[string]string // file → text analysed
	diags map[string][]protocol.Diagnostic
	// fac is the last facility that loaded; names for completion come from
	// it while the design is broken.
	fac  *model.Facility
	defs map[key]loc
	refs map[key][]loc
}

// analyse vets the design in dir as the editor sees it: open buffers
// replace the files on disk. vet reads a directory, so the design is
// copied into shadow (a directory the server owns) with the buffers
// written in, and positions are mapped back to the real files.
func analyse(dir, shadow string, open map[string]string, prev *design) (*design, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.cue"))
	if err != nil {
		return nil, err
	}
	old, _ := filepath.Glob(filepath.Join(shadow, "*.cue"))
	for _, f := range old {
		os.Remove(f)
	}
	d := &design{dir: dir, texts: map[string]string{}, diags: map[string][]protocol.Diagnostic{}, defs: map[key]loc{}, refs: map[key][]loc{}}
	for f := range open {
		if filepath.Dir(f) == dir && strings.HasSuffix(f, ".cue") && !contains(files, f) {
			files = append(files, f) // a new file not yet saved
		}
	}
	sort.Strings(files)
	for _, f := range files {
		text, ok := open[f]
		if !ok {
			b, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			text = string(b)
		}
		d.texts[f] = text
		d.diags[f] = []protocol.Diagnostic{}
		if err := os.WriteFile(filepath.Join(shadow, filepath.Base(f)), []byte(text), 0o600); err != nil {
			return nil, err
		}
	}
	out, err := vet.Design(shadow)
	if err != nil {
		return nil, err
	}
	cwd, _ := os.Getwd()
	real := func(name string) string {
		if name == "" {
			return ""
		}
		if !filepath.IsAbs(name) {
			name = filepath.Join(cwd, name)
		}
		if filepath.Dir(name) == shadow {
			return filepath.Join(dir, filepath.Base(name))
		}
		if filepath.Dir(name) == dir {
			return name
		}
		return ""
	}
	for _, dg := range out.Diagnostics {
		if dg.Severity == diag.Off {
			continue
		}
		file := real(dg.Pos.Filename)
		if _, ok := d.texts[file]; !ok {
			// A finding about the design as a whole, or in the schema:
			// show it on the first file.
			file = firstFile(d.texts)
			dg.Pos.Line, dg.Pos.Column = 0, 0
		}
		if file == "" {
			continue
		}
		ls := lines(d.texts[file])
		pd := protocol.Diagnostic{
			Range:    d.spanAt(file, dg.Pos.Line, dg.Pos.Column).toRange(ls),
			Severity: severity(dg.Severity),
			Code:     dg.RuleID,
			Source:   "avnet",
			Message:  dg.Message,
		}
		if dg.Hint != "" {
			pd.Message += "\nhint: " + dg.Hint
		}
		if dg.Waived != "" {
			pd.Message += "\nwaived: " + dg.Waived
		}
		for _, r := range dg.Related {
			rf := real(r.Pos.Filename)
			if _, ok := d.texts[rf]; !ok {
				continue
			}
			pd.RelatedInformation = append(pd.RelatedInformation, protocol.DiagnosticRelatedInformation{
				Location: protocol.Location{URI: uri.File(rf), Range: d.spanAt(rf, r.Pos.Line, r.Pos.Column).toRange(lines(d.texts[rf]))},
				Message:  r.Message,
			})
		}
		d.diags[file] = append(d.diags[file], pd)
	}
	if out.Facility == nil {
		if prev != nil {
			d.fac, d.defs, d.refs = prev.fac, prev.defs, prev.refs
		}
		return d, nil
	}
	d.fac = out.Facility
	d.index(out.Facility, real)
	return d, nil
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func firstFile(texts map[string]string) string {
	var names []string
	for f := range texts {
		names = append(names, f)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return ""
	}
	return names[0]
}

func severity(s diag.Severity) protocol.DiagnosticSeverity {
	switch s {
	case diag.Error:
		return protocol.DiagnosticSeverityError
	case diag.Warning:
		return protocol.DiagnosticSeverityWarning
	}
	return protocol.DiagnosticSeverityInformation
}

// spanAt is the token at a 1-based line and byte column: a string
// literal, a label or a word; the whole first line when there is no column.
func (d *design) spanAt(file string, line, col int) span {
	ls := lines(d.texts[file])
	if line <= 0 || line > len(ls) {
		return span{}
	}
	text := ls[line-1]
	if col <= 0 || col > len(text) {
		return span{line: line - 1, start: 0, end: len(text)}
	}
	b := col - 1
	if text[b] == '"' {
		if end, ok := literalEnd(text, b); ok {
			return span{line: line - 1, start: b, end: end}
		}
	}
	_, s, e := wordAt(text, b)
	if e == s {
		e = min(s+1, len(text))
	}
	return span{line: line - 1, start: s, end: e}
}

// literalEnd returns the offset just past the string literal that opens at
// b; ok is false for an unterminated literal.
func literalEnd(text string, b int) (int, bool) {
	for i := b + 1; i < len(text); i++ {
		switch text[i] {
		case '\\':
			i++
		case '"':
			return i + 1, true
		}
	}
	return 0, false
}

// literalAt finds the plain string literal that a position designates: the
// position of a value, or of the label of a field whose value it is.
// Interpolated strings ("cam-\(n)") are not plain: ok is false.
func literalAt(text string, b int) (start int, value string, ok bool) {
	if b >= len(text) {
		return 0, "", false
	}
	if text[b] != '"' {
		// Skip the label, the colon and the blanks to the value.
		i := b
		if text[i] == '"' {
			e, ok := literalEnd(text, i)
			if !ok {
				return 0, "", false
			}
			i = e
		} else {
			_, _, i = wordAt(text, i)
		}
		for i < len(text) && (text[i] == ' ' || text[i] == '\t' || text[i] == '?' || text[i] == '!') {
			i++
		}
		if i >= len(text) || text[i] != ':' {
			return 0, "", false
		}
		i++
		for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
			i++
		}
		if i >= len(text) || text[i] != '"' {
			return 0, "", false
		}
		b = i
	}
	e, ok := literalEnd(text, b)
	if !ok {
		return 0, "", false
	}
	raw := text[b:e]
	if strings.Contains(raw, `\(`) {
		return 0, "", false
	}
	v, err := strconv.Unquote(raw)
	if err != nil {
		return 0, "", false
	}
	return b, v, true
}

// labelSpan is the name of the label at b: inside its quotes when quoted.
func labelSpan(text string, b int) span {
	if b < len(text) && text[b] == '"' {
		if e, ok := literalEnd(text, b); ok {
			return span{start: b + 1, end: e - 1}
		}
	}
	_, s, e := wordAt(text, b)
	return span{start: s, end: e}
}

// index records every definition and plain-literal reference of f.
func (d *design) index(f *model.Facility, real func(string) string) {
	at := func(path ...string) (string, string, int, bool) {
		p, ok := f.Positions[model.PathKey(path...)]
		if !ok || p.Line == 0 {
			return "", "", 0, false
		}
		file := real(p.Filename)
		text, ok := d.texts[file]
		if !ok {
			return "", "", 0, false
		}
		ls := lines(text)
		if p.Line > len(ls) {
			return "", "", 0, false
		}
		return file, ls[p.Line-1], p.Column - 1, true
	}
	def := func(kind, name string, path ...string) {
		file, text, b, ok := at(path...)
		if !ok {
			return
		}
		sp := labelSpan(text, b)
		sp.line = f.Positions[model.PathKey(path...)].Line - 1
		if _, dup := d.defs[key{kind, name}]; !dup {
			d.defs[key{kind, name}] = loc{file, sp}
		}
	}
	ref := func(kind, want string, path ...string) {
		file, text, b, ok := at(path...)
		if !ok {
			return
		}
		start, v, ok := literalAt(text, b)
		if !ok || v != want {
			return
		}
		line := f.Positions[model.PathKey(path...)].Line - 1
		if kind == kLink {
			// A link end names a device and one of its ports.
			dev, port := model.SplitEnd(v)
			d.addRef(key{kDevice, dev}, loc{file, span{line, start + 1, start + 1 + len(dev)}})
			if port != "" {
				ps := start + 1 + len(dev) + 1
				d.addRef(key{kPort, dev + ":" + port}, loc{file, span{line, ps, ps + len(port)}})
			}
			return
		}
		d.addRef(key{kind, v}, loc{file, span{line, start + 1, start + 1 + len(v)}})
	}
	for _, n := range model.SortedKeys(f.Devices) {
		dv := f.Devices[n]
		def(kDevice, n, "devices", n)
		ref(kModel, dv.Model, "devices", n, "model")
		ref(kRoom, dv.Room, "devices", n, "room")
		if dv.Mgmt != nil {
			ref(kVLAN, dv.Mgmt.VLAN, "devices", n, "mgmt", "vlan")
		}
		if dv.PTP != nil {
			ref(kPTP, dv.PTP.Domain, "devices", n, "ptp", "domain")
		}
		for _, in := range model.SortedKeys(dv.Interfaces) {
			i := dv.Interfaces[in]
			def(kPort, n+":"+in, "devices", n, "interfaces", in)
			ref(kVLAN, i.VLAN, "devices", n, "interfaces", in, "vlan")
			for k, v := range i.VLANs {
				ref(kVLAN, v, "devices", n, "interfaces", in, "vlans", strconv.Itoa(k))
			}
		}
	}
	for _, n := range model.SortedKeys(f.Links) {
		l := f.Links[n]
		def(kLink, n, "links", n)
		ref(kLink, l.A, "links", n, "a")
		ref(kLink, l.B, "links", n, "b")
		for k, v := range l.VLANs {
			ref(kVLAN, v, "links", n, "vlans", strconv.Itoa(k))
		}
	}
	for _, n := range model.SortedKeys(f.Flows) {
		fl := f.Flows[n]
		def(kFlow, n, "flows", n)
		ref(kDevice, fl.Sender, "flows", n, "sender")
		ref(kClass, fl.Class, "flows", n, "class")
		for k, v := range fl.Receivers {
			ref(kDevice, v, "flows", n, "receivers", strconv.Itoa(k))
		}
	}
	for _, n := range model.SortedKeys(f.VLANs) {
		def(kVLAN, n, "vlans", n)
	}
	for _, n := range model.SortedKeys(f.Rooms) {
		def(kRoom, n, "rooms", n)
	}
	for _, n := range model.SortedKeys(f.PTP) {
		def(kPTP, n, "ptp", n)
	}
	for _, n := range model.SortedKeys(f.QoS.Classes) {
		def(kClass, n, "qos", "classes", n)
	}
	for _, n := range model.SortedKeys(f.DeviceTypes) {
		def(kModel, n, "deviceTypes", n)
	}
}

func (d *design) addRef(k key, l loc) {
	for _, x := range d.refs[k] {
		if x == l {
			return // entities made by one comprehension share its text
		}
	}
	d.refs[k] = append(d.refs[k], l)
}

// nameAt returns the name defined or referred to at a byte offset.
func (d *design) nameAt(file string, line, b int) (key, span, bool) {
	for k, l := range d.defs {
		if l.file == file && l.sp.contains(line, b) {
			return k, l.sp, true
		}
	}
	for k, ls := range d.refs {
		for _, l := range ls {
			if l.file == file && l.sp.contains(line, b) {
				return k, l.sp, true
			}
		}
	}
	return key{}, span{}, false
}

func (d *design) location(l loc) protocol.Location {
	return protocol.Location{URI: uri.File(l.file), Range: l.sp.toRange(lines(d.texts[l.file]))}
}

// describe is the hover text of a name.
func (d *design) describe(k key) string {
	f := d.fac
	if f == nil {
		return ""
	}
	switch k.kind {
	case kDevice:
		if dv := f.Devices[k.name]; dv != nil {
			s := fmt.Sprintf("**device %s**: %s, model `%s`", k.name, dv.Role, dv.Model)
			if dv.Room != "" {
				s += ", room " + dv.Room
			}
			if dv.Description != "" {
				s += "\n\n" + dv.Description
			}
			return s
		}
	case kVLAN:
		if v := f.VLANs[k.name]; v != nil {
			return fmt.Sprintf("**VLAN %s**: ID %d", k.name, v.ID)
		}
	case kModel:
		if t := f.DeviceTypes[k.name]; t != nil {
			return fmt.Sprintf("**model %s**: %s %s (%s), %d ports", k.name, t.Manufacturer, t.Model, t.Kind, len(t.Ports))
		}
	}
	return fmt.Sprintf("**%s %s**", k.kind, k.name)
}
