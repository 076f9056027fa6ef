package serve

import (
	"bufio"
	"context"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/avnet/avnet/generators"
	"github.com/avnet/avnet/generators/diagram"
	"github.com/avnet/avnet/generators/dossier"
	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/build"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules/suite"
	"github.com/avnet/avnet/internal/vet"
)

// State is what a page shows: the findings of the design as it is on
// disk now, and the last rendering of a design that built.
type State struct {
	Seq    int    `json:"seq"`
	Design string `json:"design"`
	// Source counts the rebuilds; Rendering.Seq is the Source it came from.
	Source int `json:"source"`
	// Phase: "loading", "invalid" (CUE rejected the design), "errors"
	// (the rules found errors: nothing is generated), "rendering" (findings
	// are current, the drawings come next), "ok".
	Phase     string      `json:"phase"`
	Counts    diag.Counts `json:"counts"`
	Findings  []Finding   `json:"findings"`
	Problem   string      `json:"problem,omitempty"`
	Timing    Timing      `json:"timing"`
	Stale     bool        `json:"stale"`
	Rendering *View       `json:"rendering,omitempty"`
}

// Timing of the rebuild that made this state, in milliseconds.
type Timing struct {
	VetMS    float64 `json:"vetMs"`
	RenderMS float64 `json:"renderMs,omitempty"`
}

// Finding is a diagnostic with what the page needs to explain it.
type Finding struct {
	diag.Diagnostic
	Excerpt  []ExcerptLine `json:"excerpt,omitempty"`
	Title    string        `json:"title,omitempty"`
	Doc      string        `json:"doc,omitempty"`
	Standard string        `json:"standard,omitempty"`
}

// ExcerptLine is one line of source around a finding.
type ExcerptLine struct {
	Line int    `json:"line"`
	Text string `json:"text"`
}

// View is the part of a rendering the page lists; diagrams, configs and
// the dossier are fetched on their own.
type View struct {
	Seq      int       `json:"seq"`
	Diagrams []string  `json:"diagrams"`
	Devices  []string  `json:"devices"`
	Flows    []FlowRow `json:"flows"`
	Loads    []LoadRow `json:"loads"`
}

// FlowRow is one line of the flow table. Links and Devices are the path
// of every leg to every receiver, for highlighting.
type FlowRow struct {
	Name       string   `json:"name"`
	Sender     string   `json:"sender"`
	Essence    string   `json:"essence"`
	Format     string   `json:"format,omitempty"`
	Bps        float64  `json:"bps"`
	Receivers  []string `json:"receivers"`
	Protection string   `json:"protection,omitempty"`
	Links      []string `json:"links"`
	Devices    []string `json:"devices"`
}

// LoadRow is one link direction of the link-load table.
type LoadRow struct {
	Link     string   `json:"link"`
	From     string   `json:"from"`
	To       string   `json:"to"`
	Bps      float64  `json:"bps"`
	Capacity float64  `json:"capacity"`
	Flows    []string `json:"flows"`
}

// DevicePanel is what clicking a device shows.
type DevicePanel struct {
	Name        string     `json:"name"`
	Role        string     `json:"role"`
	Model       string     `json:"model"`
	Room        string     `json:"room,omitempty"`
	Description string     `json:"description,omitempty"`
	Interfaces  []IfaceRow `json:"interfaces"`
	VLANs       []string   `json:"vlans"`
	Sends       []string   `json:"sends"`
	Receives    []string   `json:"receives"`
	PTP         []string   `json:"ptp"`
	Files       []FileText `json:"files"`
}

// IfaceRow is one interface of a device and what it is cabled to.
type IfaceRow struct {
	Name  string   `json:"name"`
	VLANs []string `json:"vlans"`
	IP    string   `json:"ip,omitempty"`
	Link  string   `json:"link,omitempty"`
	Peer  string   `json:"peer,omitempty"`
	Speed string   `json:"speed,omitempty"`
}

// FileText is a generated file of the device (switch config, intent, ptp4l).
type FileText struct {
	Path string `json:"path"`
	Text string `json:"text"`
}

// rendering is everything built from one design that built.
type rendering struct {
	view    *View
	svgs    map[string][]byte
	devices map[string]*DevicePanel
	dossier []byte
}

// Rebuild vets the design, publishes the findings, then generates and
// publishes the rendering. It returns when both are published, or when
// ctx ends (a newer save) before the rendering is.
func (s *Server) Rebuild(ctx context.Context) {
	t0 := time.Now()
	s.mu.Lock()
	source := s.state.Source + 1
	s.mu.Unlock()
	st := &State{Design: designName(s.opts.Dir), Source: source, Findings: []Finding{}}
	out, err := vet.Design(s.opts.Dir)
	if err != nil {
		st.Phase, st.Problem = "invalid", err.Error()
		s.publish(st, nil)
		return
	}
	st.Findings = findings(out.Diagnostics)
	r := diag.NewReport(st.Design, out.Diagnostics, nil)
	st.Counts = r.Summary
	st.Timing.VetMS = ms(time.Since(t0))
	switch {
	case out.Facility == nil:
		st.Phase = "invalid"
		s.publish(st, nil)
		return
	case out.HasErrors():
		st.Phase = "errors"
		s.publish(st, nil)
		return
	}
	st.Phase = "rendering"
	s.publish(st, nil)

	t1 := time.Now()
	g, err := s.render(ctx, out, source)
	if ctx.Err() != nil {
		return // a newer save is being built
	}
	done := *st
	done.Timing.RenderMS = ms(time.Since(t1))
	if err != nil {
		done.Phase, done.Problem = "errors", err.Error()
		s.publish(&done, nil)
		s.opts.Logf("serve: render: %v", err)
		return
	}
	done.Phase = "ok"
	s.publish(&done, g)
	s.opts.Logf("serve: %s: %s (vet %.0f ms, render %.0f ms)", st.Design, diag.Summary(out.Diagnostics), done.Timing.VetMS, done.Timing.RenderMS)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Generators are build's, without what a page does not show (NetBox
// records) and without the slow post-steps (PNG, PDF).
func Generators() []*gen.Generator {
	var out []*gen.Generator
	for _, g := range generators.All() {
		switch g.Name {
		case "netbox":
		case diagram.Generator.Name:
			out = append(out, svgDiagrams)
		default:
			out = append(out, g)
		}
	}
	return out
}

var svgDiagrams = &gen.Generator{
	Name: diagram.Generator.Name,
	Doc:  "the diagrams as SVG only",
	Generate: func(ctx context.Context, f *model.Facility, facts *analysis.Facts, sink gen.Sink) error {
		svgs, err := diagram.SVGs(ctx, f, facts, gen.EnvFrom(ctx).Lang)
		if err != nil {
			return err
		}
		for _, n := range diagram.Names {
			if svgs[n] != nil {
				if err := sink.Write(diagram.Dir+"/"+n+".svg", svgs[n]); err != nil {
					return err
				}
			}
		}
		return nil
	},
}

func (s *Server) render(ctx context.Context, out *vet.Outcome, source int) (*rendering, error) {
	getenv := func(k string) (string, bool) {
		if k == dossier.PDFSwitch {
			return "off", true
		}
		return os.LookupEnv(k)
	}
	sink, err := build.Generate(ctx, s.opts.Dir, out, build.Options{Out: os.DevNull, Lang: s.opts.Lang, Version: s.opts.Version, Getenv: getenv, Generators: Generators()})
	if err != nil {
		return nil, err
	}
	return newRendering(out.Facility, out.Facts, sink, source), nil
}

func newRendering(f *model.Facility, facts *analysis.Facts, sink *gen.MemSink, source int) *rendering {
	g := &rendering{view: &View{Seq: source, Diagrams: []string{}, Devices: model.SortedKeys(f.Devices), Flows: []FlowRow{}, Loads: []LoadRow{}},
		svgs: map[string][]byte{}, devices: map[string]*DevicePanel{}, dossier: sink.Files[dossier.HTMLFile]}
	for _, n := range diagram.Names {
		if b := sink.Files[diagram.Dir+"/"+n+".svg"]; b != nil {
			g.svgs[n] = b
			g.view.Diagrams = append(g.view.Diagrams, n)
		}
	}
	for _, name := range model.SortedKeys(f.Flows) {
		g.view.Flows = append(g.view.Flows, flowRow(f.Flows[name], facts.Flows[name]))
	}
	for _, l := range facts.LoadsSorted() {
		row := LoadRow{Link: l.Link.Label, From: l.From.Device + ":" + l.From.Interface, To: l.To.Device + ":" + l.To.Interface, Bps: l.Bps, Capacity: l.Capacity, Flows: []string{}}
		for _, leg := range l.Legs {
			row.Flows = appendOnce(row.Flows, leg.Flow)
		}
		g.view.Loads = append(g.view.Loads, row)
	}
	for _, name := range g.view.Devices {
		g.devices[name] = devicePanel(f, facts, sink, name)
	}
	return g
}

func appendOnce(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

func flowRow(fl *model.Flow, ff *analysis.FlowFacts) FlowRow {
	row := FlowRow{Name: fl.Name, Sender: fl.Sender, Essence: fl.Essence, Receivers: append([]string{}, fl.Receivers...),
		Protection: fl.Protection, Links: []string{}, Devices: []string{fl.Sender}}
	if fl.Video != nil {
		row.Format = fl.Video.Format
	}
	if ff == nil {
		return row
	}
	if ff.RateErr == nil {
		row.Bps = ff.Rate.Bitrate.L1
	}
	for _, leg := range ff.Legs {
		for _, e := range leg.Tree {
			row.Links = appendOnce(row.Links, e.Link.Label)
			row.Devices = appendOnce(row.Devices, e.From.Device)
			row.Devices = appendOnce(row.Devices, e.To.Device)
		}
	}
	sort.Strings(row.Links)
	return row
}

func devicePanel(f *model.Facility, facts *analysis.Facts, sink *gen.MemSink, name string) *DevicePanel {
	d := f.Devices[name]
	p := &DevicePanel{Name: name, Role: d.Role, Model: d.Model, Room: d.Room, Description: d.Description,
		Interfaces: []IfaceRow{}, VLANs: []string{}, Sends: []string{}, Receives: []string{}, PTP: []string{}, Files: []FileText{}}
	vlans := map[string]bool{}
	for _, in := range model.SortedKeys(d.Interfaces) {
		i := d.Interfaces[in]
		row := IfaceRow{Name: in, VLANs: i.AllVLANs(), IP: i.IP, Speed: i.Speed}
		if row.VLANs == nil {
			row.VLANs = []string{}
		}
		for _, v := range row.VLANs {
			vlans[v] = true
		}
		p.Interfaces = append(p.Interfaces, row)
	}
	// Cabled ports that the design does not list as interfaces (switch
	// ports) are rows too.
	for _, lname := range model.SortedKeys(f.Links) {
		l := f.Links[lname]
		for _, end := range [][2]string{{l.A, l.B}, {l.B, l.A}} {
			dev, port := model.SplitEnd(end[0])
			if dev != name {
				continue
			}
			found := false
			for i := range p.Interfaces {
				if p.Interfaces[i].Name == port {
					p.Interfaces[i].Link, p.Interfaces[i].Peer, found = lname, end[1], true
					if p.Interfaces[i].Speed == "" {
						p.Interfaces[i].Speed = l.Speed
					}
				}
			}
			if !found {
				p.Interfaces = append(p.Interfaces, IfaceRow{Name: port, VLANs: append([]string{}, l.VLANs...), Link: lname, Peer: end[1], Speed: l.Speed})
				for _, v := range l.VLANs {
					vlans[v] = true
				}
			}
		}
	}
	if sp := facts.SwitchPlan(name); sp != nil {
		for _, v := range sp.VLANs {
			vlans[v] = true
		}
	}
	p.VLANs = model.SortedKeys(vlans)
	for _, fn := range model.SortedKeys(f.Flows) {
		fl := f.Flows[fn]
		if fl.Sender == name {
			p.Sends = append(p.Sends, fn)
		}
		for _, r := range fl.Receivers {
			if r == name {
				p.Receives = append(p.Receives, fn)
				break
			}
		}
	}
	for _, dn := range model.SortedKeys(facts.PTP) {
		for _, t := range facts.PTP[dn].Trees {
			if n := t.Nodes[name]; n != nil {
				role := dn + ": " + n.Role
				if n.Parent != "" {
					role += " (parent " + n.Parent + ")"
				}
				p.PTP = appendOnce(p.PTP, role)
			}
		}
	}
	if len(p.PTP) == 0 && d.PTP != nil {
		p.PTP = append(p.PTP, d.PTP.Domain+": "+d.PTP.Mode)
	}
	for _, fn := range sink.Names() {
		base := fn[strings.LastIndex(fn, "/")+1:]
		dir := fn[:strings.LastIndex(fn, "/")+1]
		if (dir == "configs/" || dir == "ptp/") && (strings.HasPrefix(base, name+".")) {
			p.Files = append(p.Files, FileText{Path: fn, Text: string(sink.Files[fn])})
		}
	}
	return p
}

// findings adds the source excerpt and the rule's documentation.
func findings(ds []diag.Diagnostic) []Finding {
	docs := ruleDocs()
	files := map[string][]string{}
	out := make([]Finding, 0, len(ds))
	for _, d := range ds {
		f := Finding{Diagnostic: d}
		if info, ok := docs[d.RuleID]; ok {
			f.Title, f.Doc, f.Standard = info.Title, info.Doc, info.Standard
		}
		if d.Pos.Line > 0 {
			lines, ok := files[d.Pos.Filename]
			if !ok {
				lines = readLines(d.Pos.Filename)
				files[d.Pos.Filename] = lines
			}
			for n := max(d.Pos.Line-1, 1); n <= d.Pos.Line+1 && n <= len(lines); n++ {
				f.Excerpt = append(f.Excerpt, ExcerptLine{Line: n, Text: lines[n-1]})
			}
		}
		out = append(out, f)
	}
	return out
}

func readLines(name string) []string {
	fh, err := os.Open(name)
	if err != nil {
		return nil
	}
	defer fh.Close()
	var out []string
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}

// ruleDocs indexes the rule catalog by ID.
func ruleDocs() map[string]diag.RuleInfo {
	out := map[string]diag.RuleInfo{}
	for _, r := range suite.Infos() {
		out[r.ID] = r
	}
	return out
}
