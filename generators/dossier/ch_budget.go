package dossier

import (
	"sort"
	"strings"

	"github.com/avnet/avnet/internal/model"
)

// bomLine is one line of the bill of materials.
type bomLine struct {
	label, part, category string
	qty                   int
	unit                  float64
	devices               []string
	source                string
}

func (l bomLine) total() float64 { return float64(l.qty) * l.unit }

// bom is the bill of materials: catalog prices of the devices, then the
// design's budget items, the way AV-BUD-001 counts them.
type bom struct {
	lines    []bomLine
	total    float64
	currency string
	// unpriced are device types the catalog gives no price for.
	unpriced []string
}

func (b *builder) billOfMaterials() *bom {
	f := b.f
	out := &bom{currency: "EUR"}
	if f.Info.Budget != nil && f.Info.Budget.Currency != "" {
		out.currency = f.Info.Budget.Currency
	}
	byType := map[string]*bomLine{}
	for _, dn := range model.SortedKeys(f.Devices) {
		d := f.Devices[dn]
		t := f.DeviceTypes[d.Model]
		l := byType[d.Model]
		if l == nil {
			l = &bomLine{label: d.Model, category: "equipment"}
			if t != nil {
				l.label = b.modelName(d)
				l.part, l.unit, l.source = t.PartNumber, t.Price, t.Source
			}
			byType[d.Model] = l
		}
		l.qty += max(d.Quantity, 1)
		l.devices = append(l.devices, dn)
	}
	for _, m := range model.SortedKeys(byType) {
		l := byType[m]
		if l.unit <= 0 {
			out.unpriced = append(out.unpriced, m)
		}
		out.lines = append(out.lines, *l)
	}
	if bu := f.Info.Budget; bu != nil {
		for _, in := range model.SortedKeys(bu.Items) {
			it := bu.Items[in]
			cat := it.Category
			if cat == "" {
				cat = "other"
			}
			out.lines = append(out.lines, bomLine{label: in, category: cat, qty: max(it.Quantity, 1), unit: it.Price})
		}
	}
	for _, l := range out.lines {
		out.total += l.total()
	}
	return out
}

var categoryOrder = []string{"equipment", "optics", "cabling", "rack", "licence", "service", "other"}

// Chapter 11: bill of materials and budget.
func (b *builder) chBudget() *Chapter {
	c := b.chapter("budget")
	f := b.f
	bom := b.billOfMaterials()
	cur := bom.currency

	s := b.section(c, b.tr("Équipements", "Equipment"))
	s.add(para(b.tr("Prix unitaires du catalogue d'équipements d'avnet (prix publics indicatifs hors taxes, sources citées dans le catalogue) ou des types déclarés par la conception ; quantités tirées de la conception.",
		"Unit prices from avnet's device catalog (indicative list prices excluding tax, sources cited in the catalog) or from the types the design declares; quantities from the design.")))
	t := &Table{Head: []string{b.t("h.model"), b.tr("Référence", "Part number"), b.t("h.qty"), b.t("h.unit"), b.t("h.total"), b.t("h.devices")}, Align: []string{"", "", "num", "num", "num", ""}, Class: "small"}
	var equip float64
	for _, l := range bom.lines {
		if l.category != "equipment" {
			continue
		}
		unit, tot := b.money(l.unit, cur), b.money(l.total(), cur)
		tone := ""
		if l.unit <= 0 {
			unit, tot, tone = b.tr("non chiffré", "not priced"), "—", "warn"
		}
		r := row(cell(l.label), codeCell(l.part), cell(b.int(l.qty)), cell(unit), cell(tot), cellRich(b.devLinks(l.devices)))
		r.Tone = tone
		t.Rows = append(t.Rows, r)
		equip += l.total()
	}
	t.Foot = []Row{{Cells: []Cell{{Text: txt(b.tr("Sous-total équipements", "Equipment subtotal")), Span: 4}, cell(b.money(equip, cur)), cell("")}}}
	s.add(tableBlock(t))
	if len(bom.unpriced) > 0 {
		s.add(note("info", b.tr("Types sans prix dans le catalogue (fournis, déjà en place ou logiciels) : %s.", "Types without a price in the catalog (supplied, already in place or software): %s.", strings.Join(bom.unpriced, ", "))))
	}

	s = b.section(c, b.tr("Autres postes (câblage, licences, services)", "Other items (cabling, licences, services)"))
	t = &Table{Head: []string{b.t("h.item"), b.t("h.category"), b.t("h.qty"), b.t("h.unit"), b.t("h.total")}, Align: []string{"", "", "num", "num", "num"}, Class: "small"}
	var other float64
	for _, l := range bom.lines {
		if l.category == "equipment" {
			continue
		}
		t.Rows = append(t.Rows, row(cell(l.label), cell(b.t("cat."+l.category)), cell(b.int(l.qty)), cell(b.money(l.unit, cur)), cell(b.money(l.total(), cur))))
		other += l.total()
	}
	if len(t.Rows) == 0 {
		s.add(para(b.tr("La conception ne déclare pas d'autres postes de dépense (facility.budget.items).", "The design declares no other expense items (facility.budget.items).")))
	} else {
		t.Foot = []Row{{Cells: []Cell{{Text: txt(b.tr("Sous-total autres postes", "Other items subtotal")), Span: 4}, cell(b.money(other, cur))}}}
		s.add(tableBlock(t))
	}

	s = b.section(c, b.tr("Synthèse budgétaire", "Budget summary"))
	byCat := map[string]float64{}
	for _, l := range bom.lines {
		byCat[l.category] += l.total()
	}
	cats := model.SortedKeys(byCat)
	sort.SliceStable(cats, func(i, j int) bool { return indexOf(categoryOrder, cats[i]) < indexOf(categoryOrder, cats[j]) })
	t = &Table{Head: []string{b.t("h.category"), b.t("h.total"), b.tr("Part", "Share")}, Align: []string{"", "num", "num"}}
	for _, cat := range cats {
		share := 0.0
		if bom.total > 0 {
			share = 100 * byCat[cat] / bom.total
		}
		t.Rows = append(t.Rows, row(cell(b.t("cat."+cat)), cell(b.money(byCat[cat], cur)), cell(b.pct(share))))
	}
	foot := []Row{{Cells: []Cell{cell(b.tr("Total de la nomenclature", "Bill of materials total")), cell(b.money(bom.total, cur)), cell(b.pct(100))}}}
	if bu := f.Info.Budget; bu != nil && bu.Limit > 0 {
		margin := bu.Limit - bom.total
		foot = append(foot, Row{Cells: []Cell{cell(b.tr("Plafond du budget", "Budget limit")), cell(b.money(bu.Limit, cur)), cell("")}})
		mc := cellTone(b.money(margin, cur), "ok")
		label := b.tr("Réserve", "Reserve")
		if margin < 0 {
			mc = cellTone(b.money(-margin, cur), "bad")
			label = b.tr("Dépassement", "Overrun")
		}
		foot = append(foot, Row{Cells: []Cell{cell(label), mc, cell(b.pct(100 * margin / bu.Limit))}})
	}
	t.Foot = foot
	s.add(tableBlock(t))
	if bu := f.Info.Budget; bu == nil {
		s.add(note("warn", b.tr("La conception ne fixe pas de budget (facility.budget) : le total ne peut être comparé à aucun plafond.", "The design sets no budget (facility.budget): the total cannot be compared with any limit.")))
	} else if bom.total <= bu.Limit {
		s.add(note("ok", b.tr("Le total de la nomenclature, %s, respecte le plafond de %s.", "The bill of materials total, %s, is within the %s limit.", b.money(bom.total, cur), b.money(bu.Limit, cur))))
	} else {
		s.add(note("warn", b.tr("Le total de la nomenclature, %s, dépasse le plafond de %s.", "The bill of materials total, %s, exceeds the %s limit.", b.money(bom.total, cur), b.money(bu.Limit, cur))))
	}
	return c
}

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return len(xs)
}
