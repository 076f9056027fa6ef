/*
Package igmpsnoop defines the rule AV-MC-005: a VLAN with multicast receivers has no IGMP snooping, or snooping without a querier.

A switch without IGMP snooping treats a multicast frame like a broadcast:
it floods it to every port of the VLAN. With ST 2110 that is every video
stream of the VLAN on every camera, monitor and PC port: a few 1080p
flows (about 2.6 Gb/s each) saturate a 10G port. IGMP snooping (RFC 4541)
lets the switch learn, from the hosts' membership reports, which ports
want which group, and forward each stream only there.

Snooping only works with a querier. Hosts send a report when they join,
then only in answer to the periodic General Queries of the querier
(RFC 3376 §5.1–5.2, RFC 2236 §3); a snooping switch forwards reports toward
the multicast router ports it has learned from those queries
(RFC 4541 §2.1.1) and ages each membership out after the Group Membership
Interval, 260 s with the defaults of RFC 3376 §8.4 (robustness 2 × query
interval 125 s + query response interval 10 s). Without a querier, the
streams stop (or flood, depending on the switch) a few minutes after the
receivers joined. One querier per L2 domain is elected (lowest address,
RFC 3376 §6.6.2), so each VLAN needs one querier reachable from all its
receivers, or a multicast router: in an L3 fabric (routing.mode "l3") a
routed VLAN whose SVI runs PIM queries for itself.

For every VLAN where a flow leg reaches a receiver, the rule checks:

  - the VLAN has an `igmp` block with `snooping: true`;
  - `igmp.querier` is set, unless a PIM router serves the VLAN;
  - the querier exists: an address must be the VLAN's gateway, or the
    address of a device interface (or management address) in the VLAN;
    a name must be a switch that carries the VLAN or a device with an
    interface in it (an address outside the subnet is AV-IP-004's);
  - the querier reaches every receiver at layer 2: a VLAN split in
    islands (e.g. a VLAN without a plane used on both red and blue) needs
    a querier in each, which one `querier` cannot express.

The finding points at the VLAN (its `igmp` block or field when there is
one) and gives the multicast rate that would be flooded or lost.

How to fix: declare `igmp: {snooping: true, version: 3, querier: <gateway
or switch>}` on every VLAN that carries media to receivers; give each
island its own VLAN.
*/
package igmpsnoop
