/*
Package channelorder defines the rule AV-ST30-002: an audio flow's channel order does not add up to its channels.

A flow may say how its channels are grouped (audio.channelOrder, SMPTE
ST 2110-30:2017 §6.2.2): M (mono, 1 channel), DM (dual mono, 2), ST
(stereo, 2), LtRt (matrix stereo, 2), 51 (5.1, 6), 71 (7.1, 8), 222
(22.2, 24), SGRP (an SDI audio group, 4), U01 to U64 (an undefined group
of that many). avnet writes it in the flow's SDP as
channel-order=SMPTE2110.(ST,ST,…). The rule checks that the groups take
exactly the flow's channels.

Why: a receiver maps the stream's channels to its inputs by this order.
When the groups describe fewer channels than the stream carries, the
rest arrive unlabelled; when they describe more, a receiver either
refuses the SDP or waits for channels that never come. A console that
patches "the second stereo pair" finds it in the wrong place.

How to fix: make the groups add up to audio.channels (8 channels: four
ST, or one 71, or 51 plus ST), or change audio.channels to what the
groups describe. Use U## for channels with no defined grouping.
*/
package channelorder
