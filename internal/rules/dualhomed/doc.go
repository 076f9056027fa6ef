/*
Package dualhomed defines the rule AV-RED-002: a sender or receiver of an ST 2022-7 flow lacks an interface on one of the flow's planes.

A flow with `protection: "st2022-7"` is sent twice, one leg per plane
(`groups.red`, `groups.blue`), over two separate networks. SMPTE ST
2022-7 protects a receiver only when both copies reach it, and JT-NM
TR-1001-1 asks a media node connected to two media networks to support
2022-7 on them, with a separate interface (and subnet) per network. So
the sender needs an interface on each plane to emit both legs, and every
receiver needs one on each plane to take both in. A device with a single
interface, or with its second interface not cabled, gets one copy: a
failure on that plane is a failure of the stream.

An interface is on a plane when its own `plane` says so, or when one of
its VLANs belongs to the plane. A protected flow must also declare at
least two planes in `groups`.

The finding points at the device's interfaces (or the uncabled one),
names the flows that need the missing plane, and relates it to the
flow's leg on that plane. A device missing the same plane for several
flows is reported once.

How to fix: give the device an interface in a VLAN of the missing plane
and cable it to a switch of that plane; or, if the device cannot do
2022-7, drop `protection` and accept a single-plane flow.
*/
package dualhomed
