package channelorder

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/essence"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-ST30-002.
var Rule = &rules.Rule{
	ID:       "AV-ST30-002",
	Name:     "channelorder",
	Doc:      rules.ExtractDoc(doc, "channelorder"),
	Standard: "SMPTE ST 2110-30:2017 §6.2.2 (channel-order, Table 1 channel grouping symbols)",
	Severity: diag.Error,
	Run:      run,
}

func run(pass *rules.Pass) error {
	f := pass.Facility
	for _, name := range model.SortedKeys(f.Flows) {
		fl := f.Flows[name]
		if fl == nil || fl.Audio == nil || len(fl.Audio.ChannelOrder) == 0 {
			continue
		}
		a := fl.Audio
		n, err := essence.ChannelOrderChannels(a.ChannelOrder)
		if err != nil {
			continue // the schema reports an unknown symbol
		}
		if n == a.Channels {
			continue
		}
		order := strings.Join(a.ChannelOrder, ", ")
		pass.Report(diag.Diagnostic{
			Pos:     f.PosOf("flows", name, "audio", "channelOrder"),
			Subject: "flow " + name,
			Message: fmt.Sprintf("channel order [%s] describes %d channel%s but flow %s carries %d",
				order, n, rules.Plural(n), name, a.Channels),
			Related: []diag.Related{
				{Pos: f.PosOf("flows", name, "audio", "channels"), Message: fmt.Sprintf("flow %s: %d channel%s", name, a.Channels, rules.Plural(a.Channels))},
			},
			Hint: hint(n, a.Channels),
		})
	}
	return nil
}

func hint(described, carried int) string {
	if described < carried {
		return fmt.Sprintf("add groups for the other %d channel%s (U%02d if they have no defined grouping), or set audio.channels to %d",
			carried-described, rules.Plural(carried-described), carried-described, described)
	}
	return fmt.Sprintf("remove groups worth %d channel%s, or set audio.channels to %d",
		described-carried, rules.Plural(described-carried), described)
}
