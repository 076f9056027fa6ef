package deploy

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/scrapli/scrapligo/channel"
	"github.com/scrapli/scrapligo/driver/network"
	"github.com/scrapli/scrapligo/driver/opoptions"
	"github.com/scrapli/scrapligo/driver/options"
	"github.com/scrapli/scrapligo/platform"
	"github.com/scrapli/scrapligo/util"
)

// cliSession drives a device's command line with scrapligo's network
// driver. The vendor sequences send their commands with send, which
// neither changes nor checks the privilege level (a configuration
// session's prompt is theirs to manage), and read output with command,
// which first returns to the platform's default level.
type cliSession struct {
	d *network.Driver
	// opTimeout bounds one command; long ones (configure replace) pass
	// their own.
	opTimeout time.Duration
}

// DeviceError is a command the device refused: its output held one of
// the platform's failure strings ("% Invalid input"…).
type DeviceError struct {
	Cmd    string
	Output string
}

func (e *DeviceError) Error() string {
	out := strings.TrimSpace(e.Output)
	if len(out) > 1500 {
		out = out[:1500] + "…"
	}
	return fmt.Sprintf("the device rejected %q: %s", e.Cmd, out)
}

// openCLI opens a scrapligo network driver for a platform definition (a
// scrapligo platform name, or the YAML of one) over the given transport
// options.
func openCLI(def any, host string, opTimeout time.Duration, opts ...util.Option) (*cliSession, error) {
	return openCLIWith(def, host, opTimeout, nil, opts...)
}

// openCLIWith is openCLI with a function called on the driver before it
// opens (to hand the prompt pattern to the transport).
func openCLIWith(def any, host string, opTimeout time.Duration, before func(*network.Driver), opts ...util.Option) (*cliSession, error) {
	opts = append([]util.Option{options.WithTimeoutOps(opTimeout)}, opts...)
	p, err := platform.NewPlatform(def, host, opts...)
	if err != nil {
		return nil, fmt.Errorf("scrapligo platform: %w", err)
	}
	d, err := p.GetNetworkDriver()
	if err != nil {
		return nil, err
	}
	if before != nil {
		before(d)
	}
	if err := d.Open(); err != nil {
		return nil, fmt.Errorf("open the CLI session: %w", err)
	}
	return &cliSession{d: d, opTimeout: opTimeout}, nil
}

// watch closes the transport when ctx ends, so that a blocked read
// returns; call the returned function when done.
func (c *cliSession) watch(ctx context.Context) func() bool {
	return context.AfterFunc(ctx, func() { _ = c.d.Transport.Close(true) })
}

// send sends one line in the current mode and waits for any prompt.
func (c *cliSession) send(cmd string, timeout time.Duration) (string, error) {
	if timeout == 0 {
		timeout = c.opTimeout
	}
	r, err := c.d.Driver.SendCommand(cmd, opoptions.WithTimeoutOps(timeout))
	if err != nil {
		return "", fmt.Errorf("%q: %w", cmd, err)
	}
	if r.Failed != nil {
		return r.Result, &DeviceError{Cmd: cmd, Output: r.Result}
	}
	return r.Result, nil
}

// command sends a command at the platform's default privilege level
// (privilege-exec, or a Linux shell).
func (c *cliSession) command(cmd string, timeout time.Duration) (string, error) {
	if timeout == 0 {
		timeout = c.opTimeout
	}
	if c.d.CurrentPriv != c.d.DefaultDesiredPriv {
		if err := c.d.AcquirePriv(c.d.DefaultDesiredPriv); err != nil {
			return "", err
		}
	}
	r, err := c.d.Driver.SendCommand(cmd, opoptions.WithTimeoutOps(timeout))
	if err != nil {
		return "", fmt.Errorf("%q: %w", cmd, err)
	}
	if r.Failed != nil {
		return r.Result, &DeviceError{Cmd: cmd, Output: r.Result}
	}
	return r.Result, nil
}

// raw sends a command at the default privilege level without looking
// for failure strings in its output.
func (c *cliSession) raw(cmd string, timeout time.Duration) (string, error) {
	if timeout == 0 {
		timeout = c.opTimeout
	}
	if c.d.CurrentPriv != c.d.DefaultDesiredPriv {
		if err := c.d.AcquirePriv(c.d.DefaultDesiredPriv); err != nil {
			return "", err
		}
	}
	r, err := c.d.Driver.SendCommand(cmd, opoptions.WithTimeoutOps(timeout), opoptions.WithFailedWhenContains([]string{"\x00no failure string\x00"}))
	if err != nil {
		return "", fmt.Errorf("%q: %w", firstLine(cmd), err)
	}
	return r.Result, nil
}

// at sends a command at the given privilege level.
func (c *cliSession) at(level, cmd string, timeout time.Duration) (string, error) {
	if c.d.CurrentPriv != level {
		if err := c.d.AcquirePriv(level); err != nil {
			return "", err
		}
	}
	return c.send(cmd, timeout)
}

// interactive sends a command that asks questions: each step's input,
// then the prompt expected next ("" for the device prompt).
func (c *cliSession) interactive(steps [][2]string, timeout time.Duration) (string, error) {
	var ev []*channel.SendInteractiveEvent
	for _, s := range steps {
		ev = append(ev, &channel.SendInteractiveEvent{ChannelInput: s[0], ChannelResponse: s[1]})
	}
	r, err := c.d.Driver.SendInteractive(ev, opoptions.WithTimeoutOps(timeout))
	if err != nil {
		return "", fmt.Errorf("%q: %w", steps[0][0], err)
	}
	if r.Failed != nil {
		return r.Result, &DeviceError{Cmd: steps[0][0], Output: r.Result}
	}
	return r.Result, nil
}

// setPriv records the level the sequence knows it is at.
func (c *cliSession) setPriv(level string) { c.d.CurrentPriv = level }

func (c *cliSession) close() error {
	if c == nil || c.d == nil {
		return nil
	}
	done := make(chan error, 1)
	go func() { done <- c.d.Close() }()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		return c.d.Transport.Close(true)
	}
}
