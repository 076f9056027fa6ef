package dossier

import (
	"strconv"
	"strings"
)

// idSet gives every named thing of the document (device, flow, cable,
// VLAN, annex file) a unique HTML id, the same for a link and its target.
type idSet struct {
	byKey map[string]string
	used  map[string]bool
}

func newIDs() *idSet { return &idSet{byKey: map[string]string{}, used: map[string]bool{}} }

// of returns the id of name in kind ("dev", "flow"…), allocating it on
// first use. Names that slug alike get -2, -3… in order of first use,
// which is deterministic because the chapters are built in a fixed order.
func (s *idSet) of(kind, name string) string {
	key := kind + "\x00" + name
	if id, ok := s.byKey[key]; ok {
		return id
	}
	base := kind + "-" + slug(name)
	id := base
	for n := 2; s.used[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	s.used[id] = true
	s.byKey[key] = id
	return id
}

// slug keeps ASCII letters, digits, '-', '_' and '.', and writes anything
// else as '-': "cam-1/video" → "cam-1-video".
func slug(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}
