/*
Package linkplanning defines the rule AV-BW-002: a link direction is loaded above the design's planning threshold.

For every loaded link direction that still fits its line rate (above 100 %
is AV-BW-001), the rule compares the sum of the flow legs' planning rates
(see AV-BW-001: layer-1 wire rate, gapped ST 2110-21 senders at their
peak) with a planning threshold in percent of the line rate:

  - facility.planning.linkThreshold, 90 % unless the design says otherwise;
  - facility.planning.danteThreshold, 70 % unless the design says
    otherwise, on a link direction that Dante audio crosses (the lower of
    the two thresholds applies).

Why: the load avnet computes is the media alone. A link also carries PTP,
IGMP, control and management traffic, and the flows that operators will
add next month; ST 2110-21's network compatibility model assumes that a
switch egress can drain a burst before the next one arrives, which needs
headroom. Audinate's guidance for Dante networks ("Dante information for
network administrators") is that audio traffic should not take up more
than 70 % of the bandwidth of any network link, because Dante receivers
buffer only the latency the device is set to (as low as 0.25 ms).

How to fix: use a faster link, or move senders or receivers so that fewer
flows cross this link. If the load is intended, raise
facility.planning.linkThreshold (or danteThreshold) and say why in
facility.rationale, or waive the finding for this link.
*/
package linkplanning
