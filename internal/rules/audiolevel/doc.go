/*
Package audiolevel defines the rule AV-ST30-001: an audio flow is outside the ST 2110-30 conformance level of a receiver.

For every ST 2110-30 (and AES67) flow, the rule checks the flow's sample
rate, packet time and channel count against the conformance level each
receiver declares in capabilities.audioConformance. SMPTE ST 2110-30:2017
§7 (Table 2) defines what a receiver of each level must accept:

	A   48 kHz, 1 to 8 channels, 1 ms
	AX  A, and 96 kHz with 1 to 4 channels at 1 ms
	B   A, and 48 kHz with 1 to 8 channels at 125 µs
	BX  B, and 96 kHz with 1 to 4 channels at 1 ms or 1 to 8 at 125 µs
	C   A, and 48 kHz with 1 to 64 channels at 125 µs
	CX  C, and 96 kHz with 1 to 4 channels at 1 ms or 1 to 32 at 125 µs

Every level keeps an L24 packet at 1152 octets of audio (8 × 48 × 3,
64 × 6 × 3, 4 × 96 × 3, 32 × 12 × 3). Other packet times (250 µs,
333 µs, 4 ms) and 44.1 kHz are in no level. Receivers that declare no
level are not checked (every receiver implements level A, but avnet does
not assume what the design does not say).

Why: a receiver is built to the level it claims: its buffers, its packet
parser and its channel count. A flow outside the level may be refused at
connection or, worse, accepted and played with missing channels. The
level is the contract between sender and receiver that lets a design
mix vendors.

How to fix: send what the level takes (48 kHz, 1 ms and at most 8
channels fits every receiver: split a 16-channel flow into two), or use
a receiver of a higher level (the hint names the lowest level that would
accept the flow).
*/
package audiolevel
