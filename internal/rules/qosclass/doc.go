/*
Package qosclass defines the rule AV-QOS-001: a flow's class is undefined, or its DSCP is not in its class.

Every flow names a QoS class (flows.<name>.class); the class lists the
DSCP values the switches map to its queue (qos.classes.<name>.dscp). The
design has no per-flow DSCP field, so avnet takes the DSCP a sender marks
as the first value of its class's list, which is also what the generators
configure on the senders. An undefined class is reported by AV-REF-001;
this rule checks that the class fits what the flow is:

  - PTP's own class (the class named "ptp", or else the class holding
    EF 46 that no flow uses) must carry nothing but PTP. A media flow
    there shares PTP's strict-priority queue: its bursts delay Sync and
    Delay_Req messages, and the slaves see the delay as offset (AES67-2018
    §6.2 gives clock traffic a class of its own, above media).
  - A real-time flow (st2110-*, st2022-6, aes67, dante) must not be marked
    best effort (DSCP 0, DF) or scavenger (DSCP 8, CS1): under congestion
    those queues are the first dropped (RFC 4594 §4.11, the Standard
    class, and §4.12, Low-Priority Data), and a single lost packet is a
    visible or audible hit. AES67-2018 §6.2 recommends AF41 (34) for
    media.
  - Dante hardware marks its audio EF 46 whatever the design says
    (Audinate, "How does Dante use DSCP"): when no class of the design
    lists 46, the switches treat Dante audio as best effort whatever class
    the flow names. (When another class lists 46, AV-QOS-003 reports the
    clash.)

The finding points at the flow's class.

How to fix: put media flows in a media class of their own (e.g. "video"
and "audio" with AF41 34, in strict or high-weight queues below PTP), and
list 46 in the class of Dante flows.
*/
package qosclass
