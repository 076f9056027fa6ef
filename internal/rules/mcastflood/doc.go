/*
Package mcastflood defines the rule AV-MC-002: a flow's group maps to a multicast MAC address that switches flood.

IGMP-snooping switches forward a multicast stream only to the ports whose
hosts joined its group, which is what lets a 25G port carry the few
streams its receiver wants out of the hundreds on the network. Two kinds
of group escape that pruning:

  - the Local Network Control Block 224.0.0.0/24 (RFC 5771 §4) is for
    link-local protocol traffic (OSPF, PIM, VRRP, PTP peer delay…).
    RFC 4541 §2.1.2 (2) requires snooping switches to forward packets to
    224.0.0.x that are not IGMP on all ports, because hosts do not join
    these groups before using them, and routers never forward them off
    the link;
  - any group of the form x.0.0.y or x.128.0.y. An IPv4 group maps to the
    Ethernet address 01:00:5e followed by its low-order 23 bits (RFC 1112
    §6.4), so 239.0.0.5, 239.128.0.5 and 225.0.0.5 all map to
    01:00:5e:00:00:05, the MAC address of 224.0.0.5. Switches that build
    their multicast tables on MAC addresses cannot tell them apart and
    flood them as they flood 224.0.0.x; Cisco's "Guidelines for
    Enterprise IP Multicast Address Allocation" tells designers to avoid
    x.0.0.y and x.128.0.y for that reason.

A media stream sent to such a group reaches every port of its VLAN: a
1080p59.94 video flow puts about 2.6 Gb/s on each 10G endpoint port,
whether the host asked for it or not, and a handful of them saturate the
links. The finding gives the flow's bit rate.

The finding points at the flow's `group` or `groups.<plane>`.

How to fix: keep media groups out of x.0.0.0/24 and x.128.0.0/24, e.g.
239.<plane>.<kind>.<n> with a non-zero second or third octet.
*/
package mcastflood
