package dossier

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/avnet/avnet/internal/diag"
)

// criteriaJSON quotes the referential's blocs 3 and 4 (activities,
// competencies, evaluation criteria). The referential itself is not part of
// the repository; TestCriteriaQuoteTheReferential checks every quote
// against it where it is present.
//
//go:embed referentiel/criteria.json
var criteriaJSON []byte

// Referential is the part of the referential the evaluation grid quotes.
type Referential struct {
	Source     string      `json:"source"`
	Activities []*Activity `json:"activities"`
}

// Activity is an activity of a bloc with its competencies and the
// criteria the jury grades it by.
type Activity struct {
	ID           string       `json:"id"`
	Bloc         int          `json:"bloc"`
	Text         string       `json:"text"`
	Competencies []*Criterion `json:"competencies"`
	Criteria     []*Criterion `json:"criteria"`
}

// Criterion is a competency or an evaluation criterion, quoted.
type Criterion struct {
	ID string `json:"id"`
	// Label is the referential's number when two share one (the
	// referential numbers two competencies C4.3).
	Label string `json:"label,omitempty"`
	Text  string `json:"text"`
}

// Name is the criterion's number as the referential prints it.
func (c *Criterion) Name() string {
	if c.Label != "" {
		return c.Label
	}
	// Criteria have no number in the referential: "A3.1-2" is the second
	// criterion of activity A3.1.
	if a, n, ok := strings.Cut(c.ID, "-"); ok {
		return a + " · " + n
	}
	return c.ID
}

// LoadReferential parses the embedded quotes.
func LoadReferential() (*Referential, error) {
	var r Referential
	if err := json.Unmarshal(criteriaJSON, &r); err != nil {
		return nil, fmt.Errorf("dossier: referential quotes: %w", err)
	}
	return &r, nil
}

// Grid statuses.
const (
	Covered       = "covered"
	Partly        = "partial"
	NotApplicable = "n/a"
)

// ref points at the evidence: a chapter by key, a section whose title
// holds a word, or a figure by name.
type ref struct{ chapter, section, figure string }

// verdict is the grid's assessment of one criterion.
type verdict struct {
	status string
	refs   []ref
	// why says what is missing (partly covered) or why the criterion is
	// not for a written dossier (not applicable).
	why string
}

// gridFacts are what the evaluators read, computed once.
type gridFacts struct {
	roles       map[string]int
	errors      int
	rationale   int
	software    int
	access      int
	users       int
	shares      int
	audioFlows  int
	iptvFlows   int
	labRun      bool
	labPassed   bool
	needs       int
	budgetLimit bool
	overBudget  bool
	diagrams    bool
}

func (b *builder) gridFacts() *gridFacts {
	g := &gridFacts{roles: map[string]int{}}
	f := b.f
	for _, d := range f.Devices {
		g.roles[d.Role]++
		if w := d.Workstation; w != nil {
			g.software += len(w.Software)
			g.access += len(w.Accessibility)
		}
		if d.Rationale != "" {
			g.rationale++
		}
	}
	g.rationale += len(f.Info.Rationale)
	for _, d := range b.diags {
		if d.Waived == "" && d.Severity >= diag.Error {
			g.errors++
		}
	}
	g.users, g.shares = len(f.Users), len(f.Shares)
	for _, fl := range f.Flows {
		switch fl.Essence {
		case "st2110-30", "st2110-31", "aes67", "dante":
			g.audioFlows++
		case "mpeg-ts", "srt":
			g.iptvFlows++
		}
	}
	g.labRun = b.lab != nil && !b.labStale
	g.labPassed = g.labRun && b.lab.Passed
	if c := f.Info.Context; c != nil {
		g.needs = len(c.Needs)
	}
	if bu := f.Info.Budget; bu != nil && bu.Limit > 0 {
		g.budgetLimit = true
		g.overBudget = b.billOfMaterials().total > bu.Limit
	}
	g.diagrams = b.diagramNote == "" && len(b.diagrams) > 0
	return g
}

// evaluate assesses one criterion of the referential against the design.
func (b *builder) evaluate(id string, g *gridFacts) verdict {
	has := func(roles ...string) bool {
		for _, r := range roles {
			if g.roles[r] > 0 {
				return true
			}
		}
		return false
	}
	lab := func(v verdict) verdict {
		switch {
		case g.labPassed:
			v.refs = append(v.refs, ref{chapter: "acceptance", section: b.pick("maquette", "lab")})
		case g.labRun:
			v.status, v.why = Partly, b.tr("maquette : la recette sur maquette n'est pas conforme (voir le chapitre de recette) ; corrigez la conception puis relancez `avnet lab test`", "lab: the lab acceptance test failed (see the acceptance chapter); fix the design and run `avnet lab test` again")
		default:
			v.status, v.why = Partly, b.tr("maquette : pas encore de résultats de maquette ; lancez `avnet lab test`", "lab: no lab results yet; run `avnet lab test`")
		}
		return v
	}
	practical := func(what string) verdict {
		return verdict{status: NotApplicable, why: what}
	}
	missing := func(v verdict, parts ...string) verdict {
		var m []string
		for i := 0; i+1 < len(parts); i += 2 {
			if parts[i+1] == "" {
				m = append(m, parts[i])
			}
		}
		if len(m) > 0 {
			v.status = Partly
			v.why = b.tr("manque : ", "missing: ") + strings.Join(m, ", ")
		}
		return v
	}
	ok := func(refs ...ref) verdict { return verdict{status: Covered, refs: refs} }
	yes := func(c bool) string {
		if c {
			return "x"
		}
		return ""
	}
	switch id {
	case "A3.1":
		return ok(ref{chapter: "synoptic"}, ref{chapter: "network"})
	case "C3.1":
		return missing(ok(ref{chapter: "context"}, ref{chapter: "synoptic", figure: "synoptic"}, ref{chapter: "network", figure: "physical"}),
			b.tr("acquisition (caméras, micros)", "acquisition (cameras, microphones)"), yes(has("camera", "microphone", "stagebox", "codec")),
			b.tr("production (mélangeur, console)", "production (switcher, console)"), yes(has("production-switcher", "audio-console", "graphics")),
			b.tr("édition (montage)", "editing"), yes(has("edit-workstation", "daw")),
			b.tr("diffusion (playout, IPTV, streaming)", "distribution (playout, IPTV, streaming)"), yes(has("playout", "iptv-headend", "streaming-encoder", "radio-automation")))
	case "C3.2":
		return missing(ok(ref{chapter: "operations", section: b.pick("stockage", "storage")}, ref{chapter: "operations", section: b.pick("droits", "rights")}),
			b.tr("serveur de médias (stockage, MAM, playout)", "media server (storage, MAM, playout)"), yes(has("storage", "mam", "playout", "ingest", "server")),
			b.tr("partages (shares)", "shares"), yes(g.shares > 0))
	case "C3.3":
		return missing(ok(ref{chapter: "operations", section: b.pick("sécurité", "security")}, ref{chapter: "stations"}),
			b.tr("comptes (users, groups)", "accounts (users, groups)"), yes(g.users > 0),
			b.tr("droits d'accès aux partages", "access rights to shares"), yes(g.shares > 0))
	case "C3.4":
		return lab(ok(ref{chapter: "network"}, ref{chapter: "addressing"}, ref{chapter: "multicast"}, ref{chapter: "qosptp"}, ref{chapter: "annexes", section: b.pick("commutateurs", "switch")}))
	case "A3.1-1", "A3.6-2":
		v := ok(ref{chapter: "choices"})
		if g.rationale == 0 {
			v.status, v.why = Partly, b.tr("la conception ne donne aucune justification (champs rationale) : les choix sont déduits de l'analyse seule", "the design gives no rationale fields: the choices come from the analysis alone")
		}
		return v
	case "A3.1-2":
		v := ok(ref{chapter: "choices"}, ref{chapter: "bandwidth"})
		if g.errors > 0 {
			v.status, v.why = Partly, b.tr(fmt.Sprintf("avnet vet signale %d erreur(s) non levée(s)", g.errors), fmt.Sprintf("avnet vet reports %d unwaived error(s)", g.errors))
		}
		return v
	case "A3.2", "C3.5", "C3.6", "A3.2-1", "A3.2-2":
		return practical(b.tr("évalué en mise en situation (programmer un moteur de transcodage) ; le dossier donne seulement les formats des flux (chapitre du bilan de bande passante)",
			"assessed in a practical exercise (programming a transcoding engine); the dossier only gives the flows' formats (bandwidth chapter)"))
	case "C3.7":
		if has("iptv-headend", "streaming-encoder") {
			return verdict{status: Partly, refs: []ref{{chapter: "bandwidth"}, {chapter: "notices"}},
				why: b.tr("le dossier montre les encodeurs et les formats de diffusion ; la conversion elle-même est évaluée en mise en situation", "the dossier shows the encoders and distribution formats; the conversion itself is assessed in a practical exercise")}
		}
		return practical(b.tr("la conception n'a ni tête de réseau ni encodeur : rien à convertir", "the design has no headend nor encoder: nothing to convert"))
	case "A3.3", "A3.3-1", "C3.8":
		if g.audioFlows == 0 {
			return practical(b.tr("la conception ne transporte pas d'audio sur IP", "the design carries no audio over IP"))
		}
		return lab(ok(ref{chapter: "multicast"}, ref{chapter: "bandwidth"}, ref{chapter: "choices"}))
	case "A3.3-2":
		if g.audioFlows == 0 {
			return practical(b.tr("la conception ne transporte pas d'audio sur IP", "the design carries no audio over IP"))
		}
		return lab(ok(ref{chapter: "qosptp", section: "QoS"}))
	case "C3.9":
		if !has("wifi-ap", "codec", "router") {
			return practical(b.tr("la conception n'a ni borne Wi-Fi ni liaison distante", "the design has no Wi-Fi access point nor remote link"))
		}
		return ok(ref{chapter: "network"}, ref{chapter: "notices"})
	case "A3.4", "C3.10", "A3.4-1":
		if !has("edit-workstation", "daw") {
			return practical(b.tr("la conception n'a pas de station de montage", "the design has no edit workstation"))
		}
		v := ok(ref{chapter: "stations"}, ref{chapter: "notices"})
		if g.software == 0 {
			v.status, v.why = Partly, b.tr("manque : les logiciels des stations (workstation.software)", "missing: the stations' software (workstation.software)")
		}
		return v
	case "C3.11", "A3.4-2":
		if !has("edit-workstation", "daw") {
			return practical(b.tr("la conception n'a pas de station de montage", "the design has no edit workstation"))
		}
		return verdict{status: Partly, refs: []ref{{chapter: "acceptance", section: b.pick("postes", "workstations")}},
			why: b.tr("le protocole de recette liste les essais des logiciels ; leur utilisation est évaluée en mise en situation", "the acceptance procedure lists the software checks; their use is assessed in a practical exercise")}
	case "A3.4-3":
		return ok(ref{chapter: "choices"}, ref{chapter: "stations"})
	case "A3.5":
		return ok(ref{chapter: "multicast"}, ref{chapter: "bandwidth"})
	case "C3.12":
		if !has("radio-automation") {
			return practical(b.tr("la conception n'a pas d'automate de diffusion radio", "the design has no radio automation"))
		}
		return verdict{status: Partly, refs: []ref{{chapter: "notices"}},
			why: b.tr("le dossier place l'automate dans le réseau ; son utilisation (playlist NETIA) est évaluée en mise en situation", "the dossier places the automation in the network; its use (a NETIA playlist) is assessed in a practical exercise")}
	case "C3.13":
		return missing(ok(ref{chapter: "multicast"}, ref{chapter: "annexes", section: "IPTV"}),
			b.tr("tête de réseau IPTV", "IPTV headend"), yes(has("iptv-headend")),
			b.tr("décodeurs (set-top box)", "set-top boxes"), yes(has("set-top-box")),
			b.tr("flux MPEG-TS", "MPEG-TS flows"), yes(g.iptvFlows > 0))
	case "C3.14":
		return missing(ok(ref{chapter: "operations", section: b.pick("stockage", "storage")}, ref{chapter: "notices"}),
			b.tr("base de médias (MAM)", "media database (MAM)"), yes(has("mam")),
			b.tr("diffusion web (encodeur de streaming)", "web distribution (streaming encoder)"), yes(has("streaming-encoder")))
	case "A3.5-1", "A3.5-2":
		if g.iptvFlows == 0 && !has("streaming-encoder") {
			return practical(b.tr("la conception ne diffuse ni en IPTV ni sur le web", "the design distributes neither over IPTV nor on the web"))
		}
		return lab(ok(ref{chapter: "acceptance"}))
	case "A3.6", "C3.15":
		v := ok(ref{chapter: "choices"}, ref{chapter: "budget"})
		switch {
		case !g.budgetLimit:
			v.status, v.why = Partly, b.tr("manque : le plafond du budget (facility.budget.limit)", "missing: the budget limit (facility.budget.limit)")
		case g.overBudget:
			v.status, v.why = Partly, b.tr("la nomenclature dépasse le plafond du budget", "the bill of materials exceeds the budget limit")
		}
		return v
	case "A3.6-1":
		return missing(ok(ref{chapter: "context"}, ref{chapter: "synoptic"}),
			b.tr("les besoins du client (facility.context.needs)", "the client's needs (facility.context.needs)"), yes(g.needs > 0))
	case "A3.6-3":
		return lab(ok(ref{chapter: "acceptance"}))
	case "A3.6-4":
		return ok(ref{chapter: "notices"})
	case "A3.6-5":
		v := ok(ref{chapter: "context"}, ref{chapter: "acceptance"}, ref{chapter: "annexes"})
		if g.errors > 0 {
			v.status, v.why = Partly, b.tr(fmt.Sprintf("avnet vet signale %d erreur(s) non levée(s)", g.errors), fmt.Sprintf("avnet vet reports %d unwaived error(s)", g.errors))
		}
		return v
	case "A4.1", "C4.1", "A4.1-1":
		return missing(ok(ref{chapter: "context"}),
			b.tr("les besoins du client (facility.context.needs)", "the client's needs (facility.context.needs)"), yes(g.needs > 0))
	case "C4.2", "A4.1-2":
		return ok(ref{chapter: "choices"}, ref{chapter: "annexes", section: b.pick("normes", "standards")})
	case "A4.1-3":
		return ok(ref{chapter: "context"}, ref{chapter: "notices"})
	case "A4.2", "C4.3", "A4.2-1":
		return lab(ok(ref{chapter: "acceptance"}))
	case "A4.2-2":
		return ok(ref{chapter: "acceptance"})
	case "A4.3", "C4.3b", "A4.3-2":
		v := ok(ref{chapter: "synoptic", figure: "synoptic"}, ref{chapter: "network", figure: "physical"}, ref{chapter: "network", figure: "logical"}, ref{chapter: "bandwidth", figure: "loadmap"}, ref{chapter: "qosptp", figure: "ptp"})
		if !g.diagrams {
			v.status, v.why = Partly, b.tr("les schémas n'ont pas pu être dessinés : ", "the diagrams could not be drawn: ")+b.diagramNote
		}
		return v
	case "C4.4":
		return ok(ref{chapter: "glossary"})
	case "A4.3-1":
		return verdict{status: Partly, refs: []ref{{chapter: "stations"}, {chapter: "glossary"}},
			why: b.tr("le dossier décrit les postes avec le glossaire ; l'explication orale est évaluée en démonstration", "the dossier describes the workstations with the glossary; the oral explanation is assessed in a demonstration")}
	case "A4.4", "C4.5", "A4.4-1", "A4.4-2":
		if g.access == 0 {
			return verdict{status: Partly, refs: []ref{{chapter: "stations"}},
				why: b.tr("manque : aucun poste n'a d'adaptation (workstation.accessibility)", "missing: no workstation has an adaptation (workstation.accessibility)")}
		}
		return ok(ref{chapter: "stations"}, ref{chapter: "acceptance", section: b.pick("postes", "workstations")})
	}
	return verdict{status: NotApplicable, why: "?"}
}

// chGrid is the evaluation grid: every activity, competency and criterion
// of blocs 3 and 4, quoted, with where this dossier evidences it and a
// status computed from the design and its lab results.
func (b *builder) chGrid(chapters map[string]*Chapter) *Chapter {
	c := b.chapter("grid")
	ref, err := LoadReferential()
	if err != nil {
		c.Intro = append(c.Intro, note("warn", err.Error()))
		return c
	}
	c.Intro = append(c.Intro, para(b.tr("Pour chaque activité, compétence et critère d'évaluation des blocs 3 et 4 du référentiel, cité mot pour mot, les chapitres, sections et figures de ce dossier qui en apportent la preuve, et un statut calculé depuis la conception et les résultats de sa maquette : couvert, partiellement couvert (avec ce qui manque) ou non applicable à un dossier écrit (avec la raison).",
		"For every activity, competency and evaluation criterion of blocs 3 and 4 of the referential, quoted word for word (in French, as the referential is), the chapters, sections and figures of this dossier that evidence it, and a status computed from the design and its lab results: covered, partly covered (with what is missing) or not applicable to a written dossier (with why).")))
	g := b.gridFacts()
	count := map[string]int{}
	for _, bloc := range []int{3, 4} {
		s := b.section(c, b.tr(fmt.Sprintf("Bloc %d", bloc), fmt.Sprintf("Bloc %d", bloc)))
		t := &Table{Head: []string{b.tr("Réf.", "Ref."), b.tr("Texte du référentiel", "Referential text"), b.tr("Preuves dans ce dossier", "Evidence in this dossier"), b.tr("Statut", "Status")}, Class: "small grid"}
		for _, a := range ref.Activities {
			if a.Bloc != bloc {
				continue
			}
			rows := []*Criterion{{ID: a.ID, Text: a.Text}}
			rows = append(rows, a.Competencies...)
			rows = append(rows, a.Criteria...)
			for i, cr := range rows {
				v := b.evaluate(cr.ID, g)
				count[v.status]++
				r := row(cellRich(Rich{{Text: cr.Name(), Strong: i == 0}}), cell("« "+cr.Text+" »"), cellRich(b.evidence(v.refs, chapters)), b.statusCell(v))
				r.ID = b.ids.of("grid", cr.ID)
				if i == 0 {
					r.Tone = "muted"
				}
				t.Rows = append(t.Rows, r)
			}
		}
		s.add(tableBlock(t))
	}
	c.Intro = append(c.Intro, para(b.tr(fmt.Sprintf("Bilan : %d couverts, %d partiellement couverts, %d non applicables.", count[Covered], count[Partly], count[NotApplicable]),
		fmt.Sprintf("Summary: %d covered, %d partly covered, %d not applicable.", count[Covered], count[Partly], count[NotApplicable]))))
	return c
}

func (b *builder) statusCell(v verdict) Cell {
	label, tone := map[string][2]string{
		Covered:       {b.tr("couvert", "covered"), "ok"},
		Partly:        {b.tr("partiellement couvert", "partly covered"), "warn"},
		NotApplicable: {b.tr("non applicable", "not applicable"), ""},
	}[v.status][0], map[string]string{Covered: "ok", Partly: "warn"}[v.status]
	r := Rich{{Text: label, Strong: true}}
	if v.why != "" {
		r = append(r, Span{Text: " — " + v.why})
	}
	return Cell{Text: r, Tone: tone}
}

// evidence links the chapters, sections and figures a verdict cites.
func (b *builder) evidence(refs []ref, chapters map[string]*Chapter) Rich {
	type link struct {
		order int
		r     Rich
	}
	var links []link
	seen := map[string]bool{}
	for _, r := range refs {
		c := chapters[r.chapter]
		if c == nil {
			continue
		}
		label, href := fmt.Sprintf("%s %d", b.tr("chap.", "ch."), c.Num), "#"+c.ID
		order := c.Num * 1000
		if r.section != "" {
			for i, s := range c.Sections {
				if strings.Contains(strings.ToLower(s.Title), strings.ToLower(r.section)) {
					label, href = "§ "+s.Num, "#"+s.ID
					order += i + 1
					break
				}
			}
		}
		if r.figure != "" {
			if n, ok := b.figureNums[r.figure]; ok {
				label, href = fmt.Sprintf("%s %d", b.t("figure"), n), "#fig-"+r.figure
				order = c.Num*1000 + 500 + n
			}
		}
		if seen[label] {
			continue
		}
		seen[label] = true
		links = append(links, link{order, Rich{{Text: label, Href: href}}})
	}
	sort.SliceStable(links, func(i, j int) bool { return links[i].order < links[j].order })
	var out []Rich
	for _, l := range links {
		out = append(out, l.r)
	}
	return join(out, ", ")
}
