package deploy

import (
	"strings"
	"testing"
)

// Lines as EOS, NX-OS, IOS XE and FRR print them in a running
// configuration: every secret value is replaced by a fingerprint, the
// rest of the line is kept.
func TestRedactSecretsPerPlatform(t *testing.T) {
	for _, tc := range []struct {
		os, in string
		leaks  []string // must not survive
		keep   string   // must survive (the command around the secret)
	}{
		// Accounts.
		{"eos", "username admin privilege 15 role network-admin secret sha512 $6$abcdefgh$0123456789", []string{"$6$abcdefgh"}, "secret sha512 <secret:"},
		{"eos", "enable password sha512 $6$Qwerty$ABCDEF", []string{"$6$Qwerty"}, "enable password sha512 <secret:"},
		{"eos", "username ops secret 0 Cl34rText!", []string{"Cl34rText!"}, "secret 0 <secret:"},
		{"nxos", "username admin password 5 $5$JHLKJH$4kr5Ve4s3e4 role network-admin", []string{"$5$JHLKJH"}, "role network-admin"},
		{"iosxe", "username admin privilege 15 secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM", []string{"$9$nhEmQVczB7dqsO"}, "secret 9 <secret:"},
		{"iosxe", "enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0", []string{"$1$mERr"}, "enable secret 5 <secret:"},
		{"iosxe", "enable secret 8 $8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs", []string{"$8$dsYGNam3K1SIJO"}, "enable secret 8"},
		{"iosxe", "username netops password 0 cisco123", []string{"cisco123"}, "password 0 <secret:"},
		{"iosxe", "username netops password 7 0822455D0A16", []string{"0822455D0A16"}, "password 7 <secret:"},
		{"iosxe", "line vty 0 4\n password 7 045802150C2E\n login", []string{"045802150C2E"}, "line vty 0 4"},
		{"iosxe", "line con 0\n password cisco", []string{"cisco\n", "cisco"}, "line con 0"},
		{"frr", "password zebra\nenable password zebra2", []string{"zebra"}, "enable password <secret:"},
		// SNMP.
		{"eos", "snmp-server community public ro", []string{"public"}, "snmp-server community <secret:"},
		{"nxos", "snmp-server community s3cr3tcomm group network-operator", []string{"s3cr3tcomm"}, "group network-operator"},
		{"iosxe", "snmp-server community pr1v4te RW 99", []string{"pr1v4te"}, "RW 99"},
		{"iosxe", "snmp-server host 192.0.2.9 version 2c tr4pcomm", []string{"tr4pcomm"}, "snmp-server host 192.0.2.9 version 2c <secret:"},
		{"eos", "snmp-server user monitor netadmins v3 localized 0014f8c4b6b9 auth sha 0x4f1f7c8a69bb priv aes 0x9c6d47b3a3cb", []string{"0x4f1f7c8a69bb", "0x9c6d47b3a3cb"}, "auth sha <secret:"},
		{"nxos", "snmp-server user admin network-admin auth md5 0xd42fc9f6e153a348 priv 0xd42fc9f6e153a348 localizedkey", []string{"0xd42fc9f6e153a348"}, "localizedkey"},
		{"iosxe", "snmp-server user v3user v3group v3 auth sha Auth0Pass priv aes 128 Priv0Pass", []string{"Auth0Pass", "Priv0Pass"}, "priv aes 128 <secret:"},
		// TACACS+ and RADIUS.
		{"eos", "tacacs-server host 192.0.2.20 key 7 070C285F4D06", []string{"070C285F4D06"}, "tacacs-server host 192.0.2.20 key 7 <secret:"},
		{"eos", "radius-server key 7 0207165218120E", []string{"0207165218120E"}, "radius-server key 7"},
		{"nxos", "tacacs-server key 7 \"fewhg123\"", []string{"fewhg123"}, "tacacs-server key 7"},
		{"nxos", "radius-server host 192.0.2.21 key 7 \"qxz12345\" authentication accounting", []string{"qxz12345"}, "authentication accounting"},
		{"iosxe", "tacacs-server key Pl41nK3y", []string{"Pl41nK3y"}, "tacacs-server key <secret:"},
		{"iosxe", "tacacs server ISE-1\n address ipv4 192.0.2.30\n key 7 13061E010803557878", []string{"13061E010803557878"}, " address ipv4 192.0.2.30"},
		{"iosxe", "radius server RAD-1\n address ipv4 192.0.2.31 auth-port 1812 acct-port 1813\n key Rad1usPlain", []string{"Rad1usPlain"}, "auth-port 1812"},
		// OSPF, NTP, BGP, IS-IS, key chains.
		{"iosxe", "interface GigabitEthernet1\n ip ospf authentication-key 7 1511021F0725", []string{"1511021F0725"}, "ip ospf authentication-key 7 <secret:"},
		{"iosxe", "interface GigabitEthernet2\n ip ospf message-digest-key 1 md5 7 01100F175804", []string{"01100F175804"}, "message-digest-key 1 md5 7 <secret:"},
		{"eos", "interface Ethernet1\n   ip ospf authentication-key 7 bm1V8i4E3gk=", []string{"bm1V8i4E3gk="}, "ip ospf authentication-key 7"},
		{"eos", "interface Ethernet2\n   ip ospf message-digest-key 1 md5 7 k4Gj9uF+7gk=", []string{"k4Gj9uF+7gk="}, "message-digest-key 1 md5 7"},
		{"nxos", "interface Ethernet1/1\n  ip ospf authentication-key 3 4b7b4a8dd0dba1e0", []string{"4b7b4a8dd0dba1e0"}, "authentication-key 3"},
		{"frr", "interface swp1\n ip ospf authentication-key Fr0rKey\n ip ospf message-digest-key 1 md5 Fr0rMd5", []string{"Fr0rKey", "Fr0rMd5"}, "ip ospf message-digest-key 1 md5 <secret:"},
		{"eos", "ntp authentication-key 1 md5 7 0600002E1D1C5A", []string{"0600002E1D1C5A"}, "ntp authentication-key 1 md5 7"},
		{"iosxe", "ntp authentication-key 1 md5 0822455D0A16 7", []string{"0822455D0A16"}, "ntp authentication-key 1 md5 <secret:"},
		{"eos", "router bgp 65001\n   neighbor 10.0.0.1 password 7 Aw9lJxR0sBc=", []string{"Aw9lJxR0sBc="}, "neighbor 10.0.0.1 password 7"},
		{"frr", "router bgp 65001\n neighbor 10.0.0.1 password BgpPl41n", []string{"BgpPl41n"}, "neighbor 10.0.0.1 password <secret:"},
		{"iosxe", "router isis\n area-password Ar3aPw\n domain-password D0mPw", []string{"Ar3aPw", "D0mPw"}, "router isis"},
		{"iosxe", "key chain OSPF\n key 1\n  key-string 7 104D000A0618", []string{"104D000A0618"}, " key 1\n"},
	} {
		got := RedactSecrets(tc.in + "\n")
		for _, leak := range tc.leaks {
			if strings.Contains(got, leak) {
				t.Errorf("%s: %q left in:\n%s", tc.os, leak, got)
			}
		}
		if !strings.Contains(got, tc.keep) {
			t.Errorf("%s: %q lost from:\n%s", tc.os, tc.keep, got)
		}
		if RedactSecrets(got) != got {
			t.Errorf("%s: redacting twice changes:\n%s", tc.os, got)
		}
	}
}

// Lines that name a secret keyword but hold none stay as they are.
func TestRedactSecretsKeepsCommands(t *testing.T) {
	for _, l := range []string{
		"no password strength-check",
		"service password-encryption",
		"password encryption aes",
		"key chain OSPF",
		" key 1",
		"ip ospf authentication message-digest",
		"snmp-server host 192.0.2.9 version 3 priv v3user",
		"snmp-server group v3group v3 priv read v3read",
		"description community radio",
		"aaa authentication login default group tacacs+ local",
	} {
		if got := RedactSecrets(l + "\n"); got != l+"\n" {
			t.Errorf("%q became %q", l, got)
		}
	}
}

// In a unified diff the markers do not hide the commands.
func TestRedactSecretsInDiff(t *testing.T) {
	in := "--- sw (running)\n+++ sw (intended)\n@@ -1,3 +1,3 @@\n tacacs server ISE-1\n- key Old0Key\n+ key New0Key\n-snmp-server community oldcomm ro\n+snmp-server community newcomm ro\n"
	got := RedactSecrets(in)
	for _, leak := range []string{"Old0Key", "New0Key", "oldcomm", "newcomm"} {
		if strings.Contains(got, leak) {
			t.Errorf("%q left in:\n%s", leak, got)
		}
	}
	if !strings.Contains(got, "\n+snmp-server community <secret:") {
		t.Errorf("diff markers lost:\n%s", got)
	}
}
