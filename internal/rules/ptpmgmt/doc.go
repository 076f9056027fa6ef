/*
Package ptpmgmt defines the rule AV-PTP-006: PTP management messages are not dropped toward end hosts.

IEEE 1588-2008 clause 15 defines management messages: any node can GET
and SET the data sets of any clock in the domain (priority1, the domain
number, the message intervals) and issue commands such as INITIALIZE, with
no authentication. Boundary clocks pass management messages on to their
other ports and transparent clocks forward them like any other PTP message
(IEEE 1588-2008 clauses 15 and 10), and the SMPTE ST 2059-2 (2015 §5.3)
and AES67 profiles keep the mechanism. One misconfigured or compromised end host
(a laptop running `pmc`, a device with a buggy PTP stack) can therefore
reconfigure the grandmasters and every boundary clock of a facility. Media
switches designed for ST 2110 can drop management messages on their edge
ports; broadcast network designs (vendor PTP deployment guides) do so on every port that faces an end host, keeping management to
the monitoring system's own port if needed.

The rule warns for each switch that runs PTP (ptp.mode "boundary" or
"transparent") with ports toward end hosts (links to devices that are not
switches) when devices.<name>.ptp.dropManagement is
false. The field defaults to true: avnet's switch configuration then
filters management messages on edge ports.

How to fix: leave dropManagement at its default (true); if a PTP monitoring
tool needs management access, give it a port of its own on a switch that
allows it, and waive this rule for that switch with the reason.
*/
package ptpmgmt
