/*
Package subnetoverlap defines the rule AV-IP-001: two subnets overlap, or a subnet has host bits set.

An IPv4 subnet (RFC 950) written in CIDR notation (RFC 4632 §3.1) is the
set of addresses that share its prefix. Each VLAN of a design is one IP
subnet; when two VLANs' subnets share addresses, a host cannot tell which
of its interfaces reaches an address (RFC 1122 §3.3.1: a destination is
"on the local network" when it matches the interface's subnet), routes and
ARP go to the wrong VLAN, and ST 2022-7 senders with one interface on each
plane send both legs out of one NIC. This holds across planes too: red and
blue must use different subnets.

The finding is reported on the second VLAN in name order and points at its
subnet, with the first VLAN's subnet as related position.

How to fix: give each VLAN its own, non-overlapping prefix (plan them in
one table: e.g. 10.<vlan id>.0.0/24).
The rule also refuses a subnet written with a host address (10.110.0.5/24):
CIDR notation names a network by its first address (RFC 4632 §3.1), and
every consumer of the plan (switch interfaces, NetBox prefixes, DHCP
scopes) needs that network address.
*/
package subnetoverlap
