/*
Package gatewayinsubnet defines the rule AV-IP-004: a gateway or IGMP querier address is outside its subnet.

A host reaches other subnets through a router on its own subnet (RFC 1122
§3.3.1.1: the first-hop gateway must be on a directly connected network);
a VLAN gateway outside the VLAN's subnet is unreachable, and every host of
the VLAN is cut off from the rest of the facility. The subnet's first and
last addresses are its network and broadcast addresses (RFC 950, RFC 1122
§3.2.1.3) and cannot be a gateway's.

The IGMP querier of a VLAN sends General Queries from its own address in
that VLAN (RFC 2236 §3 and RFC 3376 §6.6.2: the querier is elected by
lowest IP address on the network); snooping switches (RFC 4541 §2.1.1)
learn the multicast router port from those queries. A querier address
outside the VLAN's subnet is never elected and never heard, so receivers'
memberships time out and ST 2110 flows stop after the membership interval.
The design may also name the querier by device; that name must be a device
of the design.

The finding points at the gateway or querier and shows where the subnet is
declared; a querier name that matches no device gets a did-you-mean.

How to fix: use an address inside the VLAN's subnet, other than its first
and last (by convention the gateway is the first host address, e.g.
10.110.0.1 in 10.110.0.0/24), or name an existing device as querier.
*/
package gatewayinsubnet
