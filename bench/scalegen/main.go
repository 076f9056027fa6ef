// Command scalegen writes a generated broadcast campus of N switches as an
// avnet design, for scale benchmarks (bench/scale.sh):
//
//	go run ./bench/scalegen -switches 200 -o /tmp/campus-200
//
// The output is deterministic; see package campus for its shape.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/avnet/avnet/bench/scalegen/campus"
)

func main() {
	n := flag.Int("switches", 100, "number of switches (spines and leaves of both planes)")
	out := flag.String("o", "", "directory to write the design to (created; must be empty or absent)")
	flag.Parse()
	if *out == "" || *n < 8 || *n > campus.MaxSwitches {
		fmt.Fprintf(os.Stderr, "usage: scalegen -switches N -o DIR   (8 <= N <= %d)\n", campus.MaxSwitches)
		os.Exit(2)
	}
	if err := write(*out, *n); err != nil {
		fmt.Fprintln(os.Stderr, "scalegen:", err)
		os.Exit(1)
	}
	sh := campus.ShapeOf(*n)
	fmt.Printf("%s: %d switches, %d rooms, %d endpoints, %d flows\n", *out, sh.Switches, sh.Rooms, sh.Endpoints, sh.Flows)
}

func write(dir string, n int) error {
	if es, err := os.ReadDir(dir); err == nil && len(es) > 0 {
		return fmt.Errorf("%s is not empty; give a new directory", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	files := campus.Generate(n)
	for _, name := range campus.Names(files) {
		if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}
