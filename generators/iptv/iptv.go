// Package iptv is the "iptv" generator: the channel list of the design's
// IPTV bouquet, iptv/bouquet.m3u, for set-top boxes and players such as VLC.
//
// The file exists only when the design has MPEG-TS flows (essence
// "mpeg-ts"). It starts with #EXTM3U, then gives each flow two lines, in
// channel-number order (ts.number; flows without one follow, by name):
//
//	#EXTINF:-1 tvg-chno="1" tvg-name="Azur TV",Azur TV
//	rtp://@239.50.1.1:5004
//
// The name is ts.channel, else the flow name. The URL is VLC's syntax for
// receiving a multicast group ("@" means listen, no source): rtp:// because
// avnet carries MPEG-TS over RTP (RFC 2250, SMPTE ST 2022-2), as the bit
// rates it plans and the SDP files (MP2T on payload type 33) say; a raw-UDP
// player would need udp://@ instead. A flow with several legs (ST 2022-7)
// is listed with its first leg in the design's plane order.
package iptv

import (
	"context"
	"fmt"
	"github.com/avnet/avnet/internal/escape"
	"sort"
	"strings"

	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/model"
)

// Generator is the "iptv" generator.
var Generator = &gen.Generator{
	Name:     "iptv",
	Doc:      "the IPTV bouquet of the design's MPEG-TS flows (iptv/bouquet.m3u)",
	Generate: Generate,
}

// File is the bouquet's output path.
const File = "iptv/bouquet.m3u"

// Channel is one entry of the bouquet.
type Channel struct {
	Flow   string
	Number int // 0 when the design gives none
	Name   string
	Group  string
	Port   int
	// Scheme is "rtp" for MPEG-TS over RTP, "udp" for MPEG-TS straight over UDP.
	Scheme string
}

// URL is the channel's address in VLC syntax.
func (c Channel) URL() string { return fmt.Sprintf("%s://@%s:%d", c.Scheme, c.Group, c.Port) }

// Channels lists the MPEG-TS flows in bouquet order.
func Channels(f *model.Facility) []Channel {
	var out []Channel
	for _, name := range model.SortedKeys(f.Flows) {
		fl := f.Flows[name]
		if fl.Essence != "mpeg-ts" {
			continue
		}
		group := firstGroup(f, fl)
		if group == "" {
			continue
		}
		c := Channel{Flow: name, Name: name, Group: group, Port: fl.Port, Scheme: "rtp"}
		if fl.RawUDP() {
			c.Scheme = "udp"
		}
		if fl.TS != nil {
			c.Number = fl.TS.Number
			if n := strings.Join(strings.Fields(fl.TS.Channel), " "); n != "" {
				c.Name = n
			}
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case (a.Number == 0) != (b.Number == 0):
			return a.Number != 0
		case a.Number != b.Number:
			return a.Number < b.Number
		case a.Name != b.Name:
			return a.Name < b.Name
		}
		return a.Flow < b.Flow
	})
	return out
}

// firstGroup is the flow's group on its first leg in plane order.
func firstGroup(f *model.Facility, fl *model.Flow) string {
	legs := fl.Legs()
	if g, ok := legs[""]; ok {
		return g
	}
	for _, p := range f.Planes {
		if g, ok := legs[p]; ok {
			return g
		}
	}
	if keys := model.SortedKeys(legs); len(keys) > 0 {
		return legs[keys[0]]
	}
	return ""
}

// Generate writes the bouquet when the design has MPEG-TS flows.
func Generate(ctx context.Context, f *model.Facility, _ *analysis.Facts, sink gen.Sink) error {
	chans := Channels(f)
	if len(chans) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("#EXTM3U\n")
	for _, c := range chans {
		b.WriteString("#EXTINF:-1")
		if c.Number > 0 {
			fmt.Fprintf(&b, ` tvg-chno="%d"`, c.Number)
		}
		fmt.Fprintf(&b, " tvg-name=\"%s\",%s\n", escape.M3UAttr(c.Name), escape.M3U(c.Name))
		b.WriteString(c.URL() + "\n")
	}
	return sink.Write(File, []byte(b.String()))
}
