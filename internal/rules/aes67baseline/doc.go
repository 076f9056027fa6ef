/*
Package aes67baseline defines the rule AV-AES67-001: an AES67 flow is outside the interoperability baseline.

For every flow of essence aes67, the rule checks the four parameters
every AES67 device must support, and reports each one the flow departs
from, on the field that sets it:

  - sample rate 48 kHz (AES67-2018 §7.1: 48 kHz is required, 44.1 and
    96 kHz are optional);
  - encoding L16 or L24 (AES67-2018 §7.1);
  - packet time 1 ms (AES67-2018 §7.2: the packet time every device
    shall support; 125 µs, 250 µs, 333 µs and 4 ms are optional);
  - at most 8 channels per stream (AES67-2018 §7.2: receivers must
    accept 1 to 8 channels at 1 ms, which is what fits 1152 octets of
    L24 audio in one standard-size packet).

Why: AES67 exists so that devices from different audio networks
(Dante, RAVENNA, Livewire, Q-LAN) can exchange audio. Its guarantee
holds only for the mandatory baseline: a Dante device in AES67 mode, for
example, sends and receives 48 kHz, 1 ms, at most 8 channels per flow.
A stream outside it may work between two devices of one vendor and fail
with the next one, which is why the finding is a warning.

How to fix: send 48 kHz, 1 ms, L24, and split wider sources into flows
of at most 8 channels; or, if every receiver is known to support the
option, waive the finding for this flow with the reason.
*/
package aes67baseline
