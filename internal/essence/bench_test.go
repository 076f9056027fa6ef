package essence

import "testing"

func BenchmarkST2110_20(b *testing.B) {
	for _, c := range []struct {
		name string
		v    Video
	}{
		{"1080p59.94-GPM", Video{Format: "1080p59.94"}},
		{"1080p59.94-BPM", Video{Format: "1080p59.94", Packing: "BPM"}},
		{"2160p59.94-GPM", Video{Format: "2160p59.94"}},
		{"2160p59.94-GPM_SL", Video{Format: "2160p59.94", Packing: "GPM_SL"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := ST2110_20(c.v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkAES67(b *testing.B) {
	for b.Loop() {
		if _, err := AES67(Audio{Channels: 8}); err != nil {
			b.Fatal(err)
		}
	}
}
