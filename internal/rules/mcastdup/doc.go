/*
Package mcastdup defines the rule AV-MC-003: two flows share a destination group and UDP port.

A receiver subscribes to a stream by its destination: the group it joins
with IGMP and the UDP port its socket listens on, the pair that the
stream's SDP file carries in its c= and m= lines (RFC 8866 §5.7, §5.14)
and that NMOS IS-05 hands to the receiver. RFC 3550 §3 defines an RTP
session by that same destination transport address. Two flows sent to the
same group and port are therefore one RTP session with two sources: every
receiver of either gets both streams in one socket, interleaved packet by
packet, and a 2110 receiver that locks to one SSRC still has its link and
its input buffers filled by the other. The same group with different
ports is not this rule's concern; that still doubles the traffic a
receiver's port carries, which AV-BW-003 measures.

Legs on different planes never meet (red and blue are separate networks,
ST 2022-7), so a red leg and a blue leg may reuse a group and port; a
single-plane flow meets every plane.

The finding points at the second flow's `group` or `groups.<plane>` (in
name order), with the first as related position.

How to fix: give each flow its own group (the hint proposes the next free
address); keep one numbering plan, e.g. 239.<plane>.<kind>.<n>.
*/
package mcastdup
