package essence

import (
	"strings"
	"testing"
)

const ntsc = 60000.0 / 1001 // 59.94 exactly

// TestPgroups pins the ST 2110-20 pgroup table (octets, pixels), as listed
// in MTL st_fmt.c st20_pgroups and Rivermax sdp_extractor.c.
func TestPgroups(t *testing.T) {
	tests := []struct {
		sampling        string
		depth           int
		octets, pixels  int
		bitsPerPixelX10 int // sanity: 10 x bits per pixel
	}{
		{"YCbCr-4:2:2", 8, 4, 2, 160}, {"YCbCr-4:2:2", 10, 5, 2, 200},
		{"YCbCr-4:2:2", 12, 6, 2, 240}, {"YCbCr-4:2:2", 16, 8, 2, 320},
		{"YCbCr-4:4:4", 8, 3, 1, 240}, {"YCbCr-4:4:4", 10, 15, 4, 300},
		{"YCbCr-4:4:4", 12, 9, 2, 360}, {"YCbCr-4:4:4", 16, 6, 1, 480},
		{"RGB", 10, 15, 4, 300}, {"RGB", 12, 9, 2, 360},
		{"YCbCr-4:2:0", 8, 6, 4, 120}, {"YCbCr-4:2:0", 10, 15, 8, 150}, {"YCbCr-4:2:0", 12, 9, 4, 180},
	}
	for _, tt := range tests {
		pg, _, err := lookupPgroup(tt.sampling, tt.depth)
		if err != nil {
			t.Errorf("%s/%d: %v", tt.sampling, tt.depth, err)
			continue
		}
		if pg.octets != tt.octets || pg.pixels() != tt.pixels || pg.octets*80/pg.pixels() != tt.bitsPerPixelX10 {
			t.Errorf("%s/%d: pgroup %d octets / %d pixels, want %d / %d", tt.sampling, tt.depth, pg.octets, pg.pixels(), tt.octets, tt.pixels)
		}
	}
}

// gpmOracle packs a field/frame pgroup by pgroup: a packet's RTP payload
// (MaxUDP - 8 UDP - 12 RTP octets) holds the 2-octet extended sequence
// number, one 6-octet SRD per line it touches (at most 3) and whole pgroups.
// It returns a histogram keyed by {media octets, SRDs}.
func gpmOracle(width, lines, xPix, yLines, pgOctets, maxUDP int) map[pktKey]int {
	budget := maxUDP - 8 - 12
	hist := map[pktKey]int{}
	perRow := width / xPix
	used, media, srds, lastRow := 0, 0, 0, -1
	flush := func() {
		if media > 0 {
			hist[pktKey{media, srds}]++
		}
		used, media, srds, lastRow = 0, 0, 0, -1
	}
	for row := 0; row < lines/yLines; row++ {
		for i := 0; i < perRow; i++ {
			need := pgOctets
			if row != lastRow {
				need += 6
				if media == 0 {
					need += 2
				}
			}
			if used+need > budget || (row != lastRow && srds == 3) {
				flush()
				need = 2 + 6 + pgOctets
			}
			if row != lastRow {
				srds++
				lastRow = row
			}
			used += need
			media += pgOctets
		}
	}
	flush()
	return hist
}

// partsFrom turns a per-field/frame histogram into oracle parts.
func partsFrom(hist map[pktKey]int, unitRate float64) (parts []part, n int) {
	for k, c := range hist {
		n += c
		parts = append(parts, part{pps: float64(c) * unitRate, media: k.media, hdr: 12 + 2 + 6*k.srds})
	}
	return parts, n
}

func TestST2110_20(t *testing.T) {
	// 1080p59.94 4:2:2 10-bit BPM from first principles: the 5,184,000-octet
	// frame is cut into 4114 x 1260 + one 360-octet packet. A packet spans
	// two lines unless a line boundary (every 4800 octets) falls on a packet
	// boundary, which happens every lcm(1260,4800)/4800 = 21 lines: of the
	// 1079 internal boundaries 51 are aligned, so 1028 packets carry 2 SRDs.
	// MTL tv_init_pkt computes the same 1028 "extra" packets.
	bpm := []part{
		{pps: 1028 * ntsc, media: 1260, hdr: 12 + 2 + 12},
		{pps: (4114 - 1028) * ntsc, media: 1260, hdr: 12 + 2 + 6},
		{pps: 1 * ntsc, media: 360, hdr: 12 + 2 + 6},
	}
	// GPM single line: 4 x 1200 octets per 4800-octet line (MTL: "4320 for
	// 1080p", st20_pkt_len 1200).
	gpmSL := []part{{pps: 4320 * ntsc, media: 1200, hdr: 20}}
	// 720p59.94 single line: 3200 octets -> 3 packets of 214, 214, 212 pgroups.
	gpmSL720 := []part{{pps: 2 * 720 * ntsc, media: 1070, hdr: 20}, {pps: 720 * ntsc, media: 1060, hdr: 20}}
	// 2160p59.94 single line: 9600 octets -> 7 packets, 6 x 275 + 270 pgroups.
	gpmSL2160 := []part{{pps: 6 * 2160 * ntsc, media: 1375, hdr: 20}, {pps: 2160 * ntsc, media: 1350, hdr: 20}}
	// 1080p59.94 with jumbo MaxUDP 8960: one 4800-octet packet per line.
	jumbo := []part{{pps: 1080 * ntsc, media: 4800, hdr: 20}}

	gpm1080, n1080 := partsFrom(gpmOracle(1920, 1080, 2, 1, 5, 1460), ntsc)
	gpm1080i, n1080i := partsFrom(gpmOracle(1920, 540, 2, 1, 5, 1460), 50)
	gpm2160, n2160 := partsFrom(gpmOracle(3840, 2160, 2, 1, 5, 1460), ntsc)
	gpm720, n720 := partsFrom(gpmOracle(1280, 720, 2, 1, 5, 1460), 50)
	gpm420, n420 := partsFrom(gpmOracle(1920, 1080, 4, 2, 15, 1460), 50)
	gpmRGB12, nRGB12 := partsFrom(gpmOracle(1920, 1080, 2, 1, 9, 1460), 25)

	tests := []struct {
		name      string
		v         Video
		want      []part
		perFrame  int
		perField  int
		maxMedia  int
		payloadGb float64 // media rate from pixels: W x H x bits/pixel x rate
	}{
		{"1080p59.94 GPM", Video{Format: "1080p59.94", Sampling: "YCbCr-4:2:2", Depth: 10}, gpm1080, n1080, 0, 1430, 1920 * 1080 * 20 * ntsc},
		{"1080p59.94 GPM_SL", Video{Format: "1080p59.94", Depth: 10, Packing: "GPM_SL"}, gpmSL, 4320, 0, 1200, 1920 * 1080 * 20 * ntsc},
		{"1080p59.94 BPM", Video{Format: "1080p59.94", Sampling: "4:2:2", Depth: 10, Packing: "BPM"}, bpm, 4115, 0, 1260, 1920 * 1080 * 20 * ntsc},
		{"1080i50 GPM", Video{Format: "1080i50", Sampling: "YCbCr-4:2:2", Depth: 10}, gpm1080i, 2 * n1080i, n1080i, 1430, 1920 * 1080 * 20 * 25},
		{"2160p59.94 GPM", Video{Format: "2160p59.94", Sampling: "YCbCr-4:2:2", Depth: 10}, gpm2160, n2160, 0, 1430, 3840 * 2160 * 20 * ntsc},
		{"2160p59.94 GPM_SL", Video{Format: "2160p59.94", Depth: 10, Packing: "GPM_SL"}, gpmSL2160, 15120, 0, 1375, 3840 * 2160 * 20 * ntsc},
		{"720p50 GPM", Video{Format: "720p50", Sampling: "YCbCr-4:2:2", Depth: 10}, gpm720, n720, 0, 1430, 1280 * 720 * 20 * 50},
		{"720p59.94 GPM_SL", Video{Format: "720p59.94", Packing: "GPM_SL"}, gpmSL720, 2160, 0, 1070, 1280 * 720 * 20 * ntsc},
		{"1080p50 4:2:0 10-bit", Video{Format: "1080p50", Sampling: "YCbCr-4:2:0", Depth: 10}, gpm420, n420, 0, 1425, 1920 * 1080 * 15 * 50},
		{"1080p25 RGB 12-bit", Video{Format: "1080p25", Sampling: "RGB", Depth: 12}, gpmRGB12, nRGB12, 0, 1431, 1920 * 1080 * 36 * 25},
		{"1080p59.94 jumbo", Video{Format: "1080p59.94", Packing: "GPM_SL", MaxUDP: 8960}, jumbo, 1080, 0, 4800, 1920 * 1080 * 20 * ntsc},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ST2110_20(tt.v)
			if err != nil {
				t.Fatal(err)
			}
			checkLayer(t, "average", r.Average, oracle(tt.want...))
			if !near(r.Average.Payload, tt.payloadGb) {
				t.Errorf("payload %v, want %v from W x H x bpp x rate", r.Average.Payload, tt.payloadGb)
			}
			if !near(r.PacketsPerSecond, oraclePPS(tt.want...)) {
				t.Errorf("pps %v, want %v", r.PacketsPerSecond, oraclePPS(tt.want...))
			}
			if r.PacketsPerFrame != tt.perFrame || r.PacketsPerField != tt.perField {
				t.Errorf("packets per frame/field %d/%d, want %d/%d", r.PacketsPerFrame, r.PacketsPerField, tt.perFrame, tt.perField)
			}
			if r.PayloadBytesPerPacket != tt.maxMedia {
				t.Errorf("max media %d, want %d", r.PayloadBytesPerPacket, tt.maxMedia)
			}
			// Default sender 2110TPN is gapped: peak = average x 1125/1080.
			checkLayer(t, "planning peak", r.Bitrate, r.Average.Scale(1125.0/1080))
		})
	}
}

// TestPublishedFigures compares with figures quoted by vendors and tools.
func TestPublishedFigures(t *testing.T) {
	// 1080p59.94 4:2:2 10-bit: ~2.49 Gb/s of pixels, ~2.6-2.7 Gb/s on the
	// wire; 4320 packets per frame with 1200-octet payloads (MTL
	// st_tx_video_session.h: "total pkts in one frame, ex: 4320 for 1080p").
	r, _ := ST2110_20(Video{Format: "1080p59.94", Packing: "GPM_SL"})
	if !within(r.Average.Payload, 2.49e9, 0.005) || r.Average.L1 < 2.6e9 || r.Average.L1 > 2.7e9 || r.PacketsPerFrame != 4320 {
		t.Errorf("1080p59.94: payload %.4g, L1 %.4g, %d pkts/frame", r.Average.Payload, r.Average.L1, r.PacketsPerFrame)
	}
	// BPM: Rivermax sdp_extractor npackets = ceil(pixels / (1260/5*2)) = 4115.
	r, _ = ST2110_20(Video{Format: "1080p59.94", Packing: "BPM"})
	if r.PacketsPerFrame != (1920*1080+503)/504 {
		t.Errorf("1080p59.94 BPM: %d pkts/frame", r.PacketsPerFrame)
	}
	// 2160p59.94 4:2:2 10-bit: ~9.95 Gb/s of pixels, ~10.6 Gb/s on the wire.
	r, _ = ST2110_20(Video{Format: "2160p59.94"})
	if !within(r.Average.Payload, 9.95e9, 0.002) || !within(r.Average.L1, 10.6e9, 0.01) {
		t.Errorf("2160p59.94: payload %.4g, L1 %.4g", r.Average.Payload, r.Average.L1)
	}
}

func TestST2110_20Errors(t *testing.T) {
	tests := []struct {
		v       Video
		mention string
	}{
		{Video{Format: "1080p61"}, "valid:"},
		{Video{Format: "1080p50", Sampling: "YCbCr-4:2:0", Depth: 16}, "valid depths for YCbCr-4:2:0: 8, 10, 12"},
		{Video{Format: "1080p50", Sampling: "YUV", Depth: 10}, "YCbCr-4:2:2, YCbCr-4:4:4, YCbCr-4:2:0, RGB"},
		{Video{Format: "1080p50", Depth: 9}, "valid depths"},
		{Video{Format: "1080p50", MaxUDP: 9000}, "8960"},
		{Video{Format: "1080p50", Depth: 16, Packing: "BPM"}, "180"},
		{Video{Format: "1080p50", Packing: "XPM"}, "GPM, GPM_SL, BPM"},
		{Video{Format: "1080p50", SenderType: "2110TPX"}, "2110TPN, 2110TPNL, 2110TPW"},
		{Video{Format: "1922x1080p50", Sampling: "YCbCr-4:4:4", Depth: 10}, "pgroups"},
	}
	for _, tt := range tests {
		_, err := ST2110_20(tt.v)
		if err == nil || !strings.Contains(err.Error(), tt.mention) {
			t.Errorf("%+v: error %v, want mention of %q", tt.v, err, tt.mention)
		}
	}
}

func TestST2110_22(t *testing.T) {
	// 1080p59.94 at 10:1 against 4:2:2 10-bit: 518,400 octets per frame,
	// packets of 1436 octets (1460 - 8 UDP - 12 RTP - 4 RFC 9134) -> 361
	// full + one of 1,004 octets.
	r, err := ST2110_22(Video{Format: "1080p59.94", Sampling: "YCbCr-4:2:2", Depth: 10}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := oracle(part{361 * ntsc, 1436, 16}, part{ntsc, 518400 - 361*1436, 16})
	checkLayer(t, "ratio 10", r.Average, want)
	if r.PacketsPerFrame != 362 {
		t.Errorf("packets per frame %d", r.PacketsPerFrame)
	}
	// Declared 200 Mb/s at 1080i50: 500,000 octets per field.
	r, err = ST2110_22(Video{Format: "1080i50"}, 200e6, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkLayer(t, "200M", r.Average, oracle(part{348 * 50, 1436, 16}, part{50, 500000 - 348*1436, 16}))
	if _, err := ST2110_22(Video{Format: "1080p50"}, 0, 0); err == nil {
		t.Error("want error without rate or ratio")
	}
}

func TestST2110_40(t *testing.T) {
	// No ANC data: one empty packet per field (RTP 12 + RFC 8331 header 8).
	r, err := ST2110_40(Video{Format: "1080i59.94"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkLayer(t, "empty", r.Average, oracle(part{ntsc, 0, 20}))
	// 2 Mb/s at 1080p50 = 5000 octets per frame: 3 x 1432 + 704.
	r, _ = ST2110_40(Video{Format: "1080p50"}, 2e6)
	checkLayer(t, "2M", r.Average, oracle(part{3 * 50, 1432, 20}, part{50, 704, 20}))
	if r.PacketsPerFrame != 4 {
		t.Errorf("packets per frame %d", r.PacketsPerFrame)
	}
}

func TestWithVLAN(t *testing.T) {
	r, _ := ST2110_20(Video{Format: "1080p59.94", Packing: "GPM_SL"})
	tagged, _ := ST2110_20(Video{Format: "1080p59.94", Packing: "GPM_SL", Tagged: true})
	want := oracle(part{4320 * ntsc, 1200, 20})
	want.L2 += 4320 * ntsc * 4 * 8 // 802.1Q: 4 octets per frame at L2 and L1
	want.L1 += 4320 * ntsc * 4 * 8
	checkLayer(t, "Tagged field", tagged.Average, want)
	if tagged.Average.IP != r.Average.IP {
		t.Error("VLAN tag must not change the IP layer")
	}
	checkLayer(t, "WithVLAN average", r.WithVLAN().Average, tagged.Average)
	checkLayer(t, "WithVLAN peak", r.WithVLAN().Bitrate, tagged.Bitrate)
	if w := r.WithVLAN(); w.WithVLAN().Average != w.Average || !w.Tagged {
		t.Error("WithVLAN must be idempotent and set Tagged")
	}
}
