package deploy

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
)

// Views: how plans, progress and results look to a person. Pure
// functions of the data, writing to an io.Writer.

const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiRed   = "\x1b[31m"
	ansiGreen = "\x1b[32m"
	ansiYel   = "\x1b[33m"
	ansiCyan  = "\x1b[36m"
)

func paint(color bool, code, s string) string {
	if !color {
		return s
	}
	return code + s + ansiReset
}

// actionSymbol is Terraform's: + create, ~ update, = no change, ! unknown.
func actionSymbol(a Action) string {
	switch a {
	case ActionCreate:
		return "+"
	case ActionUpdate:
		return "~"
	case ActionNoOp:
		return "="
	}
	return "!"
}

// RenderPlan writes a plan: per device its header and coloured unified
// diff, then the summary line.
func RenderPlan(w io.Writer, p *Plan, color bool) {
	for _, d := range p.Devices {
		where := d.Platform
		if d.Address != "" {
			where += ", " + hostPort(d.Address, d.Port)
		}
		head := fmt.Sprintf("%s %s (%s)", actionSymbol(d.Action), d.Name, where)
		switch d.Action {
		case ActionNoOp:
			fmt.Fprintf(w, "%s: no changes\n", paint(color, ansiBold, head))
			continue
		case ActionUnknown:
			fmt.Fprintf(w, "%s: %s\n\n", paint(color, ansiBold+ansiRed, head), d.Error)
			continue
		}
		fmt.Fprintf(w, "%s: %s, %s\n", paint(color, ansiBold, head), d.Action,
			paint(color, ansiGreen, fmt.Sprintf("+%d", d.Added))+" "+paint(color, ansiRed, fmt.Sprintf("-%d", d.Removed)))
		renderDiff(w, d.Diff, color)
		fmt.Fprintln(w)
	}
	for _, s := range p.Skipped {
		fmt.Fprintf(w, "- %s: skipped: %s\n", s.Name, s.Reason)
	}
	fmt.Fprintln(w, PlanSummary(p))
}

// PlanSummary is the last line of a plan: "Plan: 3 to change, 1
// unchanged, 0 unreachable."
func PlanSummary(p *Plan) string {
	c := p.Counts()
	return fmt.Sprintf("Plan: %d to change, %d unchanged, %d unreachable.", c.Change, c.Unchanged, c.Unreachable)
}

func renderDiff(w io.Writer, diff string, color bool) {
	for _, l := range strings.Split(strings.TrimSuffix(diff, "\n"), "\n") {
		switch {
		case strings.HasPrefix(l, "+++"), strings.HasPrefix(l, "---"):
			l = paint(color, ansiBold, l)
		case strings.HasPrefix(l, "@@"):
			l = paint(color, ansiCyan, l)
		case strings.HasPrefix(l, "+"):
			l = paint(color, ansiGreen, l)
		case strings.HasPrefix(l, "-"):
			l = paint(color, ansiRed, l)
		}
		fmt.Fprintln(w, "    "+l)
	}
}

// RenderResult writes the final table of an apply and its summary line.
func RenderResult(w io.Writer, r *ApplyResult, color bool) {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "DEVICE\tACTION\tRESULT\tTIME\t")
	counts := map[Status]int{}
	var failures []DeviceResult
	for _, d := range r.Devices {
		counts[d.Status]++
		st := string(d.Status)
		switch d.Status {
		case StatusApplied:
			st = paint(color, ansiGreen, st)
		case StatusUnchanged:
		case StatusStale:
			st = paint(color, ansiYel, st)
		default:
			st = paint(color, ansiRed, st)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", d.Name, d.Action, st, d.Duration.Round(100*time.Millisecond))
		if d.Error != "" {
			failures = append(failures, d)
		}
	}
	tw.Flush()
	for _, d := range failures {
		fmt.Fprintf(w, "\n%s: %s\n", paint(color, ansiBold, d.Name), d.Error)
	}
	fmt.Fprintf(w, "\nApply: %d applied, %d unchanged, %d failed, %d stale, %d unreachable (%s).\n",
		counts[StatusApplied], counts[StatusUnchanged], counts[StatusFailed], counts[StatusStale], counts[StatusUnreachable],
		r.Elapsed.Round(100*time.Millisecond))
}

// Progress shows each device's progress: on a terminal, one line per
// device with a bar, redrawn in place; otherwise a plain line per step.
type Progress struct {
	w       io.Writer
	tty     bool
	color   bool
	mu      sync.Mutex
	devices []string
	state   map[string]Event
	start   map[string]time.Time
	drawn   int
}

// NewProgress returns a progress view for the given devices.
func NewProgress(w io.Writer, devices []string, tty, color bool) *Progress {
	ds := append([]string(nil), devices...)
	sort.Strings(ds)
	return &Progress{w: w, tty: tty, color: color, devices: ds, state: map[string]Event{}, start: map[string]time.Time{}}
}

// Event records a device's step and redraws.
func (p *Progress) Event(e Event) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.start[e.Device]; !ok {
		p.start[e.Device] = now()
	}
	prev, seen := p.state[e.Device]
	p.state[e.Device] = e
	if !p.tty {
		if seen && prev.Phase == e.Phase && !e.Final {
			return
		}
		fmt.Fprintln(p.w, p.line(e.Device))
		return
	}
	p.redraw()
}

func (p *Progress) redraw() {
	if p.drawn > 0 {
		fmt.Fprintf(p.w, "\x1b[%dA", p.drawn)
	}
	for _, d := range p.devices {
		fmt.Fprintf(p.w, "\x1b[2K%s\n", p.line(d))
	}
	p.drawn = len(p.devices)
}

// line is one device's state.
func (p *Progress) line(d string) string {
	e, ok := p.state[d]
	width := 0
	for _, x := range p.devices {
		width = max(width, len(x))
	}
	name := fmt.Sprintf("%-*s", width, d)
	if !ok {
		if p.tty {
			return name + "  [" + strings.Repeat(" ", 20) + "] waiting"
		}
		return d + ": waiting"
	}
	elapsed := now().Sub(p.start[d]).Round(100 * time.Millisecond)
	if e.Final {
		msg := e.Phase
		if e.Err != nil {
			msg = paint(p.color, ansiRed, e.Phase)
		} else if e.Phase == string(StatusApplied) || e.Phase == "done" {
			msg = paint(p.color, ansiGreen, e.Phase)
		}
		if p.tty {
			return fmt.Sprintf("%s  [%s] %s in %s", name, strings.Repeat("=", 20), msg, elapsed)
		}
		if e.Err != nil {
			return fmt.Sprintf("%s: %s after %s", d, msg, elapsed)
		}
		return fmt.Sprintf("%s: %s in %s", d, msg, elapsed)
	}
	if !p.tty {
		return fmt.Sprintf("%s: %s (%d/%d)", d, e.Phase, e.Step, e.Steps)
	}
	filled := 0
	if e.Steps > 0 {
		filled = 20 * e.Step / e.Steps
	}
	return fmt.Sprintf("%s  [%s%s] %s (%d/%d)", name, strings.Repeat("=", filled), strings.Repeat(" ", 20-filled), e.Phase, e.Step, e.Steps)
}
