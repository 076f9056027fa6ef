package cgraph

import (
	_ "unsafe"

	"github.com/avnet/avnet/internal/thirdparty/gographviz/cdt"
	"github.com/avnet/avnet/internal/thirdparty/gographviz/internal/wasm"
)

//go:linkname toDict github.com/avnet/avnet/internal/thirdparty/gographviz/cdt.toDict
func toDict(*wasm.Dict) *cdt.Dict

//go:linkname toDictWasm github.com/avnet/avnet/internal/thirdparty/gographviz/cdt.toDictWasm
func toDictWasm(*cdt.Dict) *wasm.Dict

//go:linkname toDictLink github.com/avnet/avnet/internal/thirdparty/gographviz/cdt.toLink
func toDictLink(*wasm.DictLink) *cdt.Link

//go:linkname toDictLinkWasm github.com/avnet/avnet/internal/thirdparty/gographviz/cdt.toLinkWasm
func toDictLinkWasm(*cdt.Link) *wasm.DictLink

func toGraphWasm(v *Graph) *wasm.Graph {
	if v == nil {
		return nil
	}
	return v.wasm
}
