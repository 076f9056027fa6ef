// Package lsp is `avnet lsp`: a Language Server (LSP 3.17 over stdio) for
// the .cue files of avnet designs. It publishes every avnet finding
// (schema and rules) at its position, shows the documentation of a rule
// ID or a field on hover, finds the definition and the references of
// names (devices, ports, VLANs, rooms, models, PTP domains, QoS classes,
// links, flows) and completes them where a name is expected.
//
// A design is a directory: every change to one of its files vets the
// whole directory again, with the editor's unsaved buffers in place of
// the files on disk.
package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
)

// Server is one LSP session.
type Server struct {
	conn    jsonrpc2.Conn
	version string

	mu      sync.Mutex
	open    map[string]string  // file → text of open buffers
	designs map[string]*design // dir → last analysis
	shadows map[string]string  // dir → shadow directory
	rules   map[string]diag.RuleInfo
	fields  map[string][]fieldDoc
	log     io.Writer
}

type stdio struct {
	io.Reader
	io.Writer
}

func (stdio) Close() error { return nil }

// Serve runs a session on in and out until the client exits or in ends.
func Serve(ctx context.Context, in io.Reader, out io.Writer, log io.Writer, version string) error {
	conn := jsonrpc2.NewConn(jsonrpc2.NewStream(stdio{in, out}))
	s := &Server{conn: conn, version: version, open: map[string]string{}, designs: map[string]*design{},
		shadows: map[string]string{}, rules: ruleDocs(), fields: schemaFields(), log: log}
	defer s.cleanup()
	conn.Go(ctx, s.handle)
	select {
	case <-ctx.Done():
		conn.Close()
	case <-conn.Done():
	}
	if err := conn.Err(); err != nil && err != io.EOF && !strings.Contains(err.Error(), "EOF") {
		return err
	}
	return nil
}

func (s *Server) cleanup() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.shadows {
		os.RemoveAll(d)
	}
}

func (s *Server) logf(format string, args ...any) {
	if s.log != nil {
		fmt.Fprintf(s.log, "avnet lsp: "+format+"\n", args...)
	}
}

func (s *Server) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
	params := req.Params()
	switch req.Method() {
	case protocol.MethodInitialize:
		return reply(ctx, protocol.InitializeResult{
			Capabilities: protocol.ServerCapabilities{
				TextDocumentSync: protocol.TextDocumentSyncOptions{
					OpenClose: true, Change: protocol.TextDocumentSyncKindFull, Save: &protocol.SaveOptions{},
				},
				HoverProvider:      true,
				DefinitionProvider: true,
				ReferencesProvider: true,
				CompletionProvider: &protocol.CompletionOptions{TriggerCharacters: []string{`"`, ":"}},
			},
			ServerInfo: &protocol.ServerInfo{Name: "avnet", Version: s.version},
		}, nil)
	case protocol.MethodInitialized, protocol.MethodWorkspaceDidChangeConfiguration:
		return reply(ctx, nil, nil)
	case protocol.MethodShutdown:
		return reply(ctx, nil, nil)
	case protocol.MethodExit:
		err := reply(ctx, nil, nil)
		s.conn.Close()
		return err
	case protocol.MethodTextDocumentDidOpen:
		var p protocol.DidOpenTextDocumentParams
		if err := json.Unmarshal(params, &p); err != nil {
			return reply(ctx, nil, err)
		}
		s.setText(p.TextDocument.URI, &p.TextDocument.Text)
		return s.refresh(ctx, reply, p.TextDocument.URI)
	case protocol.MethodTextDocumentDidChange:
		var p protocol.DidChangeTextDocumentParams
		if err := json.Unmarshal(params, &p); err != nil {
			return reply(ctx, nil, err)
		}
		if n := len(p.ContentChanges); n > 0 {
			// Full sync: the last change is the whole document.
			s.setText(p.TextDocument.URI, &p.ContentChanges[n-1].Text)
		}
		return s.refresh(ctx, reply, p.TextDocument.URI)
	case protocol.MethodTextDocumentDidSave:
		var p protocol.DidSaveTextDocumentParams
		if err := json.Unmarshal(params, &p); err != nil {
			return reply(ctx, nil, err)
		}
		return s.refresh(ctx, reply, p.TextDocument.URI)
	case protocol.MethodTextDocumentDidClose:
		var p protocol.DidCloseTextDocumentParams
		if err := json.Unmarshal(params, &p); err != nil {
			return reply(ctx, nil, err)
		}
		s.setText(p.TextDocument.URI, nil)
		return s.refresh(ctx, reply, p.TextDocument.URI)
	case protocol.MethodTextDocumentHover:
		var p protocol.HoverParams
		if err := json.Unmarshal(params, &p); err != nil {
			return reply(ctx, nil, err)
		}
		h := s.hover(p.TextDocumentPositionParams)
		if h == nil {
			return reply(ctx, nil, nil)
		}
		return reply(ctx, h, nil)
	case protocol.MethodTextDocumentDefinition:
		var p protocol.DefinitionParams
		if err := json.Unmarshal(params, &p); err != nil {
			return reply(ctx, nil, err)
		}
		return reply(ctx, s.definition(p.TextDocumentPositionParams), nil)
	case protocol.MethodTextDocumentReferences:
		var p protocol.ReferenceParams
		if err := json.Unmarshal(params, &p); err != nil {
			return reply(ctx, nil, err)
		}
		return reply(ctx, s.references(p.TextDocumentPositionParams, p.Context.IncludeDeclaration), nil)
	case protocol.MethodTextDocumentCompletion:
		var p protocol.CompletionParams
		if err := json.Unmarshal(params, &p); err != nil {
			return reply(ctx, nil, err)
		}
		return reply(ctx, s.completion(p.TextDocumentPositionParams), nil)
	}
	if _, ok := req.(*jsonrpc2.Call); ok {
		return jsonrpc2.MethodNotFoundHandler(ctx, reply, req)
	}
	return reply(ctx, nil, nil) // notifications we do not use
}

func fileOf(u protocol.DocumentURI) string {
	defer func() { recover() }() // a URI that is not file:// names no design file
	return filepath.Clean(uri.URI(u).Filename())
}

func (s *Server) setText(u protocol.DocumentURI, text *string) {
	f := fileOf(u)
	s.mu.Lock()
	defer s.mu.Unlock()
	if text == nil {
		delete(s.open, f)
	} else {
		s.open[f] = *text
	}
}

// refresh vets the design of the file again and publishes its diagnostics
// on every file of the design (an empty list clears a file's old ones).
func (s *Server) refresh(ctx context.Context, reply jsonrpc2.Replier, u protocol.DocumentURI) error {
	if err := reply(ctx, nil, nil); err != nil {
		return err
	}
	f := fileOf(u)
	if f == "" || f == "." || !strings.HasSuffix(f, ".cue") {
		return nil
	}
	dir := filepath.Dir(f)
	s.mu.Lock()
	shadow, ok := s.shadows[dir]
	if !ok {
		var err error
		if shadow, err = os.MkdirTemp("", "avnet-lsp-"); err != nil {
			s.mu.Unlock()
			return err
		}
		s.shadows[dir] = shadow
	}
	open := map[string]string{}
	for k, v := range s.open {
		open[k] = v
	}
	prev := s.designs[dir]
	s.mu.Unlock()
	d, err := analyse(dir, shadow, open, prev)
	if err != nil {
		s.logf("%s: %v", dir, err)
		return nil
	}
	s.mu.Lock()
	s.designs[dir] = d
	s.mu.Unlock()
	files := make([]string, 0, len(d.diags))
	for file := range d.diags {
		files = append(files, file)
	}
	if prev != nil {
		for file := range prev.diags {
			if _, ok := d.diags[file]; !ok {
				files = append(files, file) // a deleted file: clear it
			}
		}
	}
	sort.Strings(files)
	for _, file := range files {
		ds := d.diags[file]
		if ds == nil {
			ds = []protocol.Diagnostic{}
		}
		if err := s.conn.Notify(ctx, protocol.MethodTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{URI: uri.File(file), Diagnostics: ds}); err != nil {
			return err
		}
	}
	return nil
}

// at finds the design and the line and byte offset of a position.
func (s *Server) at(p protocol.TextDocumentPositionParams) (*design, string, []string, int, int) {
	f := fileOf(p.TextDocument.URI)
	s.mu.Lock()
	d := s.designs[filepath.Dir(f)]
	s.mu.Unlock()
	if d == nil {
		return nil, "", nil, 0, 0
	}
	ls := lines(d.texts[f])
	line := int(p.Position.Line)
	if line >= len(ls) {
		return d, f, ls, line, 0
	}
	return d, f, ls, line, toByte(ls[line], p.Position.Character)
}

var ruleIDRE = regexp.MustCompile(`^AV-[A-Z0-9]+-[0-9]{3}$`)

func (s *Server) hover(p protocol.TextDocumentPositionParams) *protocol.Hover {
	d, f, ls, line, b := s.at(p)
	if d == nil || line >= len(ls) {
		return nil
	}
	text := ls[line]
	word, ws, we := wordAt(text, b)
	md := func(v string, sp span) *protocol.Hover {
		r := sp.toRange(ls)
		return &protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.Markdown, Value: v}, Range: &r}
	}
	if ruleIDRE.MatchString(word) {
		if r, ok := s.rules[word]; ok {
			return md(ruleMarkdown(r), span{line, ws, we})
		}
	}
	if k, sp, ok := d.nameAt(f, line, b); ok {
		return md(d.describe(k), sp)
	}
	// A field label: the word followed by a colon.
	rest := strings.TrimLeft(text[min(we, len(text)):], " \t?!")
	label := strings.Trim(word, `"`)
	if strings.HasPrefix(rest, ":") || (we < len(text) && text[we] == '"' && strings.HasPrefix(strings.TrimLeft(text[we+1:], " \t?!"), ":")) {
		if docs := s.fields[label]; len(docs) > 0 {
			return md(fieldMarkdown(label, docs), span{line, ws, we})
		}
	}
	return nil
}

func (s *Server) definition(p protocol.TextDocumentPositionParams) []protocol.Location {
	d, f, _, line, b := s.at(p)
	out := []protocol.Location{}
	if d == nil {
		return out
	}
	k, _, ok := d.nameAt(f, line, b)
	if !ok {
		return out
	}
	if l, ok := d.defs[k]; ok {
		out = append(out, d.location(l))
	}
	return out
}

func (s *Server) references(p protocol.TextDocumentPositionParams, decl bool) []protocol.Location {
	d, f, _, line, b := s.at(p)
	out := []protocol.Location{}
	if d == nil {
		return out
	}
	k, _, ok := d.nameAt(f, line, b)
	if !ok {
		return out
	}
	if l, ok := d.defs[k]; ok && decl {
		out = append(out, d.location(l))
	}
	refs := append([]loc(nil), d.refs[k]...)
	sort.Slice(refs, func(i, j int) bool {
		if refs[i].file != refs[j].file {
			return refs[i].file < refs[j].file
		}
		if refs[i].sp.line != refs[j].sp.line {
			return refs[i].sp.line < refs[j].sp.line
		}
		return refs[i].sp.start < refs[j].sp.start
	})
	for _, l := range refs {
		out = append(out, d.location(l))
	}
	return out
}

// completeRE finds the field whose string value the cursor is in:
// `label: "partial` or `label: [..., "partial`.
var completeRE = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_]*)\s*[?!]?:\s*(?:\[[^\]]*)?"([^"]*)$`)

func (s *Server) completion(p protocol.TextDocumentPositionParams) *protocol.CompletionList {
	out := &protocol.CompletionList{Items: []protocol.CompletionItem{}}
	d, _, ls, line, b := s.at(p)
	if d == nil || d.fac == nil || line >= len(ls) {
		return out
	}
	m := completeRE.FindStringSubmatch(ls[line][:b])
	if m == nil {
		return out
	}
	label, partial := m[1], m[2]
	f := d.fac
	var names []string
	kind, detail := protocol.CompletionItemKindValue, ""
	from := b - len(partial)
	switch label {
	case "a", "b":
		if dev, port, ok := strings.Cut(partial, ":"); ok {
			from = b - len(port)
			detail = "port of " + dev
			if dv := f.Devices[dev]; dv != nil {
				set := map[string]bool{}
				for n := range dv.Interfaces {
					set[n] = true
				}
				if t := f.DeviceTypes[dv.Model]; t != nil {
					for n := range t.Ports {
						set[n] = true
					}
				}
				for n := range set {
					names = append(names, n)
				}
			}
			kind = protocol.CompletionItemKindField
			break
		}
		fallthrough
	case "sender", "receivers":
		names = append(names, model.SortedKeys(f.Devices)...)
		detail = "device"
	case "vlan", "vlans":
		names = append(names, model.SortedKeys(f.VLANs)...)
		detail = "VLAN"
	case "model":
		names = append(names, model.SortedKeys(f.DeviceTypes)...)
		detail = "catalog model"
		kind = protocol.CompletionItemKindClass
	case "room":
		names = append(names, model.SortedKeys(f.Rooms)...)
		detail = "room"
	case "domain":
		names = append(names, model.SortedKeys(f.PTP)...)
		detail = "PTP domain"
	case "class":
		names = append(names, model.SortedKeys(f.QoS.Classes)...)
		detail = "QoS class"
	}
	sort.Strings(names)
	r := span{line, from, b}.toRange(ls)
	for _, n := range names {
		if !strings.HasPrefix(n, partial[len(partial)-(b-from):]) {
			continue
		}
		item := protocol.CompletionItem{Label: n, Kind: kind, Detail: detail,
			TextEdit: &protocol.TextEdit{Range: r, NewText: n}}
		if detail == "device" {
			item.Documentation = protocol.MarkupContent{Kind: protocol.Markdown, Value: d.describe(key{kDevice, n})}
		}
		out.Items = append(out.Items, item)
	}
	return out
}
