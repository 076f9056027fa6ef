package dossier

import (
	"strings"
	"time"
)

// identity fills the cover's author, session and version from the design:
// never from the clock, so that the same design gives the same dossier.
func (b *builder) identity(doc *Document) {
	info := &b.f.Info
	for _, role := range []string{"candidate", "tutor", "organisation"} {
		var names []string
		for _, a := range info.Authors {
			if a.Role == role {
				names = append(names, a.Name)
			}
		}
		if len(names) == 0 {
			continue
		}
		doc.Authors = append(doc.Authors, kv(b.t("cover."+role), strings.Join(names, ", ")))
		if role == "candidate" {
			doc.AuthorMeta = strings.Join(names, ", ")
		}
	}
	doc.Session = info.Session
	if r := info.LastRevision(); r != nil {
		doc.Revision = r.Version
		doc.Dated = b.date(r.Date)
	}
}

// date writes a design's "YYYY-MM-DD" date in words: "7 décembre 2026",
// "7 December 2026". A date the schema let through but the calendar
// rejects (2026-02-30) is printed as written.
func (b *builder) date(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	if b.lang == "en" {
		return t.Format("2 January 2006")
	}
	months := []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
	day := t.Format("2")
	if t.Day() == 1 {
		day = "1er"
	}
	return day + nbsp + months[t.Month()-1] + nbsp + t.Format("2006")
}

// revisionsSection lists the dossier's versions, the last one first read
// from the cover.
func (b *builder) revisionsSection(c *Chapter) {
	revs := b.f.Info.Revisions
	s := b.section(c, b.tr("Historique des révisions", "Revision history"))
	if len(revs) == 0 {
		s.add(note("warn", b.tr("La conception ne liste aucune révision : ajoutez facility.revisions (version, date, résumé) pour que le jury sache quelle version il lit.",
			"The design lists no revision: add facility.revisions (version, date, summary) so that the jury knows which version it reads.")))
		return
	}
	t := &Table{Head: []string{b.tr("Version", "Version"), b.tr("Date", "Date"), b.tr("Modifications", "Changes")}, Align: []string{"", "num", ""}}
	for _, r := range revs {
		t.Rows = append(t.Rows, row(codeCell(r.Version), cell(b.date(r.Date)), cell(r.Summary)))
	}
	s.add(tableBlock(t))
}
