package deploy

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/scrapli/scrapligo/driver/network"
	"github.com/scrapli/scrapligo/driver/options"
)

// Connector opens Targets: it resolves each device's credentials from the
// environment and checks host keys. It holds no secret itself.
type Connector struct {
	HostKeys *HostKeys
	// Getenv reads the environment (tests inject their own).
	Getenv func(string) (string, bool)
	// Timeout bounds the TCP connection and the SSH handshake.
	Timeout time.Duration
	// CommitTimer is how long a device waits for avnet's confirmation
	// before it rolls back by itself (EOS commit timer, NX-OS
	// commit-timeout, IOS XE revert timer, the linux transaction's timer).
	CommitTimer time.Duration

	// hookApplied is passed to linux targets (fault-injection tests).
	hookApplied func(device string, t *linuxTarget)
	// channelLog receives every device's CLI output (debugging tests).
	channelLog io.Writer
}

// Environment variables deploy reads.
const (
	EnvUser     = "AVNET_SSH_USER"
	EnvPassword = "AVNET_SSH_PASSWORD"
	EnvKey      = "AVNET_SSH_KEY"
	EnvNoAgent  = "AVNET_SSH_NO_AGENT"
	envAgent    = "SSH_AUTH_SOCK"
	defaultUser = "admin"
)

func (c *Connector) getenv(k string) string {
	get := c.Getenv
	if get == nil {
		get = os.LookupEnv
	}
	v, _ := get(k)
	return v
}

// credentials resolves a device's login: the inventory's user, else
// $AVNET_SSH_USER, else "admin"; the password from the variable the
// inventory names, else $AVNET_SSH_PASSWORD; the inventory's key file,
// else $AVNET_SSH_KEY; the SSH agent unless $AVNET_SSH_NO_AGENT is set.
func (c *Connector) credentials(d *Device) Credentials {
	cr := Credentials{User: d.User}
	if cr.User == "" {
		cr.User = c.getenv(EnvUser)
	}
	if cr.User == "" {
		cr.User = defaultUser
	}
	pwEnv := d.PasswordEnv
	if pwEnv == "" {
		pwEnv = EnvPassword
	}
	cr.Password = c.getenv(pwEnv)
	if d.KeyFile != "" {
		cr.KeyFiles = append(cr.KeyFiles, expandHome(d.KeyFile))
	} else if k := c.getenv(EnvKey); k != "" {
		cr.KeyFiles = append(cr.KeyFiles, expandHome(k))
	}
	if c.getenv(EnvNoAgent) == "" {
		cr.Agent = c.getenv(envAgent)
	}
	return cr
}

// Secrets returns the secret values deploy may handle for these devices,
// for Redact.
func (c *Connector) Secrets(devs []*Device) []string {
	var out []string
	for _, d := range devs {
		if p := c.credentials(d).Password; p != "" {
			out = append(out, p)
		}
	}
	return out
}

func expandHome(p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if h, err := os.UserHomeDir(); err == nil {
			return h + "/" + rest
		}
	}
	return p
}

// Open connects to a device and returns its Target, ready for commands.
// managePTP says whether the design manages ptp4l there (linux).
func (c *Connector) Open(ctx context.Context, d *Device, managePTP bool) (Target, error) {
	p := platforms[d.Platform]
	if p == nil {
		return nil, fmt.Errorf("platform %q is not supported. Supported platforms are %q", d.Platform, PlatformNames())
	}
	timeout := c.Timeout
	if timeout == 0 {
		timeout = 15 * time.Second
	}
	hk := c.HostKeys
	if hk == nil {
		hk = &HostKeys{KnownHostsFiles: DefaultKnownHosts()}
	}
	if len(d.HostKeys) > 0 {
		// A pinned key (lab) is checked in place of known_hosts.
		pinned := &HostKeys{Pinned: map[string][][]byte{hostPort(d.Address, d.Port): d.HostKeys}}
		hk = pinned
	}
	conn, err := dialSSH(ctx, hostPort(d.Address, d.Port), c.credentials(d), hk, timeout)
	if err != nil {
		return nil, err
	}
	st := conn.shellTransport()
	st.init, st.initPrompt = p.shellInit, p.shellPrompt
	cli, err := openCLIWith(p.scrapli, d.Address, 2*time.Minute, func(nd *network.Driver) { st.ready = nd.Channel.PromptPattern },
		options.WithCustomTransport(st),
		options.WithPort(portOr22(d.Port)),
		options.WithAuthBypass(),
		// scrapligo polls for output every ReadDelay (250 µs by default):
		// a millisecond costs nothing in latency and keeps many parallel
		// sessions from spinning.
		options.WithReadDelay(time.Millisecond))
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("%s: %w", hostPort(d.Address, d.Port), err)
	}
	timer := c.CommitTimer
	if timer == 0 {
		timer = 5 * time.Minute
	}
	opt := targetOptions{commitTimer: timer, ptp: managePTP}
	if c.channelLog != nil {
		cli.d.Channel.ChannelLog = c.channelLog
	}
	t := p.target(d, conn, cli, opt)
	if lt, ok := t.(*linuxTarget); ok && c.hookApplied != nil {
		lt.hookApplied = func() { c.hookApplied(d.Name, lt) }
	}
	return t, nil
}

func portOr22(p int) int {
	if p == 0 {
		return 22
	}
	return p
}
