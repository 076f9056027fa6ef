package deploy

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/avnet/avnet/internal/suggest"
	"net/netip"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/avnet/avnet/internal/lab/netlab"
	"github.com/avnet/avnet/internal/model"
)

// Inventory is the list of devices a plan covers and how to reach them.
// Management addresses and platforms come from the design; an inventory
// file may override address, port, platform and credentials per device
// (a lab, a NAT); credentials themselves come from the environment, an
// SSH agent or key files.
type Inventory struct {
	Design  string
	Devices []*Device
	// Skipped are switches of the design deploy leaves alone, with why.
	Skipped []Skipped
}

// Skipped is a switch that is not planned.
type Skipped struct {
	Name, Reason string
}

// InventoryFromDesign lists the design's switches: every device with role
// "switch" that has a platform, at its management address.
func InventoryFromDesign(design string, f *model.Facility) *Inventory {
	inv := &Inventory{Design: design}
	for _, name := range model.SortedKeys(f.Devices) {
		d := f.Devices[name]
		if !d.IsSwitch() {
			continue
		}
		dev := &Device{Name: name, Platform: d.Platform}
		if d.Mgmt != nil {
			dev.Address = mgmtHost(d.Mgmt.IP)
		}
		inv.Devices = append(inv.Devices, dev)
	}
	return inv
}

// mgmtHost strips a prefix length from a management address.
func mgmtHost(ip string) string {
	if p, err := netip.ParsePrefix(ip); err == nil {
		return p.Addr().String()
	}
	return ip
}

// Device returns the named device, or nil.
func (inv *Inventory) Device(name string) *Device {
	for _, d := range inv.Devices {
		if d.Name == name {
			return d
		}
	}
	return nil
}

// Names lists the devices.
func (inv *Inventory) Names() []string {
	var out []string
	for _, d := range inv.Devices {
		out = append(out, d.Name)
	}
	return out
}

// Select keeps only the named devices (all when names is empty).
func (inv *Inventory) Select(names []string) error {
	if len(names) == 0 {
		return nil
	}
	var keep []*Device
	for _, n := range names {
		d := inv.Device(n)
		if d == nil {
			if hint := suggest.Phrase(n, inv.Names()); hint != "" {
				return fmt.Errorf("--device %q is not a switch of design %s%s", n, inv.Design, hint)
			}
			return fmt.Errorf("--device %q is not a switch of design %s. Switches are %q", n, inv.Design, inv.Names())
		}
		keep = append(keep, d)
	}
	sort.Slice(keep, func(i, j int) bool { return keep[i].Name < keep[j].Name })
	inv.Devices = keep
	return nil
}

// finish drops the switches without a platform (after overrides), and
// checks the others.
func (inv *Inventory) finish() error {
	var keep []*Device
	var errs []error
	for _, d := range inv.Devices {
		if d.Platform == "" {
			inv.Skipped = append(inv.Skipped, Skipped{d.Name, "no platform in the design (devices." + d.Name + ".platform) or the inventory"})
			continue
		}
		if err := d.compile(); err != nil {
			errs = append(errs, err)
			continue
		}
		keep = append(keep, d)
	}
	inv.Devices = keep
	return errors.Join(errs...)
}

// inventoryFile is the layout of an inventory file (YAML or JSON).
//
//	defaults:
//	  user: netops
//	devices:
//	  sw-red:
//	    address: 203.0.113.10
//	    port: 2201
//	    platform: eos
//	    password_env: SW_RED_PASSWORD
//	    key_file: ~/.ssh/avnet_ed25519
//	    ignore: ["^license udi"]
//	    linux: {ptp_config: /etc/linuxptp/ptp4l.conf}
type inventoryFile struct {
	Defaults inventoryEntry            `yaml:"defaults"`
	Devices  map[string]inventoryEntry `yaml:"devices"`
}

type inventoryEntry struct {
	Address     string        `yaml:"address"`
	Port        int           `yaml:"port"`
	Platform    string        `yaml:"platform"`
	User        string        `yaml:"user"`
	PasswordEnv string        `yaml:"password_env"`
	KeyFile     string        `yaml:"key_file"`
	Ignore      []string      `yaml:"ignore"`
	Linux       *LinuxOptions `yaml:"linux"`
	// Password is refused: secrets never live in files avnet reads.
	Password string `yaml:"password"`
}

// LoadInventoryFile applies an inventory file's overrides. Devices it
// names must be switches of the design.
func (inv *Inventory) LoadInventoryFile(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("inventory: %w", err)
	}
	var f inventoryFile
	dec := yaml.NewDecoder(bytes.NewReader(b)) // YAML is a superset of JSON
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && err.Error() != "EOF" {
		return fmt.Errorf("inventory %s: %w (fields are address, port, platform, user, password_env, key_file, ignore, linux)", path, err)
	}
	apply := func(name string, e inventoryEntry, d *Device) error {
		if e.Password != "" {
			return fmt.Errorf("inventory %s: %s: a password in the inventory file is refused; put it in an environment variable and name it with password_env", path, name)
		}
		if e.Address != "" {
			d.Address = e.Address
		}
		if e.Port != 0 {
			d.Port = e.Port
		}
		if e.Platform != "" {
			d.Platform = e.Platform
		}
		if e.User != "" {
			d.User = e.User
		}
		if e.PasswordEnv != "" {
			d.PasswordEnv = e.PasswordEnv
		}
		if e.KeyFile != "" {
			d.KeyFile = e.KeyFile
			if !filepath.IsAbs(d.KeyFile) && !strings.HasPrefix(d.KeyFile, "~/") {
				d.KeyFile = filepath.Join(filepath.Dir(path), d.KeyFile)
			}
		}
		d.Ignore = append(d.Ignore, e.Ignore...)
		if e.Linux != nil {
			d.Linux = e.Linux
		}
		return nil
	}
	for _, d := range inv.Devices {
		if err := apply("defaults", f.Defaults, d); err != nil {
			return err
		}
	}
	for _, name := range sortedKeys(f.Devices) {
		d := inv.Device(name)
		if d == nil {
			return fmt.Errorf("inventory %s: %q is not a switch of design %s. Switches are %q", path, name, inv.Design, inv.Names())
		}
		if err := apply(name, f.Devices[name], d); err != nil {
			return err
		}
	}
	return nil
}

// LabClientKey is where an avnet lab keeps the private key its switches'
// sshd accept (the public half is their authorized_keys): `avnet lab up`
// writes it, `plan --lab` and `apply --lab` use it.
func LabClientKey(stateDir string) string { return filepath.Join(stateDir, "ssh", "id_ed25519") }

// LabPTP are the ptp4l settings of a lab node: its configuration in the
// node's directory, (re)started by a small script since the lab has no
// service manager; its management socket is the node's own (several
// ptp4l share the machine). Lab clocks run free (free_running 1): every
// lab node shares the machine's system clock, which ptp4l must never
// steer; boundary_clock_jbod is off because software timestamps give one
// clock for all ports.
func LabPTP(nodeDir string) LinuxOptions {
	conf := filepath.Join(nodeDir, "avnet-ptp4l.conf")
	pid := filepath.Join(nodeDir, "avnet-ptp4l.pid")
	log := filepath.Join(nodeDir, "avnet-ptp4l.log")
	uds := filepath.Join(nodeDir, "avnet-ptp4l.uds")
	stop := fmt.Sprintf(`if [ -f %[1]s ]; then kill $(cat %[1]s) 2>/dev/null; rm -f %[1]s; sleep 0.2; fi`, shellQuote(pid))
	restart := stop + fmt.Sprintf(`; setsid ptp4l -S --free_running=1 --boundary_clock_jbod=0 -f %s --uds_address=%s </dev/null >>%s 2>&1 & echo $! > %s; sleep 0.5; s=$(cut -d" " -f3 /proc/$(cat %s)/stat 2>/dev/null); [ -n "$s" ] && [ "$s" != Z ]`,
		shellQuote(conf), shellQuote(uds), shellQuote(log), shellQuote(pid), shellQuote(pid))
	return LinuxOptions{PTPConfig: conf, PTPRestart: restart, PTPStop: stop, WorkDir: filepath.Join(nodeDir, "deploy")}
}

// FindLab returns the state directory of the running lab of a design:
// dir itself when given, else the lab named like the design under
// netlab's default root.
func FindLab(design, dir string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	labs, err := netlab.Labs("")
	if err != nil {
		return "", err
	}
	var names []string
	for _, l := range labs {
		lab, err := netlab.Load(l)
		if err != nil {
			continue
		}
		if lab.Name == design || filepath.Base(l) == design {
			return l, nil
		}
		names = append(names, lab.Name)
	}
	if len(names) == 0 {
		return "", fmt.Errorf("no avnet lab is running (nothing under %s): start one with `avnet lab up`", netlab.DefaultStateRoot)
	}
	return "", fmt.Errorf("no avnet lab of design %s is running. Running labs are %q (use --lab-dir to name one)", design, names)
}

// UseLab points every switch at its node in a running avnet lab: the
// node's management address, the lab's user and key, the node's own host
// key (pinned: no known_hosts needed), and platform linux (the lab runs
// every switch as a Linux switch). Switches the lab left out are skipped.
func (inv *Inventory) UseLab(stateDir string) error {
	lab, err := netlab.Load(stateDir)
	if err != nil {
		return err
	}
	key := LabClientKey(stateDir)
	if _, err := os.Stat(key); err != nil {
		return fmt.Errorf("lab %s: no client key at %s (written by `avnet lab up`): %w", lab.Name, key, err)
	}
	nodes := map[string]bool{}
	for _, n := range lab.Nodes() {
		nodes[n] = true
	}
	user := lab.SSHUser
	if user == "" {
		user = netlab.DefaultSSHUser
	}
	var keep []*Device
	for _, d := range inv.Devices {
		if !nodes[d.Name] {
			inv.Skipped = append(inv.Skipped, Skipped{d.Name, "not in lab " + lab.Name})
			continue
		}
		keep = append(keep, d)
		addr, ok := lab.MgmtAddr(d.Name)
		if !ok {
			return fmt.Errorf("lab %s: node %s has no management address", lab.Name, d.Name)
		}
		nodeDir := lab.NodeDir(d.Name)
		hk, err := os.ReadFile(filepath.Join(nodeDir, "ssh", "ssh_host_ed25519_key.pub"))
		if err != nil {
			return fmt.Errorf("lab %s: node %s runs no sshd: %w", lab.Name, d.Name, err)
		}
		lo := LabPTP(nodeDir)
		*d = Device{Name: d.Name, Platform: "linux", Address: addr.String(), Port: netlab.SSHPort,
			User: user, KeyFile: key, HostKeys: [][]byte{bytes.TrimSpace(hk)}, Linux: &lo,
			PasswordEnv: "AVNET_LAB_NO_PASSWORD"}
	}
	inv.Devices = keep
	return nil
}
