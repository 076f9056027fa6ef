package essence

import (
	"math"
	"testing"
)

func TestTransportStreams(t *testing.T) {
	tests := []struct {
		name string
		fn   func(float64) (Result, error)
		bps  float64
		want part
		peak float64
	}{
		// 7 x 188 = 1316 octets = 10528 bits per datagram.
		{"MPEG-TS/RTP 8M", MPEGTS, 8e6, part{8e6 / 10528, 1316, 12}, 1},
		{"MPEG-TS/UDP 8M", MPEGTSUDP, 8e6, part{8e6 / 10528, 1316, 0}, 1},
		// SRT: 16-octet header; planning rate adds libsrt's 25 % overhead.
		{"SRT 20M", SRT, 20e6, part{20e6 / 10528, 1316, 16}, 1.25},
		// NDI estimate: 1472-octet UDP payloads in 1500-octet IP packets.
		{"NDI 125M", NDI, 125e6, part{125e6 / (1472 * 8), 1472, 0}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := tt.fn(tt.bps)
			if err != nil {
				t.Fatal(err)
			}
			checkLayer(t, "average", r.Average, oracle(tt.want))
			checkLayer(t, "planning", r.Bitrate, r.Average.Scale(tt.peak))
			if !near(r.PacketsPerSecond, tt.want.pps) {
				t.Errorf("pps %v, want %v", r.PacketsPerSecond, tt.want.pps)
			}
		})
	}
	r, _ := NDI(125e6)
	if r.MaxIPBytes != 1500 {
		t.Errorf("NDI max IP %d", r.MaxIPBytes)
	}
	for _, bad := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		if _, err := MPEGTS(bad); err == nil {
			t.Errorf("MPEGTS(%v): want error", bad)
		}
		if _, err := SRT(bad); err == nil {
			t.Errorf("SRT(%v): want error", bad)
		}
	}
}
