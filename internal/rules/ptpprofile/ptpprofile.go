package ptpprofile

import (
	_ "embed"
	"fmt"
	"math"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-PTP-001.
var Rule = &rules.Rule{
	ID:       "AV-PTP-001",
	Name:     "ptpprofile",
	Doc:      rules.ExtractDoc(doc, "ptpprofile"),
	Standard: "SMPTE ST 2059-2:2015 §5.5; AES67-2018 Annex A; AES-R16-2016; IEEE 1588-2008 Annex J.3 and §7.1",
	Severity: diag.Error,
	Run:      run,
}

// span is a closed range of an attribute with the profile's default.
type span struct{ lo, hi, def int }

// profile is one PTP profile's table of ranges.
type profile struct {
	title   string // as printed: "SMPTE ST 2059-2"
	domain  span
	ann     span
	sync    span
	timeout span
	// delayReq gives the Delay_Req range, which may depend on logSyncInterval.
	delayReq func(logSync int) span
	// delayReqRange describes delayReq in words for messages.
	delayReqRange string
}

var profiles = map[string]profile{
	"st2059-2": {
		title:   "SMPTE ST 2059-2",
		domain:  span{0, 127, 127},
		ann:     span{-3, 1, -2},
		sync:    span{-7, -1, -3},
		timeout: span{2, 10, 3},
		delayReq: func(s int) span {
			return span{s, s + 5, s}
		},
		delayReqRange: "logSyncInterval..logSyncInterval+5",
	},
	"aes67": {
		title:         "the AES67 media profile",
		domain:        span{0, 127, 0},
		ann:           span{0, 4, 1},
		sync:          span{-4, 1, -3},
		timeout:       span{2, 10, 3},
		delayReq:      func(int) span { return span{-3, 5, 0} },
		delayReqRange: "-3..5",
	},
	"aes-r16": {
		title:   "AES-R16 (AES67 / ST 2059-2 common)",
		domain:  span{0, 127, 0},
		ann:     span{0, 1, 0},
		sync:    span{-4, -1, -3},
		timeout: span{2, 10, 3},
		delayReq: func(s int) span {
			return span{max(-3, s), s + 5, -3}
		},
		delayReqRange: "max(-3, logSyncInterval)..logSyncInterval+5",
	},
	"default-e2e": {
		title:         "the IEEE 1588 default E2E profile",
		domain:        span{0, 127, 0},
		ann:           span{0, 4, 1},
		sync:          span{-1, 1, 0},
		timeout:       span{2, 10, 3},
		delayReq:      func(int) span { return span{0, 5, 0} },
		delayReqRange: "0..5",
	},
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	for _, dn := range model.SortedKeys(f.PTP) {
		dom := f.PTP[dn]
		p, ok := profiles[dom.Profile]
		if !ok {
			continue // the schema only admits the four profiles
		}
		c := checker{pass: pass, f: f, dn: dn, dom: dom, p: p}
		c.check("domain", dom.Domain, p.domain, false, "")
		c.check("logAnnounceInterval", dom.LogAnnounceInterval, p.ann, true, "Announce")
		c.check("logSyncInterval", dom.LogSyncInterval, p.sync, true, "Sync")
		dr := p.delayReq(dom.LogSyncInterval)
		c.checkDelayReq(dom.LogMinDelayReqInterval, dr)
		c.check("announceReceiptTimeout", dom.AnnounceReceiptTimeout, p.timeout, false, "")
	}
	return nil
}

type checker struct {
	pass *rules.Pass
	f    *model.Facility
	dn   string
	dom  *model.PTPDomain
	p    profile
}

// written reports whether the user wrote the attribute (rather than taking
// the schema's default).
func (c checker) written(attr string) bool {
	_, ok := c.f.Positions[model.PathKey("ptp", c.dn, attr)]
	return ok
}

func (c checker) report(attr string, msg, hint string) {
	if !c.written(attr) {
		msg += fmt.Sprintf(" (the value is the schema's default for profile %q, not written in the design)", c.dom.Profile)
	}
	var related []diag.Related
	if c.written("profile") {
		related = append(related, diag.Related{Pos: c.f.PosOf("ptp", c.dn, "profile"), Message: fmt.Sprintf("ptp %s runs profile %q here", c.dn, c.dom.Profile)})
	}
	c.pass.Report(diag.Diagnostic{
		Pos:     c.f.PosOf("ptp", c.dn, attr),
		Subject: "ptp " + c.dn,
		Message: msg,
		Related: related,
		Hint:    hint,
	})
}

func (c checker) check(attr string, v int, s span, interval bool, msgType string) {
	if v >= s.lo && v <= s.hi {
		return
	}
	what := fmt.Sprintf("%s %d", attr, v)
	rng := fmt.Sprintf("%d..%d", s.lo, s.hi)
	if interval {
		what += fmt.Sprintf(" (%s)", every(msgType, v))
		rng += fmt.Sprintf(" (%s to %s)", period(s.lo), period(s.hi))
	}
	msg := fmt.Sprintf("%s is outside %s's range %s", what, c.p.title, rng)
	if attr == "domain" && v > 127 {
		msg += "; domain numbers 128–255 are reserved by IEEE 1588-2008"
	}
	hint := fmt.Sprintf("set %s between %d and %d; the profile's default is %d", attr, s.lo, s.hi, s.def)
	if attr == "announceReceiptTimeout" {
		hint += " (Announce intervals missed before the master is declared lost)"
	}
	c.report(attr, msg, hint)
}

func (c checker) checkDelayReq(v int, s span) {
	const attr = "logMinDelayReqInterval"
	if v >= s.lo && v <= s.hi {
		return
	}
	msg := fmt.Sprintf("%s %d (%s) is outside %s's range %s, here %d..%d (%s to %s) with logSyncInterval %d",
		attr, v, every("Delay_Req", v), c.p.title, c.p.delayReqRange, s.lo, s.hi, period(s.lo), period(s.hi), c.dom.LogSyncInterval)
	hint := fmt.Sprintf("set %s between %d and %d; the profile's default is %d", attr, s.lo, s.hi, s.def)
	if s.def < s.lo || s.def > s.hi {
		hint = fmt.Sprintf("set %s between %d and %d", attr, s.lo, s.hi)
	}
	c.report(attr, msg, hint)
}

// period prints 2^l seconds: "125 ms", "2 s".
func period(l int) string {
	sec := math.Ldexp(1, l)
	if sec >= 1 {
		return fmt.Sprintf("%g s", sec)
	}
	ms := sec * 1000
	if ms == math.Trunc(ms) {
		return fmt.Sprintf("%g ms", ms)
	}
	return fmt.Sprintf("%.1f ms", ms)
}

// every says how often a message is sent at log interval l.
func every(msg string, l int) string {
	if l <= 0 {
		n := int(math.Ldexp(1, -l))
		if n == 1 {
			return fmt.Sprintf("one %s a second", msg)
		}
		return fmt.Sprintf("%d %s a second", n, msg)
	}
	return fmt.Sprintf("one %s every %s", msg, period(l))
}
