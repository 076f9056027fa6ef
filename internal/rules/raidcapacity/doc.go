/*
Package raidcapacity defines the rule AV-STO-002: RAID usable capacity is below the required capacity, or the array has a disk count its level does not allow.

A RAID level trades raw capacity for redundancy. With N disks of C TB
each, the usable capacity is:

	raid0   N × C          striping, no redundancy           N ≥ 1
	raid1   N × C / 2      mirrored pairs                    N = 2, or even
	raid10  N × C / 2      striped mirrored pairs            N even, N ≥ 4
	raid5   (N − 1) × C    one disk of distributed parity    N ≥ 3
	raid6   (N − 2) × C    two disks of distributed parity   N ≥ 4

(the SNIA Common RAID Disk Data Format, SNIA DDF 2.0 §4.2, defines the
levels; the minimums are the smallest arrays each level can build: RAID 5
needs two data disks and one parity, RAID 6 two data and two parity, RAID
10 two mirrored pairs). A student who sizes an archive at 80 TB and buys 8
× 12 TB disks for RAID 6 gets 72 TB, not 96: the rule compares the usable
capacity with storage.requiredTB and checks the disk count. Capacities are
decimal TB as disk makers count them; file system overhead comes on top.

How to fix: add disks or use larger ones (the hint gives the smallest
array of the same disks that fits), or change the RAID level; fix the disk
count to one the level accepts.
*/
package raidcapacity
