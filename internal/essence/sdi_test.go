package essence

import (
	"strings"
	"testing"
)

func TestST2022_6(t *testing.T) {
	// Frame octets = SDI bit rate / frame rate / 8; packets = ceil(/1376).
	tests := []struct {
		name     string
		s        SDI
		perFrame int     // packets per frame
		fps      float64 // frames per second
		sdi      float64 // SDI bit rate
		hdr      int
	}{
		// 1.485e9/1.001 b/s / (30000/1001) = 49.5e6 bits = 6,187,500 octets -> 4496.7 -> 4497.
		{"HD 1080i59.94", SDI{Signal: "hd", Rate: "59.94"}, 4497, 30000.0 / 1001, 1.485e9 / 1.001, 20},
		// 1.485e9 / 25 / 8 = 7,425,000 octets -> 5396.07 -> 5397.
		{"HD 1080i50", SDI{Signal: "hd", Rate: "50"}, 5397, 25, 1.485e9, 20},
		// 720p59.94: 3,093,750 octets -> 2248.4 -> 2249.
		{"HD 720p59.94", SDI{Signal: "HD", Rate: "59.94", Format: "720p"}, 2249, 60000.0 / 1001, 1.485e9 / 1.001, 20},
		// 1080PsF25 on HD-SDI: same frame as 1080i50.
		{"HD 1080p25", SDI{Signal: "hd", Rate: "25"}, 5397, 25, 1.485e9, 20},
		// 3G 1080p50: 2.97e9 / 50 / 8 = 7,425,000 octets -> 5397.
		{"3G 1080p50", SDI{Signal: "3g", Rate: "50"}, 5397, 50, 2.97e9, 20},
		// 3G 1080p59.94 with the optional 4-octet HBRMT video timestamp.
		{"3G 1080p59.94 ts", SDI{Signal: "3g", Rate: "59.94", VideoTimestamp: true}, 4497, 60000.0 / 1001, 2.97e9 / 1.001, 24},
		// SD is 270 Mb/s at both rates: 625/50 -> 1,350,000 octets -> 982; 525/59.94 -> 1,126,125 -> 819.
		{"SD 576i50", SDI{Signal: "sd", Rate: "50"}, 982, 25, 270e6, 20},
		{"SD 480i59.94", SDI{Signal: "sd", Rate: "59.94"}, 819, 30000.0 / 1001, 270e6, 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ST2022_6(tt.s)
			if err != nil {
				t.Fatal(err)
			}
			want := oracle(part{float64(tt.perFrame) * tt.fps, 1376, tt.hdr})
			want.Payload = tt.sdi // media is the SDI stream, not the padding
			checkLayer(t, "average", r.Average, want)
			if r.PacketsPerFrame != tt.perFrame || r.PayloadBytesPerPacket != 1376 {
				t.Errorf("packets/frame %d media %d", r.PacketsPerFrame, r.PayloadBytesPerPacket)
			}
		})
	}
}

// ST 2022-6 HD 1080i59.94 is quoted at ≈ 1.57-1.58 Gb/s on the wire:
// 1462 octets per packet (1376 + 8 + 12 + 8 + 20 + 18 + 20) x 134,775 /s.
func TestST2022_6Published(t *testing.T) {
	r, _ := ST2022_6(SDI{Signal: "hd", Rate: "59.94"})
	if r.Average.L1 < 1.57e9 || r.Average.L1 > 1.58e9 || r.MaxIPBytes != 1424 {
		t.Errorf("HD 59.94 L1 %.5g, max IP %d", r.Average.L1, r.MaxIPBytes)
	}
}

func TestST2022_6Errors(t *testing.T) {
	tests := []struct {
		s       SDI
		mention string
	}{
		{SDI{Signal: "12g", Rate: "50"}, "sd (270 Mb/s), hd (1.485 Gb/s), 3g (2.97 Gb/s)"},
		{SDI{Signal: "hd", Rate: "51"}, "1080i50"},
		{SDI{Signal: "3g", Rate: "25"}, "1080p50, 1080p59.94, 1080p60"},
		{SDI{Signal: "hd", Rate: "50", Format: "2160p"}, "valid"},
	}
	for _, tt := range tests {
		_, err := ST2022_6(tt.s)
		if err == nil || !strings.Contains(err.Error(), tt.mention) {
			t.Errorf("%+v: error %v, want mention of %q", tt.s, err, tt.mention)
		}
	}
}
