package gvc

import (
	_ "unsafe"

	"github.com/avnet/avnet/internal/thirdparty/gographviz/cdt"
	"github.com/avnet/avnet/internal/thirdparty/gographviz/cgraph"
	"github.com/avnet/avnet/internal/thirdparty/gographviz/internal/wasm"
)

//go:linkname toGraph github.com/avnet/avnet/internal/thirdparty/gographviz/cgraph.toGraph
func toGraph(*wasm.Graph) *cgraph.Graph

//go:linkname toGraphWasm github.com/avnet/avnet/internal/thirdparty/gographviz/cgraph.toGraphWasm
func toGraphWasm(*cgraph.Graph) *wasm.Graph

//go:linkname toNode github.com/avnet/avnet/internal/thirdparty/gographviz/cgraph.toNode
func toNode(*wasm.Node) *cgraph.Node

//go:linkname toEdge github.com/avnet/avnet/internal/thirdparty/gographviz/cgraph.toEdge
func toEdge(*wasm.Edge) *cgraph.Edge

//go:linkname toDictLink github.com/avnet/avnet/internal/thirdparty/gographviz/cdt.toLink
func toDictLink(*wasm.DictLink) *cdt.Link

//go:linkname toDictLinkWasm github.com/avnet/avnet/internal/thirdparty/gographviz/cdt.toLinkWasm
func toDictLinkWasm(*cdt.Link) *wasm.DictLink
