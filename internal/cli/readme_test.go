package cli

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// documentedCommand is one command line of the README's command table:
// `avnet lab up|test|status|down [DIR]` gives four, each with the
// positional arguments it takes.
type documentedCommand struct {
	path     []string // after "avnet"
	required int      // positional arguments that must be given
	optional int      // and those that may follow
	variadic bool     // "-- CMD": any number more
	source   string
}

var codeSpan = regexp.MustCompile("`([^`]+)`")

// readmeCommands reads the first column of the README's command table.
func readmeCommands(t *testing.T) []documentedCommand {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	start := strings.Index(text, "\n## Commands")
	if start < 0 {
		t.Fatal("README.md has no ## Commands section")
	}
	text = text[start+1:]
	if end := strings.Index(text[3:], "\n## "); end >= 0 {
		text = text[:end+3]
	}
	var out []documentedCommand
	for _, line := range strings.Split(text, "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		// The first cell; "\|" is a literal bar inside it.
		cells := strings.Split(strings.ReplaceAll(line, `\|`, "\x00"), "|")
		if len(cells) < 3 {
			continue
		}
		for _, m := range codeSpan.FindAllStringSubmatch(cells[1], -1) {
			span := strings.ReplaceAll(m[1], "\x00", "|")
			out = append(out, parseUsage(t, span)...)
		}
	}
	if len(out) < 10 {
		t.Fatalf("read only %d commands from README.md's command table", len(out))
	}
	return out
}

// parseUsage turns `sudo avnet lab up|test [DIR]` into its commands.
func parseUsage(t *testing.T, span string) []documentedCommand {
	words := strings.Fields(span)
	if len(words) > 0 && words[0] == "sudo" {
		words = words[1:]
	}
	if len(words) == 0 || words[0] != "avnet" {
		t.Fatalf("README command %q does not start with avnet", span)
	}
	paths := [][]string{nil}
	d := documentedCommand{source: span}
	i := 1
	// Lowercase words name the command (a|b: one command each).
	for ; i < len(words) && regexp.MustCompile(`^[a-z0-9-]+(\|[a-z0-9-]+)*$`).MatchString(words[i]); i++ {
		var next [][]string
		for _, p := range paths {
			for _, alt := range strings.Split(words[i], "|") {
				next = append(next, append(append([]string(nil), p...), alt))
			}
		}
		paths = next
	}
	for ; i < len(words); i++ {
		w := words[i]
		switch {
		case w == "--":
			// What follows is a command and its arguments.
			d.variadic = true
		case strings.HasPrefix(w, "[-") || strings.HasPrefix(w, "-"):
			// A flag; its value, if any, is the next word up to "]".
			if !strings.HasSuffix(w, "]") && i+1 < len(words) && !strings.HasPrefix(words[i+1], "-") && !strings.HasPrefix(words[i+1], "[") {
				i++
			}
		case strings.HasPrefix(w, "["):
			d.optional++
		default:
			d.required++
		}
	}
	var out []documentedCommand
	for _, p := range paths {
		c := d
		c.path = p
		out = append(out, c)
	}
	return out
}

// TestREADMECommandTable checks that every command the README's command
// table documents exists and accepts the positional arguments it shows
// (`lab status DIR` must work), refuses one more, and that every command
// avnet has is in the table. A new command needs only its row.
func TestREADMECommandTable(t *testing.T) {
	root := rootCmd(&Options{Stdout: io.Discard, Stderr: io.Discard})
	root.InitDefaultCompletionCmd()
	documented := map[string]bool{}
	for _, d := range readmeCommands(t) {
		name := strings.Join(append([]string{"avnet"}, d.path...), " ")
		documented[name] = true
		cmd, rest, err := root.Find(d.path)
		if err != nil || len(rest) > 0 || cmd.CommandPath() != name {
			t.Errorf("README documents `%s` (in `%s`), but avnet has no such command", name, d.source)
			continue
		}
		args := func(n int) []string {
			a := make([]string, n)
			for i := range a {
				a[i] = "x"
			}
			return a
		}
		check := func(n int) error {
			if cmd.Args == nil {
				return cobra.ArbitraryArgs(cmd, args(n))
			}
			return cmd.Args(cmd, args(n))
		}
		if cmd.HasAvailableSubCommands() {
			// `avnet calc ESSENCE`: the argument is a subcommand.
			if d.required+d.optional == 0 {
				t.Errorf("`%s` has subcommands but the README shows no argument", name)
			}
			continue
		}
		for n := d.required; n <= d.required+d.optional; n++ {
			if err := check(n); err != nil {
				t.Errorf("`%s` with %d arguments (README: `%s`): %v", name, n, d.source, err)
			}
		}
		if d.required > 0 {
			if err := check(d.required - 1); err == nil {
				t.Errorf("`%s` accepts %d arguments; the README (`%s`) requires %d", name, d.required-1, d.source, d.required)
			}
		}
		if !d.variadic {
			if err := check(d.required + d.optional + 1); err == nil {
				t.Errorf("`%s` accepts %d arguments; the README (`%s`) shows at most %d", name, d.required+d.optional+1, d.source, d.required+d.optional)
			}
		}
	}
	// Every command avnet has is in the table: a leaf by its own name, or
	// as the argument of a documented parent (`avnet calc ESSENCE`).
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sc := range c.Commands() {
			if !sc.IsAvailableCommand() || sc.Name() == "help" {
				continue
			}
			name := sc.CommandPath()
			if sc.HasAvailableSubCommands() && !documented[name] {
				walk(sc)
				continue
			}
			if !documented[name] && !documentedParent(documented, name) {
				t.Errorf("`%s` is not in the README's command table: add its row", name)
			}
		}
	}
	walk(root)
}

// documentedParent tells whether a command's parent is documented as
// taking it as an argument (`avnet calc ESSENCE` documents every essence,
// `avnet completion bash|zsh|fish` its shells).
func documentedParent(documented map[string]bool, name string) bool {
	i := strings.LastIndexByte(name, ' ')
	return i > 0 && documented[name[:i]] && strings.Count(name, " ") > 1
}
