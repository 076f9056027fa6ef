package lab

import (
	"strings"

	"github.com/avnet/avnet/internal/lab/labnames"
)

// The naming rules live in package labnames, shared with the containerlab
// topology generator (generators/clab).

var ifnameRE = labnames.IfnameRE

// IfNames maps a node's design interface names to Linux interface names
// (labnames.IfNames).
func IfNames(names []string) map[string]string { return labnames.IfNames(names) }

// NodeNames maps device names to node names (labnames.NodeNames).
func NodeNames(devices []string) map[string]string { return labnames.NodeNames(devices) }

// LabName derives a lab's name from a design directory: its base name,
// with the characters netlab refuses replaced.
func LabName(designDir string) string {
	base := strings.TrimRight(designDir, "/")
	if i := strings.LastIndexByte(base, '/'); i >= 0 {
		base = base[i+1:]
	}
	var b strings.Builder
	for _, r := range base {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	s := strings.Trim(b.String(), "-")
	if len(s) > 24 {
		s = s[:24]
	}
	if s == "" {
		s = "lab"
	}
	return s
}
