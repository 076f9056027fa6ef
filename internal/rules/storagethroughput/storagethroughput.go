package storagethroughput

import (
	_ "embed"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/avnet/avnet/internal/diag"
	"github.com/avnet/avnet/internal/model"
	"github.com/avnet/avnet/internal/rules"
)

//go:embed doc.go
var doc string

// Rule is AV-STO-001.
var Rule = &rules.Rule{
	ID:       "AV-STO-001",
	Name:     "storagethroughput",
	Doc:      rules.ExtractDoc(doc, "storagethroughput"),
	Standard: "shared media storage sizing: sustained throughput with 20–30 % headroom (avnet uses 25 %)",
	Severity: diag.Error,
	Run:      run,
}

// headroom is the factor between the clients' demand and the ceiling.
const headroom = 1.25

type client struct {
	name    string
	streams int
	bps     float64 // per stream
	qty     int
}

func (c client) total() float64 { return float64(c.streams*c.qty) * c.bps }

func isStorage(d *model.Device) bool { return d.Storage != nil || d.Role == "storage" }

func run(pass *rules.Pass) error {
	f := pass.Facility
	var servers []string
	for _, n := range model.SortedKeys(f.Devices) {
		if isStorage(f.Devices[n]) {
			servers = append(servers, n)
		}
	}
	if len(servers) == 0 {
		return nil
	}
	clients := map[string]client{}
	for _, n := range model.SortedKeys(f.Devices) {
		d := f.Devices[n]
		w := d.Workstation
		if w == nil || w.Streams <= 0 || w.Bitrate.BPS <= 0 {
			continue
		}
		bps := w.Bitrate.BPS
		qty := d.Quantity
		if qty < 1 {
			qty = 1
		}
		clients[n] = client{name: n, streams: w.Streams, bps: bps, qty: qty}
	}
	tied, hasShares := ties(f, clients)
	claimed := map[string]bool{}
	for _, cs := range tied {
		for c := range cs {
			claimed[c] = true
		}
	}
	// Clients that no share ties to a server (no users, as ingest and
	// playout servers often have) go to the servers without shares, or to
	// the only server of the facility.
	var shareless []string
	for _, s := range servers {
		if !hasShares[s] {
			shareless = append(shareless, s)
		}
	}
	untiedTo := map[string]bool{}
	switch {
	case len(shareless) > 0:
		for _, s := range shareless {
			untiedTo[s] = true
		}
	case len(servers) == 1:
		untiedTo[servers[0]] = true
	}
	for _, s := range servers {
		var mine []client
		untied := 0
		for _, c := range model.SortedKeys(clients) {
			switch {
			case tied[s][c]:
				mine = append(mine, clients[c])
			case !claimed[c] && untiedTo[s]:
				mine = append(mine, clients[c])
				untied++
			}
		}
		if len(mine) == 0 {
			continue
		}
		check(pass, s, mine, len(mine)-untied, untied)
	}
	return nil
}

// ties maps each server to the clients whose users reach one of its
// shares, and says which servers have shares at all.
func ties(f *model.Facility, clients map[string]client) (map[string]map[string]bool, map[string]bool) {
	tied := map[string]map[string]bool{}
	hasShares := map[string]bool{}
	groupsOf := func(dev string) map[string]bool {
		gs := map[string]bool{}
		for _, u := range f.Devices[dev].Workstation.Users {
			if usr := f.Users[u]; usr != nil {
				for _, g := range usr.Groups {
					gs[g] = true
				}
			}
		}
		return gs
	}
	for _, sn := range model.SortedKeys(f.Shares) {
		sh := f.Shares[sn]
		hasShares[sh.Server] = true
		for _, c := range model.SortedKeys(clients) {
			gs := groupsOf(c)
			for g := range sh.Access {
				if gs[g] {
					if tied[sh.Server] == nil {
						tied[sh.Server] = map[string]bool{}
					}
					tied[sh.Server][c] = true
				}
			}
		}
	}
	return tied, hasShares
}

func check(pass *rules.Pass, s string, mine []client, viaShares, untied int) {
	f := pass.Facility
	d := f.Devices[s]
	demand := 0.0
	streams := 0
	for _, c := range mine {
		demand += c.total()
		streams += c.streams * c.qty
	}
	need := demand * headroom
	sort.SliceStable(mine, func(i, j int) bool { return mine[i].total() > mine[j].total() })
	var top []string
	for i, c := range mine {
		if i == 3 {
			top = append(top, fmt.Sprintf("… %d more", len(mine)-3))
			break
		}
		q := ""
		if c.qty > 1 {
			q = fmt.Sprintf("%d × ", c.qty)
		}
		top = append(top, fmt.Sprintf("%s%s %d × %s", q, c.name, c.streams, rate(c.bps)))
	}
	var hows []string
	if viaShares > 0 {
		hows = append(hows, fmt.Sprintf("%d reaching its shares", viaShares))
	}
	if untied > 0 {
		hows = append(hows, fmt.Sprintf("%d that no share ties to a server", untied))
	}
	how := strings.Join(hows, " and ")
	demandText := fmt.Sprintf("%d client device(s) (%s), %s, read %d stream(s) = %s; with 25 %% headroom it needs %s",
		len(mine), strings.Join(top, ", "), how, streams, rate(demand), rate(need))

	// Network ceiling.
	netBps := 0.0
	var links []string
	for _, e := range pass.Facts.Topology.Adj[s] {
		if mgmtOnly(f, d, e.From.Interface) {
			continue
		}
		bps := model.SpeedBps(e.Link.Speed)
		netBps += bps
		links = append(links, fmt.Sprintf("%s %s", e.Link.Label, e.Link.Speed))
	}
	if netBps > 0 && netBps < need {
		pass.Report(diag.Diagnostic{
			Pos:     f.PosOf("devices", s),
			Subject: "device " + s,
			Message: fmt.Sprintf("storage %s's links total %s (%s) but its %s", s, rate(netBps), strings.Join(links, ", "), demandText),
			Related: []diag.Related{{Pos: f.PosOf("links", linkLabel(links[0])), Message: "the server's first link is declared here"}},
			Hint:    fmt.Sprintf("give %s at least %s of links (e.g. %s), or spread the clients over more servers", s, rate(need), suggest(need)),
		})
	}
	// Disk ceiling.
	if d.Storage != nil {
		if disk := d.Storage.Throughput.BPS; disk > 0 && disk < need {
			pass.Report(diag.Diagnostic{
				Pos:     f.PosOf("devices", s, "storage", "throughput"),
				Subject: "device " + s,
				Message: fmt.Sprintf("storage %s's array sustains %s (%s, %d disks) but its %s", s, rate(disk), strings.ToUpper(d.Storage.RAID), d.Storage.Disks, demandText),
				Hint:    fmt.Sprintf("use an array that sustains at least %s (more disks, SSD, RAID 10), or lower the streams or bit rate (proxies)", rate(need)),
			})
		}
	}
}

// mgmtOnly reports whether a server interface sits only in management VLANs.
func mgmtOnly(f *model.Facility, d *model.Device, iface string) bool {
	if d.Mgmt != nil && d.Mgmt.Interface == iface {
		return true
	}
	in := d.Interfaces[iface]
	if in == nil {
		return false
	}
	vs := in.AllVLANs()
	if len(vs) == 0 {
		return false
	}
	for _, v := range vs {
		if vl := f.VLANs[v]; vl == nil || vl.Purpose != "management" {
			return false
		}
	}
	return true
}

func linkLabel(s string) string {
	l, _, _ := strings.Cut(s, " ")
	return l
}

// suggest proposes a link set for a bit rate.
func suggest(bps float64) string {
	for _, s := range []struct {
		bps  float64
		name string
	}{{10e9, "10G"}, {25e9, "25G"}, {100e9, "100G"}} {
		n := int((bps + s.bps - 1) / s.bps)
		if n <= 2 {
			if n == 1 {
				return "one " + s.name + " link"
			}
			return fmt.Sprintf("%d × %s", n, s.name)
		}
	}
	return fmt.Sprintf("%d × 100G", int((bps+100e9-1)/100e9))
}

// rate prints a bit rate: "1.25 Gb/s", "400 Mb/s".
func rate(bps float64) string {
	num := func(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }
	switch {
	case bps >= 1e9:
		return num(bps/1e9) + " Gb/s"
	case bps >= 1e6:
		return num(bps/1e6) + " Mb/s"
	}
	return num(bps/1e3) + " kb/s"
}
