package deploy

import (
	"encoding/json"
	"fmt"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"
)

// This file is the Open vSwitch part of a linux switch: the generated
// configs/<device>.ovs.sh (one atomic ovs-vsctl transaction) is read as
// data by a small interpreter of the ovs-vsctl commands it may use,
// giving the bridges, ports and interfaces it makes from an empty
// switch; the running switch is read with `ovs-vsctl --format=json list`.
// Both are rendered the same canonical way, so they can be diffed.
//
// Apply runs, in ONE ovs-vsctl invocation (one OVSDB transaction, so all
// or nothing), `--if-exists del-br` of every bridge the switch has or the
// script makes, then the script's own commands: the switch ends up with
// exactly what the script makes from an empty switch, which is what the
// plan showed.

// ovsColumns are the configuration columns avnet tracks, per table, and
// whether each is a map (one line per key). Columns written by
// ovs-vswitchd (status, statistics, ofport…) are not configuration.
var ovsColumns = map[string]map[string]bool{
	"Open_vSwitch": {"other_config": true},
	"Bridge": {"datapath_type": false, "external_ids": true, "fail_mode": false, "flood_vlans": false,
		"mcast_snooping_enable": false, "other_config": true, "protocols": false, "rstp_enable": false, "stp_enable": false},
	"Port": {"bond_downdelay": false, "bond_fake_iface": false, "bond_mode": false, "bond_updelay": false,
		"cvlans": false, "external_ids": true, "lacp": false, "mac": false, "other_config": true,
		"protected": false, "tag": false, "trunks": false, "vlan_mode": false},
	"Interface": {"bfd": true, "cfm_mpid": false, "external_ids": true, "ingress_policing_burst": false,
		"ingress_policing_kpkts_burst": false, "ingress_policing_kpkts_rate": false, "ingress_policing_rate": false,
		"lldp": true, "mac": false, "mtu_request": false, "ofport_request": false, "options": true,
		"other_config": true, "type": false},
}

// ovsUntracked are columns a script may set that the view leaves out:
// the Open_vSwitch row's external_ids are the host's (the lab, an
// integration system, avnet's own "configured by" marker), not the
// switch's configuration.
var ovsUntracked = map[string]map[string]bool{"Open_vSwitch": {"external_ids": true}}

// ovsTables are the tables of the Open_vSwitch schema, for ovs-vsctl's
// case-insensitive unique-prefix table names.
var ovsTables = []string{"Open_vSwitch", "Bridge", "Port", "Interface", "Controller", "Manager", "Mirror",
	"NetFlow", "SSL", "sFlow", "IPFIX", "Flow_Sample_Collector_Set", "QoS", "Queue", "AutoAttach",
	"Flow_Table", "Datapath", "CT_Zone", "CT_Timeout_Policy"}

// ovsState is the configuration of one switch's Open vSwitch.
type ovsState struct {
	system  map[string]string // Open_vSwitch row: "column" or "column:key" -> value
	bridges map[string]*ovsBridge
	ports   map[string]*ovsPort // by name, across bridges
	ifaces  map[string]*ovsIface
}

type ovsBridge struct {
	name  string
	cols  map[string]string
	ports map[string]bool
}

type ovsPort struct {
	name, bridge string
	cols         map[string]string
	ifaces       []string
}

type ovsIface struct {
	name, port string
	cols       map[string]string
}

func newOVSState() *ovsState {
	return &ovsState{system: map[string]string{}, bridges: map[string]*ovsBridge{},
		ports: map[string]*ovsPort{}, ifaces: map[string]*ovsIface{}}
}

// ovsCommand is one ovs-vsctl command of a transaction: its options
// (--may-exist…), name and arguments.
type ovsCommand struct {
	Opts []string
	Name string
	Args []string
}

func (c ovsCommand) argv() []string {
	out := append([]string{"--"}, c.Opts...)
	out = append(out, c.Name)
	return append(out, c.Args...)
}

// OVSScript is a parsed configs/<device>.ovs.sh.
type OVSScript struct {
	Commands []ovsCommand
	state    *ovsState
}

// ParseOVSScript reads a generated ovs-vsctl script: every command must
// be ovs-vsctl (or `set -e`-like shell settings), and every ovs-vsctl
// command one that deploy understands. Several ovs-vsctl invocations are
// merged into one transaction.
func ParseOVSScript(name string, src []byte) (*OVSScript, error) {
	cmds, err := parseShell(string(src))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	s := &OVSScript{}
	for _, c := range cmds {
		w := c.Words
		if w[0] == "exec" {
			w = w[1:]
		}
		if len(w) == 0 {
			continue
		}
		switch {
		case w[0] == "set" || w[0] == ":" || w[0] == "true":
			continue // shell options, no-ops
		case path.Base(w[0]) == "ovs-vsctl":
		default:
			return nil, fmt.Errorf("%s:%d: %q is not an ovs-vsctl command: the script must be one ovs-vsctl transaction", name, c.Line, w[0])
		}
		sub, err := splitVsctl(w[1:])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, c.Line, err)
		}
		s.Commands = append(s.Commands, sub...)
	}
	st := newOVSState()
	for _, c := range s.Commands {
		if err := st.exec(c); err != nil {
			return nil, fmt.Errorf("%s: ovs-vsctl %s: %w", name, strings.Join(append(append(append([]string{}, c.Opts...), c.Name), c.Args...), " "), err)
		}
	}
	s.state = st
	return s, nil
}

// splitVsctl splits ovs-vsctl's arguments into commands, dropping the
// global options (the database, timeouts and waiting are apply's choice).
func splitVsctl(args []string) ([]ovsCommand, error) {
	var out []ovsCommand
	cur := ovsCommand{}
	global := true
	flush := func() {
		if cur.Name != "" {
			out = append(out, cur)
		}
		cur = ovsCommand{}
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			flush()
			global = false
			continue
		}
		if cur.Name == "" && strings.HasPrefix(a, "-") {
			switch opt, _, _ := strings.Cut(a, "="); opt {
			case "--may-exist", "--if-exists", "--with-iface", "--fake-iface", "--all":
				cur.Opts = append(cur.Opts, a)
			case "--db", "--timeout", "--no-wait", "--retry", "--no-syslog", "--oneline", "-v", "--verbose", "--log-file":
				if !global {
					return nil, fmt.Errorf("option %s must come before the first command", a)
				}
			case "-t":
				i++ // -t SECS
			case "--dry-run":
				return nil, fmt.Errorf("--dry-run makes the script do nothing")
			case "--id":
				return nil, fmt.Errorf("%s (records created by --id) is not supported: use add-br, add-port, add-bond and set", a)
			default:
				return nil, fmt.Errorf("option %s is not supported", a)
			}
			continue
		}
		if cur.Name == "" {
			cur.Name = a
			continue
		}
		cur.Args = append(cur.Args, a)
	}
	flush()
	return out, nil
}

func hasOpt(c ovsCommand, o string) bool {
	for _, x := range c.Opts {
		if x == o {
			return true
		}
	}
	return false
}

// exec applies one ovs-vsctl command to the state, as ovs-vsctl would.
func (st *ovsState) exec(c ovsCommand) error {
	a := c.Args
	need := func(min, max int) error {
		if len(a) < min || max >= 0 && len(a) > max {
			return fmt.Errorf("wrong number of arguments")
		}
		return nil
	}
	switch c.Name {
	case "init":
		return nil
	case "add-br":
		if len(a) == 3 {
			return fmt.Errorf("fake bridges (add-br BRIDGE PARENT VLAN) are not supported")
		}
		if err := need(1, 1); err != nil {
			return err
		}
		if st.bridges[a[0]] != nil {
			if hasOpt(c, "--may-exist") {
				return nil
			}
			return fmt.Errorf("cannot create a bridge named %s because a bridge named %s already exists", a[0], a[0])
		}
		if st.ports[a[0]] != nil || st.ifaces[a[0]] != nil {
			return fmt.Errorf("cannot create bridge %s: a port or interface has that name", a[0])
		}
		st.bridges[a[0]] = &ovsBridge{name: a[0], cols: map[string]string{}, ports: map[string]bool{}}
		st.addPort(a[0], a[0], []string{a[0]})
		st.ifaces[a[0]].cols["type"] = "internal"
		return nil
	case "del-br":
		if err := need(1, 1); err != nil {
			return err
		}
		b := st.bridges[a[0]]
		if b == nil {
			if hasOpt(c, "--if-exists") {
				return nil
			}
			return fmt.Errorf("no bridge named %s", a[0])
		}
		for p := range b.ports {
			st.delPort(p)
		}
		delete(st.bridges, a[0])
		return nil
	case "add-port", "add-bond":
		if err := need(2, -1); err != nil {
			return err
		}
		br, port := a[0], a[1]
		rest := a[2:]
		ifaces := []string{port}
		if c.Name == "add-bond" {
			ifaces = nil
			for len(rest) > 0 && !strings.Contains(rest[0], "=") {
				ifaces = append(ifaces, rest[0])
				rest = rest[1:]
			}
			if len(ifaces) < 2 {
				return fmt.Errorf("add-bond needs at least two interfaces")
			}
		}
		if st.bridges[br] == nil {
			return fmt.Errorf("no bridge named %s", br)
		}
		if p := st.ports[port]; p != nil {
			if hasOpt(c, "--may-exist") && p.bridge == br {
				return nil
			}
			return fmt.Errorf("cannot create a port named %s because a port named %s already exists on bridge %s", port, port, p.bridge)
		}
		for _, i := range ifaces {
			if st.ifaces[i] != nil {
				return fmt.Errorf("cannot create an interface named %s because one already exists", i)
			}
		}
		st.addPort(br, port, ifaces)
		for _, kv := range rest {
			if err := st.setColumn("Port", st.ports[port].cols, kv); err != nil {
				return err
			}
		}
		return nil
	case "del-port":
		if err := need(1, 2); err != nil {
			return err
		}
		name := a[len(a)-1]
		p := st.ports[name]
		if p == nil && hasOpt(c, "--with-iface") {
			if i := st.ifaces[name]; i != nil {
				p = st.ports[i.port]
			}
		}
		if p == nil {
			if hasOpt(c, "--if-exists") {
				return nil
			}
			return fmt.Errorf("no port named %s", name)
		}
		if len(a) == 2 && p.bridge != a[0] {
			return fmt.Errorf("bridge %s does not have a port %s", a[0], name)
		}
		if p.name == p.bridge {
			return fmt.Errorf("cannot delete port %s because it is the local port for bridge %s (deleting this port requires deleting the entire bridge)", p.name, p.bridge)
		}
		st.delPort(p.name)
		return nil
	case "br-set-external-id":
		if err := need(2, 3); err != nil {
			return err
		}
		b := st.bridges[a[0]]
		if b == nil {
			return fmt.Errorf("no bridge named %s", a[0])
		}
		if len(a) == 2 {
			delete(b.cols, "external_ids:"+a[1])
		} else {
			setOrDelete(b.cols, "external_ids:"+a[1], a[2])
		}
		return nil
	case "set", "add", "remove", "clear":
		if err := need(3, -1); err != nil {
			return err
		}
		table, err := ovsTable(a[0])
		if err != nil {
			return err
		}
		cols, err := st.record(table, a[1])
		if err != nil {
			if hasOpt(c, "--if-exists") {
				return nil
			}
			return err
		}
		switch c.Name {
		case "set":
			for _, kv := range a[2:] {
				if err := st.setColumn(table, cols, kv); err != nil {
					return err
				}
			}
		case "clear":
			for _, col := range a[2:] {
				if ovsUntracked[table][col] {
					continue
				}
				if _, err := ovsColumn(table, col); err != nil {
					return err
				}
				clearColumn(cols, col)
			}
		case "add", "remove":
			return st.addRemove(c.Name, table, cols, a[2], a[3:])
		}
		return nil
	}
	return fmt.Errorf("command %q is not supported; deploy understands init, add-br, del-br, add-port, add-bond, del-port, set, add, remove, clear and br-set-external-id", c.Name)
}

func (st *ovsState) addPort(br, port string, ifaces []string) {
	st.bridges[br].ports[port] = true
	p := &ovsPort{name: port, bridge: br, cols: map[string]string{}}
	for _, i := range ifaces {
		st.ifaces[i] = &ovsIface{name: i, port: port, cols: map[string]string{}}
		p.ifaces = append(p.ifaces, i)
	}
	st.ports[port] = p
}

func (st *ovsState) delPort(name string) {
	p := st.ports[name]
	if p == nil {
		return
	}
	for _, i := range p.ifaces {
		delete(st.ifaces, i)
	}
	delete(st.bridges[p.bridge].ports, name)
	delete(st.ports, name)
}

func (st *ovsState) record(table, id string) (map[string]string, error) {
	switch table {
	case "Open_vSwitch":
		if id != "." {
			return nil, fmt.Errorf("the Open_vSwitch record is named \".\", not %q", id)
		}
		return st.system, nil
	case "Bridge":
		if b := st.bridges[id]; b != nil {
			return b.cols, nil
		}
	case "Port":
		if p := st.ports[id]; p != nil {
			return p.cols, nil
		}
	case "Interface":
		if i := st.ifaces[id]; i != nil {
			return i.cols, nil
		}
	}
	return nil, fmt.Errorf("no row %q in table %s", id, table)
}

func ovsTable(name string) (string, error) {
	var match []string
	for _, t := range ovsTables {
		if strings.EqualFold(t, name) {
			match = []string{t}
			break
		}
		if len(name) > 0 && strings.HasPrefix(strings.ToLower(t), strings.ToLower(name)) {
			match = append(match, t)
		}
	}
	if len(match) != 1 {
		return "", fmt.Errorf("unknown or ambiguous table %q", name)
	}
	if ovsColumns[match[0]] == nil {
		return "", fmt.Errorf("table %s is not supported: deploy tracks Open_vSwitch, Bridge, Port and Interface", match[0])
	}
	return match[0], nil
}

// ovsColumn checks a column name (without :key) and tells whether it is a map.
func ovsColumn(table, col string) (bool, error) {
	isMap, ok := ovsColumns[table][col]
	if !ok {
		var names []string
		for c := range ovsColumns[table] {
			names = append(names, c)
		}
		sort.Strings(names)
		return false, fmt.Errorf("column %s.%s is not one deploy tracks. Supported columns are %q", table, col, names)
	}
	return isMap, nil
}

// setColumn applies COLUMN[:KEY]=VALUE.
func (st *ovsState) setColumn(table string, cols map[string]string, kv string) error {
	lhs, val, ok := strings.Cut(kv, "=")
	if !ok {
		return fmt.Errorf("%q is not COLUMN[:KEY]=VALUE", kv)
	}
	col, key, hasKey := strings.Cut(lhs, ":")
	if ovsUntracked[table][col] {
		return nil
	}
	isMap, err := ovsColumn(table, col)
	if err != nil {
		return err
	}
	switch {
	case hasKey:
		if !isMap {
			return fmt.Errorf("column %s is not a map: %s:%s", col, col, key)
		}
		setOrDelete(cols, col+":"+unquoteAtom(key), unquoteAtom(val))
	case isMap:
		m, err := parseOVSMap(val)
		if err != nil {
			return fmt.Errorf("%s: %w", kv, err)
		}
		clearColumn(cols, col)
		for k, v := range m {
			setOrDelete(cols, col+":"+k, v)
		}
	default:
		setOrDelete(cols, col, canonicalSet(splitOVSSet(val)))
	}
	return nil
}

func (st *ovsState) addRemove(op, table string, cols map[string]string, col string, vals []string) error {
	if ovsUntracked[table][col] {
		return nil
	}
	isMap, err := ovsColumn(table, col)
	if err != nil {
		return err
	}
	if isMap {
		for _, v := range vals {
			k, val, hasVal := strings.Cut(v, "=")
			k = unquoteAtom(k)
			switch {
			case op == "add" && hasVal:
				if _, exists := cols[col+":"+k]; !exists { // add never replaces a key
					setOrDelete(cols, col+":"+k, unquoteAtom(val))
				}
			case op == "remove" && (!hasVal || cols[col+":"+k] == unquoteAtom(val)):
				delete(cols, col+":"+k)
			case op == "add":
				return fmt.Errorf("add %s %s: %q is not KEY=VALUE", table, col, v)
			}
		}
		return nil
	}
	cur := splitOVSSet(cols[col])
	for _, v := range vals {
		for _, e := range splitOVSSet(v) {
			if op == "add" {
				cur = append(cur, e)
				continue
			}
			var kept []string
			for _, x := range cur {
				if x != e {
					kept = append(kept, x)
				}
			}
			cur = kept
		}
	}
	setOrDelete(cols, col, canonicalSet(cur))
	return nil
}

func clearColumn(cols map[string]string, col string) {
	delete(cols, col)
	for k := range cols {
		if strings.HasPrefix(k, col+":") {
			delete(cols, k)
		}
	}
}

// setOrDelete stores a value, or forgets it when it is the column's
// default (empty, 0, false): defaults are not shown on either side.
func setOrDelete(cols map[string]string, k, v string) {
	if isOVSDefault(v) {
		delete(cols, k)
		return
	}
	cols[k] = v
}

func isOVSDefault(v string) bool { return v == "" || v == "0" || v == "false" }

// splitOVSSet parses an ovs-vsctl set value: "[a, b]", "a,b" or "a".
func splitOVSSet(v string) []string {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]") {
		v = v[1 : len(v)-1]
	}
	var out []string
	for _, e := range splitTopLevel(v, ',') {
		if e = unquoteAtom(strings.TrimSpace(e)); e != "" {
			out = append(out, e)
		}
	}
	return out
}

// parseOVSMap parses "{k=v, k2=v2}".
func parseOVSMap(v string) (map[string]string, error) {
	v = strings.TrimSpace(v)
	if !strings.HasPrefix(v, "{") || !strings.HasSuffix(v, "}") {
		return nil, fmt.Errorf("a map value is written {KEY=VALUE, ...}")
	}
	m := map[string]string{}
	for _, e := range splitTopLevel(v[1:len(v)-1], ',') {
		if strings.TrimSpace(e) == "" {
			continue
		}
		k, val, ok := strings.Cut(e, "=")
		if !ok {
			return nil, fmt.Errorf("%q is not KEY=VALUE", e)
		}
		m[unquoteAtom(strings.TrimSpace(k))] = unquoteAtom(strings.TrimSpace(val))
	}
	return m, nil
}

// splitTopLevel splits on sep outside double quotes.
func splitTopLevel(s string, sep byte) []string {
	var out []string
	inQ := false
	start := 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && inQ:
			i++
		case s[i] == '"':
			inQ = !inQ
		case s[i] == sep && !inQ:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func unquoteAtom(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		if u, err := strconv.Unquote(s); err == nil {
			return u
		}
	}
	return s
}

// canonicalSet sorts and deduplicates set elements (numerically when all
// are integers) and joins them with commas.
func canonicalSet(elems []string) string {
	seen := map[string]bool{}
	var out []string
	allNum := true
	for _, e := range elems {
		if seen[e] {
			continue
		}
		seen[e] = true
		out = append(out, e)
		if _, err := strconv.ParseInt(e, 10, 64); err != nil {
			allNum = false
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if allNum {
			a, _ := strconv.ParseInt(out[i], 10, 64)
			b, _ := strconv.ParseInt(out[j], 10, 64)
			return a < b
		}
		return out[i] < out[j]
	})
	return strings.Join(out, ",")
}

// render writes the canonical view:
//
//	system other_config:k=v
//	bridge br0
//	 datapath_type=netdev
//	 port swp1
//	  tag=10
//	  interface swp1 type=internal
func (st *ovsState) render() string {
	var b strings.Builder
	for _, k := range sortedKeys(st.system) {
		fmt.Fprintf(&b, "system %s=%s\n", k, quoteOVS(st.system[k]))
	}
	for _, bn := range sortedNatural(keysOf(st.bridges)) {
		br := st.bridges[bn]
		fmt.Fprintf(&b, "bridge %s\n", quoteOVS(bn))
		for _, k := range sortedKeys(br.cols) {
			fmt.Fprintf(&b, " %s=%s\n", k, quoteOVS(br.cols[k]))
		}
		for _, pn := range sortedNatural(keysOf(br.ports)) {
			p := st.ports[pn]
			fmt.Fprintf(&b, " port %s\n", quoteOVS(pn))
			for _, k := range sortedKeys(p.cols) {
				fmt.Fprintf(&b, "  %s=%s\n", k, quoteOVS(p.cols[k]))
			}
			for _, in := range sortedNatural(append([]string(nil), p.ifaces...)) {
				i := st.ifaces[in]
				fmt.Fprintf(&b, "  interface %s", quoteOVS(in))
				for _, k := range sortedKeys(i.cols) {
					fmt.Fprintf(&b, " %s=%s", k, quoteOVS(i.cols[k]))
				}
				b.WriteString("\n")
			}
		}
	}
	return b.String()
}

func quoteOVS(s string) string {
	if s == "" || strings.ContainsAny(s, " \t\n\"'\\{}[]") {
		return strconv.Quote(s)
	}
	return s
}

func keysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	k := keysOf(m)
	sort.Strings(k)
	return k
}

func sortedNatural(s []string) []string {
	sort.Slice(s, func(i, j int) bool { return naturalLess(s[i], s[j]) })
	return s
}

// View is the canonical text of what the script makes from an empty switch.
func (s *OVSScript) View() string { return s.state.render() }

// Bridges lists the bridges the script makes.
func (s *OVSScript) Bridges() []string { return sortedKeys(s.state.bridges) }

// ovsTablesRead are the tables ReadRunning lists, in order.
var ovsTablesRead = []string{"Open_vSwitch", "Bridge", "Port", "Interface"}

// ovsListCmd is what ReadRunning runs: one ovs-vsctl, one read
// transaction (a consistent snapshot), the four tables in JSON, one per
// line, after a marker line.
const ovsListCmd = `echo @@avnet-ovs; ovs-vsctl --timeout=10 --format=json --data=json -- list Open_vSwitch -- list Bridge -- list Port -- list Interface`

// parseOVSRunning builds the state of a running switch from the output of
// ovsListCmd.
func parseOVSRunning(out string) (*ovsState, error) {
	tables := map[string][]map[string]any{}
	started := false
	n := 0
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimSpace(line)
		if line == "@@avnet-ovs" {
			started = true
			continue
		}
		if !started || !strings.HasPrefix(line, "{") || n >= len(ovsTablesRead) {
			continue
		}
		cur := ovsTablesRead[n]
		n++
		tables[cur] = nil
		var doc struct {
			Headings []string `json:"headings"`
			Data     [][]any  `json:"data"`
		}
		if err := json.Unmarshal([]byte(line), &doc); err != nil {
			return nil, fmt.Errorf("ovs-vsctl list %s: %w", cur, err)
		}
		for _, row := range doc.Data {
			r := map[string]any{}
			for i, h := range doc.Headings {
				if i < len(row) {
					r[h] = row[i]
				}
			}
			tables[cur] = append(tables[cur], r)
		}
	}
	for _, t := range ovsTablesRead {
		if _, ok := tables[t]; !ok {
			return nil, fmt.Errorf("ovs-vsctl gave no %s table (is Open vSwitch running? output: %.200q)", t, out)
		}
	}
	st := newOVSState()
	uuidOf := func(r map[string]any) string { return ovsUUID(r["_uuid"]) }
	portByUUID := map[string]map[string]any{}
	for _, r := range tables["Port"] {
		portByUUID[uuidOf(r)] = r
	}
	ifByUUID := map[string]map[string]any{}
	for _, r := range tables["Interface"] {
		ifByUUID[uuidOf(r)] = r
	}
	if len(tables["Open_vSwitch"]) > 0 {
		fillCols(st.system, "Open_vSwitch", tables["Open_vSwitch"][0])
	}
	for _, r := range tables["Bridge"] {
		name, _ := r["name"].(string)
		b := &ovsBridge{name: name, cols: map[string]string{}, ports: map[string]bool{}}
		fillCols(b.cols, "Bridge", r)
		st.bridges[name] = b
		for _, pu := range ovsRefs(r["ports"]) {
			pr := portByUUID[pu]
			if pr == nil {
				continue
			}
			pn, _ := pr["name"].(string)
			p := &ovsPort{name: pn, bridge: name, cols: map[string]string{}}
			fillCols(p.cols, "Port", pr)
			for _, iu := range ovsRefs(pr["interfaces"]) {
				ir := ifByUUID[iu]
				if ir == nil {
					continue
				}
				in, _ := ir["name"].(string)
				i := &ovsIface{name: in, port: pn, cols: map[string]string{}}
				fillCols(i.cols, "Interface", ir)
				st.ifaces[in] = i
				p.ifaces = append(p.ifaces, in)
			}
			st.ports[pn] = p
			b.ports[pn] = true
		}
	}
	return st, nil
}

func fillCols(cols map[string]string, table string, r map[string]any) {
	for col, isMap := range ovsColumns[table] {
		v, ok := r[col]
		if !ok {
			continue
		}
		if isMap {
			for k, val := range ovsMap(v) {
				setOrDelete(cols, col+":"+k, val)
			}
			continue
		}
		setOrDelete(cols, col, canonicalSet(ovsAtoms(v)))
	}
}

// OVSDB JSON encoding (RFC 7047 section 5.1): an atom, ["set", [atoms]],
// ["map", [[k, v]...]], ["uuid", "…"].
func ovsAtoms(v any) []string {
	if a, ok := v.([]any); ok && len(a) == 2 {
		if tag, _ := a[0].(string); tag == "set" {
			var out []string
			for _, e := range a[1].([]any) {
				out = append(out, ovsAtom(e))
			}
			return out
		}
	}
	if s := ovsAtom(v); s != "" {
		return []string{s}
	}
	return nil
}

func ovsAtom(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		if x == math.Trunc(x) {
			return strconv.FormatInt(int64(x), 10)
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	case []any:
		if len(x) == 2 {
			if tag, _ := x[0].(string); tag == "uuid" || tag == "named-uuid" {
				s, _ := x[1].(string)
				return s
			}
		}
	}
	return fmt.Sprint(v)
}

func ovsMap(v any) map[string]string {
	out := map[string]string{}
	a, ok := v.([]any)
	if !ok || len(a) != 2 {
		return out
	}
	if tag, _ := a[0].(string); tag != "map" {
		return out
	}
	pairs, _ := a[1].([]any)
	for _, p := range pairs {
		kv, _ := p.([]any)
		if len(kv) == 2 {
			out[ovsAtom(kv[0])] = ovsAtom(kv[1])
		}
	}
	return out
}

func ovsUUID(v any) string { return ovsAtom(v) }

func ovsRefs(v any) []string { return ovsAtoms(v) }

// applyArgs is the ovs-vsctl argument list of the apply transaction:
// what differs between the running state and the script's (ovsDiff).
// Without a running state: delete every bridge the script makes, then
// run the script's commands (Open_vSwitch other_config cleared first
// when the script sets any, so that it too ends up as the script says).
func (s *OVSScript) applyArgs(running *ovsState) []string {
	args := []string{"--timeout=30"}
	if running != nil {
		for _, c := range ovsDiff(running, s.state) {
			args = append(args, c.argv()...)
		}
		// What the view leaves out (the Open_vSwitch row's external_ids:
		// avnet's "configured as" marker) is set as the script says.
		for _, c := range s.Commands {
			if c.Name != "set" || len(c.Args) < 3 {
				continue
			}
			t, err := ovsTable(c.Args[0])
			if err != nil {
				continue
			}
			var kvs []string
			for _, kv := range c.Args[2:] {
				if col, _, _ := strings.Cut(kv, "="); ovsUntracked[t][strings.SplitN(col, ":", 2)[0]] {
					kvs = append(kvs, kv)
				}
			}
			if len(kvs) > 0 {
				args = append(args, ovsCommand{Name: "set", Args: append([]string{t, c.Args[1]}, kvs...)}.argv()...)
			}
		}
		return args
	}
	for _, b := range sortedKeys(s.state.bridges) {
		args = append(args, "--", "--if-exists", "del-br", b)
	}
	if len(s.state.system) > 0 {
		args = append(args, "--", "clear", "Open_vSwitch", ".", "other_config")
	}
	for _, c := range s.Commands {
		args = append(args, c.argv()...)
	}
	return args
}
