/*
Package unknownport defines the rule AV-REF-002: an interface or switch port does not exist on the device's type.

A link is a cable between two ports, written "device:interface". A switch,
router or firewall has a fixed set of ports: its device type (avnet's
catalog, copied from the makers' datasheets and NetBox's devicetype-library,
or the design's own deviceTypes) lists their names exactly as the platform
names them ("Ethernet1" on Arista EOS, "Ethernet1/1" on Cisco NX-OS,
"TenGigabitEthernet1/1/1" on Cisco IOS XE, "swp1" on Cumulus Linux). A link
end or a management interface (devices.<name>.mgmt.interface) that names a
port the type does not have cannot be configured, patched or labelled: the
configuration generator would write a port the switch refuses.

Endpoints whose type lists no ports take their interfaces from the design
(devices.<name>.interfaces); a link end on such a device must name one of
those interfaces.

A switch runs the platform its design names (devices.<name>.platform),
and the platform names its ports its own way; a device type whose ports
are named otherwise (swp1 under platform "eos", Ethernet1/1 under
"iosxe") is hardware the platform does not run on, or a type whose ports
were copied from another maker: the rule reports the switch once, at its
platform, with the platforms that do name those ports.

A link end whose device, or whose device's model, does not exist is left
to AV-REF-001.

The finding points at the link end (or the mgmt interface) and suggests
the closest port name; when nothing is close, it lists the type's ports.

How to fix: correct the port name (mind the platform's naming: case,
slashes and module numbers count), pick a device type that has the port,
or declare the interface on the endpoint.
*/
package unknownport
