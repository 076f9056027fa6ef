package essence

import "fmt"

// Example prints the planning figures of common flows: average and peak
// L1 rate (Gb/s or Mb/s on the wire) and packets per second.
func Example() {
	show := func(name string, r Result, err error) {
		if err != nil {
			fmt.Println(name, err)
			return
		}
		fmt.Printf("%-34s L1 avg %10.4f Mb/s  peak %10.4f Mb/s  %9.1f pkt/s\n", name, r.Average.L1/1e6, r.Bitrate.L1/1e6, r.PacketsPerSecond)
	}
	r, err := ST2110_20(Video{Format: "1080p59.94", Sampling: "YCbCr-4:2:2", Depth: 10, Packing: "GPM"})
	show("1080p59.94 4:2:2/10 GPM", r, err)
	r, err = ST2110_20(Video{Format: "1080p59.94", Sampling: "YCbCr-4:2:2", Depth: 10, Packing: "GPM_SL"})
	show("1080p59.94 4:2:2/10 GPM_SL", r, err)
	r, err = ST2110_20(Video{Format: "1080p59.94", Sampling: "YCbCr-4:2:2", Depth: 10, Packing: "BPM"})
	show("1080p59.94 4:2:2/10 BPM", r, err)
	r, err = ST2110_20(Video{Format: "1080i50", Sampling: "YCbCr-4:2:2", Depth: 10})
	show("1080i50 4:2:2/10 GPM", r, err)
	r, err = ST2110_20(Video{Format: "2160p59.94", Sampling: "YCbCr-4:2:2", Depth: 10})
	show("2160p59.94 4:2:2/10 GPM", r, err)
	r, err = ST2110_20(Video{Format: "720p50", Sampling: "YCbCr-4:2:2", Depth: 10})
	show("720p50 4:2:2/10 GPM", r, err)
	r, err = AES67(Audio{Channels: 8, Depth: 24, PacketTime: "1ms"})
	show("AES67 8ch/24/48k 1ms", r, err)
	r, err = ST2110_30(Audio{Channels: 2, Depth: 24, PacketTime: "125us"})
	show("ST 2110-30 2ch/24/48k 125us", r, err)
	r, err = ST2022_6(SDI{Signal: "hd", Rate: "59.94"})
	show("ST 2022-6 HD 1080i59.94", r, err)
	r, err = ST2022_6(SDI{Signal: "3g", Rate: "50"})
	show("ST 2022-6 3G 1080p50", r, err)
	// Output:
	// 1080p59.94 4:2:2/10 GPM            L1 avg  2638.4703 Mb/s  peak  2748.4066 Mb/s   217522.5 pkt/s
	// 1080p59.94 4:2:2/10 GPM_SL         L1 avg  2663.9856 Mb/s  peak  2774.9850 Mb/s   258941.1 pkt/s
	// 1080p59.94 4:2:2/10 BPM            L1 avg  2658.4894 Mb/s  peak  2769.2597 Mb/s   246653.3 pkt/s
	// 1080i50 4:2:2/10 GPM               L1 avg  1100.4792 Mb/s  peak  1146.3325 Mb/s    90750.0 pkt/s
	// 2160p59.94 4:2:2/10 GPM            L1 avg 10547.8470 Mb/s  peak 10987.3407 Mb/s   869670.3 pkt/s
	// 720p50 4:2:2/10 GPM                L1 avg   978.8424 Mb/s  peak  1019.6275 Mb/s    80700.0 pkt/s
	// AES67 8ch/24/48k 1ms               L1 avg     9.8400 Mb/s  peak     9.8400 Mb/s     1000.0 pkt/s
	// ST 2110-30 2ch/24/48k 125us        L1 avg     7.2960 Mb/s  peak     7.2960 Mb/s     8000.0 pkt/s
	// ST 2022-6 HD 1080i59.94            L1 avg  1576.3310 Mb/s  peak  1576.3310 Mb/s   134775.2 pkt/s
	// ST 2022-6 3G 1080p50               L1 avg  3156.1656 Mb/s  peak  3156.1656 Mb/s   269850.0 pkt/s
}
