package dscpconflict

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-QOS-003.
var Rule = &rules.Rule{
	ID:       "AV-QOS-003",
	Name:     "dscpconflict",
	Doc:      rules.ExtractDoc(doc, "dscpconflict"),
	Standard: "RFC 2474 §3 (DS field); AES67-2018 §6.2; Audinate Dante DSCP values (CS7 56, EF 46)",
	Severity: diag.Warning,
	Run:      run,
}

var names = map[int]string{0: "DF", 8: "CS1", 10: "AF11", 18: "AF21", 24: "CS3", 26: "AF31", 32: "CS4", 34: "AF41", 40: "CS5", 46: "EF", 48: "CS6", 56: "CS7"}

func label(d int) string {
	if n, ok := names[d]; ok {
		return fmt.Sprintf("%s %d", n, d)
	}
	return fmt.Sprintf("DSCP %d", d)
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	classes := model.SortedKeys(f.QoS.Classes)
	type use struct {
		class string
		idx   int
	}
	owner := map[int]use{}
	for _, cn := range classes {
		c := f.QoS.Classes[cn]
		seen := map[int]bool{}
		for i, d := range c.DSCP {
			if seen[d] {
				continue
			}
			seen[d] = true
			first, ok := owner[d]
			if !ok {
				owner[d] = use{cn, i}
				continue
			}
			fc := f.QoS.Classes[first.class]
			pass.Report(diag.Diagnostic{
				Pos:     f.PosOf("qos", "classes", cn, "dscp", fmt.Sprint(i)),
				Subject: "qos class " + cn,
				Message: fmt.Sprintf("%s is listed by class %s (queue %d) and by class %s (queue %d): a switch maps a DSCP to one queue, so one class's traffic is queued as the other's",
					label(d), first.class, fc.Queue, cn, c.Queue),
				Related: []diag.Related{{Pos: f.PosOf("qos", "classes", first.class, "dscp", fmt.Sprint(first.idx)), Message: fmt.Sprintf("class %s lists %d here", first.class, d)}},
				Hint:    fmt.Sprintf("remove %d from class %s or from class %s", d, cn, first.class),
			})
		}
	}
	// Dante audio is EF 46 on the wire whatever class the design names.
	ef, ok := owner[46]
	if !ok {
		return nil
	}
	for _, fn := range model.SortedKeys(f.Flows) {
		fl := f.Flows[fn]
		if fl.Essence != "dante" || fl.Class == ef.class {
			continue
		}
		c := f.QoS.Classes[fl.Class]
		if c == nil {
			continue
		}
		has46 := false
		for _, d := range c.DSCP {
			has46 = has46 || d == 46
		}
		if has46 {
			continue // listed twice: reported above
		}
		var dante []string
		for _, other := range model.SortedKeys(f.Flows) {
			if o := f.Flows[other]; o.Essence == "dante" && o.Class == fl.Class {
				dante = append(dante, other)
			}
		}
		hint := fmt.Sprintf("move class %s off EF 46 and list 46 in class %s", ef.class, fl.Class)
		if strings.Contains(strings.ToLower(ef.class), "ptp") {
			hint = fmt.Sprintf("mark PTP CS7 56 on the grandmasters and boundary clocks (as Dante does for its PTP events), remove 46 from class %s and list it in class %s", ef.class, fl.Class)
		}
		pass.Report(diag.Diagnostic{
			Pos:     f.PosOf("flows", fn, "class"),
			Subject: "flow " + fn,
			Message: fmt.Sprintf("Dante hardware marks the audio of flow %s EF 46, which this design gives to class %s (queue %d), not to its class %s: on the wire EF 46 means both %s and Dante audio (%d Dante flow(s) in class %s: %s)",
				fn, ef.class, f.QoS.Classes[ef.class].Queue, fl.Class, ef.class, len(dante), fl.Class, list(dante, 3)),
			Related: []diag.Related{{Pos: f.PosOf("qos", "classes", ef.class, "dscp", fmt.Sprint(ef.idx)), Message: fmt.Sprintf("class %s lists 46 here", ef.class)}},
			Hint:    hint,
		})
		break // one finding per design: the marking is the devices', not the flow's
	}
	return nil
}

func list(xs []string, n int) string {
	if len(xs) <= n {
		return strings.Join(xs, ", ")
	}
	return strings.Join(xs[:n], ", ") + fmt.Sprintf(", … %d more", len(xs)-n)
}
