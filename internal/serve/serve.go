// Package serve is `avnet serve`: a local web page that shows a design's
// findings, diagrams, flows, link loads and dossier, and updates itself
// when a file of the design is saved. Every rebuild runs vet and then the
// generators of `avnet build` into memory (build.Generate); nothing is
// written to disk.
//
// The design is untrusted input and so is everything derived from it: the
// page is an html/template shell whose script reads JSON (encoding/json)
// and puts design strings in the DOM as text only; diagrams are stripped
// of scripts and event handlers before they are inserted; the dossier is
// shown in a sandboxed frame; every response carries a Content Security
// Policy that forbids inline and foreign scripts.
package serve

import (
	"context"
	"embed"
	"encoding/json"

	"fmt"
	"html/template"
	"io/fs"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

//go:embed assets
var assets embed.FS

// Options of a server.
type Options struct {
	// Dir is the design directory.
	Dir string
	// Addr is where to listen; a non-loopback host needs Public.
	Addr   string
	Public bool
	// Lang is the dossier and diagram language ("" = the design's).
	Lang    string
	Version string
	// Logf reports rebuilds and errors (nil: silent).
	Logf func(format string, args ...any)
}

// Server holds the latest snapshot of the design and the open pages.
type Server struct {
	opts  Options
	page  *template.Template
	mu    sync.Mutex
	state *State
	good  *rendering
	subs  map[chan int]struct{}
	// kick wakes the rebuild loop; pending saves collapse into one rebuild.
	kick chan struct{}
}

// New checks the options and prepares a server; Run starts it.
func New(opts Options) (*Server, error) {
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:8080"
	}
	if err := checkAddr(opts.Addr, opts.Public); err != nil {
		return nil, err
	}
	if opts.Logf == nil {
		opts.Logf = func(string, ...any) {}
	}
	page, err := template.ParseFS(assets, "assets/index.html")
	if err != nil {
		return nil, err
	}
	return &Server{opts: opts, page: page, state: &State{Design: designName(opts.Dir), Phase: "loading"},
		subs: map[chan int]struct{}{}, kick: make(chan struct{}, 1)}, nil
}

// checkAddr refuses to listen beyond the machine unless asked: the page
// shows the whole design, credentials' names and generated configs.
func checkAddr(addr string, public bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--addr %q: %v; give host:port, e.g. 127.0.0.1:8080", addr, err)
	}
	if public {
		return nil
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("--addr %q is not a loopback address: the page shows the whole design and its generated configs; use 127.0.0.1 or ::1, or add --public to serve it to the network", addr)
	}
	return nil
}

func designName(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return filepath.Base(dir)
	}
	return filepath.Base(abs)
}

// Run listens, builds the design once, watches it and serves until ctx
// ends. ready, when not nil, receives the listening address.
func (s *Server) Run(ctx context.Context, ready func(addr string)) error {
	ln, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.opts.Addr, err)
	}
	w, err := watch(ctx, s.opts.Dir, s.Changed)
	if err != nil {
		ln.Close()
		return err
	}
	defer w.Close()
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go s.loop(ctx)
	s.Changed()
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		s.closeSubs()
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
		return nil
	case err := <-errc:
		return err
	}
}

// Changed asks for a rebuild; saves that arrive during one collapse into
// the next.
func (s *Server) Changed() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

func (s *Server) loop(ctx context.Context) {
	cancel := context.CancelFunc(func() {})
	done := make(chan struct{})
	close(done)
	for {
		select {
		case <-ctx.Done():
			cancel()
			<-done
			return
		case <-s.kick:
			// A save supersedes the rendering in progress: the student
			// wants the findings of what they just wrote first.
			cancel()
			<-done
			// Editors write a file in several steps (truncate, write,
			// rename); let them settle.
			time.Sleep(20 * time.Millisecond)
			select {
			case <-s.kick:
			default:
			}
			var bctx context.Context
			bctx, cancel = context.WithCancel(ctx)
			done = make(chan struct{})
			go func(done chan struct{}) {
				defer close(done)
				s.Rebuild(bctx)
			}(done)
		}
	}
}

// State returns the latest snapshot.
func (s *Server) State() *State {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state
}

// publish installs a new state and wakes every page.
func (s *Server) publish(st *State, good *rendering) {
	s.mu.Lock()
	st.Seq = s.state.Seq + 1
	if good != nil {
		s.good = good
	}
	if s.good != nil {
		st.Rendering = s.good.view
		st.Stale = s.good.view.Seq != st.Source
	}
	s.state = st
	for c := range s.subs {
		select {
		case c <- st.Seq:
		default: // the page is behind; it reads the latest state anyway
		}
	}
	s.mu.Unlock()
}

// Subscribe returns a channel that receives the sequence number of every
// new state, and a function to stop.
func (s *Server) Subscribe() (<-chan int, func()) {
	c := make(chan int, 1)
	s.mu.Lock()
	s.subs[c] = struct{}{}
	s.mu.Unlock()
	return c, func() {
		s.mu.Lock()
		if _, ok := s.subs[c]; ok {
			delete(s.subs, c)
			close(c)
		}
		s.mu.Unlock()
	}
}

func (s *Server) closeSubs() {
	s.mu.Lock()
	for c := range s.subs {
		delete(s.subs, c)
		close(c)
	}
	s.mu.Unlock()
}

// csp forbids every script but the page's own file, and every request
// beyond this server.
const csp = "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-src 'self'; base-uri 'none'; form-action 'none'"

// Handler serves the page, its assets, the state as JSON and the events.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(assets, "assets")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /{$}", s.index)
	mux.HandleFunc("GET /api/state", s.apiState)
	mux.HandleFunc("GET /api/device", s.apiDevice)
	mux.HandleFunc("GET /diagram/{name}", s.diagramSVG)
	mux.HandleFunc("GET /dossier", s.dossier)
	mux.HandleFunc("GET /events", s.events)
	return headers(mux, s.opts.Public)
}

// loopbackHost reports whether a request's Host names this machine. A
// page elsewhere could otherwise point a name of its own at 127.0.0.1
// (DNS rebinding) and read the design through the browser.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func headers(h http.Handler, public bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !public && !loopbackHost(r.Host) {
			http.Error(w, "avnet serve answers only to localhost and loopback addresses (use --public to serve other names)", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Security-Policy", csp)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		w.Header().Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	st := s.State()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := s.page.Execute(w, struct {
		Title  string
		Design string
	}{pageTitle(st), st.Design}); err != nil {
		s.opts.Logf("serve: page: %v", err)
	}
}

// pageTitle puts the counts first so they show in a narrow browser tab.
func pageTitle(st *State) string {
	return fmt.Sprintf("%d✖ %d⚠ — %s — avnet", st.Counts.Errors, st.Counts.Warnings, st.Design)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

func (s *Server) apiState(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, s.State())
}

func (s *Server) goodRendering() *rendering {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.good
}

func (s *Server) apiDevice(w http.ResponseWriter, r *http.Request) {
	g := s.goodRendering()
	name := r.URL.Query().Get("name")
	if g == nil || g.devices[name] == nil {
		http.Error(w, "no such device in the last rendering", http.StatusNotFound)
		return
	}
	writeJSON(w, g.devices[name])
}

func (s *Server) diagramSVG(w http.ResponseWriter, r *http.Request) {
	g := s.goodRendering()
	name := strings.TrimSuffix(r.PathValue("name"), ".svg")
	if g == nil || g.svgs[name] == nil {
		http.Error(w, "no such diagram in the last rendering", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	// Opened on its own, the drawing may run nothing.
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	w.Write(g.svgs[name])
}

func (s *Server) dossier(w http.ResponseWriter, r *http.Request) {
	g := s.goodRendering()
	if g == nil || g.dossier == nil {
		http.Error(w, "no dossier yet: the design has not built without errors", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// The dossier is self-contained and needs no script.
	w.Header().Set("Content-Security-Policy", "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; sandbox")
	w.Write(g.dossier)
}

// events streams the sequence number of every new state (server-sent
// events); the page then fetches /api/state.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c, stop := s.Subscribe()
	defer stop()
	w.Header().Set("Content-Type", "text/event-stream")
	send := func(seq int) bool {
		_, err := fmt.Fprintf(w, "event: state\ndata: %d\n\n", seq)
		fl.Flush()
		return err == nil
	}
	if !send(s.State().Seq) {
		return
	}
	ping := time.NewTicker(15 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case seq, ok := <-c:
			if !ok || !send(seq) {
				return
			}
		case <-ping.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil {
				return
			}
			fl.Flush()
		}
	}
}
