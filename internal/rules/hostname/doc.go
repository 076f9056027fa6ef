/*
Package hostname defines the rule AV-L2-006: a switch's name is not a valid host name.

avnet gives every switch its design name as its host name: `hostname`
in the EOS, NX-OS and IOS XE configurations and in frr.conf, the lab
switch's host name and FRR instance. A host name is a DNS label (RFC 1123
§2.1, RFC 952): ASCII letters, digits and hyphens, 1 to 63 characters,
neither starting nor ending with a hyphen. The design language lets other
devices' names hold '_' and '.' (a workstation "edit_1.suite-a" is only
a label in the dossier), but a switch named so is refused by the network
operating system: NX-OS and IOS XE reject '_' in `hostname`, Linux and
FRR's watchfrr refuse the lab switch, and a '.' makes the name a domain
name whose first label is all the device keeps.

The rule reports every switch whose name is not a host name.

How to fix: rename the switch with letters, digits and hyphens only
("leaf_r1.a" becomes "leaf-r1-a"), in its links and flows too.
*/
package hostname
