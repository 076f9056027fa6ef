package essence

import (
	"strings"
	"testing"
)

func TestAudio(t *testing.T) {
	tests := []struct {
		name    string
		fn      func(Audio) (Result, error)
		a       Audio
		want    part
		streams int
	}{
		// 48 kHz x 1 ms = 48 samples; 8 x 48 x 3 = 1152 octets, 1000 packets/s.
		{"AES67 8ch 24-bit 1ms", AES67, Audio{Channels: 8, SampleRate: 48000, Depth: 24, PacketTime: "1ms"}, part{1000, 1152, 12}, 1},
		// 125 µs = 6 samples; 2 x 6 x 3 = 36 octets, 8000 packets/s.
		{"2110-30 2ch 125us", ST2110_30, Audio{Channels: 2, PacketTime: "125us"}, part{8000, 36, 12}, 1},
		// Level C: 64 x 6 x 3 = 1152 octets at 8000 packets/s.
		{"2110-30 64ch 125us", ST2110_30, Audio{Channels: 64, PacketTime: "125us"}, part{8000, 1152, 12}, 1},
		// 333 µs = 16 samples at 48 kHz: 16 x 16 x 2 = 512 octets, 3000 packets/s.
		{"2110-30 16ch L16 333us", ST2110_30, Audio{Channels: 16, Depth: 16, PacketTime: "333us"}, part{3000, 512, 12}, 1},
		// 96 kHz 1 ms = 96 samples: 4 x 96 x 3 = 1152.
		{"2110-30 4ch 96k", ST2110_30, Audio{Channels: 4, SampleRate: 96000}, part{1000, 1152, 12}, 1},
		// 4 ms = 192 samples: 2 x 192 x 3 = 1152 at 250 packets/s.
		{"AES67 2ch 4ms", AES67, Audio{Channels: 2, PacketTime: "4ms"}, part{250, 1152, 12}, 1},
		// AM824: 4 octets per subframe: 2 x 48 x 4 = 384.
		{"2110-31 2ch", ST2110_31, Audio{Channels: 2}, part{1000, 384, 12}, 1},
		{"2110-31 8ch 125us", ST2110_31, Audio{Channels: 8, PacketTime: "125us"}, part{8000, 192, 12}, 1},
		// Dante: 6 channels -> 2 unicast flows of 4 slots: 4 x 48 x 3 = 576 each.
		{"Dante 6ch", Dante, Audio{Channels: 6}, part{2000, 576, 12}, 2},
		{"Dante 1ch", Dante, Audio{Channels: 1}, part{1000, 576, 12}, 1},
		// Dante 64-channel multicast flow: 1 ms would be 9216 octets, so 125 µs (6 samples) is chosen.
		{"Dante 64ch multicast", Dante, Audio{Channels: 64, FlowChannels: 64}, part{8000, 1152, 12}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := tt.fn(tt.a)
			if err != nil {
				t.Fatal(err)
			}
			checkLayer(t, "average", r.Average, oracle(tt.want))
			checkLayer(t, "planning", r.Bitrate, r.Average)
			if !near(r.PacketsPerSecond, tt.want.pps) || r.PayloadBytesPerPacket != tt.want.media || r.Streams != tt.streams {
				t.Errorf("pps %v media %d streams %d; want %v %d %d", r.PacketsPerSecond, r.PayloadBytesPerPacket, r.Streams, tt.want.pps, tt.want.media, tt.streams)
			}
			if r.PacketsPerFrame != 0 {
				t.Errorf("audio PacketsPerFrame %d, want 0", r.PacketsPerFrame)
			}
		})
	}
}

// AES67 8 channels, 24 bit, 48 kHz, 1 ms: 1230 octets on the wire per
// packet (1152 + 12 + 8 + 20 + 14 + 4 + 8 + 12) x 1000/s = 9.84 Mb/s,
// i.e. 1.23 Mb/s per channel; 9.216 Mb/s of audio.
func TestAES67Published(t *testing.T) {
	r, _ := AES67(Audio{Channels: 8})
	if r.Average.L1 != 9.84e6 || r.Average.Payload != 9.216e6 || r.Average.L1/8 != 1.23e6 {
		t.Errorf("AES67 8ch: %+v", r.Average)
	}
	// 2110-30 stereo at 125 µs: 114 octets x 8000 = 7.296 Mb/s.
	r, _ = ST2110_30(Audio{Channels: 2, PacketTime: "125us"})
	if r.Average.L1 != 7.296e6 {
		t.Errorf("2110-30 2ch 125us L1 %v", r.Average.L1)
	}
}

func TestAudioErrors(t *testing.T) {
	tests := []struct {
		name    string
		fn      func(Audio) (Result, error)
		a       Audio
		mention string
	}{
		{"no channels", ST2110_30, Audio{}, "at least 1 channel"},
		{"depth", ST2110_30, Audio{Channels: 2, Depth: 20}, "16 (L16), 24 (L24)"},
		{"rate", ST2110_30, Audio{Channels: 2, SampleRate: 32000}, "44100, 48000, 96000"},
		{"ptime", ST2110_30, Audio{Channels: 2, PacketTime: "2s"}, "125us, 250us, 333us, 1ms, 4ms"},
		{"fractional samples", ST2110_30, Audio{Channels: 2, SampleRate: 44100, PacketTime: "1ms"}, "whole number"},
		{"too big", ST2110_30, Audio{Channels: 8, SampleRate: 96000}, "at most 5 channels"},
		{"4ms 8ch", AES67, Audio{Channels: 8, PacketTime: "4ms"}, "at most 2 channels"},
		{"odd AES3", ST2110_31, Audio{Channels: 3}, "even"},
		{"maxudp", ST2110_30, Audio{Channels: 2, MaxUDP: 9000}, "8960"},
		{"dante flow", Dante, Audio{Channels: 2, FlowChannels: 65}, "1..64"},
	}
	for _, tt := range tests {
		_, err := tt.fn(tt.a)
		if err == nil || !strings.Contains(err.Error(), tt.mention) {
			t.Errorf("%s: error %v, want mention of %q", tt.name, err, tt.mention)
		}
	}
}

func TestChannelOrder(t *testing.T) {
	for _, tc := range []struct {
		order []string
		n     int
		sdp   string
	}{
		{[]string{"ST", "ST", "51"}, 10, "SMPTE2110.(ST,ST,51)"},
		{[]string{"M", "DM", "LtRt", "71", "SGRP"}, 17, "SMPTE2110.(M,DM,LtRt,71,SGRP)"},
		{[]string{"222", "U01", "U64"}, 89, "SMPTE2110.(222,U01,U64)"},
	} {
		n, err := ChannelOrderChannels(tc.order)
		if err != nil || n != tc.n {
			t.Errorf("%v: %d channels, %v; want %d", tc.order, n, err, tc.n)
		}
		if got := ChannelOrder(n, tc.order); got != tc.sdp {
			t.Errorf("%v: %q, want %q", tc.order, got, tc.sdp)
		}
	}
	if got := ChannelOrder(8, nil); got != "SMPTE2110.(U08)" {
		t.Errorf("no order, 8 channels: %q, want SMPTE2110.(U08)", got)
	}
	for _, bad := range []string{"U00", "U65", "U8", "st", "5.1", ""} {
		if _, err := channelGroupSize(bad); err == nil || !strings.Contains(err.Error(), "LtRt") {
			t.Errorf("%q: %v, want an error listing the symbols", bad, err)
		}
	}
}
