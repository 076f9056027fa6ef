// Package lab is `avnet lab`, the working mock-up (maquette fonctionnelle)
// of a design on one Linux machine, built on the plumbing of package
// netlab.
//
// # Up
//
// NewTopology turns the design into a lab: every switch, whatever its
// platform, becomes a network namespace running the linux platform (Open
// vSwitch in its userspace datapath, FRR with zebra, staticd, ospfd and
// pimd, sshd with its own host key, hostname and a lab account); every
// endpoint with a cabled interface a namespace with its addresses, the
// IGMP version of its VLANs and a multicast route; every cable between
// them a veth pair. Design interface names become short Linux names per
// node (IfNames: "Ethernet49/1" → "e49-1"). The lab view of the design (a
// copy: the loaded design is never changed) has those names and platform
// linux on every switch; the lab renders its switch configurations
// (switchcfg + the linux platform) and linuxptp configurations (ptp)
// from it, into the lab's state directory.
//
// Switches come up bare and a Configurator configures them over SSH,
// through their management addresses on the lab's bridge (198.18.0.0/15
// by default), with the lab's key and known_hosts. `avnet lab up` passes
// deploy.LabConfigurator, plan and apply's own code (internal/deploy
// imports this package, hence the interface); SSHApply, which runs the
// generated files as they are, tells a lab problem from an apply one.
//
// # Inventory
//
// lab.json in the state directory (/run/avnet-lab/<lab>) records the
// nodes and their namespaces, the design-to-Linux name of every
// interface, the management addresses, the SSH user, key (0600) and
// known_hosts, and the build tree of the lab view. netlab's state.json
// beside it records everything made, before it is made, for Down.
//
// # Test
//
// Test sends every leg of every flow from its sender's namespace with
// package stream (RTP with the flow's payload type, clock rate, group,
// port and DSCP, at a reduced rate), receivers joining with their VLAN's
// IGMP version (v3: source-specific), and checks delivery, sequence,
// arrival interface (ST 2022-7 planes), DSCP on the wire and silence
// elsewhere in the VLAN (AF_PACKET counters: IGMP snooping). It runs
// ptp4l with the generated configurations on the grandmasters, switches
// and slaves (software time stamping, servo running under netlab's clock
// guard: the system clock every namespace shares is never steered, yet a
// slave locks) and checks, with pmc, that every clock follows the
// grandmaster the design intends, that every clock that should follow it
// locks (SLAVE) within the time limit, and that its offset, the median of
// several readings, stays within the domain's tolerance.
//
// # Findings on this machine
//
//   - No VRF in the kernel: the design's management VRF (linux platform,
//     "interface <mgmt> vrf mgmt") cannot be made; lab switches are
//     managed over mgmt0 only and the lab view drops their mgmt block.
//   - No 802.1Q devices: an endpoint's tagged VLANs are not set up.
//   - ptp4l 3.1.1 in boundary_clock_jbod mode with software time stamps
//     faults when a port turns slave ("Switching PHC, failed to open
//     /dev/ptp-1"): the lab runs it with boundary_clock_jbod 0.
//   - pmc answers only in the clock's domain: pmc -d <domainNumber>.
//   - With software time stamps ptp4l's PI servo waits 0.016/ki (about
//     37 s at 8 Syncs/s) before its first frequency estimate, so a slave
//     stays UNCALIBRATED that long: the lab gives it the hardware
//     constants (kp 0.7, ki 0.3), and slaves lock within a second.
//   - A ptp4l whose clock_adjtime fails (without CAP_SYS_TIME) resets its
//     servo at every sample and never locks: hence the seccomp guard that
//     makes those calls succeed without effect.
//   - Open vSwitch 3.1 sends a multicast packet twice out of a port that
//     is both a group member and a multicast router port (the uplink
//     toward the querier): `ofproto/trace` shows "forwarding to mcast
//     group port" then "forwarding to mcast router port" to the same
//     port. Receivers behind such an uplink get every packet twice; lab
//     test reports it.
package lab
