package iptv_test

import (
	"context"
	"strings"
	"testing"

	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/generators/gentest"
	"github.com/avnet/avnet/generators/iptv"
	"github.com/avnet/avnet/internal/escape"
)

func bouquet(t *testing.T, v string) string {
	t.Helper()
	f := gentest.LabMinimal(t)
	for _, fl := range f.Flows {
		if fl.TS != nil {
			fl.TS.Channel = gentest.Marked(v)
		}
	}
	gentest.Rename(t, f, "headend-1/info", "headend-1/info"+gentest.Marked(v))
	sink := gen.NewMemSink()
	if err := iptv.Generate(context.Background(), f, nil, sink.For("iptv")); err != nil {
		t.Fatal(err)
	}
	return string(sink.Files[iptv.File])
}

// TestHostileM3U is the outputs-inert corpus for the IPTV bouquet: a
// hostile channel name or flow name leaves the plain bouquet's lines,
// with the value escaped in the #EXTINF title and attribute.
func TestHostileM3U(t *testing.T) {
	plain := bouquet(t, gentest.Plain)
	if !strings.Contains(plain, "#EXTINF") {
		t.Fatalf("lab-minimal's bouquet has no channel:\n%s", plain)
	}
	for _, h := range gentest.HostileCorpus {
		t.Run(h.Name, func(t *testing.T) {
			got := bouquet(t, h.Value)
			pl, hl := strings.Split(plain, "\n"), strings.Split(got, "\n")
			if len(pl) != len(hl) {
				t.Fatalf("%d lines, the plain bouquet has %d:\n%s", len(hl), len(pl), got)
			}
			for i := range hl {
				for _, esc := range []string{escape.M3UAttr(gentest.Marked(h.Value)), escape.M3U(gentest.Marked(h.Value))} {
					hl[i] = strings.ReplaceAll(hl[i], esc, gentest.Marked(gentest.Plain))
				}
				if hl[i] != pl[i] {
					t.Errorf("line %d: %q, the plain bouquet's is %q", i+1, hl[i], pl[i])
				}
			}
		})
	}
}
