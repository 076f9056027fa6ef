package deploy

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
	"golang.org/x/crypto/ssh/knownhosts"
	"golang.org/x/sys/unix"

	"github.com/scrapli/scrapligo/transport"
	"github.com/scrapli/scrapligo/util"
)

// Credentials are how deploy logs in to a device. They come from the
// environment, an SSH agent or key files, never from the design; the
// password is only ever handed to the SSH library.
type Credentials struct {
	User     string
	Password string `json:"-"`
	KeyFiles []string
	// Agent is the SSH agent socket (SSH_AUTH_SOCK); "" for none.
	Agent string
}

// methods lists the authentication methods, for messages.
func (c Credentials) methods() []string {
	var m []string
	if c.Agent != "" {
		m = append(m, "ssh-agent")
	}
	for _, k := range c.KeyFiles {
		m = append(m, "key "+k)
	}
	if c.Password != "" {
		m = append(m, "password")
	}
	return m
}

// HostKeys is how deploy checks that it talks to the device it means:
// known_hosts files by default; AcceptNew records the key of a host seen
// for the first time (a changed key is still refused); Insecure skips the
// check. Pinned keys (an avnet lab's own host keys) are checked first.
// Safe for concurrent use.
type HostKeys struct {
	KnownHostsFiles []string
	AcceptNew       bool
	Insecure        bool
	// Pinned maps "host:port" to the authorized key lines the host may
	// present.
	Pinned map[string][][]byte

	mu sync.Mutex
}

// DefaultKnownHosts is ~/.ssh/known_hosts.
func DefaultKnownHosts() []string {
	home, err := os.UserHomeDir()
	if err != nil {
		return nil
	}
	return []string{filepath.Join(home, ".ssh", "known_hosts")}
}

// HostKeyError is a host key that does not match (or is unknown).
type HostKeyError struct {
	Addr string
	Key  string // fingerprint presented
	Want []string
	File string
	// Unknown is true when the host is in no known_hosts file.
	Unknown bool
}

func (e *HostKeyError) Error() string {
	if e.Unknown {
		return fmt.Sprintf("host key of %s (%s) is not in known_hosts (%s): check the fingerprint on the device, then add it with `ssh-keyscan %s >> ~/.ssh/known_hosts`, or pass --accept-new-host-keys to record it on first use",
			e.Addr, e.Key, e.File, strings.Split(e.Addr, ":")[0])
	}
	return fmt.Sprintf("host key of %s (%s) does not match the one recorded (%s): the device was replaced or reinstalled, or someone is in the middle; if the change is expected, remove the old key with `ssh-keygen -R %s`",
		e.Addr, e.Key, strings.Join(e.Want, ", "), knownhosts.Normalize(e.Addr))
}

// callback returns the host key callback for one dial.
func (h *HostKeys) callback(addr string) ssh.HostKeyCallback {
	return func(hostname string, remote net.Addr, key ssh.PublicKey) error {
		fp := ssh.FingerprintSHA256(key)
		if pins, ok := h.Pinned[addr]; ok {
			for _, p := range pins {
				pk, _, _, _, err := ssh.ParseAuthorizedKey(p)
				if err == nil && bytes.Equal(pk.Marshal(), key.Marshal()) {
					return nil
				}
			}
			return &HostKeyError{Addr: addr, Key: fp, Want: []string{"the lab's own host key"}}
		}
		if h.Insecure {
			return nil
		}
		var files []string
		for _, f := range h.KnownHostsFiles {
			if _, err := os.Stat(f); err == nil {
				files = append(files, f)
			}
		}
		if len(files) > 0 {
			cb, err := knownhosts.New(files...)
			if err != nil {
				return fmt.Errorf("read known_hosts: %w", err)
			}
			err = cb(hostname, remote, key)
			var ke *knownhosts.KeyError
			if err == nil || !errors.As(err, &ke) {
				return err
			}
			if len(ke.Want) > 0 {
				var want []string
				for _, w := range ke.Want {
					want = append(want, fmt.Sprintf("%s at %s:%d", ssh.FingerprintSHA256(w.Key), w.Filename, w.Line))
				}
				return &HostKeyError{Addr: addr, Key: fp, Want: want}
			}
		}
		if !h.AcceptNew {
			return &HostKeyError{Addr: addr, Key: fp, Unknown: true, File: strings.Join(h.KnownHostsFiles, ", ")}
		}
		return h.record(addr, key)
	}
}

// record appends a host's key to the first known_hosts file, under a
// process lock and a file lock (other avnet processes may do the same).
func (h *HostKeys) record(addr string, key ssh.PublicKey) error {
	if len(h.KnownHostsFiles) == 0 {
		return fmt.Errorf("cannot record the host key of %s: no known_hosts file", addr)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	f := h.KnownHostsFiles[0]
	if err := os.MkdirAll(filepath.Dir(f), 0o700); err != nil {
		return err
	}
	fh, err := os.OpenFile(f, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("record host key of %s: %w", addr, err)
	}
	defer fh.Close()
	if err := unix.Flock(int(fh.Fd()), unix.LOCK_EX); err != nil {
		return err
	}
	defer unix.Flock(int(fh.Fd()), unix.LOCK_UN)
	_, err = fmt.Fprintln(fh, knownhosts.Line([]string{knownhosts.Normalize(addr)}, key))
	return err
}

// sshConn is one SSH connection to a device, whose host key and login
// deploy checked itself; over it runs the interactive shell scrapligo
// drives (shellTransport).
type sshConn struct {
	addr   string
	client *ssh.Client
	raw    net.Conn
}

// AuthError is a refused login.
type AuthError struct {
	Addr, User string
	Methods    []string
	Err        error
}

func (e *AuthError) Error() string {
	return fmt.Sprintf("login to %s as %q refused (tried %s): check the user (AVNET_SSH_USER or the inventory), the password (AVNET_SSH_PASSWORD), the key (AVNET_SSH_KEY) or the SSH agent",
		e.Addr, e.User, strings.Join(e.Methods, ", "))
}

func (e *AuthError) Unwrap() error { return e.Err }

// UnreachableError is a device that did not answer.
type UnreachableError struct {
	Addr string
	Err  error
}

func (e *UnreachableError) Error() string {
	return fmt.Sprintf("cannot reach %s: %v", e.Addr, e.Err)
}

func (e *UnreachableError) Unwrap() error { return e.Err }

// dialSSH connects and authenticates.
func dialSSH(ctx context.Context, addr string, cred Credentials, hk *HostKeys, timeout time.Duration) (*sshConn, error) {
	var auth []ssh.AuthMethod
	if cred.Agent != "" {
		if c, err := net.Dial("unix", cred.Agent); err == nil {
			ag := agent.NewClient(c)
			auth = append(auth, ssh.PublicKeysCallback(ag.Signers))
			defer c.Close()
		}
	}
	var signers []ssh.Signer
	for _, kf := range cred.KeyFiles {
		b, err := os.ReadFile(kf)
		if err != nil {
			return nil, fmt.Errorf("read SSH key %s: %w", kf, err)
		}
		s, err := ssh.ParsePrivateKey(b)
		if err != nil {
			return nil, fmt.Errorf("SSH key %s: %w (keys with a passphrase must be loaded in an SSH agent)", kf, err)
		}
		signers = append(signers, s)
	}
	if len(signers) > 0 {
		auth = append(auth, ssh.PublicKeys(signers...))
	}
	if cred.Password != "" {
		pw := cred.Password
		auth = append(auth, ssh.Password(pw), ssh.KeyboardInteractive(
			func(_, _ string, questions []string, _ []bool) ([]string, error) {
				answers := make([]string, len(questions))
				for i := range answers {
					answers[i] = pw
				}
				return answers, nil
			}))
	}
	if len(auth) == 0 {
		return nil, fmt.Errorf("no credentials for %s: set AVNET_SSH_PASSWORD or AVNET_SSH_KEY, or load a key in an SSH agent (SSH_AUTH_SOCK)", addr)
	}
	var algos []string
	for attempt := 0; ; attempt++ {
		cfg := &ssh.ClientConfig{User: cred.User, Auth: auth, Timeout: timeout,
			HostKeyCallback: hk.callback(addr), HostKeyAlgorithms: algos}
		d := net.Dialer{Timeout: timeout}
		raw, err := d.DialContext(ctx, "tcp", addr)
		if err != nil {
			return nil, &UnreachableError{Addr: addr, Err: unwrapOp(err)}
		}
		// The handshake honours ctx: closing the socket aborts it.
		stop := context.AfterFunc(ctx, func() { raw.Close() })
		_ = raw.SetDeadline(time.Now().Add(timeout))
		c, chans, reqs, err := ssh.NewClientConn(raw, addr, cfg)
		stop()
		if err != nil {
			raw.Close()
			var hke *HostKeyError
			switch {
			case errors.As(err, &hke):
				// A known host offering another key type: retry asking for
				// the types known_hosts has, once.
				if attempt == 0 && len(hke.Want) > 0 && !hk.Insecure && hk.Pinned[addr] == nil {
					if a := knownAlgos(hk, addr); len(a) > 0 {
						algos = a
						continue
					}
				}
				return nil, hke
			case strings.Contains(err.Error(), "unable to authenticate"):
				return nil, &AuthError{Addr: addr, User: cred.User, Methods: cred.methods(), Err: err}
			case ctx.Err() != nil:
				return nil, ctx.Err()
			}
			return nil, &UnreachableError{Addr: addr, Err: fmt.Errorf("SSH handshake: %w", err)}
		}
		_ = raw.SetDeadline(time.Time{})
		return &sshConn{addr: addr, client: ssh.NewClient(c, chans, reqs), raw: raw}, nil
	}
}

func unwrapOp(err error) error {
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		return oe.Err
	}
	return err
}

// knownAlgos returns the key types known_hosts records for addr.
func knownAlgos(hk *HostKeys, addr string) []string {
	var out []string
	want := knownhosts.Normalize(addr)
	for _, f := range hk.KnownHostsFiles {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(b), "\n") {
			fields := strings.Fields(line)
			if len(fields) < 3 || strings.HasPrefix(fields[0], "#") || strings.HasPrefix(fields[0], "@") {
				continue
			}
			for _, h := range strings.Split(fields[0], ",") {
				if h == want || strings.HasPrefix(h, "|1|") && hashedMatch(h, want) {
					out = append(out, fields[1])
				}
			}
		}
	}
	return out
}

// hashedMatch checks a hashed known_hosts entry, |1|salt|hash with
// hash = HMAC-SHA1(salt, host) (OpenSSH's HashKnownHosts format).
func hashedMatch(entry, host string) bool {
	parts := strings.Split(entry, "|")
	if len(parts) != 4 || parts[1] != "1" {
		return false
	}
	salt, err1 := base64.StdEncoding.DecodeString(parts[2])
	want, err2 := base64.StdEncoding.DecodeString(parts[3])
	if err1 != nil || err2 != nil {
		return false
	}
	m := hmac.New(sha1.New, salt)
	m.Write([]byte(host))
	return hmac.Equal(m.Sum(nil), want)
}

func (c *sshConn) Close() error { return c.client.Close() }

// kill drops the connection at once, as a cut cable would (tests).
func (c *sshConn) kill() { c.raw.Close() }

// ExitError is a shell command that exited non-zero.
type ExitError struct {
	Cmd    string
	Status int
	Stderr string
}

func (e *ExitError) Error() string {
	s := strings.TrimSpace(e.Stderr)
	if len(s) > 2000 {
		s = s[len(s)-2000:]
	}
	return fmt.Sprintf("`%s` exited with status %d: %s", e.Cmd, e.Status, s)
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	if len(l) > 120 {
		l = l[:120] + "…"
	}
	return l
}

// shellTransport is the scrapligo transport over this connection: an
// interactive shell with a pseudo-terminal, as scrapligo's own standard
// transport opens, but on a connection whose host key and credentials
// deploy checked itself.
//
// Open waits for the login output to end with a prompt (ready, the
// platform's prompt pattern) and drops it: the shell is then reading its
// input, and scrapligo finds exactly one prompt for the return it sends
// first. Without that, input typed while the shell still starts is echoed
// twice (by the terminal, then by the shell's line editor) and a prompt
// read too early shifts every command's output by one.
type shellTransport struct {
	conn  *sshConn
	ready *regexp.Regexp
	// init is typed into a Linux shell as soon as it opens (it gets a
	// prompt of avnet's own, whatever the account's shell and profile
	// print); initPrompt is what its prompt looks like; resendEvery how
	// long to wait before typing it again (5 s when 0).
	init        string
	initPrompt  *regexp.Regexp
	resendEvery time.Duration
	s           *ssh.Session
	w           io.WriteCloser
	chunks      chan []byte
	rerr        error
	closed      bool
	mu          sync.Mutex
}

func (c *sshConn) shellTransport() *shellTransport { return &shellTransport{conn: c} }

// Open implements transport.Implementation.
func (t *shellTransport) Open(a *transport.Args) error {
	s, err := t.conn.client.NewSession()
	if err != nil {
		return err
	}
	modes := ssh.TerminalModes{ssh.ECHO: 1, ssh.TTY_OP_ISPEED: 115200, ssh.TTY_OP_OSPEED: 115200}
	h, w := a.TermHeight, a.TermWidth
	if w < 511 {
		w = 511
	}
	if err := s.RequestPty("xterm", h, w, modes); err != nil {
		s.Close()
		return err
	}
	if t.w, err = s.StdinPipe(); err != nil {
		return err
	}
	r, err := s.StdoutPipe()
	if err != nil {
		return err
	}
	s.Stderr = io.Discard
	if err := s.Shell(); err != nil {
		s.Close()
		return err
	}
	t.s = s
	t.chunks = make(chan []byte, 256)
	go func() {
		defer close(t.chunks)
		for {
			b := make([]byte, 32*1024)
			n, err := r.Read(b)
			if n > 0 {
				t.chunks <- b[:n]
			}
			if err != nil {
				t.mu.Lock()
				t.rerr = err
				t.mu.Unlock()
				return
			}
		}
	}()
	return t.awaitShell()
}

// awaitShell waits until the session's shell is ready for scrapligo.
func (t *shellTransport) awaitShell() error {
	if t.init == "" {
		// A network OS: wait for its prompt at the end of the output (any
		// output when it has none), then 100 ms of quiet (a banner may
		// follow a first prompt); 30 s at most (a slow login).
		err := t.settle(func(seen []byte) bool { return t.ready == nil || t.ready.Match(cleanTerm(seen)) },
			100*time.Millisecond, nil, 30*time.Second)
		if errors.Is(err, errNoPrompt) {
			return nil // scrapligo's own prompt search says more
		}
		return err
	}
	// A Linux shell, whose prompt its profile decides: type the init
	// ahead, at once (the terminal keeps it until the shell reads it),
	// with a marker the shell prints once it has run it: that output, then
	// the init's prompt, mean the shell is ready. (Waiting for the login's
	// output to go quiet cost 0.4 s per session.) A shell that drops
	// type-ahead gets the line again every 5 s, with a new marker so that
	// a slow first run's output cannot follow.
	try := 0
	next := func() []byte {
		try++
		return []byte(fmt.Sprintf("%s; printf '@@avnet-%%s\\n' ready%d\n", t.init, try))
	}
	if _, err := t.w.Write(next()); err != nil {
		return err
	}
	err := t.settle(func(seen []byte) bool {
		c := cleanTerm(seen)
		i := bytes.LastIndex(c, []byte(fmt.Sprintf("@@avnet-ready%d\n", try)))
		return i >= 0 && t.initPrompt.Match(c[i:])
	}, 20*time.Millisecond, next, 30*time.Second)
	if errors.Is(err, errNoPrompt) {
		return fmt.Errorf("the login shell did not run avnet's prompt setup within 30 s (a profile that waits for input, or a shell other than sh/bash/dash?)")
	}
	return err
}

// errNoPrompt is settle's time out.
var errNoPrompt = errors.New("no prompt")

// settle reads until ready says the output so far is complete, then
// until quiet for quietFor; at most max. Unless nil, resend gives a line
// to write every resendEvery until then.
func (t *shellTransport) settle(ready func(seen []byte) bool, quietFor time.Duration, resend func() []byte, max time.Duration) error {
	deadline := time.After(max)
	var again <-chan time.Time // nil: never, when there is nothing to resend
	if resend != nil {
		every := t.resendEvery
		if every == 0 {
			every = 5 * time.Second
		}
		tk := time.NewTicker(every)
		defer tk.Stop()
		again = tk.C
	}
	var seen []byte
	prompted := false
	for {
		quiet := time.After(quietFor)
		select {
		case b, ok := <-t.chunks:
			if !ok {
				return t.readErr()
			}
			seen = append(seen, b...)
			if len(seen) > 4096 {
				seen = seen[len(seen)-4096:]
			}
			prompted = ready(seen)
		case <-quiet:
			if prompted {
				return nil
			}
		case <-again:
			if !prompted {
				if _, err := t.w.Write(resend()); err != nil {
					return err
				}
			}
		case <-deadline:
			return errNoPrompt
		}
	}
}

// cleanTerm is what scrapligo matches prompts on: no carriage returns, no
// ANSI sequences.
func cleanTerm(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte("\r"), nil)
	return util.StripANSI(b)
}

func (t *shellTransport) readErr() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.rerr != nil {
		return t.rerr
	}
	return io.EOF
}

func (t *shellTransport) Close() error {
	if t.s != nil && !t.closed {
		t.closed = true
		return t.s.Close()
	}
	return nil
}

func (t *shellTransport) IsAlive() bool { return t.s != nil && !t.closed }

// Read returns the next chunk the device sent (n is ignored: chunks are
// whatever SSH delivered).
func (t *shellTransport) Read(n int) ([]byte, error) {
	b, ok := <-t.chunks
	if !ok {
		return nil, t.readErr()
	}
	return b, nil
}

func (t *shellTransport) Write(b []byte) error {
	_, err := t.w.Write(b)
	return err
}

// hostPort joins an address and a port.
func hostPort(addr string, port int) string {
	if port == 0 {
		port = 22
	}
	return net.JoinHostPort(addr, strconv.Itoa(port))
}
