/*
Package mcastmac defines the rule AV-MC-004: two groups in one L2 domain map to the same multicast MAC address.

An IPv4 group is sent in Ethernet frames whose destination is 01:00:5e
followed by the low-order 23 bits of the group (RFC 1112 §6.4). A group
has 28 significant bits, so the 5 bits left out make 32 groups share each
MAC: 239.1.1.1, 239.129.1.1 and 238.1.1.1 all go to 01:00:5e:01:01:01.
Many switches program their hardware multicast tables by MAC address, and
a host's network card filters by MAC address too. In one VLAN, a receiver
that joins one of two such groups gets the other's stream on its port as
well: its link and its NIC carry both, and only the IP stack discards the
unwanted one. With uncompressed video that is several Gb/s of waste per
port, enough to overload a 10G receiver.

The rule gathers, per VLAN, the groups of the flow legs that travel in it
(the sender's VLAN and, in a routed fabric, each receiver's VLAN) and
reports groups that differ but share a MAC. It is a warning: a switch
that forwards by IP group (most IGMPv3-snooping switches with enough
table space) does not mix them.

The finding points at the second group (in flow name order), with the
first as related position, and names the VLANs they share.

How to fix: number groups so that they differ in their low 23 bits:
keep the first octet fixed (239) and the second octet below 128 or use
the same value of its top bit everywhere, e.g. 239.<plane>.<kind>.<n>.
*/
package mcastmac
