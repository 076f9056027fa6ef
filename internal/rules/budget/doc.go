/*
Package budget defines the rule AV-BUD-001: the bill of materials exceeds the budget limit.

A design is also a purchase: a facility that cannot be bought at the
client's budget is not an answer to the brief, however good its network.
avnet totals the bill of materials the way the dossier prints it:

  - every device: the price of its type (deviceTypes.<model>.price, from
    avnet's catalog or the design's own types) times its quantity;
  - every item of facility.budget.items (cables, optics, licences, racks,
    services): price times quantity.

and compares the total with facility.budget.limit, in the budget's
currency. Catalog prices are approximate street prices excluding VAT,
optics and support contracts; a design that buys them adds budget items.
The finding gives the total, the limit, the overrun in value and percent,
and the three largest lines (devices grouped by type, items by name), where
savings will come from.

How to fix: cut the largest lines (fewer or cheaper devices, a smaller
switch model, a compressed ST 2110-22 workflow instead of more 100G
ports), or justify a higher limit with the client (facility.rationale) and
raise budget.limit.
*/
package budget
