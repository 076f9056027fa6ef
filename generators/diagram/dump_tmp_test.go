package diagram

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/avnet/avnet/internal/vet"
)

func TestDumpTmp(t *testing.T) {
	out := os.Getenv("DIAG_OUT")
	if out == "" {
		t.Skip()
	}
	for _, name := range []string{"chaine-tv-ip", "lab-minimal"} {
		o, err := vet.Design(filepath.Join("..", "..", "designs", name))
		if err != nil || o.Facility == nil {
			t.Fatal(err)
		}
		start := time.Now()
		ds, err := Render(context.Background(), o.Facility, o.Facts, os.Getenv("DIAG_LANG"))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %v", name, time.Since(start))
		os.MkdirAll(filepath.Join(out, name), 0o755)
		for _, d := range ds {
			os.WriteFile(filepath.Join(out, name, d.Name+".dot"), d.DOT, 0o644)
			os.WriteFile(filepath.Join(out, name, d.Name+".svg"), d.SVG, 0o644)
			os.WriteFile(filepath.Join(out, name, d.Name+".png"), d.PNG, 0o644)
		}
	}
}
