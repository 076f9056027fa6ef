package diagram

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/load"
	"github.com/avnet/avnet/internal/rules/ruletest"
	"github.com/avnet/avnet/internal/scaffold"
)

func TestOtherTmp(t *testing.T) {
	if os.Getenv("DIAG_OUT") == "" {
		t.Skip()
	}
	for _, n := range []string{"studio", "radio"} {
		res, _ := ruletest.Load(t, filepath.Join("..", "sdp", "testdata", "designs", n+".txtar"))
		ds, err := Render(context.Background(), res.Facility, analysis.Analyze(res.Facility), "en")
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll("/tmp/diag/"+n, 0o755)
		for _, d := range ds {
			os.WriteFile("/tmp/diag/"+n+"/"+d.Name+".png", d.PNG, 0o644)
		}
	}
	dir := filepath.Join(t.TempDir(), "studio")
	if _, err := scaffold.Write(dir, scaffold.Options{Name: "Studio"}); err != nil {
		t.Fatal(err)
	}
	res, err := load.Dir(dir, load.Options{Cwd: dir})
	if err != nil || res.Facility == nil {
		t.Fatal(err)
	}
	ds, err := Render(context.Background(), res.Facility, analysis.Analyze(res.Facility), "fr")
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll("/tmp/diag/init", 0o755)
	for _, d := range ds {
		os.WriteFile("/tmp/diag/init/"+d.Name+".png", d.PNG, 0o644)
	}
}
