package diagram

import (
	"context"
	"os"
	"regexp"
	"testing"
)

func TestEstTmp(t *testing.T) {
	if os.Getenv("DIAG_OUT") == "" {
		t.Skip()
	}
	src := `digraph { node [shape=box, margin=0, width=0, height=0];
	a [fontname="Helvetica", fontsize=10, label="mmmmmmmmmm"];
	b [fontname="Helvetica-Bold", fontsize=10, label="mmmmmmmmmm"];
	c [fontname="Helvetica", fontsize=10, label="éééééééééé"];
	d [fontname="Helvetica", fontsize=10, label="——————————"];
	e [fontname="Helvetica", fontsize=10, label=<<B>mmmmmmmmmm</B>>];
	f [fontname="Arial", fontsize=10, label="mmmmmmmmmm"];
	g [fontname="Helvetica", fontsize=10, label="iiiiiiiiii"];
	h [fontname="Helvetica", fontsize=10, label="▲▲▲▲▲▲▲▲▲▲"];
	}`
	svg, err := renderSVG(context.Background(), []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`<polygon fill="none" stroke="black" points="([^"]*)"`)
	for _, m := range re.FindAllStringSubmatch(string(svg), -1) {
		t.Log(m[1])
	}
}
