// Package secret turns an administrator's password, read from the
// environment at build time, into the salted hashes that network
// operating systems store in their configuration, so that a generated
// configuration never carries a password in clear:
//
//   - SHA-crypt, Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512"
//     (https://www.akkadia.org/drepper/SHA-crypt.txt): "$5$" (SHA-256, NX-OS
//     "password 5") and "$6$" (SHA-512, Arista EOS "secret sha512");
//   - Cisco type 8, PBKDF2-HMAC-SHA256 with 20000 iterations, and Cisco type 9,
//     scrypt with N=16384, r=1, p=1 (IOS XE "secret 8" / "secret 9"), both
//     with a 14-character salt and the crypt base-64 alphabet
//     "./0-9A-Za-z" (the algorithm details published by the hashcat
//     developers, hashcat.net/forum/thread-3803.html; known answers from
//     Cisco's own documentation examples);
//   - scrypt itself (RFC 7914), implemented here so that the module needs no
//     dependency for it.
//
// Salts are derived, not random: see Salt.
package secret
