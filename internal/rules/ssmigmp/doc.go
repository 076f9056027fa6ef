/*
Package ssmigmp defines the rule AV-MC-006: a source-specific multicast flow crosses a VLAN that runs IGMPv2.

Groups in 232.0.0.0/8 (or the range set in routing.pim.ssmRange) are
source-specific (RFC 4607 §1): a receiver subscribes to a channel (S,G),
naming the sender as well as the group, and the network delivers only
what S sends to G. Expressing (S,G) needs the source lists of IGMPv3
(RFC 3376 §4.2); IGMPv1 and IGMPv2 reports carry a group only.

In a VLAN whose querier speaks IGMPv2, IGMPv3 hosts fall back to IGMPv2
reports without source filtering (RFC 3376 §7.2.1). An SSM-aware host
then refuses the source-specific join or sends nothing for the SSM
address (RFC 4604 §2), and SSM-aware routers and snooping switches ignore
non-source-specific reports for SSM addresses (RFC 4607 §8, RFC 4604 §3).
The receivers in that VLAN never get the stream.

The rule takes each flow leg whose group is in the SSM range and looks at
the VLANs it travels in: the sender's, and each receiver port's. A VLAN
with `igmp.version: 2` is reported once per leg.

The finding points at the flow's group, with the VLAN's IGMP version as
related position.

How to fix: set `igmp.version: 3` on the VLAN (and check that the
receivers support IGMPv3), or send the flow to an any-source group in
239.0.0.0/8 (in a routed fabric that needs a PIM RP, AV-MC-007).
*/
package ssmigmp
