/*
Package udpsize defines the rule AV-ST20-002: a flow's UDP datagrams are larger than ST 2110 or its path allows.

The rule checks the UDP size a video flow (ST 2110-20, -22, -40) chooses
with video.maxUDP, the largest UDP datagram it sends, header included:

  - maxUDP above 8960 octets: larger than the Extended UDP Size Limit of
    SMPTE ST 2110-10:2022 §6.4;
  - an ST 2110-40 ancillary flow above 1460 octets: ST 2110-40:2023
    §5.2.1 allows only the Standard UDP Size Limit;
  - datagrams above the standard 1460 octets whose IPv4 packets (maxUDP
    plus the 20-octet IPv4 header, e.g. 8980 for maxUDP 8960) are larger
    than the MTU of a VLAN on the flow's path (the sender's VLAN and, in a
    routed fabric, the receivers' VLANs);
  - an audio flow (ST 2110-30, ST 2110-31, AES67) whose packet, channels
    × samples per packet time × octets per sample, is larger than the RTP
    payload the standard UDP size leaves (1460 − 8 − 12 = 1440 octets):
    64 channels of L24 at 1 ms are 9216 octets. The message is the one
    `avnet calc` gives for the same flow.

Flows that keep the standard 1460 octets and still do not fit a VLAN are
AV-L2-005's finding, reported on the VLAN: one finding per cause.

Why: ST 2110-10 §6.3 fixes a Standard UDP Size Limit of 1460 octets that
every receiver accepts; a sender may use larger datagrams, up to the
Extended UDP Size Limit of 8960 octets, only when it signals them with
MAXUDP in its SDP (§6.4, §8.6), and receivers that see no MAXUDP assume
1460. Senders never fragment and receivers need not reassemble, so a
datagram larger than a link's MTU is simply dropped by the switch: the
whole flow disappears, not a few packets. Jumbo datagrams therefore need
jumbo frames (MTU 9000) on every VLAN, port and SVI they cross.

How to fix: for audio, send at most the channels that fit (the message
says how many), split the flow, or use a shorter packet time (64 L24
channels fit at 125 µs, ST 2110-30 level C). For video, keep the standard maxUDP 1460 (the default) unless every
receiver and the whole path take jumbo frames; with jumbo datagrams use
maxUDP 8960 and set mtu: 9000 on every VLAN the flow crosses.
*/
package udpsize
