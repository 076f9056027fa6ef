package secret

import (
	"crypto/sha256"
	"crypto/sha512"
	"fmt"
	"hash"
	"strconv"
	"strings"
)

// Rounds limits and default of SHA-crypt (Drepper, "Unix crypt using
// SHA-256 and SHA-512", the rounds=<N> specification).
const (
	RoundsDefault = 5000
	RoundsMin     = 1000
	RoundsMax     = 999999999
	saltMax       = 16
)

// SHA256Crypt returns "$5$salt$hash" (rounds=<n>$ when rounds is not the
// default), SHA-crypt with SHA-256. The salt is truncated to 16 characters
// and rounds clamped to [1000, 999999999], as the specification says.
func SHA256Crypt(password, salt string, rounds int) string {
	return shaCrypt(sha256.New, "$5$", password, salt, rounds, rounds != RoundsDefault)
}

// SHA512Crypt returns "$6$salt$hash", SHA-crypt with SHA-512.
func SHA512Crypt(password, salt string, rounds int) string {
	return shaCrypt(sha512.New, "$6$", password, salt, rounds, rounds != RoundsDefault)
}

// The order in which the final digest's bytes are base-64 encoded
// (specification, step 22: groups of three bytes, last group partial).
var (
	perm256 = [][]int{{0, 10, 20}, {21, 1, 11}, {12, 22, 2}, {3, 13, 23}, {24, 4, 14}, {15, 25, 5}, {6, 16, 26},
		{27, 7, 17}, {18, 28, 8}, {9, 19, 29}, {31, 30}}
	perm512 = [][]int{{0, 21, 42}, {22, 43, 1}, {44, 2, 23}, {3, 24, 45}, {25, 46, 4}, {47, 5, 26}, {6, 27, 48},
		{28, 49, 7}, {50, 8, 29}, {9, 30, 51}, {31, 52, 10}, {53, 11, 32}, {12, 33, 54}, {34, 55, 13},
		{56, 14, 35}, {15, 36, 57}, {37, 58, 16}, {59, 17, 38}, {18, 39, 60}, {40, 61, 19}, {62, 20, 41}, {63}}
)

// shaCrypt implements the specification; explicit writes "rounds=N$" even
// for the default, as the specification preserves an explicit rounds=5000.
func shaCrypt(newHash func() hash.Hash, prefix, password, salt string, rounds int, explicit bool) string {
	if rounds < RoundsMin {
		rounds = RoundsMin
	}
	if rounds > RoundsMax {
		rounds = RoundsMax
	}
	if len(salt) > saltMax {
		salt = salt[:saltMax]
	}
	p, s := []byte(password), []byte(salt)

	// Steps 4-8: digest B = H(password salt password).
	b := newHash()
	b.Write(p)
	b.Write(s)
	b.Write(p)
	db := b.Sum(nil)
	size := len(db)

	// Steps 1-3, 9-12: digest A.
	a := newHash()
	a.Write(p)
	a.Write(s)
	for n := len(p); n > 0; n -= size {
		a.Write(db[:min(n, size)])
	}
	for n := len(p); n > 0; n >>= 1 {
		if n&1 != 0 {
			a.Write(db)
		} else {
			a.Write(p)
		}
	}
	da := a.Sum(nil)

	// Steps 13-16: sequence P from digest DP = H(password × len(password)).
	dpH := newHash()
	for range len(p) {
		dpH.Write(p)
	}
	dp := dpH.Sum(nil)
	seqP := repeatTo(dp, len(p))

	// Steps 17-20: sequence S from digest DS = H(salt × (16 + A[0])).
	dsH := newHash()
	for range 16 + int(da[0]) {
		dsH.Write(s)
	}
	ds := dsH.Sum(nil)
	seqS := repeatTo(ds, len(s))

	// Step 21: the rounds.
	c := da
	for i := range rounds {
		h := newHash()
		if i&1 != 0 {
			h.Write(seqP)
		} else {
			h.Write(c)
		}
		if i%3 != 0 {
			h.Write(seqS)
		}
		if i%7 != 0 {
			h.Write(seqP)
		}
		if i&1 != 0 {
			h.Write(c)
		} else {
			h.Write(seqP)
		}
		c = h.Sum(nil)
	}

	// Step 22: the output string.
	var out strings.Builder
	out.WriteString(prefix)
	if explicit {
		fmt.Fprintf(&out, "rounds=%d$", rounds)
	}
	out.WriteString(salt)
	out.WriteByte('$')
	perm := perm256
	if size == 64 {
		perm = perm512
	}
	for _, g := range perm {
		var v uint32
		for _, i := range g {
			v = v<<8 | uint32(c[i])
		}
		n := len(g) + 1 // 3 bytes → 4 characters, 2 → 3, 1 → 2
		for range n {
			out.WriteByte(cryptAlphabet[v&0x3f])
			v >>= 6
		}
	}
	return out.String()
}

func repeatTo(d []byte, n int) []byte {
	out := make([]byte, 0, n)
	for len(out) < n {
		out = append(out, d[:min(len(d), n-len(out))]...)
	}
	return out
}

// parseSHACrypt splits "$5$[rounds=N$]salt$hash".
func parseSHACrypt(h string) (prefix, salt string, rounds int, explicit bool, err error) {
	prefix = h[:3]
	rest := h[3:]
	rounds = RoundsDefault
	if strings.HasPrefix(rest, "rounds=") {
		explicit = true
		i := strings.IndexByte(rest, '$')
		if i < 0 {
			return "", "", 0, false, fmt.Errorf("malformed SHA-crypt hash: no '$' after rounds")
		}
		rounds, err = strconv.Atoi(rest[len("rounds="):i])
		if err != nil {
			return "", "", 0, false, fmt.Errorf("malformed SHA-crypt rounds: %w", err)
		}
		rest = rest[i+1:]
	}
	i := strings.LastIndexByte(rest, '$')
	if i < 0 {
		return "", "", 0, false, fmt.Errorf("malformed SHA-crypt hash: no '$' before the hash")
	}
	return prefix, rest[:i], rounds, explicit, nil
}
