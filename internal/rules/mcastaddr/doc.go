/*
Package mcastaddr defines the rule AV-MC-001: a flow's group is not a multicast address, or lies outside the blocks a facility should use.

Every leg of a flow (`group`, or each `groups.<plane>`) is sent to an IPv4
host group. Host groups are the class D addresses, those whose four
high-order bits are 1110 (RFC 1112 §4): 224.0.0.0/4, that is 224.0.0.0 to
239.255.255.255. A unicast address in `group` is an error: switches would
forward the stream as unicast, to one port at most, and no IGMP join could
ever pull it to the receivers. SRT is unicast by design (caller/listener),
so an SRT flow's destination address is not checked.

Inside 224.0.0.0/4, RFC 5771 §3 divides the space into blocks with owners.
A facility's own media belongs in two of them:

  - 239.0.0.0/8, the administratively scoped block (RFC 2365 §4): the
    organisation assigns it locally and scopes it at its border, as
    RFC 1918 addresses are for unicast;
  - 232.0.0.0/8, source-specific multicast (RFC 4607 §1): receivers join
    (source, group) channels, which needs IGMPv3 (see AV-MC-006).

Any other multicast address draws a warning that names its block: the
Internetwork Control Block 224.0.1.0/24 holds protocol groups such as NTP
(224.0.1.1) and PTP (224.0.1.129, IEEE 1588-2008 Annex D.3), the
AD-HOC and SDP/SAP blocks are assigned by IANA, 233.0.0.0/8 belongs to
autonomous-system holders (GLOP, RFC 3180), 234.0.0.0/8 to unicast-prefix
holders (RFC 6034), and the rest is reserved. Groups in the Local Network
Control Block 224.0.0.0/24 are reported by AV-MC-002, which explains why
they are flooded.

The finding points at the flow's `group` or `groups.<plane>`.

How to fix: number media groups in 239.0.0.0/8 (for example
239.<plane>.<kind>.<n>), or in 232.0.0.0/8 when receivers join with
IGMPv3 source-specific joins.
*/
package mcastaddr
