package netbox

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// InterfaceType maps a port of avnet's catalog (its highest speed and its
// cage or connector) to NetBox's interface type. The cage decides: an SFP28
// cage is "25gbase-x-sfp28" whatever optic it holds.
func InterfaceType(speed, media string) string {
	switch media {
	case "virtual":
		return "virtual"
	case "rj45":
		return baseT(speed)
	case "sfp":
		if speed == "100M" {
			return "100base-x-sfp"
		}
		return "1000base-x-sfp"
	case "sfp+":
		return "10gbase-x-sfpp"
	case "sfp28":
		if speed == "50G" {
			return "50gbase-x-sfp28"
		}
		return "25gbase-x-sfp28"
	case "qsfp+":
		return "40gbase-x-qsfpp"
	case "qsfp28":
		return "100gbase-x-qsfp28"
	case "qsfp56":
		return "200gbase-x-qsfp56"
	case "qsfpdd":
		if speed == "200G" {
			return "200gbase-x-qsfpdd"
		}
		return "400gbase-x-qsfpdd"
	}
	return "other"
}

// LinkInterfaceType is the type of an endpoint's port that avnet's catalog
// does not list, from the cable plugged into it: copper is BASE-T at the
// link's speed, fibre, DAC and AOC take the usual cage of that speed.
func LinkInterfaceType(speed, medium string) string {
	switch medium {
	case "cat5e", "cat6", "cat6a", "wan":
		return baseT(speed)
	case "virtual":
		return "virtual"
	case "mmf", "smf", "dac", "aoc":
		switch speed {
		case "100M":
			return "100base-x-sfp"
		case "1G":
			return "1000base-x-sfp"
		case "10G":
			return "10gbase-x-sfpp"
		case "25G":
			return "25gbase-x-sfp28"
		case "40G":
			return "40gbase-x-qsfpp"
		case "50G":
			return "50gbase-x-sfp56"
		case "100G":
			return "100gbase-x-qsfp28"
		case "200G":
			return "200gbase-x-qsfp56"
		case "400G":
			return "400gbase-x-qsfpdd"
		}
	}
	return "other"
}

func baseT(speed string) string {
	switch speed {
	case "100M":
		return "100base-tx"
	case "1G":
		return "1000base-t"
	case "2.5G":
		return "2.5gbase-t"
	case "5G":
		return "5gbase-t"
	case "10G":
		return "10gbase-t"
	}
	return "other"
}

// CableType maps a link's medium to NetBox's cable type; "" when NetBox
// has none (an operator circuit, a veth pair).
func CableType(medium string) string {
	switch medium {
	case "cat5e", "cat6", "cat6a", "aoc", "mmf", "smf":
		return medium
	case "dac":
		return "dac-passive"
	}
	return ""
}

// PlaneColors are the cable colours of the usual plane names, as NetBox
// wants them: six hex digits, no '#'.
var PlaneColors = map[string]string{
	"red":    "f44336",
	"blue":   "2196f3",
	"green":  "4caf50",
	"yellow": "ffeb3b",
	"orange": "ff9800",
	"purple": "9c27b0",
}

// roleColors gives each device role a stable colour in NetBox's lists.
var roleColors = map[string]string{
	"switch": "3f51b5", "router": "3f51b5", "firewall": "e91e63",
	"ptp-grandmaster": "ffc107", "camera": "009688", "gateway": "00bcd4",
	"production-switcher": "673ab7", "multiviewer": "673ab7",
	"audio-console": "8bc34a", "stagebox": "8bc34a", "microphone": "8bc34a", "speaker": "8bc34a",
	"storage": "795548", "server": "607d8b", "mam": "795548",
}

func roleColor(role string) string {
	if c, ok := roleColors[role]; ok {
		return c
	}
	return "9e9e9e"
}

var platformNames = map[string][2]string{ // slug → name, manufacturer
	"eos":   {"Arista EOS", "Arista"},
	"nxos":  {"Cisco NX-OS", "Cisco"},
	"iosxe": {"Cisco IOS XE", "Cisco"},
	"linux": {"Linux", ""},
}

// Slugify makes a NetBox slug: lowercase ASCII letters, digits and
// hyphens, accents dropped ("Azur Média" → "azur-media").
func Slugify(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	plain, _, err := transform.String(t, s)
	if err != nil {
		plain = s
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(plain) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return b.String()
}

// shortSlug cuts a slug at a hyphen so that it fits in max characters.
func shortSlug(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := s[:max]
	if i := strings.LastIndexByte(cut, '-'); i > max/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, "-")
}

// clip shortens free text to NetBox's limit for the field (200 characters
// for descriptions), on one line.
func clip(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return strings.TrimSpace(string(r[:max-1])) + "…"
}
