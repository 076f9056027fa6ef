/*
Package ptpdomainmix defines the rule AV-PTP-002: devices that exchange media sit in PTP domains with different domain numbers or profiles.

ST 2110 and AES67 receivers do not recover the sender's clock from the
stream: both ends derive their media clock from PTP, and the RTP timestamp
a sender writes is read by the receiver against its own PTP time (the system timing of SMPTE ST
2110-10:2022, AES67-2018 §4 and §5). That only works when sender and
receiver follow the same grandmaster, that is when they sit in the same
PTP domain: same domainNumber and the same profile parameters (IEEE
1588-2008 §7.1: clocks of different domains do not interact). A receiver
in another domain sees timestamps from a clock that drifts against its
own: the playout buffer slowly empties or overflows, audio clicks, video
drops or repeats frames, and lip sync walks.

The rule looks at every PTP-timed flow (st2110-20, -22, -30, -31, -40,
aes67, dante) and compares the PTP domain of its sender with that of each
receiver (devices.<name>.ptp.domain). Two domain entries of the design
with the same domainNumber and profile are the same domain on the wire (a
design often declares one per plane), so they match. Devices without a
ptp block, or with mode "none", are not compared. A pair of devices is
reported once, on the first flow between them.

How to fix: put both devices in the same PTP domain. A facility that mixes
AES67 audio and ST 2059-2 video devices usually runs one domain with the
AES-R16-2016 common parameters (profile "aes-r16"), which both kinds of
device accept; otherwise a device that is slave in one domain and master in
the other (a gateway or a boundary clock with domain translation) must
bridge them, and the flows go through it.
*/
package ptpdomainmix
