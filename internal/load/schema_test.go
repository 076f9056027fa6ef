package load

import (
	"strconv"
	"testing"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"

	"github.com/avnet/avnet/internal/essence"
)

// enumeration lists the string literals of a schema definition that is a
// disjunction ("a" | "b" | =~"…"), leaving its patterns out.
func enumeration(t *testing.T, def string) []string {
	t.Helper()
	schema, err := compileSchema(cuecontext.New())
	if err != nil {
		t.Fatal(err)
	}
	v := schema.LookupPath(cue.ParsePath(def))
	op, args := v.Expr()
	if op != cue.OrOp {
		t.Fatalf("%s is not a disjunction", def)
	}
	var out []string
	for _, a := range args {
		if s, err := a.String(); err == nil && a.IsConcrete() {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s lists no values", def)
	}
	return out
}

// Every value the schema accepts, the SDP generator can write: the
// schema's enumerations and essence's tables are two lists of the same
// symbols.
func TestSchemaSymbolsKnownToEssence(t *testing.T) {
	for _, d := range enumeration(t, "#AncData") {
		if _, err := essence.AncDIDSDID([]string{d}); err != nil {
			t.Errorf("#AncData %q: %v", d, err)
		}
	}
	groups := enumeration(t, "#ChannelGroup")
	for n := 1; n <= 64; n++ { // the pattern's undefined groups
		groups = append(groups, "U"+strconv.Itoa(100 + n)[1:])
	}
	for _, g := range groups {
		if _, err := essence.ChannelOrderChannels([]string{g}); err != nil {
			t.Errorf("#ChannelGroup %q: %v", g, err)
		}
	}
}
