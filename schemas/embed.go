// Package schemas embeds the CUE schema of the avnet design language so the
// binary carries it: designs need no import and no network access.
package schemas

import (
	"embed"
	_ "embed"
)

//go:generate go run gencatalog.go

// FS holds every *.cue file of the schema package "schema".
//
//go:embed *.cue
var FS embed.FS

// CatalogJSON is catalog.cue exported as JSON by `go generate`: the loader
// merges these device types into every design without evaluating the
// catalog's CUE each time (that evaluation is most of a load's cost).
// TestCatalogJSONUpToDate keeps it in step with catalog.cue.
//
//go:embed catalog.json
var CatalogJSON []byte

// CatalogFile is the schema file that holds the catalog.
const CatalogFile = "catalog.cue"
