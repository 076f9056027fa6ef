package load

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/avnet/avnet/internal/escape"
)

// A NameKind is one kind of name of the design language: the schema
// definition that constrains it (schemas/names.cue), the same pattern and
// length limit in Go, and how to say them in plain words. TestNameKinds
// keeps the two in step.
type NameKind struct {
	Def  string // the schema definition, "#DeviceName"
	Noun string // what names of this kind name, "device"
	// Pattern and Max restate the definition: a name of this kind matches
	// Pattern and has at most Max characters.
	Pattern *regexp.Regexp
	Max     int
	// Allowed says in plain words what Pattern accepts.
	Allowed string
	// Chars lists the characters other than ASCII letters and digits that
	// Pattern accepts somewhere, when it is that kind of pattern.
	Chars string
}

// What each pattern accepts, said after "a device name" (or another noun).
const (
	plainName = "may contain only ASCII letters, digits, '-', '_' and '.', starts with a letter or a digit"
	plainFlow = "is one or more names joined by single '/' (\"cam-1/video\"), each of ASCII letters, digits, '-', '_' and '.' and starting with a letter or a digit"
	plainPort = "is one or more names joined by single '/' or single spaces (\"Ethernet49/1\", \"GigabitEthernet1/0/1\"), each of ASCII letters, digits, '-', '_' and '.' and starting with a letter or a digit"
	plainText = "may hold any text on one line, without control characters (U+0000–U+001F, U+007F) or bidirectional overrides (U+202A–U+202E, U+2066–U+2069)"
)

var (
	nameRE   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	flowRE   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$`)
	portRE   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*([/ ][A-Za-z0-9][A-Za-z0-9._-]*)*$`)
	ruleRE   = regexp.MustCompile(`^AV-[A-Z0-9]+-[0-9]{3}$`)
	textRE   = regexp.MustCompile("^[^\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]*$")
	acctRE   = regexp.MustCompile(`^[a-z_][a-z0-9_-]*$`)
	linkEnd  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*:[A-Za-z0-9][A-Za-z0-9._-]*([/ ][A-Za-z0-9][A-Za-z0-9._-]*)*$`)
	domainRE = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$`)
)

// NameKinds lists every kind of name, in the order DESIGN-LANGUAGE.md
// gives them.
var NameKinds = []*NameKind{
	{Def: "#DeviceName", Noun: "device name", Pattern: nameRE, Max: 63, Allowed: plainName, Chars: "-_."},
	{Def: "#PortName", Noun: "interface or port name", Pattern: portRE, Max: 64, Allowed: plainPort, Chars: "-_./ "},
	{Def: "#DeviceTypeName", Noun: "device type name", Pattern: nameRE, Max: 64, Allowed: plainName, Chars: "-_."},
	{Def: "#VLANName", Noun: "VLAN name", Pattern: nameRE, Max: 32, Allowed: plainName, Chars: "-_."},
	{Def: "#FlowName", Noun: "flow name", Pattern: flowRE, Max: 128, Allowed: plainFlow, Chars: "-_./"},
	{Def: "#CableLabel", Noun: "cable label", Pattern: nameRE, Max: 64, Allowed: plainName, Chars: "-_."},
	{Def: "#RoomName", Noun: "room name", Pattern: nameRE, Max: 64, Allowed: plainName, Chars: "-_."},
	{Def: "#PlaneName", Noun: "plane name", Pattern: nameRE, Max: 32, Allowed: plainName, Chars: "-_."},
	{Def: "#ClassName", Noun: "QoS class name", Pattern: nameRE, Max: 32, Allowed: plainName, Chars: "-_."},
	{Def: "#PTPDomainName", Noun: "PTP domain name", Pattern: nameRE, Max: 32, Allowed: plainName, Chars: "-_."},
	{Def: "#UserName", Noun: "user name", Pattern: nameRE, Max: 32, Allowed: plainName, Chars: "-_."},
	{Def: "#GroupName", Noun: "group name", Pattern: nameRE, Max: 32, Allowed: plainName, Chars: "-_."},
	{Def: "#ShareName", Noun: "share name", Pattern: nameRE, Max: 64, Allowed: plainName, Chars: "-_."},
	{Def: "#RuleID", Noun: "rule ID", Pattern: ruleRE, Max: 16, Allowed: "has the form AV-FAMILY-NNN (\"AV-BW-002\")"},
	{Def: "#LinkEnd", Noun: "link end", Pattern: linkEnd, Max: 128, Allowed: "is a device name and an interface name joined by ':' (\"sw-1:Ethernet1\"); the interface name " + plainPort, Chars: "-_./ :"},
	{Def: "#AccountName", Noun: "account name", Pattern: acctRE, Max: 32, Allowed: "may contain only lower-case ASCII letters, digits, '-' and '_', starts with a letter or '_'", Chars: "-_"},
	{Def: "#DomainName", Noun: "domain name", Pattern: domainRE, Max: 253, Allowed: "is DNS labels of ASCII letters, digits and '-' joined by '.' (\"studio.example\")", Chars: "-."},
	{Def: "#TextKey", Noun: "label", Pattern: textRE, Max: 128, Allowed: plainText},
}

func kindOf(def string) *NameKind {
	for _, k := range NameKinds {
		if k.Def == def {
			return k
		}
	}
	panic("load: no name kind " + def)
}

// Check says what is wrong with name as a name of kind k, or "".
func (k *NameKind) Check(name string) string {
	n := utf8.RuneCountInString(name)
	switch {
	case name == "":
		return "it is empty"
	case !k.Pattern.MatchString(name):
		return "it " + whatBreaks(name, k)
	case n > k.Max:
		return fmt.Sprintf("it has %d characters", n)
	}
	return ""
}

// whatBreaks names the first character a name may not hold, or what is
// wrong with its form.
func whatBreaks(name string, k *NameKind) string {
	for i, r := range name {
		if r < 0x20 || r == 0x7f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			return fmt.Sprintf("contains the control character U+%04X at offset %d", r, i)
		}
	}
	if k.Chars != "" {
		for i, r := range name {
			alnum := r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
			if !alnum && !strings.ContainsRune(k.Chars, r) {
				return fmt.Sprintf("contains %s at offset %d", quoteRune(r), i)
			}
		}
		if r, _ := utf8.DecodeRuneInString(name); strings.ContainsRune(k.Chars, r) {
			return fmt.Sprintf("starts with %s", quoteRune(r))
		}
		return "has a separator that is not between two names"
	}
	for i, r := range name {
		probe := name[:i] + "a" + name[i+utf8.RuneLen(r):]
		if k.Pattern.MatchString(probe) {
			return fmt.Sprintf("contains %s at offset %d", quoteRune(r), i)
		}
	}
	return "does not have that form"
}

func quoteRune(r rune) string {
	switch {
	case r == ' ':
		return "a space"
	case r == '\'':
		return "a single quote"
	case r == '"':
		return "a double quote"
	case r < 0x80 && strconv.IsPrint(r):
		return "'" + string(r) + "'"
	case r >= 0x80 && unicode.IsPrint(r):
		return fmt.Sprintf("'%c' (U+%04X)", r, r) // a letter users see: "'é' (U+00E9)"
	}
	return fmt.Sprintf("U+%04X", r)
}

// Message is the finding for a bad name.
func (k *NameKind) Message(name, what string) string {
	article := "a"
	if strings.ContainsRune("aeiouAEIOU", rune(k.Noun[0])) {
		article = "an"
	}
	return fmt.Sprintf("%s is not a valid %s (%s): %s %s %s, and has at most %d characters",
		quoteText(name), k.Noun, what, article, k.Noun, k.Allowed, k.Max)
}

// nameHint says why names are kept plain.
const nameHint = "rename it: names reach file names, switch configurations, shell scripts and diagrams, so each kind keeps one plain form (DESIGN-LANGUAGE.md, \"Names and text\")"

// Hint is the hint of a bad name's finding. When folding its accents to
// ASCII and its blanks to '-' makes it valid, the hint proposes that form:
// "vidéo" → "video", "Régie A" → "Regie-A" (accented names are what French
// designs get wrong most).
func (k *NameKind) Hint(name string) string {
	s := escape.ASCII(name)
	if !strings.ContainsRune(k.Chars, ' ') {
		s = strings.ReplaceAll(s, " ", "-")
	}
	if s == name || strings.ContainsRune(s, '?') || k.Check(s) != "" {
		return nameHint
	}
	return fmt.Sprintf("rename it %q: %s", s, strings.TrimPrefix(nameHint, "rename it: "))
}

// quoteText quotes s for a message, with every non-printable character
// escaped, and cuts it when it is long.
func quoteText(s string) string {
	if utf8.RuneCountInString(s) > 80 {
		r := []rune(s)
		return strconv.QuoteToGraphic(string(r[:60])) + "…"
	}
	return strconv.QuoteToGraphic(s)
}

// keyKinds gives the kind of the keys of every map of the design keyed
// by name; "*" stands for any key.
var keyKinds = []struct {
	path []string
	kind string
}{
	{[]string{"rooms"}, "#RoomName"},
	{[]string{"vlans"}, "#VLANName"},
	{[]string{"qos", "classes"}, "#ClassName"},
	{[]string{"ptp"}, "#PTPDomainName"},
	{[]string{"ptp", "*", "grandmasters"}, "#DeviceName"},
	{[]string{"deviceTypes"}, "#DeviceTypeName"},
	{[]string{"deviceTypes", "*", "ports"}, "#PortName"},
	{[]string{"devices"}, "#DeviceName"},
	{[]string{"devices", "*", "interfaces"}, "#PortName"},
	{[]string{"devices", "*", "storage", "backups"}, "#TextKey"},
	{[]string{"links"}, "#CableLabel"},
	{[]string{"flows"}, "#FlowName"},
	{[]string{"flows", "*", "groups"}, "#PlaneName"},
	{[]string{"users"}, "#UserName"},
	{[]string{"groups"}, "#GroupName"},
	{[]string{"shares"}, "#ShareName"},
	{[]string{"shares", "*", "access"}, "#GroupName"},
	{[]string{"waivers"}, "#RuleID"},
	{[]string{"facility", "rationale"}, "#TextKey"},
	{[]string{"facility", "budget", "items"}, "#TextKey"},
}

// badKey finds, along a CUE error's path, the first map key that is not a
// valid name of its kind: the depth of that key in path, the finding and its hint.
func badKey(path []string) (int, string, string, bool) {
	for i := 1; i < len(path); i++ {
		for _, kk := range keyKinds {
			if !pathMatch(kk.path, path[:i]) {
				continue
			}
			k := kindOf(kk.kind)
			key := unquoteSel(path[i])
			if what := k.Check(key); what != "" {
				return i, k.Message(key, what), k.Hint(key), true
			}
		}
	}
	return 0, "", "", false
}

func pathMatch(pattern, path []string) bool {
	if len(pattern) != len(path) {
		return false
	}
	for i, p := range pattern {
		if p != "*" && p != unquoteSel(path[i]) {
			return false
		}
	}
	return true
}

func unquoteSel(s string) string {
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return s
}

// valueKinds gives the kind of every name written as a value, by its
// path; "*" stands for any key or list index.
var valueKinds = []struct {
	path string
	kind string
}{
	{"planes.*", "#PlaneName"},
	{"vlans.*.plane", "#PlaneName"},
	{"vlans.*.igmp.querier", "#DeviceName"},
	{"devices.*.model", "#DeviceTypeName"},
	{"devices.*.room", "#RoomName"},
	{"devices.*.plane", "#PlaneName"},
	{"devices.*.mgmt.interface", "#PortName"},
	{"devices.*.mgmt.vlan", "#VLANName"},
	{"devices.*.interfaces.*.vlan", "#VLANName"},
	{"devices.*.interfaces.*.vlans.*", "#VLANName"},
	{"devices.*.interfaces.*.plane", "#PlaneName"},
	{"devices.*.ptp.domain", "#PTPDomainName"},
	{"devices.*.workstation.users.*", "#UserName"},
	{"devices.*.credentials.username", "#AccountName"},
	{"links.*.a", "#LinkEnd"},
	{"links.*.b", "#LinkEnd"},
	{"links.*.vlans.*", "#VLANName"},
	{"flows.*.sender", "#DeviceName"},
	{"flows.*.receivers.*", "#DeviceName"},
	{"flows.*.class", "#ClassName"},
	{"users.*.groups.*", "#GroupName"},
	{"users.*.credentials.username", "#AccountName"},
	{"shares.*.server", "#DeviceName"},
	{"facility.credentials.username", "#AccountName"},
	{"facility.services.domain", "#DomainName"},
}

// invalidValueRE is CUE's message for a string that fails a constraint.
var invalidValueRE = regexp.MustCompile(`^invalid value ("(?:[^"\\]|\\.)*") \((out of bound [=!]~|does not satisfy strings\.MaxRunes)`)

// explainString rewrites CUE's message for a string that breaks a name
// pattern, the free-text rule or a length limit into plain words; ok is
// false for any other message.
func explainString(msg string, path []string) (out, hint string, ok bool) {
	m := invalidValueRE.FindStringSubmatch(msg)
	if m == nil {
		return "", "", false
	}
	val, err := strconv.Unquote(m[1])
	if err != nil {
		return "", "", false
	}
	for _, vk := range valueKinds {
		if !pathMatch(strings.Split(vk.path, "."), path) {
			continue
		}
		k := kindOf(vk.kind)
		if what := k.Check(val); what != "" {
			return k.Message(val, what), k.Hint(val), true
		}
	}
	if strings.Contains(msg, `!~"[`) {
		return fmt.Sprintf("%s %s: text fields %s", quoteText(val), whatBreaks(val, &NameKind{Pattern: textRE}), plainText),
			"remove the character; a control character or a direction override could forge a configuration line or hide text on a terminal", true
	}
	if mr := maxRunesRE.FindStringSubmatch(msg); mr != nil {
		return fmt.Sprintf("%s is too long: it has %d characters, at most %s are allowed here", quoteText(val), utf8.RuneCountInString(val), mr[1]),
			"shorten it", true
	}
	return "", "", false
}

var maxRunesRE = regexp.MustCompile(`strings\.MaxRunes\(([0-9]+)\)`)
