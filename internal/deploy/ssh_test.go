package deploy

import (
	"bufio"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
)

// sshServer is a minimal in-process SSH server (handshake and password
// authentication only) with its own host key.
func sshServer(t *testing.T, password string) (addr string, hostKey ssh.PublicKey, stop func()) {
	t.Helper()
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	signer, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	cfg := &ssh.ServerConfig{PasswordCallback: func(c ssh.ConnMetadata, pw []byte) (*ssh.Permissions, error) {
		if c.User() == "admin" && string(pw) == password {
			return nil, nil
		}
		return nil, errors.New("denied")
	}}
	cfg.AddHostKey(signer)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				sc, chans, reqs, err := ssh.NewServerConn(c, cfg)
				if err != nil {
					c.Close()
					return
				}
				go ssh.DiscardRequests(reqs)
				for ch := range chans {
					ch.Reject(ssh.Prohibited, "test server")
				}
				sc.Close()
			}()
		}
	}()
	return ln.Addr().String(), signer.PublicKey(), func() { ln.Close() }
}

func TestHostKeyChecking(t *testing.T) {
	const pw = "correct-horse-battery"
	addr, _, stop := sshServer(t, pw)
	defer stop()
	kh := filepath.Join(t.TempDir(), "known_hosts")
	cred := Credentials{User: "admin", Password: pw}
	ctx := context.Background()
	dial := func(hk *HostKeys) error {
		c, err := dialSSH(ctx, addr, cred, hk, 5*time.Second)
		if err == nil {
			c.Close()
		}
		return err
	}

	// Unknown host: refused by default, with what to do.
	err := dial(&HostKeys{KnownHostsFiles: []string{kh}})
	var hke *HostKeyError
	if !errors.As(err, &hke) || !hke.Unknown || !strings.Contains(err.Error(), "--accept-new-host-keys") {
		t.Fatalf("unknown host: %v", err)
	}
	// Accepted and recorded on first use, then known.
	if err := dial(&HostKeys{KnownHostsFiles: []string{kh}, AcceptNew: true}); err != nil {
		t.Fatalf("accept-new: %v", err)
	}
	if b, _ := os.ReadFile(kh); !strings.Contains(string(b), "ssh-ed25519") {
		t.Fatalf("known_hosts after accept-new: %q", b)
	}
	if err := dial(&HostKeys{KnownHostsFiles: []string{kh}}); err != nil {
		t.Fatalf("known host: %v", err)
	}

	// Another server (another key) at the same address: refused, even
	// with --accept-new-host-keys.
	stop()
	addr2, _, stop2 := sshServerAt(t, addr, pw)
	defer stop2()
	if addr2 != addr {
		t.Skip("could not reuse the address")
	}
	for _, accept := range []bool{false, true} {
		err := dial(&HostKeys{KnownHostsFiles: []string{kh}, AcceptNew: accept})
		if !errors.As(err, &hke) || hke.Unknown || !strings.Contains(err.Error(), "does not match the one recorded") {
			t.Errorf("changed key (accept-new %v): %v", accept, err)
		}
	}
	// Explicitly insecure: accepted.
	if err := dial(&HostKeys{KnownHostsFiles: []string{kh}, Insecure: true}); err != nil {
		t.Errorf("insecure: %v", err)
	}
}

// sshServerAt starts a server with a new host key on a given address.
func sshServerAt(t *testing.T, addr, pw string) (string, ssh.PublicKey, func()) {
	t.Helper()
	for i := 0; i < 50; i++ {
		ln, err := net.Listen("tcp", addr)
		if err == nil {
			ln.Close()
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	signer, _ := ssh.NewSignerFromKey(priv)
	cfg := &ssh.ServerConfig{PasswordCallback: func(c ssh.ConnMetadata, p []byte) (*ssh.Permissions, error) {
		if string(p) == pw {
			return nil, nil
		}
		return nil, errors.New("denied")
	}}
	cfg.AddHostKey(signer)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, func() {}
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				sc, chans, reqs, err := ssh.NewServerConn(c, cfg)
				if err != nil {
					c.Close()
					return
				}
				go ssh.DiscardRequests(reqs)
				for ch := range chans {
					ch.Reject(ssh.Prohibited, "test")
				}
				sc.Close()
			}()
		}
	}()
	return ln.Addr().String(), signer.PublicKey(), func() { ln.Close() }
}

func TestWrongPasswordAndUnreachable(t *testing.T) {
	const secret = "Tr0ub4dor&3-not-this-one"
	addr, _, stop := sshServer(t, "the-right-one")
	defer stop()
	_, err := dialSSH(context.Background(), addr, Credentials{User: "admin", Password: secret}, &HostKeys{Insecure: true}, 5*time.Second)
	var ae *AuthError
	if !errors.As(err, &ae) || !strings.Contains(err.Error(), `login to `+addr+` as "admin" refused (tried password)`) {
		t.Fatalf("wrong password: %v", err)
	}
	if strings.Contains(err.Error(), secret) {
		t.Errorf("the error shows the password: %v", err)
	}
	// A closed port.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := ln.Addr().String()
	ln.Close()
	_, err = dialSSH(context.Background(), closed, Credentials{User: "admin", Password: "x"}, &HostKeys{Insecure: true}, 2*time.Second)
	var ue *UnreachableError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "cannot reach "+closed) {
		t.Errorf("closed port: %v", err)
	}
	// No credentials at all.
	_, err = dialSSH(context.Background(), addr, Credentials{User: "admin"}, &HostKeys{Insecure: true}, 2*time.Second)
	if err == nil || !strings.Contains(err.Error(), "no credentials") {
		t.Errorf("no credentials: %v", err)
	}
}

// A Linux shell is ready once it has run avnet's init: its marker, then
// its prompt. A shell that dropped the typed-ahead line gets it again;
// when a slow login runs every line typed, only the marker of the last
// one counts.
func TestAwaitShellTypeAhead(t *testing.T) {
	for _, tc := range []struct {
		name string
		drop int           // lines the shell drops
		slow time.Duration // before it runs its first line (a slow login)
	}{{"at once", 0, 0}, {"drops one", 1, 0}, {"drops two", 2, 0}, {"slow", 0, 120 * time.Millisecond}} {
		in, typed := io.Pipe()
		chunks := make(chan []byte, 16)
		st := &shellTransport{init: linuxShellInit, initPrompt: regexp.MustCompile(`(?m)^\[avnet\]# ?$`),
			resendEvery: 50 * time.Millisecond, w: typed, chunks: chunks}
		var lines, answered atomic.Int32
		go func() {
			chunks <- []byte("Linux sw1 6.1.0\r\n\r\n# ")
			r := bufio.NewReader(in)
			for {
				line, err := r.ReadString('\n')
				if err != nil {
					return
				}
				n := lines.Add(1)
				if int(n) <= tc.drop {
					continue
				}
				if n == 1 {
					time.Sleep(tc.slow)
				} else if tc.slow > 0 {
					time.Sleep(30 * time.Millisecond) // longer than the quiet avnet waits for
				}
				m := regexp.MustCompile(`ready(\d+)\n$`).FindStringSubmatch(line)
				if m == nil {
					t.Errorf("%s: typed %q, without a marker", tc.name, line)
					return
				}
				chunks <- []byte(strings.ReplaceAll(line, "\n", "\r\n"))
				answered.Store(n)
				chunks <- []byte("@@avnet-ready" + m[1] + "\r\n[avnet]# ")
			}
		}()
		if err := st.awaitShell(); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		a, l := answered.Load(), lines.Load()
		if a != l {
			t.Errorf("%s: ready when the shell had answered line %d of the %d typed", tc.name, a, l)
		}
		if tc.slow == 0 && int(l) != tc.drop+1 {
			t.Errorf("%s: %d lines typed, want %d", tc.name, l, tc.drop+1)
		}
		typed.Close()
	}
}
