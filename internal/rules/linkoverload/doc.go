/*
Package linkoverload defines the rule AV-BW-001: a link direction carries more than its line rate.

For every direction of every cable, the rule adds up the planning rate of
each flow leg that crosses it (analysis Loads: a multicast leg counts once
per link direction of its distribution tree, whatever the number of
receivers behind it) and compares the sum with the link's line rate.

The planning rate is the wire rate at layer 1 (payload, RTP, UDP, IPv4,
Ethernet header and FCS, preamble and inter-frame gap). For ST 2110-20 and
-22 senders of type 2110TPN and 2110TPW it is the peak of the gapped read
schedule: the packets of a frame are sent during the active part of the
frame only, so the instantaneous rate is the average divided by RACTIVE,
i.e. ×1125/1080 for 1080-line and 2160-line video (SMPTE ST 2110-21:2022
§6.3). Type 2110TPNL (linear) senders are counted at their average rate.

Why: a switch cannot send more bits per second on a port than its line
rate. What does not fit waits in the egress buffer, which holds well under
a millisecond of traffic at 25 Gb/s, and is then dropped. Uncompressed
media has no retransmission: every lost packet is a visible hit in the
picture or a click in the sound, on every receiver behind that link, and
ST 2022-7 protection does not help if the other plane is loaded the same
way.

The finding gives the load in Gb/s and in percent of the line rate and
names the flows that weigh most on the link direction.

How to fix: use a faster link (the hint names the smallest standard speed
that fits), move senders or receivers so that fewer flows cross this link,
send fewer or lighter flows (ST 2110-22 instead of -20, 4:2:2 instead of
4:4:4), or use 2110TPNL senders, whose peak equals their average.
*/
package linkoverload
