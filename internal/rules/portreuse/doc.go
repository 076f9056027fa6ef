/*
Package portreuse defines the rule AV-L2-002: a port is used by two links.

An Ethernet link is point to point (IEEE 802.3 clause 1.4: a link is the
transmission path between two PHYs); a port takes one cable, or one
transceiver. Two links of the design that name the same "device:interface"
cannot both be patched, and the generated configuration, cabling schedule
and diagrams would disagree with the rack. A link whose two ends are the
same port is a loop on itself and is reported too.

The finding points at the end of the second link (in label order) and
shows where the first link uses the port.

How to fix: move one of the cables to a free port, or delete the duplicate
link (the same cable declared twice under two labels).
*/
package portreuse
