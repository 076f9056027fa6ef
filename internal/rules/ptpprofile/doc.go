/*
Package ptpprofile defines the rule AV-PTP-001: a PTP parameter is outside its profile's range.

A PTP profile (IEEE 1588-2008 §19.3) fixes, for every configurable
attribute, a default and a range that all of its clocks must accept. A
clock configured outside that range is no longer running the profile: a
slave that expects a Sync eight times a second may never lock to a master
that sends one every two seconds, and a grandmaster whose Announce
interval exceeds what the slaves tolerate is declared lost after
announceReceiptTimeout intervals and an election restarts. The rule checks
every domain of ptp.<name> against the table of its profile:

	profile      attribute               range                 default  source
	st2059-2     domainNumber            0..127                127      SMPTE ST 2059-2:2015 §5.5 (PTP attribute values)
	             logAnnounceInterval     -3..1                 -2
	             logSyncInterval         -7..-1                -3
	             logMinDelayReqInterval  logSync..logSync+5    logSync (-3)
	             announceReceiptTimeout  2..10                 3
	aes67        domainNumber            0..127                0        AES67-2018 Annex A (media profile)
	             logAnnounceInterval     0..4                  1
	             logSyncInterval         -4..1                 -3
	             logMinDelayReqInterval  -3..5                 0
	             announceReceiptTimeout  2..10                 3
	aes-r16      domainNumber            0..127                0        AES-R16-2016 (AES67 / ST 2059-2 common ranges)
	             logAnnounceInterval     0..1                  0
	             logSyncInterval         -4..-1                -3
	             logMinDelayReqInterval  max(-3,logSync)..logSync+5   -3
	             announceReceiptTimeout  2..10                 3
	default-e2e  domainNumber            0..127                0        IEEE 1588-2008 Annex J.3 (delay request-response default profile)
	             logAnnounceInterval     0..4                  1
	             logSyncInterval         -1..1                 0
	             logMinDelayReqInterval  0..5                  0
	             announceReceiptTimeout  2..10                 3

The intervals are base-2 logarithms of seconds: -3 is one message every
125 ms (8 a second), 1 one every 2 s. Domain numbers 128–255 are reserved
by IEEE 1588-2008 §7.1 (Table 2) whatever the profile.

Where the numbers were checked: the ST 2059-2 row matches Juniper's "PTP
media profiles" table (SMPTE: domain 0–127 default 127, announce -3..1
default -2, announce timeout 2..10 default 3, sync -7..-1 default -3),
NVIDIA Onyx's `ptp announce interval` (range -3..1, default -2) and the
published ST 2059-2 summary (delay request interval from the Sync
interval to 32 times it). The AES67 row matches Juniper's AES67 column
(domain 0–127 default 0, announce 0..4 default 1, sync -4..1 default -3)
and Cisco APIC's aes67 template (sync -4..1); for Delay_Req the AES67
range -3..5 is the one Leader's LT4670 offers in AES67 mode (1/8 s to
16 s) widened to IEEE 1588's upper bound 5, and its default 0 is what
AES67 implementations such as linuxptp configurations ship. The aes-r16
row is the intersection AES-R16-2016 recommends, as Juniper's
"AES67+SMPTE" profile implements it (domain default 0, announce 0..1
default 0, sync -4..-1 default -3) and as Arista AVD's aes67-r16-2016
profile sets it (announce 0, sync -3, delay request -3, timeout 3). The
Delay_Req lower bound of aes-r16 is derived: -3 from AES67, logSync from
ST 2059-2. Junos limits Delay_Req to -7..-3 in every media profile; that
is the platform's limit, not the profiles'.

The finding points at the attribute (or at the domain when the value is
the schema's default) and says the value, its meaning in messages a second,
the profile's range and default.

How to fix: set the attribute inside the range (the hint gives the
profile's default), or choose the profile that matches the devices: a
domain shared by AES67 audio and ST 2059-2 video devices should use the
aes-r16 parameters.
*/
package ptpprofile
