/*
Package ptpplanecross defines the rule AV-PTP-005: PTP crosses from one plane to the other.

SMPTE ST 2022-7 protects a flow by sending it twice over two physically
separate networks, the red and blue planes: any single failure in one
plane leaves the other intact (SMPTE ST 2022-7:2019 §5; JT-NM TR-1001-1
requires the two networks to share no point of failure). PTP is part of
that: each plane is timed by its own clock tree, fed by grandmasters that
have a port on each plane (AES67-2018 and SMPTE ST 2059-2 devices run the
best master clock algorithm independently on each port). When a switch or
a link joins the two planes, the best master clock algorithm builds one
tree across both: a grandmaster failure, a rogue master or a loop on one
plane then re-times the other, and both legs of every flow fail together.
A boundary clock forwards PTP on every port where it runs, and a switch
that does not run PTP floods its multicast, so any forwarding path between
the planes carries PTP.

The rule takes every clock tree avnet computes (one per domain and per
connected part of the network) and looks at the switches in it (routers
and firewalls route between their interfaces, and PTP multicast is not
routed). A device's plane is its `plane` field or, for a switch
without one, the plane of the VLANs on its endpoint ports (vlans.<name>.plane
and interfaces' plane). It reports:

  - a link between two switches of different planes;
  - a switch without a plane that links switches of both planes;
  - a switch whose endpoint ports carry VLANs of both planes.

A router or firewall between the planes (a declared plane gateway, for
control traffic) is not a crossing, and neither are dual-homed endpoints
(a grandmaster or a camera with a port per plane): they do not forward
PTP.

How to fix: remove the link or the device that joins the planes, or, when a
control-plane link between them is required, carry only non-media VLANs on
it and disable PTP on both its ports; feed each plane from a grandmaster
port of its own.
*/
package ptpplanecross
