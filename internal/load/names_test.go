package load

import (
	"strings"
	"testing"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
)

// probes are strings every name kind must judge as its schema definition
// does: the legitimate forms of the example designs and every hostile
// vector of issue 13.
var probes = []string{
	"", "a", "cam-1", "C-101", "media_a", "Ethernet1", "Ethernet49/1", "GigabitEthernet1/0/1",
	"TwentyFiveGigE1/0/1", "et-0/0/0", "swp1", "eth0", "Service Port", "cam-1/video", "AV-BW-002",
	"admin", "_svc", "studio.example", "sw-1:Ethernet1", "sw-1:Service Port", "10.110.0.1",
	"Sauvegarde hors site : stockage (3 ans)", "régie",
	"a b", "a  b", " a", "a ", "/a", "a/", "a//b", "a/../b", "..", "../etc", "x/../../etc/profile.d/evil",
	"-a", ".a", "a;b", "a|b", "a#b", "a$(touch x)", "a`id`", "a'b", `a"b`, "a\nb", "a\x00b", "a\x1bb",
	"a\x07b", "a\x7fb", "a\u202eb", "a\u2066b", "a^Cb", "a:b", "a\\b", "a*b", "a&b", "a>b",
	strings.Repeat("a", 16), strings.Repeat("a", 32), strings.Repeat("a", 33), strings.Repeat("a", 63),
	strings.Repeat("a", 64), strings.Repeat("a", 65), strings.Repeat("a", 128), strings.Repeat("a", 129),
	strings.Repeat("a", 253), strings.Repeat("a", 254), strings.Repeat("a.", 127) + "a",
	"sw:" + strings.Repeat("a", 125), "sw:" + strings.Repeat("a", 126),
}

// TestNameKinds: the Go restatement of every name kind accepts exactly
// what its schema definition accepts, so messages never disagree with
// the schema.
func TestNameKinds(t *testing.T) {
	ctx := cuecontext.New()
	schema, err := compileSchema(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range NameKinds {
		def := schema.LookupPath(cue.ParsePath(k.Def))
		if !def.Exists() {
			t.Errorf("schema has no %s", k.Def)
			continue
		}
		for _, p := range probes {
			cueOK := def.Unify(ctx.Encode(p)).Validate(cue.Concrete(true)) == nil
			goOK := k.Check(p) == ""
			if cueOK != goOK {
				t.Errorf("%s %q: schema accepts=%v, Go accepts=%v (%s)", k.Def, p, cueOK, goOK, k.Check(p))
			}
		}
	}
}

// Every map keyed by name in the schema has its kind in keyKinds.
func TestKeyKindsCoverSchema(t *testing.T) {
	for _, kk := range keyKinds {
		kindOf(kk.kind) // panics on an unknown kind
	}
	for _, vk := range valueKinds {
		kindOf(vk.kind)
	}
}

// TestNameHint: the hint proposes the ASCII form of an accented or spaced
// name when that form is valid, and no form when it is not.
func TestNameHint(t *testing.T) {
	for _, c := range []struct{ def, name, want string }{
		{"#VLANName", "vidéo", `rename it "video": `},
		{"#RoomName", "Régie A", `rename it "Regie-A": `},
		{"#DeviceName", "caméra-1", `rename it "camera-1": `},
		{"#DeviceName", "cam$(id)", "rename it: "},             // '$' has no plain form
		{"#DeviceName", "cam€", "rename it: "},                 // folds to '?'
		{"#ClassName", strings.Repeat("é", 40), "rename it: "}, // still too long
	} {
		if got := kindOf(c.def).Hint(c.name); !strings.HasPrefix(got, c.want) {
			t.Errorf("%s %q: hint %q, want it to start with %q", c.def, c.name, got, c.want)
		}
	}
}
