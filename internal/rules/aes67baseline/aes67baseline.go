package aes67baseline

import (
	_ "embed"
	"fmt"
	"math"
	"strings"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/essence"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-AES67-001.
var Rule = &rules.Rule{
	ID:       "AV-AES67-001",
	Name:     "aes67baseline",
	Doc:      rules.ExtractDoc(doc, "aes67baseline"),
	Standard: "AES67-2018 §7.1 (48 kHz, L16/L24), §7.2 (1 ms packet time, 1 to 8 channels)",
	Severity: diag.Warning,
	Run:      run,
}

const maxChannels = 8

func run(pass *rules.Pass) error {
	f := pass.Facility
	for _, name := range model.SortedKeys(f.Flows) {
		fl := f.Flows[name]
		if fl == nil || fl.Essence != "aes67" || fl.Audio == nil {
			continue
		}
		a, subject := fl.Audio, "flow "+name
		if rate := a.SampleRate; rate != 0 && rate != 48000 {
			pass.Reportf(f.PosOf("flows", name, "audio", "sampleRate"), subject,
				"send 48 kHz (sampleRate: 48000), or waive this finding if every receiver supports the rate",
				"AES67 flow %s samples at %g kHz: only 48 kHz is mandatory in AES67, so receivers need not accept it", name, float64(rate)/1000)
		}
		if d := a.Depth; d != 0 && d != 16 && d != 24 {
			pass.Reportf(f.PosOf("flows", name, "audio", "depth"), subject,
				"use depth: 24 (L24) or 16 (L16)",
				"AES67 flow %s uses %d-bit samples: AES67 carries L16 and L24 only", name, d)
		}
		if pt := a.PacketTime; pt != "" {
			if sec, err := essence.ParsePacketTime(pt); err == nil && math.Abs(sec-1e-3) > 1e-9 {
				pass.Reportf(f.PosOf("flows", name, "audio", "packetTime"), subject,
					`send 1 ms packets (packetTime: "1ms"), or waive this finding if every receiver supports this packet time`,
					"AES67 flow %s uses a %s packet time: only 1 ms is mandatory in AES67, so receivers need not accept it", name, label(pt))
			}
		}
		if a.Channels > maxChannels {
			n := (a.Channels + maxChannels - 1) / maxChannels
			pass.Reportf(f.PosOf("flows", name, "audio", "channels"), subject,
				fmt.Sprintf("split the %d channels into %d flows of at most %d", a.Channels, n, maxChannels),
				"AES67 flow %s carries %d channels: AES67 receivers are only required to accept 1 to %d per stream", name, a.Channels, maxChannels)
		}
	}
	return nil
}

// label spells a packet time for people: "125us" reads "125 µs".
func label(pt string) string {
	for _, u := range []struct{ suffix, unit string }{{"us", " µs"}, {"ms", " ms"}} {
		if strings.HasSuffix(pt, u.suffix) {
			return strings.TrimSuffix(pt, u.suffix) + u.unit
		}
	}
	return pt
}
