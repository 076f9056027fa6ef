// Package schemas embeds the CUE schema of the avnet design language so the
// binary carries it: designs need no import and no network access.
package schemas

import "embed"

// FS holds every *.cue file of the schema package "schema".
//
//go:embed *.cue
var FS embed.FS
