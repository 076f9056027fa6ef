package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets testscript run avnet in-process as the "avnet" command.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"avnet": func() { os.Exit(Main()) },
	})
}

// TestScript runs the CLI end-to-end scripts in testdata/script; set
// AVNET_UPDATE=1 to rewrite their expected output (then review the diff).
func TestScript(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: os.Getenv("AVNET_UPDATE") != "",
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			env.Setenv("AVNET_ROOT", root)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// status N cmd args…: run cmd and require exit status N (0, 1 findings, 2 usage).
			"status": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) < 2 {
					ts.Fatalf("usage: status N command [args…]")
				}
				err := ts.Exec(args[1], args[2:]...)
				got := 0
				var ee *exec.ExitError
				if errors.As(err, &ee) {
					got = ee.ExitCode()
				} else if err != nil {
					ts.Fatalf("%v", err)
				}
				if fmt.Sprint(got) != args[0] {
					ts.Fatalf("exit status %d, want %s", got, args[0])
				}
			},
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "cue":
				_, err := exec.LookPath("cue")
				return err == nil, nil
			}
			return false, nil
		},
	})
}
