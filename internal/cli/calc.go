package cli

import (
	"encoding/json"
	"fmt"
	"github.com/avnet/avnet/internal/suggest"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/avnet/avnet/internal/essence"
)

// calcOutput is the documented JSON of `avnet calc --json`: bits per
// second at each layer, plus ST 2110-21 timing for video.
type calcOutput struct {
	Essence          string      `json:"essence"`
	PacketsPerFrame  int         `json:"packetsPerFrame"`
	PacketsPerSecond float64     `json:"packetsPerSecond"`
	Bitrate          calcLayers  `json:"bitrate"`
	Average          *calcLayers `json:"average,omitempty"`
	MaxIPBytes       int         `json:"maxIPBytes"`
	Streams          int         `json:"streams,omitempty"`
	ST2110_21        *calcTiming `json:"st2110_21,omitempty"`
	Notes            []string    `json:"notes,omitempty"`
}

type calcLayers struct {
	Payload float64 `json:"payload"`
	IP      float64 `json:"ip"`
	L2      float64 `json:"l2"`
	L1      float64 `json:"l1"`
}

type calcTiming struct {
	SenderType string  `json:"senderType"`
	TRS        float64 `json:"trs"`
	TROffset   float64 `json:"troffset"`
	CMax       int     `json:"cmax"`
	VRXFull    int     `json:"vrx"`
}

func layers(l essence.Layer) calcLayers { return calcLayers{l.Payload, l.IP, l.L2, l.L1} }

func calcCmd(opts *Options) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "calc ESSENCE [flags]",
		Short: "Bandwidth calculator: packets and bit rate of one media flow, per the standards",
		Long: `calc computes what one flow puts on the wire, the way avnet's validator
does: media payload, then IP (RTP, UDP, IPv4 and payload headers), L2
(Ethernet header and FCS) and L1 (preamble, SFD, inter-frame gap), in bits
per second. Essences: st2110-20, st2110-22, st2110-30, st2110-31, aes67,
dante, st2110-40, st2022-6, mpeg-ts, srt, ndi.`,
	}
	cmd.PersistentFlags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	// A value the standards do not allow (a format, a packet time that
	// does not fit) is a domain error: it ends without the usage hint.
	run := func(f func() (essence.Result, error)) func(*cobra.Command, []string) error {
		return func(cmd *cobra.Command, args []string) error {
			r, err := f()
			if err != nil {
				return err
			}
			return printCalc(opts.Stdout, r, asJSON)
		}
	}
	// An essence avnet does not know is a mistake in the command line.
	cmd.Args = func(c *cobra.Command, args []string) error {
		if len(args) == 0 {
			return nil
		}
		var names []string
		for _, sc := range c.Commands() {
			if sc.IsAvailableCommand() {
				names = append(names, sc.Name())
			}
		}
		return usageError{fmt.Errorf("unknown essence %q%s (avnet calc --help lists them)", args[0], suggest.Phrase(args[0], names))}
	}
	cmd.RunE = func(c *cobra.Command, args []string) error { return c.Help() }

	var v essence.Video
	var bitrate string
	var ratio float64
	videoFlags := func(c *cobra.Command, withTiming bool) {
		c.Flags().StringVar(&v.Format, "format", "1080p59.94", "video format: "+strings.Join(essence.ValidFormats(), ", "))
		c.Flags().StringVar(&v.Sampling, "sampling", "4:2:2", "sampling: 4:2:2, 4:4:4, 4:2:0, RGB")
		c.Flags().IntVar(&v.Depth, "depth", 10, "bit depth: 8, 10, 12, 16")
		c.Flags().IntVar(&v.MaxUDP, "max-udp", 1460, "largest UDP datagram (ST 2110-10: 1460, or up to 8960 with MAXUDP=8960)")
		if withTiming {
			c.Flags().StringVar(&v.Packing, "packing", "gpm", "packing mode: gpm, gpm_sl, bpm")
			c.Flags().StringVar(&v.SenderType, "sender-type", "n", "ST 2110-21 sender type: n, nl, w")
		}
	}
	normVideo := func() essence.Video {
		out := v
		out.Sampling = normSampling(v.Sampling)
		out.Packing = strings.ToUpper(v.Packing)
		if st := strings.ToUpper(v.SenderType); st != "" && !strings.HasPrefix(st, "2110TP") {
			out.SenderType = "2110TP" + st
		}
		return out
	}
	st20 := &cobra.Command{Use: "st2110-20", Short: "Uncompressed video (SMPTE ST 2110-20, timing per ST 2110-21)", Args: maxArgs(0),
		RunE: run(func() (essence.Result, error) {
			if err := checkFormat(v.Format); err != nil {
				return essence.Result{}, err
			}
			return essence.ST2110_20(normVideo())
		})}
	videoFlags(st20, true)
	st22 := &cobra.Command{Use: "st2110-22", Short: "Compressed video, e.g. JPEG XS (SMPTE ST 2110-22)", Args: maxArgs(0),
		RunE: run(func() (essence.Result, error) {
			bps, err := optionalRate(bitrate)
			if err != nil {
				return essence.Result{}, err
			}
			if err := checkFormat(v.Format); err != nil {
				return essence.Result{}, err
			}
			return essence.ST2110_22(normVideo(), bps, ratio)
		})}
	videoFlags(st22, false)
	st22.Flags().StringVar(&bitrate, "bitrate", "", "compressed bit rate, e.g. 1.5G or 300M")
	st22.Flags().Float64Var(&ratio, "ratio", 0, "compression ratio against the uncompressed picture, e.g. 10")
	st40 := &cobra.Command{Use: "st2110-40", Short: "Ancillary data (SMPTE ST 2110-40, RFC 8331)", Args: maxArgs(0),
		RunE: run(func() (essence.Result, error) {
			bps, err := optionalRate(bitrate)
			if err != nil {
				return essence.Result{}, err
			}
			if err := checkFormat(v.Format); err != nil {
				return essence.Result{}, err
			}
			return essence.ST2110_40(normVideo(), bps)
		})}
	st40.Flags().StringVar(&v.Format, "format", "1080i59.94", "video format whose field/frame rate paces the ANC packets")
	st40.Flags().StringVar(&bitrate, "bitrate", "", "packed ANC data rate, e.g. 50k (default: one near-empty packet per field)")

	var a essence.Audio
	audio := func(use, short string, f func(essence.Audio) (essence.Result, error)) *cobra.Command {
		c := &cobra.Command{Use: use, Short: short, Args: maxArgs(0),
			RunE: run(func() (essence.Result, error) { return f(a) })}
		c.Flags().IntVar(&a.Channels, "channels", 8, "number of audio channels")
		c.Flags().IntVar(&a.SampleRate, "rate", 48000, "sample rate in Hz: 44100, 48000, 96000")
		c.Flags().IntVar(&a.Depth, "depth", 24, "bits per sample: 16 (L16) or 24 (L24)")
		c.Flags().StringVar(&a.PacketTime, "ptime", "1ms", "packet time: 125us, 250us, 333us, 1ms, 4ms")
		return c
	}
	dante := audio("dante", "Dante audio flows (Audinate), channels split into flows", essence.Dante)
	dante.Flags().IntVar(&a.FlowChannels, "flow-channels", 4, "channels per Dante flow")

	var sdi essence.SDI
	st26 := &cobra.Command{Use: "st2022-6", Short: "SDI over IP (SMPTE ST 2022-6, HBRMT)", Args: maxArgs(0),
		RunE: run(func() (essence.Result, error) { return essence.ST2022_6(sdi) })}
	st26.Flags().StringVar(&sdi.Signal, "signal", "hd", "SDI signal: hd (1.485 Gb/s) or 3g (2.97 Gb/s)")
	st26.Flags().StringVar(&sdi.Rate, "rate", "59.94", "frame rate: 25, 29.97, 30, 50, 59.94, 60")

	tsCmd := func(use, short string, f func(float64) (essence.Result, error)) *cobra.Command {
		var rate string
		c := &cobra.Command{Use: use, Short: short, Args: maxArgs(0),
			RunE: run(func() (essence.Result, error) {
				if rate == "" {
					return essence.Result{}, usageError{fmt.Errorf("--bitrate is required, e.g. --bitrate 8M")}
				}
				bps, err := essence.ParseRate(rate)
				if err != nil {
					return essence.Result{}, err
				}
				return f(bps)
			})}
		c.Flags().StringVar(&rate, "bitrate", "", "transport stream bit rate, e.g. 8M")
		return c
	}
	cmd.AddCommand(st20, st22, st40,
		audio("st2110-30", "PCM audio (SMPTE ST 2110-30)", essence.ST2110_30),
		audio("aes67", "AES67 audio (AES67-2018)", essence.AES67),
		audio("st2110-31", "AES3 transparent audio (SMPTE ST 2110-31)", essence.ST2110_31),
		dante, st26,
		tsCmd("mpeg-ts", "MPEG transport stream over RTP (RFC 2250), 7 TS packets per datagram", essence.MPEGTS),
		tsCmd("srt", "MPEG-TS over SRT", essence.SRT),
		tsCmd("ndi", "NDI (declared bit rate)", essence.NDI),
	)
	return cmd
}

func optionalRate(s string) (float64, error) {
	if s == "" {
		return 0, nil
	}
	return essence.ParseRate(s)
}

func normSampling(s string) string {
	switch strings.ToUpper(strings.TrimPrefix(strings.ToUpper(s), "YCBCR-")) {
	case "4:2:2":
		return "YCbCr-4:2:2"
	case "4:4:4":
		return "YCbCr-4:4:4"
	case "4:2:0":
		return "YCbCr-4:2:0"
	case "RGB":
		return "RGB"
	}
	return s
}

func printCalc(w io.Writer, r essence.Result, asJSON bool) error {
	if asJSON {
		out := calcOutput{Essence: r.Essence, PacketsPerFrame: r.PacketsPerFrame, PacketsPerSecond: r.PacketsPerSecond,
			Bitrate: layers(r.Bitrate), MaxIPBytes: r.MaxIPBytes, Notes: r.Notes}
		if r.Average != r.Bitrate && r.Average != (essence.Layer{}) {
			avg := layers(r.Average)
			out.Average = &avg
		}
		if r.Streams > 1 {
			out.Streams = r.Streams
		}
		if r.SenderType != "" {
			out.ST2110_21 = &calcTiming{SenderType: r.SenderType, TRS: r.TRS, TROffset: r.TROffset, CMax: r.CMax, VRXFull: r.VRXFull}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	fmt.Fprintf(w, "%s\n", r.Essence)
	if r.PacketsPerFrame > 0 {
		fmt.Fprintf(w, "  packets per frame    %d\n", r.PacketsPerFrame)
	}
	fmt.Fprintf(w, "  packets per second   %.2f\n", r.PacketsPerSecond)
	fmt.Fprintf(w, "  largest IP datagram  %d bytes\n", r.MaxIPBytes)
	fmt.Fprintf(w, "  bit rate             payload %s | IP %s | L2 %s | L1 %s\n", HumanBps(r.Bitrate.Payload), HumanBps(r.Bitrate.IP), HumanBps(r.Bitrate.L2), HumanBps(r.Bitrate.L1))
	if r.Average != r.Bitrate && r.Average != (essence.Layer{}) {
		fmt.Fprintf(w, "  average              payload %s | IP %s | L2 %s | L1 %s\n", HumanBps(r.Average.Payload), HumanBps(r.Average.IP), HumanBps(r.Average.L2), HumanBps(r.Average.L1))
	}
	if r.SenderType != "" {
		fmt.Fprintf(w, "  ST 2110-21 %s: TRS %.3f µs, TROFFSET %.1f µs, CMAX %d, VRX_FULL %d\n", r.SenderType, r.TRS*1e6, r.TROffset*1e6, r.CMax, r.VRXFull)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
	return nil
}

// HumanBps prints a bit rate with three significant decimals in the right unit.
func HumanBps(bps float64) string {
	switch {
	case bps >= 1e9:
		return fmt.Sprintf("%.3f Gb/s", bps/1e9)
	case bps >= 1e6:
		return fmt.Sprintf("%.3f Mb/s", bps/1e6)
	case bps >= 1e3:
		return fmt.Sprintf("%.3f kb/s", bps/1e3)
	}
	return fmt.Sprintf("%.0f b/s", bps)
}

// checkFormat names the closest known video format to one avnet does not
// know.
func checkFormat(f string) error {
	formats := essence.ValidFormats()
	if slices.Contains(formats, f) {
		return nil
	}
	return fmt.Errorf("unknown video format %q%s (the formats are listed by 'avnet calc st2110-20 --help')", f, suggest.Phrase(f, formats))
}
