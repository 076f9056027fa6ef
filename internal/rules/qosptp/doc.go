/*
Package qosptp defines the rule AV-QOS-002: PTP is not in the highest-priority strict queue, or shares a queue with media.

A PTP slave measures the time a Sync message took to reach it and assumes
it is constant. Every microsecond a Sync or Delay_Req message waits in a
switch queue behind other traffic is seen as clock offset; a boundary or
transparent clock removes its own residence time, but only for the time it
measures, and a PTP-unaware hop or a congested egress port still adds
packet delay variation. PTP must therefore leave every port first: in the
highest strict-priority queue, alone (AES67-2018 §6.2 gives clock traffic
its own DiffServ class, EF 46, above media AF41 34; Audinate puts PTP
events in CS7 56, the highest). A media class in the same queue puts
video bursts, tens of packets at line rate, in front of Sync.

PTP's class is the class named "ptp" (or whose name contains "ptp"), else,
in a design with PTP domains, the class that lists EF 46 and that no flow
uses. Queue numbers follow the usual switch convention, 7 the highest
priority. The rule reports, for a design with PTP domains:

  - no class that carries PTP;
  - PTP's class scheduled "weighted" instead of "strict";
  - a class in a higher queue than PTP's;
  - a class in the same queue as PTP's.

How to fix: declare qos.classes.ptp: {dscp: [46], queue: 7, scheduling:
"strict"} (add 56 if Dante devices send PTP events) and move every other
class to a lower queue.
*/
package qosptp
