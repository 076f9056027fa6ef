/*
Package personaldata defines the rule AV-SEC-003: a share holding personal data is readable by a group that has no declared need.

A facility's file shares hold personal data: contributors' and guests'
contracts and identity documents, casting files, recordings of
identifiable people, staff schedules. The GDPR requires that personal data
be "adequate, relevant and limited to what is necessary" (art. 5(1)(c),
data minimisation) and that access be restricted by design and by default
to the people who need it (art. 25(2), data protection by design and by
default; art. 32(4) asks the controller to ensure that people with access
process the data only as instructed). Each group that can read such a
share must therefore have a reason on record.

The rule looks at every share with personalData: true and warns for each
group in its access list (read-only or read-write) whose groups.<name>.need
is empty.

How to fix: remove the group from the share's access, or write why it
needs the data in groups.<name>.need (the dossier prints it as the record
of processing's justification).
*/
package personaldata
