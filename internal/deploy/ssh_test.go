package deploy

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
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
