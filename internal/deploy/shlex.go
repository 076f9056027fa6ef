package deploy

import (
	"fmt"
	"github.com/avnet/avnet/internal/escape"
	"strings"
)

// shellCommand is one simple command of a POSIX shell script: its words
// after expansion and quote removal, and the line it starts on.
type shellCommand struct {
	Line  int
	Words []string
}

// parseShell splits a shell script into simple commands. It understands
// what a generated script uses: comments, single and double quotes,
// backslash escapes and line continuations, `;`, `&&` and newlines
// between commands, variable assignments (NAME=value) and the parameter
// expansions $NAME, ${NAME}, ${NAME:-word} and ${NAME-word}, evaluated
// with every variable unset until the script assigns it (so defaults
// apply: the environment of the machine running avnet plays no part).
// Anything else that would need a shell (command substitution, pipes,
// redirections, subshells, background jobs) is an error: the script is
// read as data, never run as given.
func parseShell(src string) ([]shellCommand, error) {
	vars := map[string]string{}
	var cmds []shellCommand
	var words []string
	var cur strings.Builder
	inWord := false // a word is being built (maybe empty but quoted)
	quoted := false // the current word has quotes: keep it even if empty
	line := 1
	cmdLine := 0
	endWord := func() {
		if inWord && (cur.Len() > 0 || quoted) {
			words = append(words, cur.String())
		}
		cur.Reset()
		inWord, quoted = false, false
	}
	endCmd := func() {
		endWord()
		// Leading NAME=value words are assignments.
		for len(words) > 0 {
			name, val, ok := strings.Cut(words[0], "=")
			if !ok || !isShellName(name) {
				break
			}
			if len(words) == 1 {
				vars[name] = val // a plain assignment sets the variable
			}
			words = words[1:]
		}
		if len(words) > 0 {
			cmds = append(cmds, shellCommand{Line: cmdLine, Words: words})
		}
		words = nil
	}
	startWord := func() {
		if !inWord {
			inWord = true
			if len(words) == 0 {
				cmdLine = line
			}
		}
	}
	unsupported := func(what string) error {
		return fmt.Errorf("line %d: %s is not supported: the script must be plain commands with literal arguments", line, what)
	}
	// expand reads a parameter expansion at src[i] ('$') and returns its
	// value and the index of its last byte.
	expand := func(i int) (string, int, error) {
		if i+1 >= len(src) {
			return "$", i, nil
		}
		if src[i+1] == '{' {
			j := strings.IndexByte(src[i:], '}')
			if j < 0 {
				return "", 0, fmt.Errorf("line %d: unterminated ${", line)
			}
			body := src[i+2 : i+j]
			name, op, word := body, "", ""
			for k, c := range body {
				if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || k > 0 && c >= '0' && c <= '9') {
					name, op, word = body[:k], body[k:], ""
					switch {
					case strings.HasPrefix(op, ":-"):
						op, word = ":-", op[2:]
					case strings.HasPrefix(op, "-"):
						op, word = "-", op[1:]
					default:
						return "", 0, unsupported("expansion ${" + body + "}")
					}
					break
				}
			}
			if !isShellName(name) || strings.ContainsAny(word, "$`\\'\"") {
				return "", 0, unsupported("expansion ${" + body + "}")
			}
			v, set := vars[name]
			switch {
			case op == ":-" && v == "", op == "-" && !set:
				v = word
			}
			return v, i + j, nil
		}
		k := i + 1
		for k < len(src) && (src[k] == '_' || src[k] >= 'A' && src[k] <= 'Z' || src[k] >= 'a' && src[k] <= 'z' || k > i+1 && src[k] >= '0' && src[k] <= '9') {
			k++
		}
		if k == i+1 {
			return "", 0, unsupported("expansion `$" + string(src[i+1]) + "`")
		}
		return vars[src[i+1:k]], k - 1, nil
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\n':
			line++
			endCmd()
		case c == ' ' || c == '\t' || c == '\r':
			endWord()
		case c == '#' && !inWord:
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i-- // let the newline end the command
		case c == ';':
			endCmd()
		case c == '&':
			if i+1 < len(src) && src[i+1] == '&' {
				i++
				endCmd()
				continue
			}
			return nil, unsupported("`&` (background job)")
		case c == '\\':
			if i+1 >= len(src) {
				return nil, fmt.Errorf("line %d: the script ends with a backslash", line)
			}
			i++
			if src[i] == '\n' {
				line++
				continue // line continuation
			}
			startWord()
			cur.WriteByte(src[i])
		case c == '\'':
			startWord()
			quoted = true
			j := strings.IndexByte(src[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("line %d: unterminated single quote", line)
			}
			s := src[i+1 : i+1+j]
			line += strings.Count(s, "\n")
			cur.WriteString(s)
			i += j + 1
		case c == '"':
			startWord()
			quoted = true
			i++
			for ; i < len(src) && src[i] != '"'; i++ {
				switch src[i] {
				case '\\':
					if i+1 < len(src) && strings.IndexByte("$`\"\\\n", src[i+1]) >= 0 {
						i++
						if src[i] == '\n' {
							line++
							continue
						}
					}
				case '$':
					v, end, err := expand(i)
					if err != nil {
						return nil, err
					}
					cur.WriteString(v)
					i = end
					continue
				case '`':
					return nil, unsupported("command substitution `")
				case '\n':
					line++
				}
				cur.WriteByte(src[i])
			}
			if i >= len(src) {
				return nil, fmt.Errorf("line %d: unterminated double quote", line)
			}
		case c == '$':
			if i+1 < len(src) && src[i+1] == '(' {
				return nil, unsupported("command substitution $(")
			}
			v, end, err := expand(i)
			if err != nil {
				return nil, err
			}
			i = end
			// Unquoted: the value is split into words.
			fields := strings.Fields(v)
			for k, f := range fields {
				if k > 0 {
					endWord()
				}
				startWord()
				cur.WriteString(f)
			}
			if len(fields) == 0 {
				startWord() // an empty unquoted expansion adds nothing
			}
		case c == '`':
			return nil, unsupported("command substitution `")
		case c == '|' || c == '<' || c == '>' || c == '(' || c == ')':
			return nil, unsupported("`" + string(c) + "`")
		default:
			startWord()
			cur.WriteByte(c)
		}
	}
	endCmd()
	return cmds, nil
}

func isShellName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// shellQuote quotes a word for a POSIX shell.
func shellQuote(s string) string { return escape.Shell(s) }
