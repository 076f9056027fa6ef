package secret

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"strings"
	"testing"
)

// Known answers from Drepper's specification (SHA-crypt.txt, "Test
// vectors"), as carried by glibc's and libxcrypt's test suites.
func TestSHACryptSpecVectors(t *testing.T) {
	cases := []struct {
		salt, password, want string
	}{
		{"$5$saltstring", "Hello world!", "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5"},
		{"$5$rounds=10000$saltstringsaltstring", "Hello world!", "$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA"},
		{"$5$rounds=5000$toolongsaltstring", "This is just a test", "$5$rounds=5000$toolongsaltstrin$Un/5jzAHMgOGZ5.mWJpuVolil07guHPvOW8mGRcvxa5"},
		{"$6$saltstring", "Hello world!", "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1"},
		{"$6$rounds=10000$saltstringsaltstring", "Hello world!", "$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v."},
		{"$6$rounds=5000$toolongsaltstring", "This is just a test", "$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JSbq3y6JMxxl8audkUEm0"},
		{"$6$rounds=1400$anotherlongsaltstring", "a very much longer text to encrypt.  This one even stretches over morethan one line.", "$6$rounds=1400$anotherlongsalts$POfYwTEok97VWcjxIiSOjiykti.o/pQs.wPvMxQ6Fm7I6IoYN3CmLs66x9t0oSwbtEW7o7UmJEiDwGqd8p4ur1"},
		{"$6$rounds=77777$short", "we have a short salt string but not a short password", "$6$rounds=77777$short$WuQyW2YR.hBNpjjRhpYD/ifIw05xdfeEyQoMxIXbkvr0gge1a1x3yRULJ5CCaUeOxFmtlcGZelFl5CxtgfiAc0"},
		{"$6$rounds=10$roundstoolow", "the minimum number is still observed", "$6$rounds=1000$roundstoolow$kUMsbe306n21p9R.FRkW3IGn.S9NPN0x50YhH1xhLsPuWGsUSklZt58jaTfF4ZEQpyUNGc0dqbpBYYBaHHrsX."},
	}
	for _, c := range cases {
		prefix, salt, rounds, explicit, err := parseSHACrypt(c.salt + "$")
		if err != nil {
			t.Fatal(err)
		}
		var got string
		if prefix == "$5$" {
			got = shaCrypt(sha256New, prefix, c.password, salt, rounds, explicit)
		} else {
			got = shaCrypt(sha512New, prefix, c.password, salt, rounds, explicit)
		}
		if got != c.want {
			t.Errorf("crypt(%q, %q)\n got %s\nwant %s", c.password, c.salt, got, c.want)
		}
		if ok, err := Verify(c.password, c.want); !ok || err != nil {
			t.Errorf("Verify(%q, %s) = %v, %v; want true", c.password, c.want, ok, err)
		}
		if ok, _ := Verify(c.password+"x", c.want); ok {
			t.Errorf("Verify accepts a wrong password for %s", c.want)
		}
	}
}

// RFC 7914 §12 test vectors (the 1 GiB fourth one is left out).
func TestScryptRFC7914(t *testing.T) {
	cases := []struct {
		password, salt string
		n, r, p        int
		want           string
	}{
		{"", "", 16, 1, 1, "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"},
		{"password", "NaCl", 1024, 8, 16, "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"},
		{"pleaseletmein", "SodiumChloride", 16384, 8, 1, "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887"},
	}
	for _, c := range cases {
		got, err := Scrypt([]byte(c.password), []byte(c.salt), c.n, c.r, c.p, 64)
		if err != nil {
			t.Fatal(err)
		}
		if hex.EncodeToString(got) != c.want {
			t.Errorf("scrypt(%q, %q, N=%d, r=%d, p=%d)\n got %x\nwant %s", c.password, c.salt, c.n, c.r, c.p, got, c.want)
		}
	}
	if _, err := Scrypt(nil, nil, 15, 1, 1, 32); err == nil {
		t.Error("N=15 accepted; it must be a power of 2")
	}
}

// Cisco type 8 and 9 known answers: the examples of Cisco's "Cisco
// routers password types" article ("cisco"), and hashcat's example hashes
// for modes 9200 and 9300 ("hashcat").
func TestCiscoKnownAnswers(t *testing.T) {
	cases := []struct {
		password, want string
	}{
		{"cisco", "$8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs"},
		{"cisco", "$8$mTj4RZG8N9ZDOk$elY/asfm8kD3iDmkBe3hD2r4xcA/0oWS5V3os.O91u."},
		{"cisco", "$9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM"},
		{"hashcat", "$9$2MJBozw/9R3UsU$2lFhcKvpghcyw8deP25GOfyZaagyUOGBymkryvOdfo6"},
	}
	for _, c := range cases {
		salt := strings.Split(c.want, "$")[2]
		var got string
		if c.want[1] == '8' {
			got = CiscoType8(c.password, salt)
		} else {
			got = CiscoType9(c.password, salt)
		}
		if got != c.want {
			t.Errorf("type %c of %q\n got %s\nwant %s", c.want[1], c.password, got, c.want)
		}
		if ok, err := Verify(c.password, c.want); !ok || err != nil {
			t.Errorf("Verify(%q, %s) = %v, %v", c.password, c.want, ok, err)
		}
	}
}

func TestSaltDeterministicAndDistinct(t *testing.T) {
	a := Salt("sw-red", "netadmin", 16)
	if a != Salt("sw-red", "netadmin", 16) {
		t.Fatal("salt changes between calls")
	}
	if len(a) != 16 || len(Salt("x", "y", CiscoSaltLen)) != CiscoSaltLen {
		t.Fatalf("salt lengths wrong: %q", a)
	}
	for _, other := range []string{Salt("sw-blue", "netadmin", 16), Salt("sw-red", "operator", 16), Salt("sw-rednetadmin", "", 16)} {
		if other == a {
			t.Errorf("two (device, user) pairs share the salt %q", a)
		}
	}
	for _, r := range a {
		if !strings.ContainsRune(cryptAlphabet, r) {
			t.Errorf("salt %q has %q outside the crypt alphabet", a, r)
		}
	}
}

var (
	sha256New = sha256.New
	sha512New = sha512.New
)
