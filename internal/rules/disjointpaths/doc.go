/*
Package disjointpaths defines the rule AV-RED-001: the two legs of an ST 2022-7 flow share a switch or a link.

SMPTE ST 2022-7 (seamless protection switching of RTP datagrams) has the
sender emit two identical RTP streams and the receiver rebuild one from
whichever packets arrive, so that the loss of a packet, a link or a
whole switch on one path costs nothing. That only holds if the two
streams travel over independent paths: ST 2022-7:2019 describes the
streams as sent over separate network paths, and broadcast facilities
build two physically separate networks, red and blue, for it. A switch
or a cable that carries both legs is a single point of failure: when it
fails or is rebooted, both copies are lost together and the receiver has
nothing to switch to.

For each flow with `protection: "st2022-7"` the rule compares its legs,
two by two: the links of their multicast trees (every cable either leg
crosses to reach any receiver) and the switches, routers and firewalls
on their paths. Senders and receivers are naturally on both paths and
are not counted.

The finding points at the flow's `protection`, names every shared switch
and link, and relates them to where they are declared.

How to fix: cable each leg's interface to a switch of its own plane, keep
the red and blue switches unconnected, and check that no plane-less
switch sits on both paths.
*/
package disjointpaths
