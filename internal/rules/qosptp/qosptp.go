package qosptp

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-QOS-002.
var Rule = &rules.Rule{
	ID:       "AV-QOS-002",
	Name:     "qosptp",
	Doc:      rules.ExtractDoc(doc, "qosptp"),
	Standard: "AES67-2018 §6.2 (clock class EF above media); IEEE 1588-2008 §11.3 (delay request-response assumes a constant path delay)",
	Severity: diag.Error,
	Run:      run,
}

// ptpClass finds the class that carries PTP: one named "ptp" (or whose
// name contains it), else one holding EF 46 that no flow uses.
func ptpClass(f *model.Facility) string {
	names := model.SortedKeys(f.QoS.Classes)
	for _, n := range names {
		if strings.EqualFold(n, "ptp") {
			return n
		}
	}
	for _, n := range names {
		if strings.Contains(strings.ToLower(n), "ptp") {
			return n
		}
	}
	used := map[string]bool{}
	for _, fl := range f.Flows {
		used[fl.Class] = true
	}
	for _, n := range names {
		if !used[n] && slices.Contains(f.QoS.Classes[n].DSCP, 46) {
			return n
		}
	}
	return ""
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	if len(f.PTP) == 0 {
		return nil
	}
	domains := model.SortedKeys(f.PTP)
	pn := ptpClass(f)
	if pn == "" {
		pos := f.PosOf("qos", "classes")
		msg := fmt.Sprintf("the design runs PTP (ptp %s) but no QoS class carries it", strings.Join(domains, ", ptp "))
		if len(f.QoS.Classes) > 0 {
			msg += fmt.Sprintf(" (classes: %s; none is named ptp or holds EF 46 unused by flows)", strings.Join(model.SortedKeys(f.QoS.Classes), ", "))
		}
		msg += ": Sync and Delay_Req messages wait in the default queue behind media, and the slaves see that wait as clock offset"
		pass.Reportf(pos, "qos", `declare qos.classes.ptp: {dscp: [46], queue: 7, scheduling: "strict"}, above every other class`, "%s", msg)
		return nil
	}
	c := f.QoS.Classes[pn]
	subject := "qos class " + pn
	if c.Scheduling != "strict" {
		pass.Reportf(f.PosOf("qos", "classes", pn, "scheduling"), subject,
			fmt.Sprintf(`set qos.classes.%s.scheduling: "strict"`, quote(pn)),
			"PTP's class %s is scheduled %q (weight %d): a weighted queue waits its turn behind the other queues, and that wait varies with their load", pn, c.Scheduling, c.Weight)
	}
	top := c.Queue
	for _, n := range model.SortedKeys(f.QoS.Classes) {
		if q := f.QoS.Classes[n].Queue; n != pn && q > top {
			top = q
		}
	}
	for _, n := range model.SortedKeys(f.QoS.Classes) {
		o := f.QoS.Classes[n]
		if n == pn || o.Queue < c.Queue {
			continue
		}
		flows := flowsIn(f, n)
		carried := "no flow yet"
		if len(flows) > 0 {
			carried = fmt.Sprintf("%d flow(s): %s", len(flows), list(flows, 3))
		}
		related := []diag.Related{{Pos: f.PosOf("qos", "classes", n, "queue"), Message: fmt.Sprintf("class %s uses queue %d here", n, o.Queue)}}
		if o.Queue == c.Queue {
			pass.Report(diag.Diagnostic{
				Pos: f.PosOf("qos", "classes", pn, "queue"), Subject: subject, Related: related,
				Message: fmt.Sprintf("PTP's class %s shares queue %d with class %s (%s): Sync and Delay_Req messages wait behind its packets", pn, c.Queue, n, carried),
				Hint:    fmt.Sprintf("move class %s to a queue below %d", n, c.Queue),
			})
			continue
		}
		hint := fmt.Sprintf("move PTP's class %s to queue %d and class %s below it", pn, max(top, 7), n)
		if top >= 7 {
			hint = fmt.Sprintf("give PTP's class %s the highest queue (7) and move class %s below it", pn, n)
		}
		pass.Report(diag.Diagnostic{
			Pos: f.PosOf("qos", "classes", pn, "queue"), Subject: subject, Related: related,
			Message: fmt.Sprintf("PTP's class %s is in queue %d but class %s (%s) is in queue %d, served first: PTP waits behind it", pn, c.Queue, n, carried, o.Queue),
			Hint:    hint,
		})
	}
	return nil
}

func flowsIn(f *model.Facility, class string) []string {
	var out []string
	for _, fn := range model.SortedKeys(f.Flows) {
		if f.Flows[fn].Class == class {
			out = append(out, fn)
		}
	}
	return out
}

func list(xs []string, n int) string {
	if len(xs) <= n {
		return strings.Join(xs, ", ")
	}
	return strings.Join(xs[:n], ", ") + fmt.Sprintf(", … %d more", len(xs)-n)
}

func quote(s string) string {
	if model.PathKey(s) == s {
		return s
	}
	return fmt.Sprintf("%q", s)
}
