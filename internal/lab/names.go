package lab

import (
	"github.com/avnet/avnet/internal/lab/labnames"
)

// The naming rules live in package labnames, shared with the containerlab
// topology generator (generators/clab).

var ifnameRE = labnames.IfnameRE

// IfNames maps a node's design interface names to Linux interface names
// (labnames.IfNames).
func IfNames(names []string) map[string]string { return labnames.IfNames(names) }

// NodeNames maps device names to node names (labnames.NodeNames).
func NodeNames(devices []string) map[string]string { return labnames.NodeNames(devices) }

// LabName derives a lab's name from a design directory (labnames.LabName).
func LabName(designDir string) string { return labnames.LabName(designDir) }
