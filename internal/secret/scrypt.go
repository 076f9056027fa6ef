package secret

import (
	"crypto/pbkdf2"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"math/bits"
)

// Scrypt derives a keyLen-byte key from password and salt (RFC 7914 §6):
// PBKDF2-HMAC-SHA256 spreads the input over p blocks of 128·r bytes, each
// block goes through ROMix (a memory-hard walk over N salsa20/8 mixes),
// and a last PBKDF2 pass draws the key. N must be a power of two above 1.
func Scrypt(password, salt []byte, n, r, p, keyLen int) ([]byte, error) {
	if n <= 1 || n&(n-1) != 0 {
		return nil, errors.New("scrypt: N must be a power of 2 greater than 1")
	}
	if r <= 0 || p <= 0 || uint64(r)*uint64(p) >= 1<<30 || r > (1<<31-1)/128/p || n > (1<<31-1)/128/r {
		return nil, errors.New("scrypt: parameters are too large")
	}
	blocks, err := pbkdf2.Key(sha256.New, string(password), salt, 1, p*128*r)
	if err != nil {
		return nil, err
	}
	x := make([]uint32, 32*r)
	v := make([]uint32, 32*r*n)
	for i := range p {
		roMix(blocks[i*128*r:(i+1)*128*r], r, n, x, v)
	}
	return pbkdf2.Key(sha256.New, string(password), blocks, 1, keyLen)
}

// roMix is RFC 7914 §5 scryptROMix, in place on b.
func roMix(b []byte, r, n int, x, v []uint32) {
	for i := range x {
		x[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	size := 32 * r
	y := make([]uint32, size)
	for i := range n {
		copy(v[i*size:], x)
		blockMix(x, y, r)
	}
	for range n {
		j := int(x[size-16] & uint32(n-1)) // Integerify: first word of the last 64-byte block
		for k := range size {
			x[k] ^= v[j*size+k]
		}
		blockMix(x, y, r)
	}
	for i, w := range x {
		binary.LittleEndian.PutUint32(b[4*i:], w)
	}
}

// blockMix is RFC 7914 §4 scryptBlockMix: x ← BlockMix(x), y scratch.
func blockMix(x, y []uint32, r int) {
	var t [16]uint32
	copy(t[:], x[(2*r-1)*16:])
	for i := range 2 * r {
		for k := range 16 {
			t[k] ^= x[i*16+k]
		}
		salsa208(&t)
		// Even blocks go to the first half of the output, odd to the second.
		dst := (i/2 + (i%2)*r) * 16
		copy(y[dst:dst+16], t[:])
	}
	copy(x, y)
}

// salsa208 is Salsa20/8 core (RFC 7914 §3), in place.
func salsa208(b *[16]uint32) {
	x := *b
	for range 4 { // 8 rounds, two per iteration
		x[4] ^= bits.RotateLeft32(x[0]+x[12], 7)
		x[8] ^= bits.RotateLeft32(x[4]+x[0], 9)
		x[12] ^= bits.RotateLeft32(x[8]+x[4], 13)
		x[0] ^= bits.RotateLeft32(x[12]+x[8], 18)
		x[9] ^= bits.RotateLeft32(x[5]+x[1], 7)
		x[13] ^= bits.RotateLeft32(x[9]+x[5], 9)
		x[1] ^= bits.RotateLeft32(x[13]+x[9], 13)
		x[5] ^= bits.RotateLeft32(x[1]+x[13], 18)
		x[14] ^= bits.RotateLeft32(x[10]+x[6], 7)
		x[2] ^= bits.RotateLeft32(x[14]+x[10], 9)
		x[6] ^= bits.RotateLeft32(x[2]+x[14], 13)
		x[10] ^= bits.RotateLeft32(x[6]+x[2], 18)
		x[3] ^= bits.RotateLeft32(x[15]+x[11], 7)
		x[7] ^= bits.RotateLeft32(x[3]+x[15], 9)
		x[11] ^= bits.RotateLeft32(x[7]+x[3], 13)
		x[15] ^= bits.RotateLeft32(x[11]+x[7], 18)
		x[1] ^= bits.RotateLeft32(x[0]+x[3], 7)
		x[2] ^= bits.RotateLeft32(x[1]+x[0], 9)
		x[3] ^= bits.RotateLeft32(x[2]+x[1], 13)
		x[0] ^= bits.RotateLeft32(x[3]+x[2], 18)
		x[6] ^= bits.RotateLeft32(x[5]+x[4], 7)
		x[7] ^= bits.RotateLeft32(x[6]+x[5], 9)
		x[4] ^= bits.RotateLeft32(x[7]+x[6], 13)
		x[5] ^= bits.RotateLeft32(x[4]+x[7], 18)
		x[11] ^= bits.RotateLeft32(x[10]+x[9], 7)
		x[8] ^= bits.RotateLeft32(x[11]+x[10], 9)
		x[9] ^= bits.RotateLeft32(x[8]+x[11], 13)
		x[10] ^= bits.RotateLeft32(x[9]+x[8], 18)
		x[12] ^= bits.RotateLeft32(x[15]+x[14], 7)
		x[13] ^= bits.RotateLeft32(x[12]+x[15], 9)
		x[14] ^= bits.RotateLeft32(x[13]+x[12], 13)
		x[15] ^= bits.RotateLeft32(x[14]+x[13], 18)
	}
	for i := range b {
		b[i] += x[i]
	}
}
