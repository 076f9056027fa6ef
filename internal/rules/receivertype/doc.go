/*
Package receivertype defines the rule AV-ST21-001: a receiver is narrower than the ST 2110-21 sender type of a flow it receives.

For every ST 2110-20 or -22 flow, the rule compares the flow's sender
type (video.senderType, 2110TPN unless set) with the receiver type each
receiver declares in capabilities.receiverType:

  - a Type N (narrow) receiver accepts streams from Type N (2110TPN,
    gapped) and Type NL (2110TPNL, narrow linear) senders;
  - a Type W (wide) receiver accepts every sender type, Type W
    (2110TPW) included.

ST 2110-21 defines no NL receiver type: a receiver declared "NL" is
taken as narrow, like Type N. Receivers that declare nothing are not
checked.

Why: SMPTE ST 2110-21:2022 §7.1 bounds how bursty each sender type may
be, through CMAX (the packets a sender may put back-to-back on the wire)
and VRX_FULL (how far ahead of the receiver's read schedule it may run):
for 1080p59.94 in 3629 packets per frame, CMAX 5 and VRX_FULL 8 for a
narrow sender, CMAX 16 and VRX_FULL 725 for a wide one. §7.2 sizes receivers after them: a Type N
receiver has buffers for narrow senders only and is not required to
accept a wide stream (AMWA BCP-004-01 expresses the same as the sender
types a receiver lists: 2110TPN and 2110TPNL for Type N). A wide stream
overflows a narrow receiver's buffer and it drops packets, typically
software receivers and low-cost gateways.

How to fix: have the sender shape as a narrow sender (video.senderType:
"2110TPN", or "2110TPNL"), or use a Type W receiver.
*/
package receivertype
