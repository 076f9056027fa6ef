/*
Package ptpunaware defines the rule AV-PTP-004: a switch on a media path is neither a boundary nor a transparent clock.

A PTP slave computes its offset from the time a Sync message took to reach
it, assuming the path delay is the same in both directions and does not
change between one exchange and the next (IEEE 1588-2008 §11.3). A switch
that does not take part in PTP queues Sync and Delay_Req messages behind
media packets: the delay they see varies with the load of each port, that
packet delay variation goes straight into the slaves' offset, and with
ST 2110 video bursting at line rate it reaches microseconds. The two PTP
device types that remove it are the boundary clock, which terminates PTP on
every port and masters the next hop from its own disciplined clock, and the
transparent clock, which adds the residence time of each event message to
its correctionField (IEEE 1588-2008 §6.5, clause 10 and §11.5). SMPTE
ST 2059-2:2015 §5.8 permits both node types in the profile, and ST 2059-2
and AES67 networks that carry media and PTP on the same switches use one
of them on every hop.

The rule walks the paths avnet computes for every PTP-timed flow (st2110-20,
-22, -30, -31, -40, aes67, dante: the flows whose receivers rebuild their
clock from PTP) and warns for every switch on them whose
devices.<name>.ptp.mode is not "boundary" or "transparent" (no ptp block,
"none", or "ordinary", which a switch cannot be for the traffic it
forwards). A design without any PTP domain is not checked.

How to fix: set ptp.mode "boundary" (the usual choice for ST 2110 leaf and
spine switches) or "transparent" on the switch, with the domain of the
devices it serves, or use a switch model that supports PTP in hardware.
*/
package ptpunaware
