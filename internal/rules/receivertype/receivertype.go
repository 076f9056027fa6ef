package receivertype

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-ST21-001.
var Rule = &rules.Rule{
	ID:       "AV-ST21-001",
	Name:     "receivertype",
	Doc:      rules.ExtractDoc(doc, "receivertype"),
	Standard: "SMPTE ST 2110-21:2022 §7.1 (sender types N, NL, W), §7.2 (receivers); AMWA BCP-004-01 (Type N receivers accept 2110TPN and 2110TPNL)",
	Severity: diag.Error,
	Run:      run,
}

// accepts lists the sender types each declared receiver type takes.
var accepts = map[string][]string{
	"N":  {"2110TPN", "2110TPNL"},
	"NL": {"2110TPN", "2110TPNL"}, // not an ST 2110-21 receiver type: narrow
	"W":  {"2110TPN", "2110TPNL", "2110TPW"},
}

var names = map[string]string{
	"2110TPN":  "Type N (narrow gapped)",
	"2110TPNL": "Type NL (narrow linear)",
	"2110TPW":  "Type W (wide)",
}

func run(pass *rules.Pass) error {
	f, facts := pass.Facility, pass.Facts
	for _, name := range model.SortedKeys(f.Flows) {
		fl := f.Flows[name]
		if fl == nil || fl.Video == nil || (fl.Essence != "st2110-20" && fl.Essence != "st2110-22") {
			continue
		}
		st := senderType(fl.Video.SenderType)
		seen := map[string]bool{}
		for k, r := range fl.Receivers {
			d := f.Devices[r]
			if d == nil || d.Capabilities == nil || seen[r] {
				continue
			}
			seen[r] = true
			rt := strings.ToUpper(strings.TrimSpace(d.Capabilities.ReceiverType))
			ok, known := accepts[rt]
			if !known || contains(ok, st) {
				continue
			}
			msg := fmt.Sprintf("receiver %s is a Type %s (narrow) receiver but flow %s comes from a %s sender (%s)", r, rt, name, names[st], st)
			if b := bursts(facts, fl, name, st); b != "" {
				msg += ": " + b
			}
			pass.Report(diag.Diagnostic{
				Pos:     f.PosOf("flows", name, "receivers", fmt.Sprint(k)),
				Subject: "flow " + name,
				Message: msg,
				Related: []diag.Related{
					{Pos: f.PosOf("devices", r, "capabilities", "receiverType"), Message: fmt.Sprintf("%s declares receiver type %s here", r, rt)},
					{Pos: f.PosOf("flows", name, "video", "senderType"), Message: fmt.Sprintf("flow %s sends as %s here", name, st)},
				},
				Hint: fmt.Sprintf(`set video.senderType: "2110TPN" (or "2110TPNL") on flow %s if its sender can shape narrow, or use a Type W receiver`, name),
			})
		}
	}
	return nil
}

// bursts compares the flow's CMAX and VRX_FULL with those of the same
// flow sent by a narrow gapped (2110TPN) sender.
func bursts(facts *analysis.Facts, fl *model.Flow, name, st string) string {
	if facts == nil || facts.Flows[name] == nil || facts.Flows[name].RateErr != nil {
		return ""
	}
	wide := facts.Flows[name].Rate
	narrowFlow := *fl
	v := *fl.Video
	v.SenderType = "2110TPN"
	narrowFlow.Video = &v
	narrow, err := analysis.FlowRate(&narrowFlow)
	if err != nil || wide.CMax == 0 || narrow.CMax == 0 {
		return ""
	}
	return fmt.Sprintf("it may burst CMAX=%d packets and run VRX_FULL=%d packets ahead, where a narrow sender stays within CMAX=%d and VRX_FULL=%d",
		wide.CMax, wide.VRXFull, narrow.CMax, narrow.VRXFull)
}

func senderType(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	switch s {
	case "", "N":
		return "2110TPN"
	case "NL", "W":
		return "2110TP" + s
	}
	return s
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
