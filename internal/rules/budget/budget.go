package budget

import (
	_ "embed"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-BUD-001.
var Rule = &rules.Rule{
	ID:       "AV-BUD-001",
	Name:     "budget",
	Doc:      rules.ExtractDoc(doc, "budget"),
	Standard: "the design's budget (facility.budget.limit); bill of materials from avnet's device-type catalog",
	Severity: diag.Error,
	Run:      run,
}

// line is one line of the bill of materials.
type line struct {
	label string
	qty   int
	unit  float64
	pos   diag.Pos
	what  string
}

func (l line) total() float64 { return float64(l.qty) * l.unit }

func run(pass *rules.Pass) error {
	f := pass.Facility
	b := f.Info.Budget
	if b == nil || b.Limit <= 0 {
		return nil
	}
	byType := map[string]*line{}
	for _, dn := range model.SortedKeys(f.Devices) {
		d := f.Devices[dn]
		t := f.DeviceTypes[d.Model]
		if t == nil || t.Price <= 0 {
			continue // AV-REF-001 reports an unknown type
		}
		qty := d.Quantity
		if qty < 1 {
			qty = 1
		}
		l := byType[d.Model]
		if l == nil {
			l = &line{label: d.Model, unit: t.Price, pos: f.PosOf("devices", dn, "model"), what: fmt.Sprintf("first %s device (%s) is declared here", d.Model, dn)}
			byType[d.Model] = l
		}
		l.qty += qty
	}
	var lines []line
	for _, m := range model.SortedKeys(byType) {
		lines = append(lines, *byType[m])
	}
	for _, in := range model.SortedKeys(b.Items) {
		it := b.Items[in]
		qty := it.Quantity
		if qty < 1 {
			qty = 1
		}
		lines = append(lines, line{label: in, qty: qty, unit: it.Price, pos: f.PosOf("facility", "budget", "items", in), what: fmt.Sprintf("budget item %q is declared here", in)})
	}
	total := 0.0
	for _, l := range lines {
		total += l.total()
	}
	if total <= b.Limit+1e-6 {
		return nil
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].total() > lines[j].total() })
	cur := b.Currency
	if cur == "" {
		cur = "EUR"
	}
	var top []string
	var related []diag.Related
	for i, l := range lines {
		if i == 3 {
			break
		}
		top = append(top, fmt.Sprintf("%d × %s at %s = %s (%.0f %%)", l.qty, l.label, money(l.unit, cur), money(l.total(), cur), 100*l.total()/total))
		related = append(related, diag.Related{Pos: l.pos, Message: l.what})
	}
	over := total - b.Limit
	pass.Report(diag.Diagnostic{
		Pos:     f.PosOf("facility", "budget", "limit"),
		Subject: "facility",
		Message: fmt.Sprintf("the bill of materials totals %s, %s (%.1f %%) over the %s limit; the largest lines: %s",
			money(total, cur), money(over, cur), 100*over/b.Limit, money(b.Limit, cur), strings.Join(top, "; ")),
		Related: related,
		Hint:    fmt.Sprintf("save %s on the largest lines (fewer or cheaper %s), or agree a higher budget.limit with the client", money(over, cur), lines[0].label),
	})
	return nil
}

// money prints an amount with thousands separators: "412 500 EUR".
func money(v float64, cur string) string {
	v = math.Round(v)
	neg := v < 0
	s := strconv.FormatFloat(math.Abs(v), 'f', 0, 64)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	out := b.String() + " " + cur
	if neg {
		out = "-" + out
	}
	return out
}
