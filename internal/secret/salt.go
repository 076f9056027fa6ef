package secret

import (
	"crypto/sha256"
)

// cryptAlphabet is the base-64 alphabet of crypt(3) salts and hashes, and
// of Cisco's type 4/8/9 encodings.
const cryptAlphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// Salt returns an n-character salt (n ≤ 43) for user's password on device.
//
// A salt exists so that equal passwords do not give equal hashes: one
// precomputed dictionary must not crack every device at once, and a reader
// of two configurations must not learn that two accounts share a password.
// It does not need to be secret (it is written in clear beside the hash)
// nor random: it needs to be unique per stored hash. avnet builds must be
// byte-identical from one run to the next (the deploy plan diffs generated
// configurations against running ones, and a fresh random salt would make
// every build a change), so the salt is derived from SHA-256 of the device
// and user names. That keeps it unique per (device, user) — the same
// password on two switches, or for two users, still hashes differently —
// and stable across builds; a password change changes the hash.
//
// The password is deliberately not an input: a salt derived from it would
// let anyone holding the configuration test password guesses against the
// salt with one fast SHA-256 instead of the slow hash.
func Salt(device, user string, n int) string {
	h := sha256.New()
	h.Write([]byte("avnet/secret salt v1\x00"))
	h.Write([]byte(device))
	h.Write([]byte{0})
	h.Write([]byte(user))
	sum := h.Sum(nil) // 32 bytes = 256 bits: enough for 42 six-bit characters
	out := make([]byte, 0, n)
	var acc uint32
	bits := 0
	for _, b := range sum {
		acc = acc<<8 | uint32(b)
		bits += 8
		for bits >= 6 && len(out) < n {
			bits -= 6
			out = append(out, cryptAlphabet[(acc>>uint(bits))&0x3f])
		}
	}
	return string(out)
}
