/*
Package qostrust defines the rule AV-QOS-004: a switch port carrying media does not trust DSCP.

The QoS classes of a design are DSCP values (qos.classes.<name>.dscp): they
only take effect where the switches classify by DSCP, the DiffServ field
that every IP packet carries end to end (RFC 2474 §3, RFC 4594). A
port that trusts CoS classifies by the 802.1p priority of the VLAN tag,
which untagged access ports (where cameras, gateways and consoles plug in)
and every routed hop do not carry; a port that trusts nothing rewrites
every packet to the default class. Either way ST 2110 media, AES67 audio
and PTP share the best-effort queue, and the strict-priority queues the
design declares stay empty. AES67-2018 §6.2 and the ST 2110 switch
configuration guides of the switch makers therefore classify by DSCP.

The design's trust mode is qos.trust (default "dscp") and applies to every
switch port. The rule warns once, on qos.trust, when it is not "dscp" and
flows cross switch ports, and says how many ports carry media.

How to fix: set qos.trust: "dscp" (or remove it: it is the default).
*/
package qostrust
