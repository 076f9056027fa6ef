package deploy

import (
	"slices"
	"strings"
)

// ovsDiff is the ovs-vsctl transaction that takes a switch from its
// running state to the intended one touching only what differs: a port
// whose VLAN changes gets one `set`, the others are left alone. Deleting
// and re-making the bridge instead would flap every port, flush the MAC
// and snooping tables and restart RSTP for a one-line change (and costs
// ovs-vswitchd a full reconfiguration). A port whose bridge or
// interfaces change is deleted and made again; so is a bridge the
// intended state has and the running one has not.
//
// Columns the view does not track are left as they are: the transaction
// makes the view equal, which avnet verifies after every apply.
func ovsDiff(run, want *ovsState) []ovsCommand {
	var del, add []ovsCommand
	cmd := func(name string, args ...string) ovsCommand { return ovsCommand{Name: name, Args: args} }

	for _, bn := range sortedKeys(run.bridges) {
		if want.bridges[bn] == nil {
			del = append(del, cmd("del-br", bn))
		}
	}
	add = append(add, ovsColDiff("Open_vSwitch", ".", run.system, want.system)...)
	for _, bn := range sortedNatural(keysOf(want.bridges)) {
		wb := want.bridges[bn]
		rb := run.bridges[bn]
		if rb == nil {
			add = append(add, cmd("add-br", bn))
			add = append(add, ovsColDiff("Bridge", bn, nil, wb.cols)...)
			// add-br made the bridge's local port and interface.
			add = append(add, ovsColDiff("Port", bn, nil, want.ports[bn].cols)...)
			add = append(add, ovsColDiff("Interface", bn, map[string]string{"type": "internal"}, want.ifaces[bn].cols)...)
		} else {
			add = append(add, ovsColDiff("Bridge", bn, rb.cols, wb.cols)...)
			for _, pn := range sortedNatural(keysOf(rb.ports)) {
				// The local port goes with the bridge only.
				if pn != bn && !samePort(bn, run.ports[pn], want.ports[pn]) {
					del = append(del, cmd("del-port", bn, pn))
				}
			}
		}
		for _, pn := range sortedNatural(keysOf(wb.ports)) {
			wp, rp := want.ports[pn], run.ports[pn]
			ifaces := sortedNatural(slices.Clone(wp.ifaces))
			switch {
			case pn == bn && rb == nil:
				// Made and set with the bridge, above.
			case pn == bn || rb != nil && samePort(bn, rp, wp):
				add = append(add, ovsColDiff("Port", pn, rp.cols, wp.cols)...)
				for _, in := range ifaces {
					add = append(add, ovsColDiff("Interface", in, run.ifaces[in].cols, want.ifaces[in].cols)...)
				}
			default:
				if len(ifaces) == 1 && ifaces[0] == pn {
					add = append(add, cmd("add-port", bn, pn))
				} else {
					add = append(add, cmd("add-bond", append([]string{bn, pn}, ifaces...)...))
				}
				add = append(add, ovsColDiff("Port", pn, nil, wp.cols)...)
				for _, in := range ifaces {
					add = append(add, ovsColDiff("Interface", in, nil, want.ifaces[in].cols)...)
				}
			}
		}
	}
	return append(del, add...)
}

// samePort tells whether a port is on bridge bn in both states with the
// same interfaces: then only its columns can differ.
func samePort(bn string, run, want *ovsPort) bool {
	return run != nil && want != nil && run.bridge == bn && want.bridge == bn &&
		slices.Equal(sortedNatural(slices.Clone(run.ifaces)), sortedNatural(slices.Clone(want.ifaces)))
}

// ovsScalarDefaults are the columns that cannot be cleared (booleans,
// integers and strings that are not optional): "unset" is their default.
var ovsScalarDefaults = map[string]map[string]string{
	"Bridge": {"datapath_type": `""`, "mcast_snooping_enable": "false", "rstp_enable": "false", "stp_enable": "false"},
	"Port":   {"bond_downdelay": "0", "bond_updelay": "0", "bond_fake_iface": "false", "protected": "false"},
	"Interface": {"type": `""`, "ingress_policing_burst": "0", "ingress_policing_kpkts_burst": "0",
		"ingress_policing_kpkts_rate": "0", "ingress_policing_rate": "0"},
}

// ovsColDiff sets, removes or clears the columns of one record so that
// run (nil: a new record) becomes want; both as in ovsState ("column" or
// "column:key", canonical values, defaults absent).
func ovsColDiff(table, record string, run, want map[string]string) []ovsCommand {
	var out []ovsCommand
	keys := map[string]bool{}
	for k := range run {
		keys[k] = true
	}
	for k := range want {
		keys[k] = true
	}
	for _, k := range sortedKeys(keys) {
		rv, had := run[k]
		wv, wanted := want[k]
		col, key, isMapKey := strings.Cut(k, ":")
		switch {
		case wanted && (!had || rv != wv):
			lhs := col
			if isMapKey {
				lhs += ":" + quoteOVS(key)
			}
			val := quoteOVS(wv)
			if !isMapKey && strings.Contains(wv, ",") {
				val = "[" + wv + "]" // a set: its elements are plain atoms
			}
			out = append(out, ovsCommand{Name: "set", Args: []string{table, record, lhs + "=" + val}})
		case had && !wanted && isMapKey:
			out = append(out, ovsCommand{Name: "remove", Args: []string{table, record, col, quoteOVS(key)}})
		case had && !wanted:
			if def, ok := ovsScalarDefaults[table][col]; ok {
				out = append(out, ovsCommand{Name: "set", Args: []string{table, record, col + "=" + def}})
			} else {
				out = append(out, ovsCommand{Name: "clear", Args: []string{table, record, col}})
			}
		}
	}
	return out
}
