// Package templates embeds the text templates avnet renders: the starter
// design of `avnet init` and the generators' configuration templates.
package templates

import "embed"

// FS holds every template, by directory: init/, and one per generator.
//
//go:embed init switchcfg dossier
var FS embed.FS
