package lab

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/avnet/avnet/internal/plural"
)

// ResultsSchema identifies the layout of results.json.
const ResultsSchema = "avnet.dev/lab-results/v1"

// Results are the measurements of `avnet lab test`: what the dossier's
// acceptance-test chapter (protocole de recette) includes.
type Results struct {
	Schema string `json:"schema"`
	Lab    string `json:"lab"`
	Design string `json:"design"`
	// DesignDigest identifies the design the lab was built from.
	DesignDigest string `json:"design_digest"`
	// Language is the facility's (results.md is written in it).
	Language string `json:"language"`
	// Settings of the streams: packets per leg at Rate packets/s.
	Count int     `json:"count"`
	Rate  float64 `json:"rate"`
	// Passed is set when every flow and every PTP domain passed.
	Passed bool        `json:"passed"`
	Flows  []*FlowTest `json:"flows"`
	PTP    []*PTPTest  `json:"ptp"`
	// Notes are facts about the run (what was not tested, and why).
	Notes []string `json:"notes,omitempty"`
	// Seconds the test took, by phase.
	Timings map[string]float64 `json:"timings,omitempty"`
}

// FlowTest is one flow: each of its legs.
type FlowTest struct {
	Flow     string     `json:"flow"`
	Essence  string     `json:"essence"`
	Class    string     `json:"class"`
	DSCP     int        `json:"dscp"`
	Passed   bool       `json:"passed"`
	Legs     []*LegTest `json:"legs"`
	Problems []string   `json:"problems,omitempty"`
	// FirstAttempt is what the receivers got when every leg was sent at
	// once, for a flow that lost packets then and was sent again alone.
	FirstAttempt string `json:"first_attempt,omitempty"`
}

// LegTest is one leg of a flow (one plane of an ST 2022-7 flow).
type LegTest struct {
	Plane string `json:"plane,omitempty"`
	VLAN  string `json:"vlan"`
	// Dst is the group (empty for a unicast leg, sent to each receiver).
	Group string `json:"group,omitempty"`
	Port  int    `json:"port"`
	// Source is the SSM source the receivers named (IGMPv3), "" for an
	// any-source join.
	Source      string `json:"source,omitempty"`
	IGMP        int    `json:"igmp,omitempty"`
	PayloadType int    `json:"payload_type"`
	ClockRate   int    `json:"clock_rate"`
	Sender      string `json:"sender"` // design "device:interface"
	Sent        int    `json:"sent"`
	// Receivers are the flow's receivers on this leg.
	Receivers []*Reception `json:"receivers"`
	// Silent are the endpoints of the VLAN that must not see the leg:
	// neither its sender nor its receivers (IGMP snooping).
	Silent   []*Bystander `json:"silent"`
	Passed   bool         `json:"passed"`
	Problems []string     `json:"problems,omitempty"`
}

// Reception is what one receiver got of a leg.
type Reception struct {
	Receiver  string `json:"receiver"`  // device
	Interface string `json:"interface"` // design name of the interface it joined on
	Switch    string `json:"switch,omitempty"`
	Received  int    `json:"received"`
	Lost      int    `json:"lost"`
	Late      int    `json:"late"`
	// DSCP values seen on the received packets, with their counts.
	DSCP map[int]int `json:"dscp,omitempty"`
	// WrongInterface counts packets that arrived on another interface
	// (the other plane of an ST 2022-7 receiver).
	WrongInterface int `json:"wrong_interface"`
	// Expected is why analysis of the design says the leg cannot reach
	// the receiver ("" when it can).
	Expected string `json:"expected_unreachable,omitempty"`
	Passed   bool   `json:"passed"`
	Problem  string `json:"problem,omitempty"`
}

// Bystander is an endpoint that must not receive a leg.
type Bystander struct {
	Device    string `json:"device"`
	Interface string `json:"interface"`
	Switch    string `json:"switch,omitempty"`
	Frames    int    `json:"frames"`
	Passed    bool   `json:"passed"`
}

// PTPTest is one clock tree of a PTP domain.
type PTPTest struct {
	Domain       string `json:"domain"`
	DomainNumber int    `json:"domain_number"`
	// Intended is the grandmaster the design's best master clock
	// comparison elects, with the clock identity it is given.
	Intended         string `json:"intended"`
	IntendedIdentity string `json:"intended_identity"`
	// Elected is the grandmaster identity the clocks follow (and its
	// device when it is one of the design's grandmasters).
	Elected         string   `json:"elected,omitempty"`
	ElectedIdentity string   `json:"elected_identity,omitempty"`
	Clocks          []*Clock `json:"clocks"`
	Passed          bool     `json:"passed"`
	Problem         string   `json:"problem,omitempty"`
	// Seconds until every clock followed the intended grandmaster and
	// every clock that should follow it locked.
	Converged float64 `json:"converged_s,omitempty"`
	// TimeLimit is how long the test waited for that (seconds).
	TimeLimit float64 `json:"time_limit_s,omitempty"`
	// ToleranceNs is the domain's ptp.<domain>.tolerance: the largest
	// offset a locked clock may show.
	ToleranceNs float64 `json:"tolerance_ns,omitempty"`
	// Locked counts the clocks that locked; MaxOffsetNs is the largest
	// of their offsets.
	Locked      int     `json:"locked"`
	MaxOffsetNs float64 `json:"max_offset_ns,omitempty"`
}

// Clock is one ptp4l instance, as pmc reports it.
type Clock struct {
	Device       string `json:"device"`
	Kind         string `json:"kind"` // grandmaster, ordinary, boundary, transparent
	Identity     string `json:"identity,omitempty"`
	PortState    string `json:"port_state,omitempty"`
	GMIdentity   string `json:"gm_identity,omitempty"`
	StepsRemoved int    `json:"steps_removed"`
	// Locked is set when the clock's port reached SLAVE (ptp4l's servo
	// locked to its master), LockedAfter seconds after ptp4l started.
	Locked      bool    `json:"locked"`
	LockedAfter float64 `json:"locked_s,omitempty"`
	// OffsetNs and PathDelayNs are, for a locked clock, the median of
	// the absolute offsets from the master and of the mean path delays
	// pmc reported over Samples readings (MaxOffsetNs the largest
	// offset); for another, the last values pmc reported.
	OffsetNs    float64 `json:"offset_ns"`
	MaxOffsetNs float64 `json:"max_offset_ns,omitempty"`
	PathDelayNs float64 `json:"path_delay_ns"`
	Samples     int     `json:"samples,omitempty"`
	Passed      bool    `json:"passed"`
	Problem     string  `json:"problem,omitempty"`
}

// Failed lists the flows that failed, sorted.
func (r *Results) Failed() []string {
	var out []string
	for _, f := range r.Flows {
		if !f.Passed {
			out = append(out, f.Flow)
		}
	}
	sort.Strings(out)
	return out
}

// WriteJSON writes the results as indented JSON.
func (r *Results) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

func okWord(ok bool) string {
	if ok {
		return "ok"
	}
	return "FAIL"
}

func dscpList(m map[int]int) string {
	var ks []int
	for k := range m {
		ks = append(ks, k)
	}
	sort.Ints(ks)
	var s []string
	for _, k := range ks {
		s = append(s, fmt.Sprint(k))
	}
	if len(s) == 0 {
		return "-"
	}
	return strings.Join(s, ",")
}

// WriteTable writes the results as tables for a terminal.
func (r *Results) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FLOW\tPLANE\tGROUP:PORT\tIGMP\tSENDER\tRECEIVER\tRECEIVED\tDSCP\tSILENT\tRESULT")
	for _, f := range r.Flows {
		for _, l := range f.Legs {
			dst := l.Group
			if dst == "" {
				dst = "unicast"
			}
			igmp := "-"
			if l.IGMP != 0 {
				igmp = fmt.Sprintf("v%d", l.IGMP)
				if l.Source != "" {
					igmp += " SSM"
				}
			}
			silent := 0
			for _, b := range l.Silent {
				if b.Passed {
					silent++
				}
			}
			silentS := fmt.Sprintf("%d/%d", silent, len(l.Silent))
			if len(l.Receivers) == 0 {
				fmt.Fprintf(tw, "%s\t%s\t%s:%d\t%s\t%s\t-\t-\t-\t%s\t%s\n", f.Flow, dash(l.Plane), dst, l.Port, igmp, l.Sender, silentS, okWord(l.Passed))
			}
			for i, rc := range l.Receivers {
				name, plane, d, snd, sil := f.Flow, dash(l.Plane), fmt.Sprintf("%s:%d", dst, l.Port), l.Sender, silentS
				if i > 0 {
					name, plane, d, igmp, snd, sil = "", "", "", "", "", ""
				}
				res := okWord(rc.Passed)
				if rc.Problem != "" {
					res += ": " + rc.Problem
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s:%s\t%d/%d\t%s\t%s\t%s\n", name, plane, d, igmp, snd,
					rc.Receiver, rc.Interface, rc.Received, l.Sent, dscpList(rc.DSCP), sil, res)
				if i == 0 {
					igmp = ""
				}
			}
			for _, b := range l.Silent {
				if !b.Passed {
					fmt.Fprintf(tw, "\t\t\t\t\t%s:%s (not a receiver)\t%d frames\t\t\tFAIL: snooping let it through\n", b.Device, b.Interface, b.Frames)
				}
			}
			for _, p := range l.Problems {
				fmt.Fprintf(tw, "\t\t\t\t\t\t\t\t\tFAIL: %s\n", p)
			}
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(r.PTP) > 0 {
		fmt.Fprintln(w)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "PTP DOMAIN\tCLOCK\tKIND\tSTATE\tGRANDMASTER\tSTEPS\tOFFSET\tMAX OFFSET\tPATH DELAY\tRESULT")
		for _, p := range r.PTP {
			for i, c := range p.Clocks {
				dom := ""
				if i == 0 {
					dom = fmt.Sprintf("%s (%d)", p.Domain, p.DomainNumber)
				}
				gm := c.GMIdentity
				if gm == p.IntendedIdentity {
					gm = p.Intended
				}
				res := okWord(c.Passed)
				if c.Problem != "" {
					res += ": " + c.Problem
				}
				off, maxOff, pd := "-", "-", "-"
				if c.Locked {
					off, maxOff, pd = FormatNs(c.OffsetNs), FormatNs(c.MaxOffsetNs), FormatNs(c.PathDelayNs)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\n", dom, c.Device, c.Kind, dash(c.PortState), dash(gm), c.StepsRemoved, off, maxOff, pd, res)
			}
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		for _, p := range r.PTP {
			verdict := fmt.Sprintf("PTP %s: intended grandmaster %s (%s)", p.Domain, p.Intended, p.IntendedIdentity)
			if p.Passed {
				verdict += fmt.Sprintf(": elected; %s locked to it %.1f s after ptp4l started, largest offset %s (tolerance %s)",
					plural.Count(p.Locked, "clock", "clocks"), p.Converged, FormatNs(p.MaxOffsetNs), FormatNs(p.ToleranceNs))
			} else {
				verdict += ": FAIL: " + p.Problem
			}
			fmt.Fprintln(w, verdict)
		}
	}
	fmt.Fprintln(w)
	for _, n := range r.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	nf := len(r.Failed())
	if r.Passed {
		fmt.Fprintf(w, "PASS: %s delivered to every receiver and to no one else, DSCP as classed; %s %s its intended grandmaster, every clock locked within its tolerance\n",
			plural.Count(len(r.Flows), "flow", "flows"), plural.Count(len(r.PTP), "PTP domain tree", "PTP domain trees"), plural.Of(len(r.PTP), "elects", "elect"))
	} else {
		fmt.Fprintf(w, "FAIL: %d of %s failed", nf, plural.Count(len(r.Flows), "flow", "flows"))
		if nf > 0 {
			fmt.Fprintf(w, " (%s)", strings.Join(r.Failed(), ", "))
		}
		bad := 0
		for _, p := range r.PTP {
			if !p.Passed {
				bad++
			}
		}
		fmt.Fprintf(w, "; %d of %s failed\n", bad, plural.Count(len(r.PTP), "PTP tree", "PTP trees"))
	}
	return nil
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// WriteMarkdown writes the results for the dossier's acceptance-test
// chapter, in the facility's language ("fr" or "en").
func (r *Results) WriteMarkdown(w io.Writer, lang string) error {
	fr := lang != "en"
	t := func(f, e string) string {
		if fr {
			return f
		}
		return e
	}
	fmt.Fprintf(w, "# %s\n\n", t("Recette sur maquette fonctionnelle", "Acceptance tests on the lab mock-up"))
	fmt.Fprintf(w, "%s `%s` (%s `%.12s`). %s\n\n",
		t("Maquette", "Lab"), r.Lab, t("conception", "design"), r.DesignDigest,
		t(fmt.Sprintf("Chaque jambe de flux est émise en RTP (%d paquets à %.0f paquets/s) avec son groupe, son port et son DSCP réels ; les récepteurs s'abonnent avec la version IGMP de leur VLAN.", r.Count, r.Rate),
			fmt.Sprintf("Every flow leg is sent as RTP (%d packets at %.0f packets/s) with its real group, port and DSCP; receivers join with their VLAN's IGMP version.", r.Count, r.Rate)))
	verdict := t("CONFORME", "PASSED")
	if !r.Passed {
		verdict = t("NON CONFORME", "FAILED")
	}
	fmt.Fprintf(w, "**%s**\n\n", t("Résultat : "+verdict, "Result: "+verdict))
	fmt.Fprintf(w, "## %s\n\n", t("Flux", "Flows"))
	fmt.Fprintf(w, "| %s | %s | %s | %s | %s | DSCP | %s | %s |\n|---|---|---|---|---|---|---|---|\n",
		t("Flux", "Flow"), t("Plan", "Plane"), t("Groupe", "Group"), "IGMP", t("Récepteur", "Receiver"), t("Non abonnés muets", "Non-receivers silent"), t("Résultat", "Result"))
	for _, f := range r.Flows {
		for _, l := range f.Legs {
			igmp := "-"
			if l.IGMP != 0 {
				igmp = fmt.Sprintf("v%d", l.IGMP)
				if l.Source != "" {
					igmp += " SSM " + l.Source
				}
			}
			silent := 0
			for _, b := range l.Silent {
				if b.Passed {
					silent++
				}
			}
			for _, rc := range l.Receivers {
				res := okWord(rc.Passed)
				if rc.Problem != "" {
					res += " : " + rc.Problem
				}
				fmt.Fprintf(w, "| %s | %s | %s:%d | %s | %s (%d/%d) | %s | %d/%d | %s |\n", f.Flow, dash(l.Plane), dash(l.Group), l.Port, igmp,
					rc.Receiver, rc.Received, l.Sent, dscpList(rc.DSCP), silent, len(l.Silent), res)
			}
		}
	}
	if len(r.PTP) > 0 {
		fmt.Fprintf(w, "\n## PTP\n\n| %s | %s | %s | %s | %s |\n|---|---|---|---|---|\n",
			t("Domaine", "Domain"), t("Grand maître prévu", "Intended grandmaster"), t("Grand maître élu", "Elected grandmaster"),
			t("Horloges", "Clocks"), t("Résultat", "Result"))
		for _, p := range r.PTP {
			n := 0
			for _, c := range p.Clocks {
				if c.Passed {
					n++
				}
			}
			res := okWord(p.Passed)
			if p.Problem != "" {
				res += " : " + p.Problem
			}
			fmt.Fprintf(w, "| %s (%d) | %s `%s` | %s `%s` | %d/%d | %s |\n", p.Domain, p.DomainNumber, p.Intended, p.IntendedIdentity,
				dash(p.Elected), dash(p.ElectedIdentity), n, len(p.Clocks), res)
		}
		fmt.Fprintf(w, "\n| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---|---|---|---|---|\n",
			t("Horloge", "Clock"), t("Type", "Kind"), t("État", "State"), t("Pas", "Steps"), t("Verrouillée", "Locked"),
			t("Décalage (médiane)", "Offset (median)"), t("Décalage max.", "Max. offset"), t("Délai de chemin", "Path delay"), t("Résultat", "Result"))
		for _, p := range r.PTP {
			for _, c := range p.Clocks {
				locked, off, maxOff, pd := "-", "-", "-", "-"
				if c.Locked {
					locked = fmt.Sprintf(t("%.1f s", "%.1f s"), c.LockedAfter)
					off, maxOff, pd = FormatNs(c.OffsetNs), FormatNs(c.MaxOffsetNs), FormatNs(c.PathDelayNs)
				}
				res := okWord(c.Passed)
				if c.Problem != "" {
					res += " : " + c.Problem
				}
				fmt.Fprintf(w, "| %s | %s | %s | %d | %s | %s | %s | %s | %s |\n", c.Device, c.Kind, dash(c.PortState), c.StepsRemoved, locked, off, maxOff, pd, res)
			}
		}
		for _, p := range r.PTP {
			fmt.Fprintf(w, "\n%s\n", t(
				fmt.Sprintf("Domaine %s : chaque horloge qui doit suivre le grand maître doit se verrouiller (état SLAVE, asservissement de ptp4l verrouillé) en moins de %.0f s, avec un décalage médian d'au plus %s (tolérance `ptp.%s.tolerance`).", p.Domain, p.TimeLimit, FormatNs(p.ToleranceNs), p.Domain),
				fmt.Sprintf("Domain %s: every clock that must follow the grandmaster must lock (SLAVE state, ptp4l's servo locked) within %.0f s, with a median offset of at most %s (tolerance `ptp.%s.tolerance`).", p.Domain, p.TimeLimit, FormatNs(p.ToleranceNs), p.Domain)))
		}
		fmt.Fprintf(w, "\n%s\n", t(fmt.Sprintf("Horodatage logiciel (-S) ; le décalage est la médiane de %d lectures par pmc une fois l'arbre verrouillé. Tous les namespaces partagent l'horloge système : l'asservissement de ptp4l tourne, mais ses corrections sont neutralisées (filtre seccomp), si bien que la maquette ne dérègle jamais l'heure de la machine et que le décalage mesure le bruit de l'horodatage logiciel à travers les commutateurs.", offsetSamples),
			fmt.Sprintf("Software time stamping (-S); the offset is the median of %d pmc readings once the tree locked. Every namespace shares the system clock: ptp4l's servo runs, but its corrections are neutralised (a seccomp filter), so the lab never disturbs the machine's time and the offset measures the noise of software time stamping through the switches.", offsetSamples)))
	}
	if len(r.Notes) > 0 {
		fmt.Fprintf(w, "\n## Notes\n\n")
		for _, n := range r.Notes {
			fmt.Fprintf(w, "- %s\n", n)
		}
	}
	return nil
}

// Save writes results.json and results.md into dir.
func (r *Results) Save(dir, lang string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"results.json", r.WriteJSON},
		{"results.md", func(w io.Writer) error { return r.WriteMarkdown(w, lang) }},
	} {
		p := filepath.Join(dir, f.name)
		tmp, err := os.CreateTemp(dir, "."+f.name)
		if err != nil {
			return err
		}
		if err := f.write(tmp); err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			return err
		}
		if err := tmp.Close(); err != nil {
			return err
		}
		if err := os.Chmod(tmp.Name(), 0o644); err != nil {
			return err
		}
		if err := os.Rename(tmp.Name(), p); err != nil {
			return err
		}
	}
	return nil
}
