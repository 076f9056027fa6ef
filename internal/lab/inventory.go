package lab

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// InventorySchema identifies the layout of lab.json.
const InventorySchema = "avnet.dev/lab/v1"

// InventoryFile is the lab inventory's name in the lab's state directory,
// beside netlab's own state.json (what to tear down).
const InventoryFile = "lab.json"

// Inventory is what a lab is, for people, `lab test`, `lab exec` and the
// deploy stage: its nodes and their namespaces, the Linux name of every
// design interface, the management addresses and the SSH credentials of
// the switches, and where the lab's switch configurations are.
type Inventory struct {
	Schema string `json:"schema"`
	Lab    string `json:"lab"`
	// Design is the design directory (absolute) and DesignDigest the
	// digest of its CUE files when the lab came up: `lab test` refuses a
	// design that changed since.
	Design       string `json:"design"`
	DesignDigest string `json:"design_digest"`
	StateDir     string `json:"state_dir"`
	// Configs is a build tree (configs/ and manifest.json, as `avnet
	// build` writes) of the lab view of the design: every switch with
	// platform linux and Linux port names. The linuxptp configurations
	// of the lab view are in <state dir>/ptp.
	Configs string `json:"configs"`
	// Configurator names what configured the switches.
	Configurator string    `json:"configurator"`
	Mgmt         MgmtInfo  `json:"mgmt"`
	SSH          SSHInfo   `json:"ssh"`
	Switches     []Switch  `json:"switches"`
	Endpoints    []Host    `json:"endpoints"`
	Links        []VethRec `json:"links"`
	Skipped      []string  `json:"skipped,omitempty"`
	// Timings of `lab up`, in seconds, by phase.
	Timings map[string]float64 `json:"timings,omitempty"`
	// Ready is set once every switch is configured.
	Ready bool `json:"ready"`
}

// MgmtInfo is the management network: a Linux bridge in the root
// namespace with the first address of the prefix.
type MgmtInfo struct {
	Bridge string `json:"bridge"`
	CIDR   string `json:"cidr"`
}

// SSHInfo is how to log in to the switches: key authentication for User,
// with host keys verified against KnownHosts.
type SSHInfo struct {
	User       string `json:"user"`
	Key        string `json:"key"`
	PublicKey  string `json:"public_key"`
	KnownHosts string `json:"known_hosts"`
}

// Switch is a switch of the lab.
type Switch struct {
	Device string `json:"device"`
	Node   string `json:"node"`
	Netns  string `json:"netns"`
	// DesignPlatform is the platform the design gives the switch; the
	// lab runs the linux platform on every switch.
	DesignPlatform string `json:"design_platform,omitempty"`
	Platform       string `json:"platform"`
	MgmtIP         string `json:"mgmt_ip"`
	// OVSDB is the switch's Open vSwitch database socket (ovs-vsctl --db).
	OVSDB string `json:"ovsdb"`
	// FRRPathspace is the FRR pathspace (vtysh -N).
	FRRPathspace string   `json:"frr_pathspace"`
	Ports        []IfName `json:"ports"`
}

// Host is an endpoint of the lab.
type Host struct {
	Device     string   `json:"device"`
	Node       string   `json:"node"`
	Netns      string   `json:"netns"`
	Interfaces []IfName `json:"interfaces"`
}

// IfName maps a design interface to its Linux interface in the lab.
type IfName struct {
	Design  string `json:"design"`
	Linux   string `json:"linux"`
	VLAN    string `json:"vlan,omitempty"`
	Address string `json:"address,omitempty"`
	Peer    string `json:"peer,omitempty"`
}

// VethRec is a cable of the design as a veth pair.
type VethRec struct {
	Label string `json:"label"`
	A     string `json:"a"`
	B     string `json:"b"`
	AIf   string `json:"a_if"`
	BIf   string `json:"b_if"`
	MTU   int    `json:"mtu"`
}

// Save writes the inventory atomically into its state directory.
func (inv *Inventory) Save() error {
	b, err := json.MarshalIndent(inv, "", "  ")
	if err != nil {
		return err
	}
	p := filepath.Join(inv.StateDir, InventoryFile)
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("lab %s: write inventory: %w", inv.Lab, err)
	}
	return os.Rename(tmp, p)
}

// ErrNoLab is returned when a state directory holds no lab.
var ErrNoLab = errors.New("no lab")

// LoadInventory reads the inventory of the lab in stateDir.
func LoadInventory(stateDir string) (*Inventory, error) {
	b, err := os.ReadFile(filepath.Join(stateDir, InventoryFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w in %s", ErrNoLab, stateDir)
	} else if err != nil {
		return nil, err
	}
	inv := &Inventory{}
	if err := json.Unmarshal(b, inv); err != nil {
		return nil, fmt.Errorf("lab inventory %s: %w", filepath.Join(stateDir, InventoryFile), err)
	}
	if inv.Schema != InventorySchema {
		return nil, fmt.Errorf("lab inventory %s: schema %q, want %q (made by another avnet version: take the lab down with it)", filepath.Join(stateDir, InventoryFile), inv.Schema, InventorySchema)
	}
	inv.StateDir = stateDir
	return inv, nil
}

// Node returns the node name and network namespace of a design device
// (or of a node name), or an error listing the lab's devices.
func (inv *Inventory) Node(device string) (node, netns string, err error) {
	var names []string
	for _, s := range inv.Switches {
		if s.Device == device || s.Node == device {
			return s.Node, s.Netns, nil
		}
		names = append(names, s.Device)
	}
	for _, h := range inv.Endpoints {
		if h.Device == device || h.Node == device {
			return h.Node, h.Netns, nil
		}
		names = append(names, h.Device)
	}
	sort.Strings(names)
	return "", "", fmt.Errorf("lab %s has no node %q. Its nodes are %q", inv.Lab, device, names)
}
