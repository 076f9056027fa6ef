package essence

import (
	"strings"
	"testing"
)

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in   string
		want Format
	}{
		{"1080p59.94", Format{Name: "1080p59.94", Width: 1920, Height: 1080, FrameNum: 60000, FrameDen: 1001, TotalLines: 1125}},
		{"1080i50", Format{Name: "1080i50", Width: 1920, Height: 1080, Interlaced: true, FrameNum: 25, FrameDen: 1, TotalLines: 1125}},
		{"1080i59.94", Format{Name: "1080i59.94", Width: 1920, Height: 1080, Interlaced: true, FrameNum: 30000, FrameDen: 1001, TotalLines: 1125}},
		{"2160p50", Format{Name: "2160p50", Width: 3840, Height: 2160, FrameNum: 50, FrameDen: 1, TotalLines: 2250}},
		{"720p59.94", Format{Name: "720p59.94", Width: 1280, Height: 720, FrameNum: 60000, FrameDen: 1001, TotalLines: 750}},
		{"576i50", Format{Name: "576i50", Width: 720, Height: 576, Interlaced: true, FrameNum: 25, FrameDen: 1, TotalLines: 625}},
		{"480i59.94", Format{Name: "480i59.94", Width: 720, Height: 480, Interlaced: true, FrameNum: 30000, FrameDen: 1001, TotalLines: 525}},
		{"1080p23.976", Format{Name: "1080p23.976", Width: 1920, Height: 1080, FrameNum: 24000, FrameDen: 1001, TotalLines: 1125}},
		{" 2048x1080P24 ", Format{Name: "2048x1080p24", Width: 2048, Height: 1080, FrameNum: 24, FrameDen: 1, TotalLines: 1125}},
		{"4320p119.88", Format{Name: "4320p119.88", Width: 7680, Height: 4320, FrameNum: 120000, FrameDen: 1001, TotalLines: 4500}},
	}
	for _, tt := range tests {
		got, err := ParseFormat(tt.in)
		if err != nil {
			t.Errorf("ParseFormat(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseFormat(%q)\n got  %+v\n want %+v", tt.in, got, tt.want)
		}
	}
	// 1080i50 is 50 fields = 25 frames per second.
	f, _ := ParseFormat("1080i50")
	if f.FrameRate() != 25 || f.UnitRate() != 50 || f.UnitLines() != 540 {
		t.Errorf("1080i50: frame rate %v, field rate %v, field lines %d", f.FrameRate(), f.UnitRate(), f.UnitLines())
	}
}

func TestParseFormatErrors(t *testing.T) {
	tests := []struct{ in, mention string }{
		{"1080x59", "1080p59.94"},    // unparseable: lists valid names
		{"1081p50", "valid heights"}, // unknown raster
		{"720i50", "720p50"},         // 720 is progressive only
		{"1080p59", "1080p59.94"},    // unknown rate
		{"1080i25", "field rates"},   // 1080i25 is ambiguous (EBU frame-rate style)
		{"576i59.94", "50"},
	}
	for _, tt := range tests {
		_, err := ParseFormat(tt.in)
		if err == nil {
			t.Errorf("ParseFormat(%q): want error", tt.in)
			continue
		}
		if !strings.Contains(err.Error(), tt.mention) {
			t.Errorf("ParseFormat(%q) error %q should mention %q", tt.in, err, tt.mention)
		}
	}
}

func TestParseRate(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"8M", 8e6}, {"1.5G", 1.5e9}, {"250k", 250e3}, {"250K", 250e3},
		{"12000000", 12e6}, {"100Mb/s", 100e6}, {"100 Mbps", 100e6}, {"2.5Gbit/s", 2.5e9}, {"10bps", 10},
	}
	for _, tt := range tests {
		got, err := ParseRate(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseRate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "M", "8X", "-1M", "1.2.3G"} {
		if _, err := ParseRate(bad); err == nil {
			t.Errorf("ParseRate(%q): want error", bad)
		}
	}
}

func TestParsePacketTime(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"1ms", 1e-3}, {"125us", 125e-6}, {"250µs", 250e-6}, {"4ms", 4e-3},
		{"333us", 1.0 / 3000}, {"333.33us", 1.0 / 3000}, {"0.125ms", 125e-6},
	}
	for _, tt := range tests {
		got, err := ParsePacketTime(tt.in)
		if err != nil || !near(got, tt.want) {
			t.Errorf("ParsePacketTime(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "1s", "abc", "0ms", "-1ms"} {
		if _, err := ParsePacketTime(bad); err == nil {
			t.Errorf("ParsePacketTime(%q): want error", bad)
		}
	}
}
