/*
Package linkspeed defines the rule AV-L2-003: a link's speed is above what either port supports, or the two ends disagree.

IEEE 802.3 defines each line rate by its own PHY (1000BASE-T clause 40,
10GBASE-R clause 49, 25GBASE-R clause 107, 100GBASE-R clause 82…): a link
comes up at a rate both PHYs implement, never above the slower one, and
auto-negotiation (clause 28 for twisted pair, clause 73 for backplane and
copper cable) only chooses among the rates both ends advertise. A 25G
link on a 1G RJ-45 port, or on a camera whose interface is declared 10G,
does not exist; the bandwidth checks (AV-BW-*) would then compute loads
against a line rate the cable never reaches.

What a port supports comes from its device type (the highest speed of the
port, as the maker's datasheet and NetBox's devicetype-library list it)
and, for any device, from the interface's `speed` in the design. When both
ends declare a speed (devices.<name>.interfaces.<if>.speed) and they
differ, one of them is wrong: the ports would be forced to different
rates and the link would stay down.

The finding points at the link's speed (or at the link, when its ends
disagree) and shows where each limiting speed is declared.

How to fix: set the link's speed to what both ends support, move the cable
to a faster port, or correct the interface's declared speed.
*/
package linkspeed
