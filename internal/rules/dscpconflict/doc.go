/*
Package dscpconflict defines the rule AV-QOS-003: the same DSCP means two things on one network.

A switch classifies a packet by its DSCP alone (RFC 2474 §3): two kinds of
traffic marked with the same code point land in the same queue, whatever
the design meant. When a design lists one DSCP in two classes, the switch
configuration can honour only one of them, and traffic of the other class
is silently queued with the first. The classic case is EF 46: AES67-2018
§6.2 gives it to PTP (clock), while Dante hardware marks its audio EF 46
and its PTP event messages CS7 56 (Audinate, "How does Dante use DSCP");
on a network that carries both, Dante audio shares PTP's strict queue and
its bursts delay the AES67 and ST 2059-2 clocks.

The rule warns:

  - for every DSCP listed by two classes, on the second class (in name
    order) that lists it;
  - when the design carries Dante flows (essence "dante"), whose audio is
    EF 46 on the wire, and 46 belongs to a class that is not the Dante
    flows' class: Dante audio is then queued as that class (PTP's, most
    often).

How to fix: give each DSCP to one class. Where Dante and AES67/ST 2110
share a network, either move AES67 PTP to another code point (Dante's CS7
56 for event messages is common) and keep EF 46 for audio, or keep Dante
audio and PTP in one strict class on purpose and waive this rule.
*/
package dscpconflict
