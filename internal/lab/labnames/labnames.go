// Package labnames gives a design's devices and interfaces the names a
// Linux lab can use: network namespace (or container) names and Linux
// interface names. The namespace lab (internal/lab) and the containerlab
// topology (generators/clab) both use it, so a design's port has the same
// Linux name in either lab.
package labnames

import (
	"crypto/sha1"
	"encoding/hex"
	"regexp"
	"sort"
	"strings"
)

// Linux interface names are at most 15 bytes and cannot hold '/', ':' or
// white space, so the design's port names ("Ethernet49/1",
// "TenGigabitEthernet1/1/1") cannot be used as they are. Every node gets a
// deterministic map from its design interface names to short Linux names:
// the well-known long prefixes are abbreviated as the vendors' own CLIs
// do ("Ethernet49/1" → "e49-1", "GigabitEthernet1/0/11" → "gi1-0-11"),
// every other character Linux refuses becomes '-', and a name that is
// still too long, reserved or already taken falls back to "p" and a hash.

// ifPrefixes are abbreviated, longest first.
var ifPrefixes = []struct{ long, short string }{
	{"TwentyFiveGigabitEthernet", "twe"},
	{"HundredGigabitEthernet", "hu"},
	{"FortyGigabitEthernet", "fo"},
	{"FiveGigabitEthernet", "fi"},
	{"TwoGigabitEthernet", "tw"},
	{"TenGigabitEthernet", "te"},
	{"TwentyFiveGigE", "twe"},
	{"GigabitEthernet", "gi"},
	{"FourHundredGigE", "fh"},
	{"HundredGigE", "hu"},
	{"FastEthernet", "fa"},
	{"Port-channel", "po"},
	{"port-channel", "po"},
	{"Management", "ma"},
	{"Ethernet", "e"},
	{"mgmt", "ma"},
}

// reservedIfNames are interfaces the lab itself makes in a namespace.
var reservedIfNames = map[string]bool{
	"lo": true, "br0": true, "mgmt0": true, "ovs-netdev": true, "ovs-system": true,
}

// IfnameRE matches a Linux interface name avnet accepts.
var IfnameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$`)

// shortIfName is the preferred Linux name of a design interface name.
func shortIfName(name string) string {
	s := name
	for _, p := range ifPrefixes {
		if strings.HasPrefix(s, p.long) && len(s) > len(p.long) {
			s = p.short + s[len(p.long):]
			break
		}
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '.', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-.")
}

func hashName(prefix, key string, n int) string {
	h := sha1.Sum([]byte(key))
	return prefix + hex.EncodeToString(h[:])[:n]
}

// IfNames maps a node's design interface names to Linux interface names,
// one to one. The result depends only on the set of names.
func IfNames(names []string) map[string]string {
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	out := map[string]string{}
	taken := map[string]bool{}
	for _, n := range sorted {
		if _, ok := out[n]; ok {
			continue
		}
		s := shortIfName(n)
		if !IfnameRE.MatchString(s) || reservedIfNames[s] || taken[s] {
			s = hashName("p", n, 8)
			for i := 0; taken[s]; i++ {
				s = hashName("p", n+"#"+string(rune('a'+i)), 8)
			}
		}
		out[n] = s
		taken[s] = true
	}
	return out
}

var nodeRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

// NodeNames maps device names to node names (network namespaces are
// <lab>-<node>): the device name when netlab accepts it, else a sanitized
// form with a hash.
func NodeNames(devices []string) map[string]string {
	sorted := append([]string(nil), devices...)
	sort.Strings(sorted)
	out := map[string]string{}
	taken := map[string]bool{}
	for _, d := range sorted {
		n := d
		if !nodeRE.MatchString(n) || len(n) > 32 || taken[n] {
			n = plain(d, 23, "n") + "-" + hashName("", d, 6)
		}
		out[d] = n
		taken[n] = true
	}
	return out
}

// LabName derives a lab's name from a design directory: its base name,
// with the characters netlab refuses replaced.
func LabName(designDir string) string {
	base := strings.TrimRight(designDir, "/")
	if i := strings.LastIndexByte(base, '/'); i >= 0 {
		base = base[i+1:]
	}
	return plain(base, 24, "lab")
}

// plain keeps the characters netlab takes in a name (ASCII letters,
// digits, '_', '-'), turns the others into '-', trims '-' at both ends and
// cuts the result to max bytes; empty gives fallback.
func plain(s string, max int, fallback string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	out := strings.Trim(b.String(), "-")
	if len(out) > max {
		out = out[:max]
	}
	if out == "" {
		return fallback
	}
	return out
}
