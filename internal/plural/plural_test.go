package plural

import "testing"

func TestCount(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 0, "0 clocks"}, {"en", 1, "1 clock"}, {"en", 2, "2 clocks"},
		{"fr", 0, "0 clock"}, {"fr", 1, "1 clock"}, {"fr", 2, "2 clocks"},
	} {
		if got := CountLang(c.lang, c.n, "clock", "clocks"); got != c.want {
			t.Errorf("CountLang(%s, %d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
	if got := Count(1, "PTP domain tree", "PTP domain trees") + " " + Of(1, "elects", "elect"); got != "1 PTP domain tree elects" {
		t.Errorf("got %q", got)
	}
}
