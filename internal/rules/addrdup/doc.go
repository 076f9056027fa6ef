/*
Package addrdup defines the rule AV-IP-003: an address is used twice.

An IPv4 unicast address identifies one interface (RFC 791 §2.3; RFC 1122
§3.3.4.1). Two interfaces with the same address answer ARP for it in turn
(RFC 826), and traffic for one host reaches the other: a camera that
takes its VLAN gateway's address cuts the whole VLAN off its router, a
receiver that shares a sender's address receives its unicast RTCP and
NMOS traffic. Hosts detect the conflict only when they probe for it (RFC
5227), which many media devices do not do.

The addresses collected are every interface address
(devices.<name>.interfaces.<if>.ip), every management address
(devices.<name>.mgmt.ip) and every VLAN gateway. Three uses are one
address, not a duplicate:

  - a switch, router or firewall interface in a VLAN whose address is that
    VLAN's gateway is the gateway itself (its SVI; two switches that both
    carry it run an anycast or virtual-router gateway);
  - a device's management address equal to one of its own interface
    addresses (in-band management over that interface), or, on a switch,
    router or firewall, to the management VLAN's gateway;
  - an IGMP querier address names a switch's existing address; it is a
    reference, not a use.

The finding points at the later use and shows where the address is
already used. Uses are ordered gateways first, then switches, routers and
firewalls, then the other devices, each in name order: the planned
infrastructure address stands, the endpoint that collides with it is
reported.

How to fix: give each interface its own address; the hint proposes a free
one in the same subnet.
*/
package addrdup
