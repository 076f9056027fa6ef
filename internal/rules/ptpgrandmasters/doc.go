/*
Package ptpgrandmasters defines the rule AV-PTP-003: a domain has fewer than two grandmasters, or two with the same priority1.

Every clock of a PTP domain follows the grandmaster that the best master
clock algorithm elects (IEEE 1588-2008 §9.3). When the only grandmaster
fails, or loses its GNSS reference and degrades its clockClass, the domain
either free-runs or elects whatever clock announces the next best dataset:
often a camera or a switch with a free-running oscillator, and every
device then follows a clock that drifts. SMPTE ST 2059-2 and AES67
facilities therefore run at least two grandmasters, a primary and a backup,
ideally on separate power and GNSS antennas (the usual advice of PTP
deployment best practices).

The algorithm compares, in order, priority1, clockClass, clockAccuracy,
offsetScaledLogVariance, priority2 and finally the clock identity (IEEE
1588-2008 §9.3.4). Two grandmasters with the same priority1 and
the same quality leave the choice of the primary to their clock
identities, derived from MAC addresses: the design no longer says which one
leads, and replacing a unit can silently swap the roles. priority1 is the
attribute meant for that choice.

The rule counts the grandmasters declared under ptp.<domain>.grandmasters
that exist as devices. It warns when a domain used by devices has fewer
than two; and, following PTP from each grandmaster through switches
(not through endpoints, nor routers and firewalls, which do not route PTP
multicast: red and blue planes stay apart unless a grandmaster has a port
on each), when devices of the domain
are reached by only one of its grandmasters. It also warns when two
grandmasters that reach the same devices share priority1.

How to fix: declare a second grandmaster reachable from the same part of
the network (a grandmaster with a port on each plane serves both), and give
each grandmaster its own priority1, the primary the lowest (e.g. 1 and 2).
*/
package ptpgrandmasters
