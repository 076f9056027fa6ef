/*
Package pimpath defines the rule AV-MC-007: in an L3 fabric, a routed flow has no PIM path.

In a routed fabric (routing.mode "l3"), multicast leaves its VLAN only
through PIM Sparse Mode routers (RFC 7761). The first-hop router, the SVI
of the sender's VLAN, registers the source; the last-hop router, the SVI
of the receiver's VLAN, turns IGMP joins into PIM joins; every router in
between forwards the joins hop by hop toward the source or the RP. For
any-source groups (outside the SSM range), joins first go to a
Rendezvous Point (RFC 7761 §3.1, the (*,G) shared tree): without an RP,
the last-hop router has nowhere to send its (*,G) join and the stream
never leaves the sender's VLAN. Source-specific groups (232.0.0.0/8 or
routing.pim.ssmRange, RFC 4607, RFC 4608) need no RP: routers join
toward the source directly.

A delivery is routed when the receiver sits in another VLAN than the
sender, or when the path between them crosses a link between forwarders
that does not carry the sender's VLAN at layer 2. For every routed flow
leg the rule checks:

  - routing declares a `pim` block;
  - an any-source group has `routing.pim.rp`;
  - the sender's and the receiver's VLANs are `routed: true`: a VLAN
    without an SVI has no first- or last-hop router to run PIM and IGMP
    on;
  - every switch on the routed path has a `platform`: avnet enables PIM
    on the switches it configures, and a switch without a platform is an
    unmanaged L2 switch. The design language has no per-switch PIM
    setting, so this is as close as the rule can get to "PIM is missing
    on a hop"; routers and firewalls are assumed to route.

Findings are grouped: one at `routing` (or `routing.pim`) for a missing
PIM block or RP, one per VLAN that should be routed, and one per switch
that cannot run PIM, each naming the flows concerned.

How to fix: declare `routing: pim: {rp: "<router address>"}`, or move
the flows to 232.0.0.0/8 (SSM, IGMPv3 receivers); set `routed: true` on
the VLANs of senders and receivers; give each switch on the path its
`platform`.
*/
package pimpath
