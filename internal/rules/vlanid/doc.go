/*
Package vlanid defines the rule AV-L2-001: two VLANs share an ID, or an ID is reserved on a platform in use.

IEEE 802.1Q §9.6 gives a VLAN a 12-bit VID; 0 and 4095 are reserved by the
standard, which leaves 1–4094 (the schema already enforces that range). A
VID names one broadcast domain on every switch that carries it: two VLANs
of a design with the same ID are one L2 domain, whatever their names, and
their subnets, multicast groups and IGMP queriers would mix. Two VLANs on
different planes (red and blue, physically separate networks in ST 2022-7)
never meet on a switch, so they may share an ID; a VLAN without a plane
exists on every plane.

Some platforms reserve IDs for their own use. When a switch of the design
runs one of them, the VLAN cannot be created there:

  - Cisco IOS XE (platform "iosxe"): VLANs 1002–1005 are Cisco's default
    FDDI and Token Ring VLANs; they always exist and cannot be used for
    Ethernet or deleted (Catalyst 9000 VLAN Configuration Guide, IOS XE
    17.x, "VLAN ranges").
  - Cisco NX-OS (platform "nxos"): VLANs 3968–4094 (with 4095, a block of
    128) are allocated for internal use and cannot be created, modified or
    deleted (Cisco Nexus 9000 Series NX-OS Layer 2 Switching Configuration
    Guide, "Configuring VLANs", VLAN ranges table). The block can be moved
    with `system vlan <start> reserve` and a reload; a design that does so
    waives this rule.

Arista EOS allocates internal VLANs for routed ports from a configurable
range, and VLAN 4094 is commonly used for the MLAG peer link by
convention, not by reservation; neither is flagged. Cumulus Linux's
reserved range is configurable (resv_vlan_range) and has changed between
releases; it is not flagged either. VLAN 1 is the default VLAN on most
platforms; using it is a matter of policy, not an error, so this rule
leaves it alone.

The finding points at the VLAN's id; for a duplicate it is reported on the
second VLAN in name order, with the first one as related position.

How to fix: give each VLAN its own ID, outside the ranges the platforms in
use reserve; the hint proposes the nearest free ID.
*/
package vlanid
