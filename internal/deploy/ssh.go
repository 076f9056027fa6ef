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
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
	"golang.org/x/crypto/ssh/knownhosts"
	"golang.org/x/sys/unix"

	"github.com/scrapli/scrapligo/transport"
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

// sshConn is one SSH connection to a device. Over it run the interactive
// shell scrapligo drives (shellTransport) and, for Linux devices, plain
// exec channels (run) that carry files byte-exact and return exit
// statuses.
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

// ExitError is a remote command that exited non-zero.
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

// run runs a command in an exec channel with stdin, and returns its
// output; a non-zero exit is an *ExitError. ctx ends the channel.
func (c *sshConn) run(ctx context.Context, cmd string, stdin []byte) (string, error) {
	s, err := c.client.NewSession()
	if err != nil {
		return "", fmt.Errorf("%s: open a session: %w", c.addr, err)
	}
	defer s.Close()
	var out, errb bytes.Buffer
	s.Stdout, s.Stderr = &out, &errb
	if stdin != nil {
		s.Stdin = bytes.NewReader(stdin)
	}
	stop := context.AfterFunc(ctx, func() { s.Close() })
	defer stop()
	err = s.Run(cmd)
	if err != nil {
		var ee *ssh.ExitError
		if errors.As(err, &ee) {
			return out.String(), &ExitError{Cmd: cmd, Status: ee.ExitStatus(), Stderr: errb.String() + out.String()}
		}
		if ctx.Err() != nil {
			return out.String(), ctx.Err()
		}
		return out.String(), fmt.Errorf("%s: `%s`: %w", c.addr, firstLine(cmd), err)
	}
	return out.String(), nil
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// lifeline is an exec channel whose remote end creates a file when the
// channel ends for any reason (the connection dropped, the client died):
// the remote apply script watches for it to roll back at once instead of
// waiting for its commit timer.
type lifeline struct {
	s     *ssh.Session
	stdin io.WriteCloser
}

func (c *sshConn) lifeline(lostFile string) (*lifeline, error) {
	s, err := c.client.NewSession()
	if err != nil {
		return nil, err
	}
	in, err := s.StdinPipe()
	if err != nil {
		s.Close()
		return nil, err
	}
	out, err := s.StdoutPipe()
	if err != nil {
		s.Close()
		return nil, err
	}
	q := shellQuote(lostFile)
	cmd := "trap 'touch " + q + "' EXIT HUP TERM PIPE INT; echo ready; while read -r _; do :; done"
	if err := s.Start("sh -c " + shellQuote(cmd)); err != nil {
		s.Close()
		return nil, err
	}
	buf := make([]byte, 6)
	if _, err := io.ReadFull(out, buf); err != nil || string(buf) != "ready\n" {
		s.Close()
		return nil, fmt.Errorf("%s: start the apply lifeline: %v %q", c.addr, err, buf)
	}
	return &lifeline{s: s, stdin: in}, nil
}

func (l *lifeline) Close() {
	l.stdin.Close()
	_ = l.s.Wait()
	l.s.Close()
}

// shellTransport is the scrapligo transport over this connection: an
// interactive shell with a pseudo-terminal, as scrapligo's own standard
// transport opens, but on a connection whose host key and credentials
// deploy checked itself.
type shellTransport struct {
	conn   *sshConn
	s      *ssh.Session
	w      io.WriteCloser
	r      io.Reader
	closed bool
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
	if t.r, err = s.StdoutPipe(); err != nil {
		return err
	}
	s.Stderr = io.Discard
	if err := s.Shell(); err != nil {
		s.Close()
		return err
	}
	t.s = s
	return nil
}

func (t *shellTransport) Close() error {
	if t.s != nil && !t.closed {
		t.closed = true
		return t.s.Close()
	}
	return nil
}

func (t *shellTransport) IsAlive() bool { return t.s != nil && !t.closed }

func (t *shellTransport) Read(n int) ([]byte, error) {
	b := make([]byte, n)
	k, err := t.r.Read(b)
	if err != nil {
		return nil, err
	}
	return b[:k], nil
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
