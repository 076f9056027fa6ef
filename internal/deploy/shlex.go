package deploy

import (
	"fmt"
	"strings"
)

// shellCommand is one simple command of a POSIX shell script: its words
// after quote removal, and the line it starts on.
type shellCommand struct {
	Line  int
	Words []string
}

// parseShell splits a shell script into simple commands. It understands
// what a generated script uses: comments, single and double quotes,
// backslash escapes and line continuations, and `;`, `&&` and newlines
// between commands. Anything that would need a shell to evaluate
// (expansions, pipes, redirections, subshells) is an error: the script is
// read as data, never run as given.
func parseShell(src string) ([]shellCommand, error) {
	var cmds []shellCommand
	var words []string
	var cur strings.Builder
	inWord := false
	line := 1
	cmdLine := 0
	endWord := func() {
		if inWord {
			words = append(words, cur.String())
			cur.Reset()
			inWord = false
		}
	}
	endCmd := func() {
		endWord()
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
				case '$', '`':
					return nil, unsupported("expansion `" + string(src[i]) + "` inside double quotes")
				case '\n':
					line++
				}
				cur.WriteByte(src[i])
			}
			if i >= len(src) {
				return nil, fmt.Errorf("line %d: unterminated double quote", line)
			}
		case c == '$' || c == '`':
			return nil, unsupported("expansion `" + string(c) + "`")
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

// shellQuote quotes a word for a POSIX shell.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:,@+%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
