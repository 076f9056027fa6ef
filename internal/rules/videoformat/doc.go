/*
Package videoformat defines the rule AV-ST20-001: a video format is unknown, or its sampling and depth have no ST 2110-20 pixel group.

For every ST 2110-20 flow (and every ST 2110-22 flow, whose format sets
its frame rate and, with a compression ratio, its uncompressed size) the
rule checks that avnet can packetize the picture:

  - video.format names a known raster and rate (1080p59.94, 1080i50,
    2160p50, 720p50, 576i50…; interlaced rates are field rates);
  - video.sampling and video.depth have a pixel group (pgroup) in SMPTE
    ST 2110-20:2022 §6.2.4 Tables 1–3: 4:2:0 has none at 16 bits;
  - the raster is a whole number of pgroups (a 4:4:4 10-bit pgroup
    covers 4 pixels, so the width must be a multiple of 4);
  - Block Packing Mode (packing: "BPM") has pgroups that divide its
    180-octet blocks (ST 2110-20:2022 §6.3.3): 16-bit 4:2:2 (8 octets)
    does not.

Why: ST 2110-20 carries pixels in pgroups, the smallest run of whole
octets that holds whole pixels, and never splits one across packets. A
sampling and depth without a pgroup cannot be sent at all, and a format
avnet does not know has no bit rate, so the flow silently drops out of
every link load (AV-BW-001) and path check. Receivers are built for the
formats of VSF TR-05; an odd raster will not be accepted anyway.

How to fix: use a format of the list the finding gives, a depth the
sampling supports (8, 10 or 12 bits for 4:2:0; 8, 10, 12 or 16 for the
others), and General Packing Mode (the default) when BPM does not fit.
*/
package videoformat
