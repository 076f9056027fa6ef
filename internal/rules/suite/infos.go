package suite

import (
	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/load"
)

// Infos is the rule catalog as `avnet rules` prints it: the loader's own
// findings (CUE syntax, schema), then the suite. avnet serve and avnet lsp
// document findings from it too.
func Infos() []diag.RuleInfo {
	infos := load.RuleInfos()
	for _, r := range All() {
		infos = append(infos, diag.RuleInfo{ID: r.ID, Name: r.Name, Title: r.Title(), Doc: r.Doc, Standard: r.Standard, Severity: r.Severity})
	}
	return infos
}
