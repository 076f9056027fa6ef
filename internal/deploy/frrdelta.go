package deploy

import "strings"

// frrDelta computes the vtysh commands that take FRR from its running
// configuration to the intended one, both normalised views (frrNormaliser:
// no comments, no "exit" lines, one space of indentation per level). It
// is the fast path of a linux apply: one `vtysh -f` instead of
// frr-reload.py, which starts vtysh a dozen times (each start builds
// vtysh's whole command tree, ~80 ms of CPU) and made an apply to eight
// switches CPU-bound on small machines.
//
// It covers what avnet generates: top-level lines and one level of
// blocks (interface, router ospf…). ok is false when the configurations
// hold anything deeper (address families…): frr-reload.py, FRR's own
// tool, then does the whole job. The device falls back to frr-reload.py
// too when vtysh refuses a line of the delta, and avnet has it repair
// the result when its verification finds FRR's configuration still
// differs; so the delta never has to know every command's quirks.
func frrDelta(running, intended string) (delta string, ok bool) {
	run, ok1 := parseFRRTree(running)
	want, ok2 := parseFRRTree(intended)
	if !ok1 || !ok2 {
		return "", false
	}
	var del, add []string
	wantIdx := indexFRR(want)
	runIdx := indexFRR(run)
	for _, r := range run {
		w, kept := wantIdx[r.text]
		switch {
		case kept:
			// In both: the block's lines that go, then those that come.
			var body []string
			for _, c := range r.children {
				if !containsFRR(w.children, c.text) {
					body = append(body, " "+frrNegate(c.text))
				}
			}
			if len(body) > 0 {
				del = append(del, r.text)
				del = append(del, body...)
				del = append(del, "exit")
			}
		case len(r.children) > 0 && strings.HasPrefix(r.text, "interface "):
			// zebra refuses to delete an interface that exists ("Only
			// inactive interfaces can be deleted"): empty it instead.
			del = append(del, r.text)
			for _, c := range r.children {
				del = append(del, " "+frrNegate(c.text))
			}
			del = append(del, "exit")
		case len(r.children) == 0 && strings.HasPrefix(r.text, "interface "):
			// An empty interface block configures nothing.
		default:
			del = append(del, frrNegate(r.text))
		}
	}
	for _, w := range want {
		r, had := runIdx[w.text]
		var body []string
		for _, c := range w.children {
			if !had || !containsFRR(r.children, c.text) {
				body = append(body, " "+c.text)
			}
		}
		switch {
		case len(w.children) == 0 && !had:
			add = append(add, w.text)
		case len(body) > 0:
			add = append(add, w.text)
			add = append(add, body...)
			add = append(add, "exit")
		}
	}
	if len(del)+len(add) == 0 {
		return "", true
	}
	return strings.Join(append(del, add...), "\n") + "\n", true
}

type frrNode struct {
	text     string
	children []*frrNode
}

// parseFRRTree reads a normalised FRR configuration into top-level lines
// and their one level of sub-lines; false for deeper nesting.
func parseFRRTree(s string) ([]*frrNode, bool) {
	var out []*frrNode
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		depth := len(l) - len(strings.TrimLeft(l, " "))
		text := strings.TrimSpace(l)
		switch {
		case depth == 0:
			out = append(out, &frrNode{text: text})
		case depth == 1 && len(out) > 0:
			p := out[len(out)-1]
			p.children = append(p.children, &frrNode{text: text})
		default:
			return nil, false
		}
		if strings.Contains(text, "address-family") {
			return nil, false
		}
	}
	return out, true
}

func indexFRR(ns []*frrNode) map[string]*frrNode {
	m := make(map[string]*frrNode, len(ns))
	for _, n := range ns {
		m[n.text] = n
	}
	return m
}

func containsFRR(ns []*frrNode, text string) bool {
	for _, n := range ns {
		if n.text == text {
			return true
		}
	}
	return false
}

// frrNegate is the command that removes a configuration line: "no X"
// for X, X for "no X". FRR's "no" forms take the line's own arguments,
// except a few that take none.
func frrNegate(line string) string {
	if rest, ok := strings.CutPrefix(line, "no "); ok {
		return rest
	}
	for _, bare := range []string{"description", "hostname"} {
		if line == bare || strings.HasPrefix(line, bare+" ") {
			return "no " + bare
		}
	}
	return "no " + line
}
