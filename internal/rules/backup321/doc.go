/*
Package backup321 defines the rule AV-STO-003: backups break the 3-2-1 rule (three copies, two media, one off site).

The 3-2-1 rule keeps media safe from the three ways a copy is lost: keep
at least three copies of the data (the primary and two backups), on at
least two different kinds of medium (a flaw, a firmware bug or a
ransomware that reaches one kind of storage does not reach the other), with
at least one copy off site (a fire, a flood or a theft takes everything in
the building). It is the rule US-CERT's "Data Backup Options" (2012) and
ANSSI's and most broadcasters' archive policies state; ISO/IEC 27002:2022
§8.13 (information backup) asks for backups stored in a remote location
and tested.

The rule reads storage.backups of every device with a storage block. The
primary copy is the array itself, on disk. Media are grouped by kind:
disk and nas are disk, tape and lto are tape, cloud and optical are each
their own; a cloud copy counts as off site. It warns with what is missing:
copies, kinds of media, or an off-site copy.

How to fix: add backups under devices.<name>.storage.backups until there
are two (three copies with the primary), at least one on another medium
than disk (LTO tape is the usual archive medium in broadcast) and one off
site (offsite: true, or a cloud copy).
*/
package backup321
