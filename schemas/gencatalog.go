//go:build ignore

// gencatalog exports catalog.cue's device types to catalog.json.
package main

import (
	"encoding/json"
	"log"
	"os"

	"cuelang.org/go/cue"
	"cuelang.org/go/cue/cuecontext"
	"cuelang.org/go/cue/load"
)

func main() {
	insts := load.Instances([]string{"."}, &load.Config{Dir: "."})
	v := cuecontext.New().BuildInstance(insts[0])
	cat := v.LookupPath(cue.ParsePath("catalog"))
	if err := cat.Validate(cue.Concrete(true)); err != nil {
		log.Fatal(err)
	}
	var m map[string]any
	if err := cat.Decode(&m); err != nil {
		log.Fatal(err)
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("catalog.json", append(b, '\n'), 0o644); err != nil {
		log.Fatal(err)
	}
}
