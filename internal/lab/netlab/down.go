package netlab

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// Down takes the lab down: it kills the processes recorded in the
// inventory (only those whose command line still matches the record),
// then any process left in the lab's namespaces, deletes the namespaces,
// the management bridge and its veths, the lab's files outside the state
// directory, and the state directory. It is idempotent and works on a lab
// whose creator crashed: on a Lab from Load, or on a new Lab with the same
// Name (and StateDir) whose state directory holds an inventory.
func (l *Lab) Down(ctx context.Context) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.inited {
		dir := l.StateDir
		if dir == "" {
			if !nameRE.MatchString(l.Name) {
				return fmt.Errorf("netlab: Down: lab name %q is not valid", l.Name)
			}
			dir = filepath.Join(DefaultStateRoot, l.Name)
		}
		b, err := os.ReadFile(filepath.Join(dir, inventoryFile))
		if errors.Is(err, fs.ErrNotExist) {
			return nil // nothing was made, or it is already down
		} else if err != nil {
			return fmt.Errorf("netlab: Down lab %s: %w", l.Name, err)
		}
		var inv inventory
		if err := json.Unmarshal(b, &inv); err != nil {
			return fmt.Errorf("netlab: Down lab %s: corrupt inventory %s: %w", l.Name, filepath.Join(dir, inventoryFile), err)
		}
		inv.StateDir = filepath.Clean(dir)
		l.inv = inv
		l.StateDir = inv.StateDir
	}
	inv := &l.inv
	var errs []error

	// 1. Recorded processes, stage by stage.
	stages := map[int][]processRecord{}
	for _, p := range inv.Processes {
		stages[p.Stage] = append(stages[p.Stage], p)
	}
	var order []int
	for s := range stages {
		order = append(order, s)
	}
	sort.Ints(order)
	for _, s := range order {
		var pids []int
		for _, rec := range stages[s] {
			if pid := ownedPID(rec); pid > 0 {
				pids = append(pids, pid)
			}
		}
		if left := killAndWait(ctx, pids, 5*time.Second); len(left) > 0 {
			errs = append(errs, fmt.Errorf("processes %v would not die", left))
		}
	}

	// 2. Anything else still running in the lab's namespaces (ssh
	// sessions, programs run with Exec in the background...).
	inodes := map[uint64]bool{}
	for _, n := range inv.Namespaces {
		if ino := netnsInode(n.Netns); ino != 0 {
			inodes[ino] = true
		}
	}
	// Also what names the state directory: a daemon whose start was under
	// way when `lab up` was killed may come up after this scan, in a
	// namespace about to go, hence the second scan after step 3.
	sweep := func() {
		if pids := labProcesses(inodes, inv.StateDir); len(pids) > 0 {
			if left := killAndWait(ctx, pids, 3*time.Second); len(left) > 0 {
				errs = append(errs, fmt.Errorf("processes %v of the lab would not die", left))
			}
		}
	}
	sweep()

	// 3. Root-namespace veths (their peers go with them), then the
	// namespaces (and every interface inside), then the bridge.
	for _, link := range inv.RootLinks {
		if _, err := os.Stat(filepath.Join("/sys/class/net", link)); err == nil {
			if _, err := run(ctx, "", "", nil, "ip", "link", "del", link); err != nil {
				errs = append(errs, err)
			}
		}
	}
	for _, n := range inv.Namespaces {
		if _, err := os.Lstat(filepath.Join(netnsDir, n.Netns)); err == nil {
			if _, err := run(ctx, n.Node, "", nil, "ip", "netns", "del", n.Netns); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if inv.BridgeMade && inv.MgmtBridge != "" {
		if _, err := os.Stat(filepath.Join("/sys/class/net", inv.MgmtBridge)); err == nil {
			if _, err := run(ctx, "", "", nil, "ip", "link", "del", inv.MgmtBridge); err != nil {
				errs = append(errs, err)
			}
		}
	}

	sweep()

	// 4. Files outside the state directory, then the state directory.
	for _, p := range inv.Paths {
		if err := l.removeOwnedPath(p); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) == 0 {
		if l.StateDir == "/" || !filepath.IsAbs(l.StateDir) {
			return fmt.Errorf("netlab: Down lab %s: refusing to remove state directory %q", l.Name, l.StateDir)
		}
		if err := os.RemoveAll(l.StateDir); err != nil {
			return fmt.Errorf("netlab: Down lab %s: %w", l.Name, err)
		}
		// Parents the lab may have made, if nothing else uses them.
		_ = os.Remove(filepath.Dir(l.StateDir))
		_ = os.Remove(etcNetnsDir)
		l.inited = false
		l.inv = inventory{}
		return nil
	}
	// Keep the inventory: a later Down can finish the job.
	return fmt.Errorf("netlab: Down lab %s left things behind (run Down again; the inventory is %s): %w",
		l.Name, filepath.Join(l.StateDir, inventoryFile), errors.Join(errs...))
}
