package lab

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/avnet/avnet/internal/lab/netlab"
)

// Down takes down the lab whose state is in stateDir: every process it
// started (and only those, plus whatever still runs in its namespaces),
// its namespaces, veths and management bridge, its files outside the
// state directory, and the state directory. It works after a crash or a
// killed `lab up`, from the inventory written before anything was made,
// and does nothing when there is no lab there.
func Down(ctx context.Context, stateDir string) error {
	if os.Geteuid() != 0 {
		if _, err := os.Stat(stateDir); err == nil {
			return errors.New("lab down needs root: it ends the lab's daemons and deletes its namespaces (run it with sudo)")
		}
		return nil
	}
	return takeDown(ctx, stateDir)
}

func takeDown(ctx context.Context, stateDir string) error {
	if !filepath.IsAbs(stateDir) || filepath.Clean(stateDir) == "/" {
		return fmt.Errorf("lab down: state directory %q must be an absolute path", stateDir)
	}
	if _, err := os.Stat(filepath.Join(stateDir, "state.json")); err == nil {
		l, err := netlab.Load(stateDir)
		if err != nil {
			return err
		}
		if err := l.Down(ctx); err != nil {
			return err
		}
	}
	// Made before netlab's inventory, or left by a Down that finished:
	// only the lab's own files remain.
	if _, err := os.Stat(filepath.Join(stateDir, InventoryFile)); err == nil {
		if err := os.RemoveAll(stateDir); err != nil {
			return err
		}
		_ = os.Remove(filepath.Dir(stateDir))
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// LabStatus is a lab on this machine.
type LabStatus struct {
	StateDir  string       `json:"state_dir"`
	Inventory *Inventory   `json:"inventory,omitempty"`
	Daemons   []DaemonInfo `json:"daemons"`
	// Expected is the number of daemons a healthy lab runs (4 FRR
	// daemons with watchfrr, 2 Open vSwitch and sshd per switch).
	Expected int `json:"expected_daemons"`
	// Problem says what is wrong ("" for a lab that is up and whole).
	Problem string `json:"problem,omitempty"`
}

// DaemonInfo is a running process of a lab.
type DaemonInfo struct {
	Node string `json:"node"`
	Name string `json:"name"`
	PID  int    `json:"pid"`
}

// Status lists the labs under root ("": /run/avnet-lab), with their
// running daemons.
func Status(root string) ([]LabStatus, error) {
	if root == "" {
		root = netlab.DefaultStateRoot
	}
	ents, err := os.ReadDir(root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	var out []LabStatus
	for _, e := range ents {
		dir := filepath.Join(root, e.Name())
		// Only labs of `avnet lab up` (which writes lab.json before
		// anything else): other tools' netlab labs may share the root.
		inv, errInv := LoadInventory(dir)
		if errors.Is(errInv, ErrNoLab) {
			continue
		}
		_, errNet := os.Stat(filepath.Join(dir, "state.json"))
		st := LabStatus{StateDir: dir}
		if errInv == nil {
			st.Inventory = inv
			st.Expected = 8 * len(inv.Switches)
		} else {
			st.Problem = errInv.Error()
		}
		if errNet == nil {
			l, err := netlab.Load(dir)
			if err != nil {
				st.Problem = err.Error()
			} else {
				for _, d := range l.Daemons() {
					st.Daemons = append(st.Daemons, DaemonInfo{Node: d.Node, Name: d.Name, PID: d.PID})
				}
			}
		}
		sort.Slice(st.Daemons, func(i, j int) bool {
			if st.Daemons[i].Node != st.Daemons[j].Node {
				return st.Daemons[i].Node < st.Daemons[j].Node
			}
			return st.Daemons[i].Name < st.Daemons[j].Name
		})
		switch {
		case st.Problem != "":
		case st.Inventory != nil && !st.Inventory.Ready:
			st.Problem = "not ready: `lab up` did not finish (crashed or still running); take it down and up again"
		case len(st.Daemons) < st.Expected:
			st.Problem = fmt.Sprintf("%d of %d switch daemons running", len(st.Daemons), st.Expected)
		}
		out = append(out, st)
	}
	return out, nil
}
