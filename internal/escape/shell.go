package escape

import "strings"

// shellSafe are the bytes a POSIX shell word may hold unquoted and still
// mean itself in an argument: no expansion ($ ` ~ * ? [), no operator
// (; & | < > ( )), no quote, no blank, no comment (#).
const shellSafe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:,@+%"

// Shell returns s as one POSIX shell word whose value is s: as it is when
// every byte is in shellSafe, else in single quotes, where nothing is
// special but the quote itself (written '\”). A shell word cannot hold
// a NUL byte, a script is UTF-8 text, and readers disagree on a carriage
// return before a newline (some drop it): NUL, CR and invalid UTF-8
// become U+FFFD.
func Shell(s string) string {
	if s != "" && strings.Trim(s, shellSafe) == "" {
		return s
	}
	s = shellClean.Replace(strings.ToValidUTF8(s, "\uFFFD"))
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

var shellClean = strings.NewReplacer("\x00", "\uFFFD", "\r", "\uFFFD")
