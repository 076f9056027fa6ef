/*
Package st22rate defines the rule AV-ST22-001: a compressed ST 2110-22 flow declares neither its bit rate nor its compression ratio.

For every flow of essence st2110-22, the rule checks that video.bitrate
(the codestream rate, e.g. "200M") or video.ratio (the compression
ratio against the uncompressed ST 2110-20 picture, e.g. 10 for 10:1) is
set.

Why: SMPTE ST 2110-22:2022 carries constant-bit-rate compressed video
(JPEG XS, RFC 9134): every frame has the same number of octets and
packets, and the SDP announces the rate with b=AS (§7.3). The rate is a
choice of the sender, not a property of the format: JPEG XS at 1080p59.94
runs anywhere from about 100 Mb/s to 1 Gb/s. Without it avnet cannot
compute the flow's bit rate, so the flow counts for nothing in the link
loads (AV-BW-001, AV-BW-002) and the SDP cannot be written. It is a
warning because the design is incomplete rather than wrong.

How to fix: declare the rate the encoder is set to (video: bitrate:
"150M"), or its compression ratio (video: ratio: 10); the hint shows
what a 10:1 ratio gives for the flow's format.
*/
package st22rate
