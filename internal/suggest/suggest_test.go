package suggest

import "testing"

func TestClosest(t *testing.T) {
	names := []string{"Ethernet1", "Ethernet2", "Ethernet48", "Management1"}
	for _, tc := range []struct{ in, want string }{
		{"Etherent1", "Ethernet1"}, // swapped letters: one edit
		{"ethernet2", "Ethernet2"}, // case does not count
		{"Ethernet47", "Ethernet48"},
		{"Management", "Management1"},
		{"swp1", ""}, // nothing close: no suggestion rather than a wrong one
	} {
		if got := Closest(tc.in, names); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	catalog := []string{"arista-dcs-7280sr3-48yc8", "arista-dcs-7050sx3-48yc8", "cisco-c9300-48p", "cisco-c9300x-24y"}
	for _, tc := range []struct{ in, want string }{
		{"arista-7280sr3", "arista-dcs-7280sr3-48yc8"}, // every word in one slug
		{"7050sx3", "arista-dcs-7050sx3-48yc8"},
		{"arista-dcs", ""},      // in two slugs: no guess
		{"c9300", ""},           // in two slugs
		{"juniper-qfx5120", ""}, // in none
		{"dcs", ""},             // too short to mean anything
	} {
		if got := Closest(tc.in, catalog); got != tc.want {
			t.Errorf("Closest(%q, catalog) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := Closest("x", nil); got != "" {
		t.Errorf("Closest with no candidates = %q", got)
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"abc", "", 3}, {"kitten", "sitting", 3}, {"ab", "ba", 1}, {"media-red", "media-rde", 1}} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q,%q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
