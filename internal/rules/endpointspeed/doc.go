/*
Package endpointspeed defines the rule AV-BW-003: an endpoint interface sends or receives more than its speed.

For every cabled interface of an endpoint (any device that is not a
switch, router or firewall), the rule compares with the interface's
speed (its `speed` when the design declares one slower than the link,
otherwise the speed of its link):

  - what it sends: the planning rate of every flow leg it emits from
    that interface, counted from the flows themselves, so that a flow
    no receiver subscribes to yet (or cannot reach) still counts;
  - what it receives: the load of the link direction toward it.

One problem gives one finding: when the link is the limit and the link
direction is already over its line rate, AV-BW-001 reports it on the
link and this rule stays silent. This rule speaks for the endpoint: a
camera whose flows do not fit its port before any receiver is declared,
or an interface declared slower than its cable (a 10G NIC on a 25G link,
which AV-L2-003 also reports as a mismatch).

Why: a network interface cannot send or receive faster than its line
rate. A sender that must emit more queues and drops in its own NIC or
misses its ST 2110-21 schedule; a receiver that subscribes to more than
its port can take makes the switch drop at the egress toward it, and
every flow it receives is hit, not only the last one (the same planning
rate as AV-BW-001 applies: layer 1, gapped senders at their ST 2110-21
peak, SMPTE ST 2110-21:2022 §6.3).

How to fix: give the device a faster interface (and say so in `speed`),
spread its flows over several interfaces, or have it send or subscribe
to fewer or lighter flows.
*/
package endpointspeed
