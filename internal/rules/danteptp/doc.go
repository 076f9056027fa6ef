/*
Package danteptp defines the rule AV-DANTE-001: a PTPv1 Dante device exchanges audio with PTPv2-only devices and nothing bridges the two.

A Dante device is one with an audio.dante block, or one that sends or
receives a flow of essence dante. The rule looks at every Dante device
that clocks with PTPv1 only (ptp.version: 1, the first generation of
Dante devices) and at the devices it exchanges flows with, as sender or
as receiver. A peer runs PTPv2 only when it is not a Dante device and
does not declare ptp.version 1: ST 2110 and AES67 devices clock with
IEEE 1588-2008 PTPv2 (SMPTE ST 2110-10:2022 §7.2; AES67's
synchronization clause).

What counts as a bridge: a Dante device in AES67 mode
(audio.dante.aes67Mode: true) that does not itself declare ptp.version
1, in a VLAN the PTPv1 device is also in. Such a device runs PTPv1 and
PTPv2 at the same time and, when it leads the clock, serves both, which
Audinate names "devices using both PTPv1 and PTPv2 to bridge the
protocols" (Dante Controller user guide, Clock Config tab). It must
share the VLAN because PTP messages go to link-local multicast groups
that no router forwards. Dedicated Dante leader clocks with AES67
support count when declared that way. A switch boundary clock does not
translate between PTP versions, so switches are not bridges.

Why: PTPv1 (IEEE 1588-2002) and PTPv2 (IEEE 1588-2008) are not
compatible on the wire; a PTPv1-only device and a PTPv2-only device
elect different leaders and their clocks drift apart. Audio passed
between them slips: clicks every few seconds, then dropouts. Dante
Controller warns that turning PTPv1 off "may disrupt clocking if there
are PTPv1-only devices on the network and no devices using both PTPv1
and PTPv2 to bridge the protocols".

How to fix: enable AES67 mode on a recent Dante device in the same VLAN
so that it bridges PTPv1 and PTPv2 (audio: dante: aes67Mode: true), or
replace or upgrade the PTPv1-only device.

Schema gap: a design cannot declare a non-Dante device (a grandmaster
serving PTPv1 and PTPv2 on one port) as a bridge.
*/
package danteptp
