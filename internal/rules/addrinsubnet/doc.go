/*
Package addrinsubnet defines the rule AV-IP-002: an address is outside its VLAN's subnet, or is the network or broadcast address.

An interface in a VLAN is on that VLAN's IP subnet (RFC 950): its address
must lie inside the subnet, written with the subnet's prefix length (RFC
4632 §3.1), or the host computes the wrong local network and sends local
traffic to its gateway, or cannot reach the gateway at all (RFC 1122
§3.3.1). Inside a subnet the first address (host part all zeros) names the
network and the last (host part all ones) is the directed broadcast; RFC
1122 §3.2.1.3 and RFC 950 forbid both as a host's address. On a /31
point-to-point subnet (RFC 3021) and a /32 there is no network or
broadcast address, so every address is a host.

Checked: every devices.<name>.interfaces.<if>.ip against the subnet of the
interface's `vlan`, and every devices.<name>.mgmt.ip against the subnet of
the management VLAN (mgmt.vlan, "mgmt" by default). Interfaces without an
access VLAN, and VLANs without a subnet, are not checked; a VLAN that does
not exist is AV-REF-001's.

The finding points at the address and shows where the subnet is declared.

How to fix: choose an address inside the VLAN's subnet with the subnet's
prefix length, other than its first and last, or put the interface in the
VLAN whose subnet holds the address.
*/
package addrinsubnet
