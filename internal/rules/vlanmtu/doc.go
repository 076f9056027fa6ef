/*
Package vlanmtu defines the rule AV-L2-005: a VLAN's MTU is smaller than the datagrams of a flow in it.

For every flow whose bit rate avnet can compute, the rule takes the
largest IPv4 datagram the flow sends (essence MaxIPBytes: payload and
payload headers, RTP 12, UDP 8 and IPv4 20 octets; for example 1479 for
ST 2110-20 4:2:2 10-bit at the standard UDP size, 1424 for ST 2022-6 with its 1376
octets of SDI data, 1356 for MPEG-TS over RTP, 1500 for NDI) and checks
it against the MTU of every VLAN the flow travels in: the sender's VLAN
on each leg and, in a routed (L3) fabric, the VLAN of each receiver's
interface. A VLAN without an `mtu` has the schema's 1500.

Flows that chose datagrams above the ST 2110-10 standard UDP size
(video.maxUDP above 1460) are left to AV-ST20-002, which reports a path
MTU too small for them on the flow's own maxUDP: one finding per cause.

Why: the MTU is the largest IP packet a link forwards. A switch drops a
larger frame at ingress or egress, and ST 2110 senders set "don't
fragment" and receivers need not reassemble (SMPTE ST 2110-10:2022 §6.3),
so a VLAN whose MTU is below the flow's datagrams delivers nothing of it,
silently. Ethernet's 1500-octet default is what every standard-size
media flow assumes; an MTU lowered for a tunnel or an IT convention
breaks them.

How to fix: set the VLAN's `mtu` to at least the size the finding names
(1500, or 9000 for jumbo frames) and configure the same MTU on every
switch port and SVI of the VLAN.
*/
package vlanmtu
