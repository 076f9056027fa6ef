/*
Package waivers defines the rule AV-WAIVER-001: a waiver waives nothing, or its scope names nothing in the design.

A waiver is a written decision to accept a finding: the dossier prints it
with its reason, and the jury reads it as a choice the candidate made.
A waiver that covers no finding is a decision about nothing. It happens
when the finding it was written for has been fixed, when its key is a
rule ID that does not exist (AV-BW-009 for AV-BW-001), or when its scope
misspells the entity it meant. In each case the waiver silences nothing
today and, worse, will silently accept a future finding nobody has
reviewed (ISO/IEC 27001:2022 A.5.36, compliance with policies: an
exception must be recorded, justified and reviewed).

A scope entry matches a finding when it is the finding's subject as
`avnet vet --json` prints it ("ptp lab", "link C-101") or the name of an
entity the finding is about: a device, a link's cable label, a flow, a
VLAN or a PTP domain ("lab", "C-101", and "gm-lab" for a finding about
the grandmasters of domain lab).

The rule reports a scope entry that names no entity of the design, with
the closest name, and every waiver that matched no finding once all the
rules have run.

How to fix: correct the misspelt rule ID or name (the hint gives the
closest one), or remove the waiver when the finding it accepted is gone.
*/
package waivers
