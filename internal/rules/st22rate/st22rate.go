package st22rate

import (
	_ "embed"
	"fmt"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/essence"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-ST22-001.
var Rule = &rules.Rule{
	ID:       "AV-ST22-001",
	Name:     "st22rate",
	Doc:      rules.ExtractDoc(doc, "st22rate"),
	Standard: "SMPTE ST 2110-22:2022 §4, §7.3 (constant bit rate, b=AS); RFC 9134",
	Severity: diag.Warning,
	Run:      run,
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	for _, name := range model.SortedKeys(f.Flows) {
		fl := f.Flows[name]
		if fl == nil || fl.Essence != "st2110-22" {
			continue
		}
		if fl.Video != nil && (!fl.Video.Bitrate.IsZero() || fl.Video.Ratio > 0) {
			continue
		}
		pos := f.PosOf("flows", name, "essence")
		if p, ok := f.Positions[model.PathKey("flows", name, "video")]; ok {
			pos = p
		}
		hint := `declare the encoder's codestream rate (video: bitrate: "150M") or its compression ratio (video: ratio: 10)`
		if fl.Video != nil {
			v := essence.Video{Format: fl.Video.Format, Sampling: fl.Video.Sampling, Depth: fl.Video.Depth, SenderType: fl.Video.SenderType, MaxUDP: fl.Video.MaxUDP}
			if r, err := essence.ST2110_22(v, 0, 10); err == nil {
				hint += fmt.Sprintf("; at 10:1 this %s flow would be about %.0f Mb/s of codestream, %.0f Mb/s on the wire", fl.Video.Format, r.Average.Payload/1e6, r.Bitrate.L1/1e6)
			}
		}
		pass.Reportf(pos, "flow "+name, hint,
			"ST 2110-22 flow %s declares neither video.bitrate nor video.ratio: its bit rate is unknown, so it counts for nothing in the link loads", name)
	}
	return nil
}
