package dossier_test

import (
	"regexp"
	"testing"

	"github.com/avnet/avnet/generators/dossier"
)

// singularPlural finds a count of 0 or 1 followed by a French plural word
// ("1 adresses"), the agreement error the catalog's plural messages fix.
var singularPlural = regexp.MustCompile(`(?:^|[\s(])[01][\x{00a0}\x{202f} ]+(\pL+[sx])\b`)

// frInvariant are words that end in s or x in the singular too.
var frInvariant = map[string]bool{"flux": true, "accès": true, "sens": true, "fois": true, "distinctes": true, "ms": true}

// prose calls fn with every piece of the document's text that is not code
// (names, commands, files).
func prose(d *dossier.Document, fn func(string)) {
	rich := func(r dossier.Rich) {
		for _, s := range r {
			if !s.Code {
				fn(s.Text)
			}
		}
	}
	for _, c := range d.Chapters {
		for _, s := range c.Sections {
			for _, b := range append(append([]dossier.Block{}, c.Intro...), s.Blocks...) {
				rich(b.Text)
				for _, it := range b.Items {
					rich(it)
				}
				for _, kv := range b.KV {
					rich(kv.Value)
				}
				if b.Table != nil {
					for _, r := range b.Table.Rows {
						for _, c := range r.Cells {
							rich(c.Text)
						}
					}
				}
			}
		}
	}
	for _, kv := range d.Cover {
		rich(kv.Value)
	}
}

// The French dossiers' prose has no count of 0 or 1 followed by a plural
// word.
func TestFrenchAgreement(t *testing.T) {
	for _, design := range []string{"chaine-tv-ip", "lab-minimal"} {
		seen := map[string]bool{}
		prose(build(t, design, env("fr")), func(s string) {
			for _, m := range singularPlural.FindAllStringSubmatchIndex(s, -1) {
				if w := s[m[2]:m[3]]; !frInvariant[w] && !seen[s] {
					seen[s] = true
					t.Errorf("%s: %q after a singular count in %q", design, w, s)
				}
			}
		})
	}
}
