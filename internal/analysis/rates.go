package analysis

import (
	"fmt"

	"github.com/avnet/avnet/internal/essence"
	"github.com/avnet/avnet/internal/model"
)

// FlowRate computes what one leg of a flow puts on the wire, from its
// essence block, per the standards implemented in package essence.
func FlowRate(fl *model.Flow) (essence.Result, error) {
	video := func() essence.Video {
		v := fl.Video
		if v == nil {
			return essence.Video{}
		}
		return essence.Video{Format: v.Format, Sampling: v.Sampling, Depth: v.Depth, Packing: v.Packing, SenderType: v.SenderType, MaxUDP: v.MaxUDP}
	}
	audio := func() essence.Audio {
		a := fl.Audio
		if a == nil {
			return essence.Audio{}
		}
		return essence.Audio{Channels: a.Channels, SampleRate: a.SampleRate, Depth: a.Depth, PacketTime: a.PacketTime}
	}
	tsRate := func() (float64, error) {
		if fl.TS == nil {
			return 0, fmt.Errorf("flow %s: essence %s needs a ts block with its bitrate", fl.Name, fl.Essence)
		}
		return fl.TS.Bitrate.BPS, nil
	}
	switch fl.Essence {
	case "st2110-20":
		return essence.ST2110_20(video())
	case "st2110-22":
		var bps, ratio float64
		if fl.Video != nil {
			ratio = fl.Video.Ratio
			bps = fl.Video.Bitrate.BPS
		}
		return essence.ST2110_22(video(), bps, ratio)
	case "st2110-30":
		return essence.ST2110_30(audio())
	case "aes67":
		return essence.AES67(audio())
	case "st2110-31":
		return essence.ST2110_31(audio())
	case "dante":
		return essence.Dante(audio())
	case "st2110-40":
		v := essence.Video{Format: "1080i59.94"}
		if fl.Video != nil {
			v = video()
		}
		return essence.ST2110_40(v, 0)
	case "st2022-6":
		s := essence.SDI{Signal: "hd", Rate: "59.94"}
		if fl.SDI != nil {
			s = essence.SDI{Signal: fl.SDI.Signal, Rate: fl.SDI.Rate}
		}
		return essence.ST2022_6(s)
	case "mpeg-ts", "srt", "ndi":
		bps, err := tsRate()
		if err != nil {
			return essence.Result{}, err
		}
		switch fl.Essence {
		case "srt":
			return essence.SRT(bps)
		case "ndi":
			return essence.NDI(bps)
		}
		if fl.RawUDP() {
			return essence.MPEGTSUDP(bps)
		}
		return essence.MPEGTS(bps)
	}
	return essence.Result{}, fmt.Errorf("flow %s: essence %q has no bit-rate model", fl.Name, fl.Essence)
}
