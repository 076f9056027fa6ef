package ptpdomainmix

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

// Rule is AV-PTP-002.
var Rule = &rules.Rule{
	ID:       "AV-PTP-002",
	Name:     "ptpdomainmix",
	Doc:      rules.ExtractDoc(doc, "ptpdomainmix"),
	Standard: "SMPTE ST 2110-10:2022 (system timing from PTP); AES67-2018 §4; IEEE 1588-2008 §7.1",
	Severity: diag.Error,
	Run:      run,
}

// timed lists the essences whose media clock is derived from PTP.
var timed = map[string]bool{
	"st2110-20": true, "st2110-22": true, "st2110-30": true, "st2110-31": true, "st2110-40": true,
	"aes67": true, "dante": true,
}

// domainOf returns the name and entry of the PTP domain a device follows.
func domainOf(f *model.Facility, dev string) (string, *model.PTPDomain) {
	d := f.Devices[dev]
	if d == nil || d.PTP == nil || d.PTP.Mode == "none" || d.PTP.Domain == "" {
		return "", nil
	}
	dom := f.PTP[d.PTP.Domain]
	if dom == nil {
		return "", nil // AV-REF-001
	}
	return d.PTP.Domain, dom
}

func describe(name string, d *model.PTPDomain) string {
	return fmt.Sprintf("%q (%s, domain %d)", name, d.Profile, d.Domain)
}

type pairKey struct{ a, b string }

type finding struct {
	flow     string
	idx      int
	sender   string
	receiver string
	flows    []string
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	var order []pairKey
	found := map[pairKey]*finding{}
	for _, fn := range model.SortedKeys(f.Flows) {
		fl := f.Flows[fn]
		if !timed[fl.Essence] {
			continue
		}
		sn, sd := domainOf(f, fl.Sender)
		if sd == nil {
			continue
		}
		for i, r := range fl.Receivers {
			rn, rd := domainOf(f, r)
			if rd == nil || r == fl.Sender {
				continue
			}
			if rn == sn || (rd.Domain == sd.Domain && rd.Profile == sd.Profile) {
				continue
			}
			k := pairKey{fl.Sender, r}
			if k.b < k.a {
				k = pairKey{r, fl.Sender}
			}
			if fd := found[k]; fd != nil {
				if fd.flows[len(fd.flows)-1] != fn {
					fd.flows = append(fd.flows, fn)
				}
				continue
			}
			found[k] = &finding{flow: fn, idx: i, sender: fl.Sender, receiver: r, flows: []string{fn}}
			order = append(order, k)
		}
	}
	for _, k := range order {
		fd := found[k]
		sn, sd := domainOf(f, fd.sender)
		rn, rd := domainOf(f, fd.receiver)
		var diffs []string
		if sd.Domain != rd.Domain {
			diffs = append(diffs, fmt.Sprintf("domain numbers %d and %d", sd.Domain, rd.Domain))
		}
		if sd.Profile != rd.Profile {
			diffs = append(diffs, fmt.Sprintf("profiles %s and %s", sd.Profile, rd.Profile))
		}
		msg := fmt.Sprintf("receiver %s is in PTP domain %s but sender %s of flow %s is in %s (%s differ): their media clocks follow different grandmasters and drift apart",
			fd.receiver, describe(rn, rd), fd.sender, fd.flow, describe(sn, sd), strings.Join(diffs, ", "))
		if more := len(fd.flows) - 1; more > 0 {
			msg += fmt.Sprintf("; %d more flow(s) between them: %s", more, strings.Join(fd.flows[1:], ", "))
		}
		hint := fmt.Sprintf("put %s and %s in the same PTP domain", fd.sender, fd.receiver)
		if sd.Profile != rd.Profile {
			hint += "; AES67 and ST 2059-2 devices can share one domain with the common parameters of AES-R16-2016 (profile \"aes-r16\")"
		} else {
			hint += fmt.Sprintf(" (both run %s: give %q and %q the same domain number, or use one entry)", sd.Profile, sn, rn)
		}
		pass.Report(diag.Diagnostic{
			Pos:     f.PosOf("flows", fd.flow, "receivers", fmt.Sprint(fd.idx)),
			Subject: "flow " + fd.flow,
			Message: msg,
			Related: []diag.Related{
				{Pos: f.PosOf("devices", fd.sender, "ptp", "domain"), Message: fmt.Sprintf("%s follows PTP domain %q here", fd.sender, sn)},
				{Pos: f.PosOf("devices", fd.receiver, "ptp", "domain"), Message: fmt.Sprintf("%s follows PTP domain %q here", fd.receiver, rn)},
			},
			Hint: hint,
		})
	}
	return nil
}
