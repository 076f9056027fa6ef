package glossary

import (
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Every term has both names and both definitions, and a unique ID.
func TestTermsComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, term := range All() {
		if seen[term.ID] {
			t.Errorf("duplicate ID %q", term.ID)
		}
		seen[term.ID] = true
		for what, s := range map[string]string{"FR": term.FR, "EN": term.EN, "DefFR": term.DefFR, "DefEN": term.DefEN} {
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s: empty %s", term.ID, what)
			}
		}
		for what, s := range map[string]string{"DefFR": term.DefFR, "DefEN": term.DefEN} {
			if !strings.HasSuffix(s, ".") {
				t.Errorf("%s: %s does not end with a full stop: %q", term.ID, what, s)
			}
		}
		// A term must be findable: its own name, in one language or the
		// other, reveals a use.
		if len(Used(term.FR+"\n"+term.EN, "fr")) == 0 {
			t.Errorf("%s: neither %q nor %q is detected", term.ID, term.FR, term.EN)
		}
	}
	if len(seen) < 60 {
		t.Errorf("only %d terms", len(seen))
	}
}

func ids(ts []Term) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.ID)
	}
	return out
}

func TestUsed(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"Le grand maître élu suit le GNSS.", []string{"bmca", "gnss", "ptp-grandmaster"}},
		{"The boundary clock of the spine", []string{"leaf-spine", "ptp-boundary"}},
		// Word boundaries: no term inside a longer word.
		{"spinelle leafy quadsfp", nil},
		// Acronyms that are ordinary words match only in capitals.
		{"le sdp du fichier", nil},
		{"le fichier SDP", []string{"sdp"}},
		{"IGMP snooping et querier sur le VLAN", []string{"igmp", "igmp-querier", "igmp-snooping", "vlan"}},
		{"RGPD : données personnelles", []string{"gdpr"}},
	}
	for _, c := range cases {
		got := ids(Used(c.text, "en"))
		want := append([]string(nil), c.want...)
		gotSorted := append([]string(nil), got...)
		sort.Strings(gotSorted)
		sort.Strings(want)
		if diff := cmp.Diff(want, gotSorted); diff != "" {
			t.Errorf("Used(%q) (-want +got):\n%s", c.text, diff)
		}
	}
}

// Terms sort by their name in the reader's language, accents folded.
func TestSort(t *testing.T) {
	ts := []Term{{ID: "a", FR: "Fibre", EN: "Zed"}, {ID: "b", FR: "Écran", EN: "Alpha"}, {ID: "c", FR: "dossier", EN: "Mid"}}
	Sort(ts, "fr")
	if diff := cmp.Diff([]string{"c", "b", "a"}, ids(ts)); diff != "" {
		t.Errorf("French order (-want +got):\n%s", diff)
	}
	Sort(ts, "en")
	if diff := cmp.Diff([]string{"b", "c", "a"}, ids(ts)); diff != "" {
		t.Errorf("English order (-want +got):\n%s", diff)
	}
}

func TestLookup(t *testing.T) {
	term, ok := Lookup("ptp-boundary")
	if !ok || term.Name("fr") != "Horloge frontière" || term.Name("en") != "Boundary clock" || term.Other("fr") != "Boundary clock" {
		t.Errorf("Lookup(ptp-boundary) = %+v, %v", term, ok)
	}
	if _, ok := Lookup("nope"); ok {
		t.Error("Lookup(nope) found a term")
	}
}
