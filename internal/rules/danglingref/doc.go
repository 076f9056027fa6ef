/*
Package danglingref defines the rule AV-REF-001: a name refers to nothing.

A design refers to its entities by name: a device's model, room, plane and
PTP domain, an interface's VLANs, a link's two ends, a flow's sender,
receivers, QoS class and planes, a grandmaster, a share's server and
groups, a workstation's users. Every such name must exist in the design
(or, for models, in avnet's device-type catalog), otherwise nothing
downstream can be generated: a switch port cannot be put in a VLAN that
does not exist.

The finding points at the reference and suggests the closest existing name.

How to fix: correct the spelling, or declare the missing entity.
*/
package danglingref
