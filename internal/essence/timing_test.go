package essence

import "testing"

// ST 2110-21 expectations are derived here from the formulas (EBU LIST
// d21/settings.cpp, MTL st_rx_timing_parser.c):
//
//	TRS      = TFRAME x RACTIVE / NPACKETS   (RACTIVE = 1 for 2110TPNL)
//	TRO      = lines / total lines x frame period
//	TDRAIN   = TFRAME / NPACKETS / 1.1
//	CMAX     N/NL: max(4, int(N / (43200 x RACTIVE x TFRAME)))
//	         W:    max(16, int(N / (21600 x TFRAME)))
//	VRX_FULL N/NL: max(1500 x 8 / MAXIP, int(N / (27000 x TFRAME)))
//	         W:    max(1500 x 720 / MAXIP, int(N / (300 x TFRAME)))
//
// TFRAME is the field period for interlaced formats, where NPACKETS is
// counted per field. The integer parts are worked out in the comments.
func TestST2110_21(t *testing.T) {
	const tf5994 = 1001.0 / 60000
	tests := []struct {
		name                 string
		v                    Video
		n                    int
		trs, tro, tdrain, ra float64
		cmax, vrx            int
		peak                 float64 // planning rate / average
	}{
		// 4320 / (43200 x 0.96 x 0.016683) = 6.24 -> 6; 4320 / (27000 x 0.016683) = 9.59 -> 9.
		{"1080p59.94 N", Video{Format: "1080p59.94", Packing: "GPM_SL"}, 4320,
			tf5994 * 0.96 / 4320, 43.0 / 1125 * tf5994, tf5994 / 4320 / 1.1, 0.96, 6, 9, 1125.0 / 1080},
		// Linear: RACTIVE = 1; 4320 / (43200 x 0.016683) = 5.99 -> 5.
		{"1080p59.94 NL", Video{Format: "1080p59.94", Packing: "GPM_SL", SenderType: "2110TPNL"}, 4320,
			tf5994 / 4320, 43.0 / 1125 * tf5994, tf5994 / 4320 / 1.1, 1, 5, 9, 1},
		// Wide: 4320 / (21600 x 0.016683) = 11.99 -> 16; 4320 / (300 x 0.016683) = 863.1 -> 863.
		{"1080p59.94 W", Video{Format: "1080p59.94", Packing: "GPM_SL", SenderType: "W"}, 4320,
			tf5994 * 0.96 / 4320, 43.0 / 1125 * tf5994, tf5994 / 4320 / 1.1, 0.96, 16, 863, 1125.0 / 1080},
		// 1080i50: 540 lines x 4 = 2160 per field, TFRAME = 20 ms; TRO = 22 lines of 40 ms / 1125 = 782.2 µs.
		{"1080i50 N", Video{Format: "1080i50", Packing: "GPM_SL"}, 2160,
			0.02 * 0.96 / 2160, 22.0 / 1125 * 0.04, 0.02 / 2160 / 1.1, 0.96, 4, 8, 1125.0 / 1080},
		// 720p59.94: 3 packets x 720 lines; TRO = 28 lines of 750.
		{"720p59.94 N", Video{Format: "720p59.94", Packing: "GPM_SL"}, 2160,
			tf5994 * 0.96 / 2160, 28.0 / 750 * tf5994, tf5994 / 2160 / 1.1, 0.96, 4, 8, 1125.0 / 1080},
		// 2160p59.94: 7 x 2160 = 15120; 21.85 -> 21; 33.57 -> 33.
		{"2160p59.94 N", Video{Format: "2160p59.94", Packing: "GPM_SL"}, 15120,
			tf5994 * 0.96 / 15120, 43.0 / 1125 * tf5994, tf5994 / 15120 / 1.1, 0.96, 21, 33, 1125.0 / 1080},
		// 576i50: 1800-octet lines -> 2 x 900; 288 x 2 = 576 per field; RACTIVE 576/625; TRO 26 of 625 lines.
		{"576i50 N", Video{Format: "576i50", Packing: "GPM_SL"}, 576,
			0.02 * 576 / 625 / 576, 26.0 / 625 * 0.04, 0.02 / 576 / 1.1, 576.0 / 625, 4, 8, 625.0 / 576},
		// 480i59.94: 240 x 2 = 480 per field; RACTIVE 487/525; TRO 20 of 525 lines.
		{"480i59.94 N", Video{Format: "480i59.94", Packing: "GPM_SL"}, 480,
			1001.0 / 60000 * 487 / 525 / 480, 20.0 / 525 * 1001 / 30000, 1001.0 / 60000 / 480 / 1.1, 487.0 / 525, 4, 8, 525.0 / 487},
		// Jumbo (MAXIP class 9000): 1 packet per line; VRX floor 1500 x 8 / 9000 = 1, int(1080 / (27000 x TFRAME)) = 2.
		{"1080p59.94 jumbo N", Video{Format: "1080p59.94", Packing: "GPM_SL", MaxUDP: 8960}, 1080,
			tf5994 * 0.96 / 1080, 43.0 / 1125 * tf5994, tf5994 / 1080 / 1.1, 0.96, 4, 2, 1125.0 / 1080},
		// Jumbo wide: max(1500 x 720 / 9000 = 120, int(1080 / (300 x TFRAME)) = 215) = 215.
		{"1080p59.94 jumbo W", Video{Format: "1080p59.94", Packing: "GPM_SL", MaxUDP: 8960, SenderType: "2110TPW"}, 1080,
			tf5994 * 0.96 / 1080, 43.0 / 1125 * tf5994, tf5994 / 1080 / 1.1, 0.96, 16, 215, 1125.0 / 1080},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ST2110_20(tt.v)
			if err != nil {
				t.Fatal(err)
			}
			if r.NPackets != tt.n {
				t.Fatalf("NPACKETS %d, want %d", r.NPackets, tt.n)
			}
			if !near(r.TRS, tt.trs) || !near(r.TROffset, tt.tro) || !near(r.TDrain, tt.tdrain) || !near(r.RActive, tt.ra) {
				t.Errorf("TRS %g TRO %g TDRAIN %g RACTIVE %g; want %g %g %g %g", r.TRS, r.TROffset, r.TDrain, r.RActive, tt.trs, tt.tro, tt.tdrain, tt.ra)
			}
			if r.CMax != tt.cmax || r.VRXFull != tt.vrx {
				t.Errorf("CMAX %d VRX_FULL %d; want %d %d", r.CMax, r.VRXFull, tt.cmax, tt.vrx)
			}
			checkLayer(t, "peak", r.Bitrate, r.Average.Scale(tt.peak))
		})
	}
}

// TestTROffsetPublished checks the commonly quoted TRO_DEFAULT values:
// 1080p59.94 ≈ 637.7 µs (43 lines x 14.83 µs), 1080i50 ≈ 782.2 µs.
func TestTROffsetPublished(t *testing.T) {
	r, _ := ST2110_20(Video{Format: "1080p59.94"})
	if !within(r.TROffset, 637.7e-6, 1e-4) {
		t.Errorf("1080p59.94 TRO %g", r.TROffset)
	}
	r, _ = ST2110_20(Video{Format: "1080i50"})
	if !within(r.TROffset, 782.2e-6, 1e-4) {
		t.Errorf("1080i50 TRO %g", r.TROffset)
	}
	// 1080p59.94 with 4320 packets: TRS ≈ 3.7 µs, the figure analyzers show.
	r, _ = ST2110_20(Video{Format: "1080p59.94", Packing: "GPM_SL"})
	if !within(r.TRS, 3.707e-6, 1e-3) {
		t.Errorf("1080p59.94 TRS %g", r.TRS)
	}
}
