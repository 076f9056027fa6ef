/*
Package planebridge defines the rule AV-RED-003: a device other than a declared plane gateway bridges two planes.

The red and blue planes of an ST 2022-7 facility are two physically
separate networks: SMPTE ST 2022-7 protects a stream only if no single
fault can hit both paths, and a broadcast storm, a spanning-tree event, a
multicast flood or a PTP fault in one plane must not reach the other.
JT-NM TR-1001-1:2020 states it for media nodes: they "shall not bridge or
forward traffic from one network to another under any circumstance". An
endpoint with one interface on each plane is therefore normal (it is how
2022-7 devices are dual-homed) as long as it does not forward; the rule
looks at the devices that do forward: switches, routers and firewalls
(by role, or by the kind of their device type).

A forwarder joins the planes when:

  - a link ties it to a forwarder of the other plane (a switch of plane
    red cabled to a switch of plane blue), whatever the link carries;
  - it belongs to two planes through what it is cabled to: its own
    `plane`, its own interfaces' planes and VLANs, the forwarders of a
    plane it has a data link to, the planed VLANs listed on its trunks
    to plane-less forwarders, and the planed VLANs of the endpoint
    interfaces cabled to it. That catches a plane-less core switch with
    red and blue leaves, a switch that puts one control VLAN on both
    planes' switches, and a red switch with a camera's blue interface
    plugged into it.

A chain of plane-less switches that together reach both planes is
reported only where one switch touches both; the rule does not follow
unrestricted trunks from switch to switch, since avnet creates a VLAN
only on the switches that serve it.

Management links (to a port the device type marks `mgmtOnly`, or to the
device's `mgmt.interface`) are out-of-band and do not count, and VLANs
without a plane (management, control) belong to no plane.

A device may join the planes on purpose: a router or firewall that passes
only control traffic between them, declared with `planeGateway: true`.
Such devices, and links to them, are not reported.

The finding points at the device's `plane` (or the device) or at the
link, and names what brings each plane in.

How to fix: keep each switch in one plane (re-cable the endpoint to a
switch of its interface's plane, remove the link between the planes), or
declare a deliberate, filtered gateway with `planeGateway: true`.
*/
package planebridge
