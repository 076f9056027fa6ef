/*
Package storagethroughput defines the rule AV-STO-001: a storage server's network or disk throughput is below what its clients need, with headroom.

Edit suites, digital audio workstations, playout and ingest servers read
and write media on shared storage while they work: an editor scrubbing a
multicam timeline reads several streams at once, a playout server reads
every channel it airs. When the server cannot deliver the sum of those
streams, every client stalls at the same time: dropped frames in the
timeline, a frozen channel on air. The two ceilings are the server's
network links and its disk array.

Clients and streams. A device's workstation block says how many streams
it reads at once (workstation.streams) and at which bit rate
(workstation.bitrate, e.g. "400M" for ProRes 422 HQ 1080p50); its quantity
multiplies it. A client uses a storage server when one of its
workstation.users belongs to a group that has access to a share of that
server (shares.<name>.server, shares.<name>.access). Clients that no share
ties to a server (ingest and playout servers often have no users) are
counted on the storage servers that have no share, or, when every server
has shares, on the facility's only storage server; with several servers
that all have shares they are not counted (give them users, or a share).
A storage server is a device with a storage block or with role "storage".

Ceilings. The network ceiling is the sum of the line rates of the
server's cabled links, except those of interfaces only in management
VLANs. The disk ceiling is storage.throughput when the design states it.

Headroom. Sustained throughput planning keeps 20–30 % margin for
metadata, protocol overhead (SMB/NFS, TCP) and rebuilds (a RAID rebuild
can halve the array's throughput); avnet requires the ceiling to be at
least 1.25 times the demand.

How to fix: add or speed up the server's links (LACP, 25G instead of 10G),
use a faster array (more spindles, SSD, RAID 10 instead of RAID 6), spread
the clients over several servers (with shares), or lower the streams or
the bit rate (a proxy workflow).
*/
package storagethroughput
