package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/model"
)

// printReport renders the flow table and the link-load table of `avnet vet --report`.
func printReport(w io.Writer, facts *analysis.Facts) {
	fmt.Fprintln(w, "Flows")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FLOW\tESSENCE\tFORMAT\tBIT RATE (L1)\tPACKETS/S\tPLANE\tGROUP\tPATH")
	for _, name := range model.SortedKeys(facts.Flows) {
		ff := facts.Flows[name]
		rate, pps := "?", "?"
		if ff.RateErr == nil {
			rate = HumanBps(ff.Rate.Bitrate.L1)
			pps = fmt.Sprintf("%.0f", ff.Rate.PacketsPerSecond)
		}
		format := flowFormat(ff.Flow)
		if len(ff.Legs) == 0 {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t-\t-\t(no group)\n", name, ff.Flow.Essence, format, rate, pps)
		}
		for i, leg := range ff.Legs {
			first := name
			if i > 0 {
				first, format = "", ""
			}
			plane := leg.Plane
			if plane == "" {
				plane = "-"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", first, ff.Flow.Essence, format, rate, pps, plane, leg.Group, legPath(leg))
		}
	}
	tw.Flush()

	fmt.Fprintln(w, "\nLink loads (worst first)")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LINK\tFROM\tTO\tLOAD\tCAPACITY\t%\tFLOWS")
	for _, l := range facts.LoadsSorted() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%.1f\t%d\n", l.Link.Label, l.From, l.To, HumanBps(l.Bps), HumanBps(l.Capacity), l.Percent(), len(l.Legs))
	}
	tw.Flush()
}

func flowFormat(fl *model.Flow) string {
	switch {
	case fl.Video != nil:
		return fmt.Sprintf("%s %s %d-bit", fl.Video.Format, strings.TrimPrefix(fl.Video.Sampling, "YCbCr-"), fl.Video.Depth)
	case fl.Audio != nil:
		return fmt.Sprintf("%dch %dkHz %s", fl.Audio.Channels, fl.Audio.SampleRate/1000, fl.Audio.PacketTime)
	case fl.SDI != nil:
		return fmt.Sprintf("%s-SDI %s", strings.ToUpper(fl.SDI.Signal), fl.SDI.Rate)
	case fl.TS != nil:
		return fl.TS.Bitrate.String() + "b/s"
	}
	return "-"
}

// legPath prints a leg's distribution tree as sender → switches → receivers.
func legPath(leg *analysis.Leg) string {
	var parts []string
	for _, d := range leg.Deliveries {
		if d.Unreachable != "" {
			parts = append(parts, d.Receiver+" (unreachable: "+d.Unreachable+")")
			continue
		}
		hops := []string{d.Path[0].From.Device}
		for _, e := range d.Path {
			hops = append(hops, e.To.Device)
		}
		parts = append(parts, strings.Join(hops, " > "))
	}
	if len(parts) == 0 {
		return "(no receivers)"
	}
	return strings.Join(parts, "; ")
}
