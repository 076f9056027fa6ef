package qosclass

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

// Rule is AV-QOS-001.
var Rule = &rules.Rule{
	ID:       "AV-QOS-001",
	Name:     "qosclass",
	Doc:      rules.ExtractDoc(doc, "qosclass"),
	Standard: "AES67-2018 §6.2 (QoS classes); RFC 4594 §4.11, §4.12; Audinate Dante DSCP values",
	Severity: diag.Error,
	Run:      run,
}

// realtime lists the essences whose packets may not be dropped.
var realtime = map[string]bool{
	"st2110-20": true, "st2110-22": true, "st2110-30": true, "st2110-31": true, "st2110-40": true,
	"st2022-6": true, "aes67": true, "dante": true,
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
	if len(f.PTP) == 0 {
		return ""
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

// mediaClasses lists the classes a media flow could move to.
func mediaClasses(f *model.Facility, ptp string) []string {
	var out []string
	for _, n := range model.SortedKeys(f.QoS.Classes) {
		c := f.QoS.Classes[n]
		if n == ptp || len(c.DSCP) == 0 || c.DSCP[0] == 0 || c.DSCP[0] == 8 {
			continue
		}
		out = append(out, fmt.Sprintf("%s (DSCP %d)", n, c.DSCP[0]))
	}
	return out
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	ptp := ptpClass(f)
	lists46 := false
	for _, c := range f.QoS.Classes {
		if slices.Contains(c.DSCP, 46) {
			lists46 = true
		}
	}
	for _, fn := range model.SortedKeys(f.Flows) {
		fl := f.Flows[fn]
		c := f.QoS.Classes[fl.Class]
		if c == nil || len(c.DSCP) == 0 {
			continue // AV-REF-001 reports an undefined class
		}
		pos := f.PosOf("flows", fn, "class")
		subject := "flow " + fn
		related := []diag.Related{{Pos: f.PosOf("qos", "classes", fl.Class), Message: fmt.Sprintf("class %s (DSCP %s, queue %d) is declared here", fl.Class, dscps(c.DSCP), c.Queue)}}
		hint := "put the flow in a media class"
		if m := mediaClasses(f, ptp); len(m) > 0 {
			hint += ": " + strings.Join(m, ", ")
		} else {
			hint += `, e.g. qos.classes."video": {dscp: [34], queue: 5, scheduling: "strict"} (AF41, AES67 §6.2)`
		}
		switch {
		case fl.Class == ptp:
			pass.Report(diag.Diagnostic{Pos: pos, Subject: subject, Related: related, Hint: hint,
				Message: fmt.Sprintf("flow %s (%s) is in class %s, the class of PTP (queue %d): its bursts queue ahead of Sync and Delay_Req messages, which the slaves then see as clock offset",
					fn, fl.Essence, fl.Class, c.Queue)})
		case realtime[fl.Essence] && (c.DSCP[0] == 0 || c.DSCP[0] == 8):
			phb := "best effort (DF)"
			if c.DSCP[0] == 8 {
				phb = "scavenger (CS1)"
			}
			pass.Report(diag.Diagnostic{Pos: pos, Subject: subject, Related: related, Hint: hint,
				Message: fmt.Sprintf("flow %s (%s) is marked DSCP %d, %s, through class %s: under congestion that queue is dropped first, and every lost packet is a visible or audible hit",
					fn, fl.Essence, c.DSCP[0], phb, fl.Class)})
		case fl.Essence == "dante" && !lists46:
			pass.Report(diag.Diagnostic{Pos: pos, Subject: subject, Related: related,
				Hint: fmt.Sprintf("add 46 to the DSCP list of class %s (dscp: [46, ...])", fl.Class),
				Message: fmt.Sprintf("flow %s is Dante audio, which Dante hardware marks EF 46, but class %s lists DSCP %s and no class lists 46: the switches queue Dante audio as best effort",
					fn, fl.Class, dscps(c.DSCP))})
		}
	}
	return nil
}

func dscps(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, ", ")
}
