package lsp_test

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/avnet/avnet/generators/gentest"
	"github.com/avnet/avnet/internal/cli"
)

// The test binary doubles as avnet: the tests start it as `avnet lsp` and
// talk to it over its stdin and stdout, as an editor does.
func TestMain(m *testing.M) {
	if os.Getenv("AVNET_TEST_AS_AVNET") == "1" {
		os.Args = append([]string{"avnet"}, os.Args[1:]...)
		os.Exit(cli.Main())
	}
	os.Exit(m.Run())
}

const flagship = "../../designs/chaine-tv-ip"

// wait is how long the test waits for an answer: generous, because the
// machine may be busy; speed is measured by the benchmarks, not here.
const wait = 2 * time.Minute

type pipes struct {
	io.Reader
	io.WriteCloser
}

type client struct {
	t    *testing.T
	conn jsonrpc2.Conn
	mu   sync.Mutex
	// diags holds the last diagnostics published for each file.
	diags map[string][]protocol.Diagnostic
	seen  chan string
}

func startLSP(t *testing.T) *client {
	t.Helper()
	cmd := exec.Command(os.Args[0], "lsp")
	cmd.Env = append(os.Environ(), "AVNET_TEST_AS_AVNET=1")
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &client{t: t, diags: map[string][]protocol.Diagnostic{}, seen: make(chan string, 100)}
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(pipes{out, in}))
	c.conn.Go(context.Background(), func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		if req.Method() == protocol.MethodTextDocumentPublishDiagnostics {
			var p protocol.PublishDiagnosticsParams
			if err := json.Unmarshal(req.Params(), &p); err == nil {
				f := uri.URI(p.URI).Filename()
				c.mu.Lock()
				c.diags[f] = p.Diagnostics
				c.mu.Unlock()
				c.seen <- f
			}
		}
		return reply(ctx, nil, nil)
	})
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		c.conn.Call(ctx, protocol.MethodShutdown, nil, nil)
		c.conn.Notify(ctx, protocol.MethodExit, nil)
		in.Close()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(wait):
			cmd.Process.Kill()
			t.Error("avnet lsp did not exit after shutdown and exit")
		}
	})
	var res protocol.InitializeResult
	c.call(protocol.MethodInitialize, protocol.InitializeParams{ProcessID: int32(os.Getpid())}, &res)
	if res.Capabilities.HoverProvider != true || res.Capabilities.CompletionProvider == nil {
		t.Fatalf("capabilities %+v", res.Capabilities)
	}
	if err := c.conn.Notify(context.Background(), protocol.MethodInitialized, protocol.InitializedParams{}); err != nil {
		t.Fatal(err)
	}
	return c
}

func (c *client) call(method string, params, result any) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	if _, err := c.conn.Call(ctx, method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// diagnosticsFor waits until the diagnostics published for file satisfy ok.
func (c *client) diagnosticsFor(file string, ok func([]protocol.Diagnostic) bool) []protocol.Diagnostic {
	c.t.Helper()
	deadline := time.After(wait)
	for {
		c.mu.Lock()
		ds, have := c.diags[file]
		c.mu.Unlock()
		if have && ok(ds) {
			return ds
		}
		select {
		case <-c.seen:
		case <-deadline:
			c.t.Fatalf("%s: diagnostics never matched; last: %+v", file, ds)
		}
	}
}

// posOf returns the LSP position of the n-th occurrence (0-based) of
// needle in text, plus offset bytes (ASCII lines only).
func posOf(t *testing.T, text, needle string, n, offset int) protocol.Position {
	t.Helper()
	idx := -1
	for i := 0; i <= n; i++ {
		j := strings.Index(text[idx+1:], needle)
		if j < 0 {
			t.Fatalf("%q: occurrence %d not found", needle, n)
		}
		idx += 1 + j
	}
	idx += offset
	line := strings.Count(text[:idx], "\n")
	col := idx - (strings.LastIndex(text[:idx], "\n") + 1)
	return protocol.Position{Line: uint32(line), Character: uint32(col)}
}

func textAt(t *testing.T, file string, r protocol.Range) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	ls := strings.Split(string(b), "\n")
	if int(r.Start.Line) >= len(ls) || r.Start.Line != r.End.Line {
		t.Fatalf("range %+v spans lines", r)
	}
	l := ls[r.Start.Line]
	return l[r.Start.Character:r.End.Character] // ASCII names
}

func open(c *client, file string) string {
	b, err := os.ReadFile(file)
	if err != nil {
		c.t.Fatal(err)
	}
	c.notify(protocol.MethodTextDocumentDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: uri.File(file), LanguageID: "cue", Version: 1, Text: string(b)}})
	return string(b)
}

func change(c *client, file, text string, version int32) {
	c.notify(protocol.MethodTextDocumentDidChange, protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri.File(file)}, Version: version},
		ContentChanges: []protocol.TextDocumentContentChangeEvent{{Text: text}},
	})
}

func noErrors(ds []protocol.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == protocol.DiagnosticSeverityError {
			return false
		}
	}
	return true
}

// Diagnostics on open are the flagship's (no error), a rule error typed
// into the buffer appears at its line before any save, a syntax error
// too, and both go away when the text is fixed.
func TestDiagnosticsOnOpenAndChange(t *testing.T) {
	dir := gentest.CopyDesign(t, flagship)
	c := startLSP(t)
	studio := filepath.Join(dir, "studio.cue")
	text := open(c, studio)
	c.diagnosticsFor(studio, noErrors)

	// An unknown VLAN: a rule finding at the interface's line.
	bad := strings.Replace(text, `"red": {vlan: "media-red", ip: "10.110.0.16/24"}`, `"red": {vlan: "media-rouge", ip: "10.110.0.16/24"}`, 1)
	if bad == text {
		t.Fatal("edit did not apply")
	}
	change(c, studio, bad, 2)
	want := posOf(t, bad, `"media-rouge"`, 0, 0)
	ds := c.diagnosticsFor(studio, func(ds []protocol.Diagnostic) bool { return !noErrors(ds) })
	found := false
	for _, d := range ds {
		if d.Severity == protocol.DiagnosticSeverityError && d.Range.Start.Line == want.Line && strings.Contains(d.Message, "media-rouge") && d.Source == "avnet" {
			found = true
		}
	}
	if !found {
		t.Fatalf("no error on line %d naming media-rouge: %+v", want.Line+1, ds)
	}
	// The file on disk is untouched: the buffer is what was vetted.
	if b, _ := os.ReadFile(studio); string(b) != text {
		t.Error("the server wrote the design file")
	}

	// A syntax error: positioned, from CUE.
	change(c, studio, text+"\ndevices: {\n", 3)
	syntax := func(ds []protocol.Diagnostic) bool {
		for _, d := range ds {
			if d.Code == "AV-CUE-001" {
				return true
			}
		}
		return false
	}
	ds = c.diagnosticsFor(studio, syntax)
	for _, d := range ds {
		if d.Code == "AV-CUE-001" && int(d.Range.Start.Line) < strings.Count(text, "\n") {
			t.Errorf("syntax error at line %d, before the edit: %s", d.Range.Start.Line+1, d.Message)
		}
	}

	// A schema error: a value the design language refuses, at its line.
	const speed, badSpeed = `"R-107": {a: "leaf-r1:Ethernet7", b: "gw-plateau:red", speed: "25G"`, `"R-107": {a: "leaf-r1:Ethernet7", b: "gw-plateau:red", speed: "25X"`
	schemaBad := strings.Replace(text, speed, badSpeed, 1)
	if schemaBad == text {
		t.Fatal("schema edit did not apply")
	}
	change(c, studio, schemaBad, 4)
	wantLine := posOf(t, schemaBad, `"25X"`, 0, 0).Line
	c.diagnosticsFor(studio, func(ds []protocol.Diagnostic) bool {
		for _, d := range ds {
			if d.Code == "AV-SCHEMA-001" && d.Range.Start.Line == wantLine {
				return true
			}
		}
		return false
	})

	change(c, studio, text, 5)
	c.diagnosticsFor(studio, noErrors)
}

func TestHoverDefinitionReferencesCompletion(t *testing.T) {
	dir := gentest.CopyDesign(t, flagship)
	c := startLSP(t)
	network := filepath.Join(dir, "network.cue")
	it := filepath.Join(dir, "it.cue")
	regie := filepath.Join(dir, "regie.cue")
	ntext := open(c, network)
	c.diagnosticsFor(network, noErrors)
	itext := open(c, it)
	c.diagnosticsFor(it, noErrors)

	hover := func(file string, pos protocol.Position) string {
		var h *protocol.Hover
		c.call(protocol.MethodTextDocumentHover, protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: uri.File(file)}, Position: pos}}, &h)
		if h == nil {
			return ""
		}
		return h.Contents.Value
	}
	// A rule ID: its title and standard.
	if h := hover(network, posOf(t, ntext, "AV-QOS-003", 0, 4)); !strings.Contains(h, "AV-QOS-003") || !strings.Contains(h, "DSCP") && !strings.Contains(h, "Dante") {
		t.Errorf("hover on AV-QOS-003: %q", h)
	}
	// A field: its schema definition.
	if h := hover(it, posOf(t, itext, "receivers:", 0, 2)); !strings.Contains(h, "#Flow.receivers") {
		t.Errorf("hover on receivers: %q", h)
	}
	// A device name: what it is.
	if h := hover(it, posOf(t, itext, `"melangeur"`, 0, 3)); !strings.Contains(h, "device melangeur") {
		t.Errorf("hover on melangeur: %q", h)
	}

	// Definition of a receiver: the device's label in regie.cue.
	var locs []protocol.Location
	c.call(protocol.MethodTextDocumentDefinition, protocol.DefinitionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri.File(it)}, Position: posOf(t, itext, `"melangeur"`, 0, 2)}}, &locs)
	if len(locs) != 1 || uri.URI(locs[0].URI).Filename() != regie || textAt(t, regie, locs[0].Range) != "melangeur" {
		t.Fatalf("definition of melangeur: %+v", locs)
	}

	// References: every place that names the device, each range exactly the name.
	c.call(protocol.MethodTextDocumentReferences, protocol.ReferenceParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri.File(it)}, Position: posOf(t, itext, `"melangeur"`, 0, 2)},
		Context: protocol.ReferenceContext{IncludeDeclaration: true}}, &locs)
	files := map[string]int{}
	for _, l := range locs {
		f := uri.URI(l.URI).Filename()
		if got := textAt(t, f, l.Range); got != "melangeur" {
			t.Errorf("reference at %s:%d is %q", f, l.Range.Start.Line+1, got)
		}
		files[filepath.Base(f)]++
	}
	// regie.cue: the definition, two link ends, three flow senders; it.cue
	// and radio.cue: receivers.
	if files["regie.cue"] < 6 || files["it.cue"] < 1 || files["radio.cue"] < 1 {
		t.Errorf("references of melangeur by file: %v", files)
	}
	// A VLAN used by an interface: the definition is the VLAN.
	ntextLine := posOf(t, ntext, `"media-red": {`, 0, 1)
	c.call(protocol.MethodTextDocumentReferences, protocol.ReferenceParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri.File(network)}, Position: ntextLine},
		Context: protocol.ReferenceContext{IncludeDeclaration: false}}, &locs)
	if len(locs) < 5 {
		t.Errorf("references of VLAN media-red: %d", len(locs))
	}

	// Completion where a name is expected, in a buffer being typed.
	complete := func(text, marker string) []string {
		change(c, it, text, 5)
		var list protocol.CompletionList
		pos := posOf(t, text, marker, 0, len(marker))
		c.call(protocol.MethodTextDocumentCompletion, protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: uri.File(it)}, Position: pos}}, &list)
		var out []string
		for _, i := range list.Items {
			out = append(out, i.Label)
		}
		return out
	}
	has := func(items []string, want string) bool {
		for _, i := range items {
			if i == want {
				return true
			}
		}
		return false
	}
	typed := itext + "\nlinks: \"X-1\": {a: \"mela"
	if got := complete(typed, `{a: "mela`); !has(got, "melangeur") || has(got, "leaf-r1") {
		t.Errorf("device completion: %v", got)
	}
	typed = itext + "\nlinks: \"X-1\": {a: \"leaf-r1:Eth"
	if got := complete(typed, `{a: "leaf-r1:Eth`); !has(got, "Ethernet7") {
		t.Errorf("port completion: %v", got)
	}
	typed = itext + "\ndevices: x: interfaces: y: {vlan: \"media-"
	if got := complete(typed, `{vlan: "media-`); !has(got, "media-red") || !has(got, "media-blue") {
		t.Errorf("VLAN completion: %v", got)
	}
	typed = itext + "\ndevices: x: {model: \"generic-2110-"
	if got := complete(typed, `{model: "generic-2110-`); !has(got, "generic-2110-camera") {
		t.Errorf("model completion: %v", got)
	}
	typed = itext + "\nflows: x: {receivers: [\"melangeur\", \"mv"
	if got := complete(typed, `"mv`); !has(got, "mv-1") {
		t.Errorf("receiver completion: %v", got)
	}
}
