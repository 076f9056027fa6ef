package deploy

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
)

// RedactSecrets replaces the secret values in configuration lines by a
// short fingerprint, so that a diff shows that a secret changes without
// showing it: `username admin secret sha512 <secret:3f2a1c>`. It knows
// the secrets of the platforms avnet deploys to (EOS, NX-OS, IOS XE,
// FRR): account passwords and secrets of every type, SNMP communities
// and v3 keys, TACACS+ and RADIUS keys, OSPF and NTP authentication keys,
// BGP and IS-IS passwords, key-chain strings. Redaction reads the line's
// words: a value is redacted by its position after a keyword, whether it
// is hashed, type 7 or in clear.
func RedactSecrets(text string) string {
	lines := strings.SplitAfter(text, "\n")
	// In a unified diff every line starts with its marker (" ", "+", "-").
	diff := strings.HasPrefix(text, "--- ") || strings.Contains(text, "\n@@ ")
	header := ""
	for i, l := range lines {
		mark, body := "", l
		if diff && l != "" && strings.ContainsRune(" +-", rune(l[0])) && !strings.HasPrefix(l, "--- ") && !strings.HasPrefix(l, "+++ ") {
			mark, body = l[:1], l[1:]
		}
		trimmed := strings.TrimLeft(body, " \t")
		if trimmed != "" && len(trimmed) == len(body) {
			header = strings.ToLower(trimmed) // a top-level line opens a block
		}
		lines[i] = mark + redactLine(body, strings.TrimSpace(header))
	}
	return strings.Join(lines, "")
}

var wordRE = regexp.MustCompile(`\S+`)

// notSecret are the words that follow "password" or "secret" as part of a
// command, not as its value ("no password strength-check").
var notSecret = map[string]bool{
	"strength-check": true, "encryption": true, "policy": true, "required": true, "min-length": true,
	"reuse-interval": true, "lifetime": true, "max-length": true, "prompt": true, "hash": true,
}

// typeWord reports whether w is a secret's encoding type rather than its
// value: 0 (clear), 5, 7, 8, 9 and friends, or a hash name.
func typeWord(w string) bool {
	switch strings.ToLower(w) {
	case "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "sha512", "sha256", "md5", "encrypted", "unencrypted", "hidden", "plain", "plain-text", "cleartext":
		return true
	}
	return false
}

// authAlgo and privAlgo are the SNMPv3 algorithm words before a key.
func authAlgo(w string) bool {
	switch strings.ToLower(w) {
	case "md5", "sha", "sha1", "sha-1", "sha224", "sha256", "sha-256", "sha384", "sha512":
		return true
	}
	return false
}

func privAlgo(w string) bool {
	switch strings.ToLower(w) {
	case "des", "3des", "aes", "aes128", "aes-128", "aes192", "aes-192", "aes256", "aes-256", "128", "192", "256":
		return true
	}
	return false
}

func redactLine(line, header string) string {
	idx := wordRE.FindAllStringIndex(line, -1)
	if len(idx) < 2 {
		return line
	}
	words := make([]string, len(idx))
	lower := make([]string, len(idx))
	for i, p := range idx {
		words[i] = line[p[0]:p[1]]
		lower[i] = strings.ToLower(words[i])
	}
	secret := map[int]bool{}
	// value returns the index of the value after the keyword at i,
	// skipping an encoding type when a value follows it.
	value := func(i int) int {
		j := i + 1
		if j+1 < len(words) && typeWord(words[j]) {
			j++
		}
		if j < len(words) {
			return j
		}
		return -1
	}
	mark := func(j int) {
		if j >= 0 && !strings.HasPrefix(words[j], "<secret:") {
			secret[j] = true
		}
	}
	aaaContext := strings.HasPrefix(lower[0], "tacacs") || strings.HasPrefix(lower[0], "radius") ||
		(line != strings.TrimLeft(line, " \t") && (strings.HasPrefix(header, "tacacs") || strings.HasPrefix(header, "radius") || strings.HasPrefix(header, "aaa server")))
	for i := 0; i < len(words)-1; i++ {
		switch lower[i] {
		case "secret", "password", "passphrase", "area-password", "domain-password", "key-string", "authentication-key", "ospf-key":
			if notSecret[lower[i+1]] {
				continue
			}
			if lower[i] == "authentication-key" && i+3 < len(words) && authAlgo(lower[i+2]) {
				// ntp authentication-key 1 md5 [7] KEY [7]
				mark(value(i + 2))
				continue
			}
			mark(value(i))
		case "message-digest-key":
			// ip ospf message-digest-key 1 md5 [7] KEY
			if i+3 < len(words) && authAlgo(lower[i+2]) {
				mark(value(i + 2))
			}
		case "key":
			// key 7 …: a typed value is always a secret; a bare one only
			// in TACACS+ and RADIUS commands (a key chain's "key 1" is an ID).
			if typeWord(words[i+1]) && i+2 < len(words) {
				mark(i + 2)
			} else if aaaContext && lower[i+1] != "chain" {
				mark(i + 1)
			}
		case "community":
			if lower[0] == "snmp-server" || lower[0] == "snmp" {
				mark(value(i))
			}
		case "auth":
			// snmp-server user … auth sha KEY (EOS also `auth sha 0x…`)
			if i+2 < len(words) && authAlgo(lower[i+1]) {
				mark(i + 2)
			}
		case "priv":
			// snmp-server user … priv [aes 128] KEY; elsewhere ("snmp-server
			// group g v3 priv") it is a security level.
			if len(lower) < 2 || lower[1] != "user" {
				continue
			}
			j := i + 1
			for j < len(words)-1 && privAlgo(lower[j]) {
				j++
			}
			mark(j)
		case "version":
			// snmp-server host ADDR [informs|traps] version 1|2c COMMUNITY
			if lower[0] == "snmp-server" && len(lower) > 1 && lower[1] == "host" && (lower[i+1] == "1" || lower[i+1] == "2c") && i+2 < len(words) {
				mark(i + 2)
			}
		}
	}
	if len(secret) == 0 {
		return line
	}
	var b strings.Builder
	last := 0
	for i, p := range idx {
		if !secret[i] {
			continue
		}
		h := sha256.Sum256([]byte(words[i]))
		b.WriteString(line[last:p[0]])
		b.WriteString("<secret:" + hex.EncodeToString(h[:3]) + ">")
		last = p[1]
	}
	b.WriteString(line[last:])
	return b.String()
}
