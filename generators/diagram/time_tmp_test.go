package diagram

import (
	"context"
	"os"
	"testing"
	"time"
)

func TestTimeTmp(t *testing.T) {
	if os.Getenv("DIAG_OUT") == "" {
		t.Skip()
	}
	ctx := context.Background()
	rs, _ := Rasteriser()
	for _, n := range Names {
		b, _ := os.ReadFile("/tmp/diag/chaine-tv-ip/" + n + ".dot")
		s := time.Now()
		svg, _ := renderSVG(ctx, b)
		t1 := time.Since(s)
		s = time.Now()
		rasterise(ctx, rs, svg)
		t.Logf("%s svg %v png %v", n, t1, time.Since(s))
	}
}
