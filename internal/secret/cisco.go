package secret

import (
	"crypto/pbkdf2"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
)

// CiscoSaltLen is the salt length of Cisco type 8 and 9 secrets.
const CiscoSaltLen = 14

// ciscoB64 is standard base 64 (RFC 4648 bit order) over the crypt
// alphabet, unpadded: Cisco's encoding for type 4, 8 and 9.
var ciscoB64 = base64.NewEncoding(cryptAlphabet).WithPadding(base64.NoPadding)

// CiscoType8 returns "$8$salt$hash": PBKDF2-HMAC-SHA256, 20000 iterations,
// a 32-byte key; the salt is used as written (14 characters).
func CiscoType8(password, salt string) string {
	key, err := pbkdf2.Key(sha256.New, password, []byte(salt), 20000, 32)
	if err != nil {
		panic(err) // only for a key length beyond what SHA-256 can give
	}
	return "$8$" + salt + "$" + ciscoB64.EncodeToString(key)
}

// CiscoType9 returns "$9$salt$hash": scrypt with N=16384, r=1, p=1 and a
// 32-byte key; the salt is used as written (14 characters).
func CiscoType9(password, salt string) string {
	key, err := Scrypt([]byte(password), []byte(salt), 16384, 1, 1, 32)
	if err != nil {
		panic(err) // fixed, valid parameters
	}
	return "$9$" + salt + "$" + ciscoB64.EncodeToString(key)
}

// Verify reports whether password matches a stored hash in one of the
// formats this package writes ($5$, $6$, $8$, $9$).
func Verify(password, stored string) (bool, error) {
	if len(stored) < 4 || stored[0] != '$' || stored[2] != '$' {
		return false, fmt.Errorf("unknown hash format %q", truncate(stored))
	}
	var again string
	switch stored[1] {
	case '5', '6':
		prefix, salt, rounds, explicit, err := parseSHACrypt(stored)
		if err != nil {
			return false, err
		}
		if prefix == "$5$" {
			again = shaCrypt(sha256.New, prefix, password, salt, rounds, explicit)
		} else {
			again = SHA512Crypt(password, salt, rounds)
			if explicit && rounds == RoundsDefault {
				again = strings.Replace(again, "$6$", "$6$rounds=5000$", 1)
			}
		}
	case '8', '9':
		parts := strings.Split(stored, "$")
		if len(parts) != 4 {
			return false, fmt.Errorf("malformed Cisco type %c hash", stored[1])
		}
		if stored[1] == '8' {
			again = CiscoType8(password, parts[2])
		} else {
			again = CiscoType9(password, parts[2])
		}
	default:
		return false, fmt.Errorf("unknown hash format $%c$", stored[1])
	}
	return subtle.ConstantTimeCompare([]byte(again), []byte(stored)) == 1, nil
}

func truncate(s string) string {
	if len(s) > 8 {
		return s[:8] + "…"
	}
	return s
}
