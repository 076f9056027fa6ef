/*
Package trunkvlan defines the rule AV-L2-004: an endpoint's VLAN is not carried on the path to the switches that serve it.

A link between two switches (a trunk) carries every VLAN of its plane
unless its `vlans` list restricts it; a link from a switch to an endpoint
carries the VLANs of the endpoint's interface, again limited by `vlans`
when the link has one. IEEE 802.1Q-2018 §8.6.2 (ingress filtering) and
§8.6.4 (egress filtering) make a bridge port drop every frame of a VLAN
that is not in its member set, so a VLAN left out of a trunk's list is not
"mostly" carried: nothing of it crosses that cable.

The rule looks, VLAN by VLAN, at every cabled endpoint interface in the
VLAN (cameras, receivers, grandmasters, servers) and at the flows that
travel in it:

  - the endpoint's own cable restricts `vlans` and leaves the
    interface's VLAN out: the access switch never sees the endpoint;
  - the switches the endpoints hang from are cabled together, but only
    through trunks whose `vlans` list leaves the VLAN out, so the VLAN
    falls apart into islands: the finding names the trunk, the endpoints
    that are cut off and the flows whose legs can no longer reach their
    receivers (the analysis reports those deliveries as "no path carries
    VLAN").

Among the paths between two islands the rule picks one that crosses the
fewest restricted trunks, so adding the VLAN to the trunks it names is
enough to join them. In an L3 fabric (routing.mode "l3") a routed VLAN
may be split across leaves on purpose and reach the rest through routing;
there only the endpoints' own cables and unreachable flows are checked.

The finding points at the link's `vlans` list, with the endpoint
interfaces as related positions.

How to fix: add the VLAN to the trunk's `vlans` list, or remove the list so
the trunk carries every VLAN of its plane; for an endpoint's cable, make
the list match the interface's `vlan`/`vlans`.
*/
package trunkvlan
