// Package essence computes the bit rate and packet rate of professional media
// flows (SMPTE ST 2110-20/-22/-30/-31/-40, AES67, ST 2022-6, Dante, MPEG-TS,
// SRT, NDI) from first principles, layer by layer, so that a bandwidth
// validator can compare them against link capacities.
//
// The package is pure and dependency-free: no I/O, no globals that change.
//
// # Layers
//
// Every Result carries a Layer with four figures in bits per second:
//
//	Payload  media octets only (pixels, audio samples, SDI words, TS packets)
//	IP       + RTP header 12 + payload headers (2110-20 extended sequence
//	           number 2 + 6 per Sample Row Data header, HBRMT 8, RFC 8331 8,
//	           RFC 9134 4, SRT 16) + UDP 8 + IPv4 20 (no IP options)
//	L2       + Ethernet header 14 + FCS 4 (+ 4 when the frame is 802.1Q
//	           tagged, see Tagged), padded to the 64-octet minimum frame
//	L1       + preamble/SFD 8 + inter-frame gap 12: what occupies the wire
//
// Untagged frames are the default because ST 2110 edge ports are normally
// access ports; set Tagged (or call Result.WithVLAN) for trunk links.
//
// # Planning rate versus average
//
// Result.Bitrate is the rate a link must be able to carry: for ST 2110-21
// gapped senders (2110TPN, 2110TPW) the packets of a frame are squeezed into
// the active period, so the instantaneous rate is the average divided by
// RACTIVE (1080/1125 for progressive video, i.e. ×1125/1080). SRT adds the
// 25 % retransmission headroom of libsrt. Result.Average keeps the long-term
// average for capacity sums where bursts do not align.
//
// # Sources
//
//   - SMPTE ST 2110-10 (UDP size limits 1460 / 8960), ST 2110-20 (pgroups,
//     GPM/BPM, "one, two or three SRD headers"), ST 2110-21 (TRS, TROFFSET,
//     CMAX, VRX_FULL), ST 2110-30, ST 2110-31, ST 2110-40 / RFC 8331,
//     ST 2110-22 / RFC 9134, ST 2022-6, AES67, RFC 4175, RFC 2250.
//   - Intel/OpenVisualCloud Media Transport Library: lib/src/st2110/st_fmt.c
//     (pgroup table), st_tx_video_session.c (GPM_SL 1200-octet packets, 4320
//     packets per 1080p frame, BPM ST_VIDEO_BPM_SIZE 1260),
//     st_rx_timing_parser.c (CMAX/VRX formulas, TROFFSET lines), mtl_api.h
//     ("standard UDP is 1460 bytes, and UDP headers are 8 bytes").
//   - EBU LIST (ebu/pi-list) cpp/libs/st2110/lib/src/ebu/list/st2110/d21/
//     settings.cpp (RACTIVE, TRO_DEFAULT multipliers, CMAX, VRX_FULL).
//   - NVIDIA/Mellanox Rivermax sdp_extractor.c (BPM payload multiple of 180,
//     UDP size limit includes the 8-octet UDP header, up to three SRDs).
//   - upipe bitstream/smpte/2022_6_hbrmt.h (HBRMT header 8 octets plus an
//     optional 4-octet video timestamp, 1376-octet media payload).
//   - Audinate Dante Controller user guide (unicast flows carry up to 4
//     channels; multicast flow size is device dependent).
//   - draft-sharabayko-srt (16-octet SRT header), Haivision SRT docs (1316
//     octet live payload, SRTO_OHEADBW default 25 %).
package essence
