package netbox

import (
	"fmt"
	"io"
	"strings"
)

const (
	green  = "\x1b[32m"
	yellow = "\x1b[33m"
	red    = "\x1b[31m"
	bold   = "\x1b[1m"
	reset  = "\x1b[0m"
)

// Symbol is the one-character mark of an action, as Terraform's.
func (a Action) Symbol() string {
	switch a {
	case Create:
		return "+"
	case Update:
		return "~"
	case Delete:
		return "-"
	}
	return "?"
}

func (a Action) color() string {
	switch a {
	case Create:
		return green
	case Update:
		return yellow
	}
	return red
}

// Describe names a change on one line: "~ ipam.vlan site-common/control (#12)".
func (c *Change) Describe() string {
	s := c.Action.Symbol() + " " + c.Type + " " + c.Key
	if c.ID != 0 {
		s += fmt.Sprintf(" (#%d)", c.ID)
	}
	if c.WithDevice {
		s += ", with its device"
	}
	return s
}

// RenderPlan writes a plan for people: each change, the fields an update
// changes (old → new), the objects in the way that are not avnet's, and
// a summary.
func RenderPlan(w io.Writer, p *Plan, color bool) {
	paint := func(c, s string) string {
		if !color {
			return s
		}
		return c + s + reset
	}
	fmt.Fprintf(w, "NetBox %s, site %s (objects tagged %q are avnet's):\n\n", p.URL, p.Site, Tag)
	for _, c := range p.Changes {
		fmt.Fprintf(w, "  %s\n", paint(c.Action.color(), c.Describe()))
		for _, f := range c.Fields {
			fmt.Fprintf(w, "      %s: %s → %s\n", f.Field, f.Old, f.New)
		}
	}
	if len(p.Foreign) > 0 {
		if len(p.Changes) > 0 {
			fmt.Fprintln(w)
		}
		for _, f := range p.Foreign {
			id := ""
			if f.ID != 0 {
				id = fmt.Sprintf(" (#%d)", f.ID)
			}
			fmt.Fprintf(w, "  %s\n", paint(bold, fmt.Sprintf("! %s %s%s: %s", f.Type, f.Key, id, f.Reason)))
			for _, fc := range f.Fields {
				fmt.Fprintf(w, "      %s: %s, the design says %s\n", fc.Field, fc.Old, fc.New)
			}
		}
	}
	if len(p.Changes) > 0 || len(p.Foreign) > 0 {
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, p.Summary())
}

// Summary is the plan's last line.
func (p *Plan) Summary() string {
	c := p.Counts()
	var b strings.Builder
	if p.Empty() {
		fmt.Fprintf(&b, "No changes: NetBox matches the design (%d objects).", p.Unchanged)
	} else {
		fmt.Fprintf(&b, "Plan: %d to create, %d to update, %d to delete; %d unchanged.", c.Create, c.Update, c.Delete, p.Unchanged)
	}
	if n := len(p.Foreign); n > 0 {
		fmt.Fprintf(&b, " %d %s of the design %s not avnet's and stay as they are (marked !).", n, plural(n, "object", "objects"), plural(n, "is", "are"))
	}
	if !p.Prune && p.Orphans > 0 {
		fmt.Fprintf(&b, " %d %s tagged %q at this site %s no longer in the design: --prune deletes them.", p.Orphans, plural(p.Orphans, "object", "objects"), Tag, plural(p.Orphans, "is", "are"))
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Summary says what an apply did.
func (r *Report) Summary(total int) string {
	var created, updated, deleted int
	for _, c := range r.Done {
		switch c.Action {
		case Create:
			created++
		case Update:
			updated++
		case Delete:
			deleted++
		}
	}
	done := fmt.Sprintf("%d created, %d updated, %d deleted", created, updated, deleted)
	if r.Err == nil {
		return "Apply complete: " + done + "."
	}
	var b strings.Builder
	where := ""
	if r.Failed != nil {
		where = " at " + r.Failed.Describe()
	}
	fmt.Fprintf(&b, "Apply stopped%s: %v\n", where, r.Err)
	fmt.Fprintf(&b, "Done: %d of %d changes (%s).", len(r.Done), total, done)
	if n := len(r.NotDone); n > 0 {
		fmt.Fprintf(&b, " Not done: the failed change and %d %s after it", n, plural(n, "change", "changes"))
		var kinds []string
		counts := map[string]int{}
		for _, c := range r.NotDone {
			k := string(c.Action) + " " + c.Type
			if counts[k] == 0 {
				kinds = append(kinds, k)
			}
			counts[k]++
		}
		var parts []string
		for _, k := range kinds {
			parts = append(parts, fmt.Sprintf("%d × %s", counts[k], k))
		}
		fmt.Fprintf(&b, " (%s).", strings.Join(parts, ", "))
	} else if r.Failed != nil {
		b.WriteString(" Not done: the failed change.")
	}
	b.WriteString("\nNetBox keeps what was done. Run apply again to finish: it plans from what NetBox holds, so nothing is done twice.")
	return b.String()
}
