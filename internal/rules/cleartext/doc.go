/*
Package cleartext defines the rule AV-SEC-002: a device enables telnet or plain HTTP management, or a secret is written in the design instead of referenced.

Telnet (RFC 854) and HTTP (RFC 9110) carry the administrator's login and
every command in clear: anyone who can capture traffic on the management
path, a mirrored port, a compromised host in the VLAN, reads the
password and takes the device (CWE-319, cleartext transmission of
sensitive information; IEC 62443-3-3:2013 SR 4.1 information
confidentiality and SR 1.5 authenticator management). SSH (RFC 4251) and
HTTPS replace them on every switch platform avnet generates for.

A design is source code: it is committed, shared with classmates and
teachers, printed in the dossier. A password written in it
(credentials.password of a device or a user, or of the facility's default
account, facility.credentials, which every switch uses) is a hard-coded credential
(CWE-798) that every reader of the repository knows, forever, in its
history. The schema offers two references instead: passwordEnv (the name
of an environment variable read at deploy time) and passwordFile (a file
kept out of the repository).

The rule reports devices.<name>.mgmt.telnet: true, mgmt.http: true, and
every credentials.password of the facility, a device or a user. Messages never print
the secret.

How to fix: set telnet and http to false and enable ssh and https; replace
password with passwordEnv: "SW_CORE_PASSWORD" (or passwordFile), remove
the password from the repository's history, and change it on the devices:
it has been disclosed.
*/
package cleartext
