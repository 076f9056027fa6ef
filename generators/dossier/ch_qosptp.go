package dossier

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/model"
)

// dscpList prints DSCP values with their per-hop behaviour: "46 (EF), 56 (CS7)".
func dscpList(vs []int) string {
	var parts []string
	for _, v := range vs {
		s := strconv.Itoa(v)
		if n, ok := dscpNames[v]; ok {
			s += " (" + n + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// classesByQueue returns the QoS classes, highest queue first.
func (b *builder) classesByQueue() []string {
	cs := model.SortedKeys(b.f.QoS.Classes)
	sort.SliceStable(cs, func(i, j int) bool { return b.f.QoS.Classes[cs[i]].Queue > b.f.QoS.Classes[cs[j]].Queue })
	return cs
}

// classDSCP is the DSCP a flow of class cls is marked with (the class's first value).
func (b *builder) classDSCP(cls string) (int, bool) {
	c := b.f.QoS.Classes[cls]
	if c == nil || len(c.DSCP) == 0 {
		return 0, false
	}
	return c.DSCP[0], true
}

// Chapter 6: QoS and PTP.
func (b *builder) chQoSPTP() *Chapter {
	c := b.chapter("qosptp")
	f := b.f

	s := b.section(c, b.tr("Classes de service", "Classes of service"))
	trust := f.QoS.Trust
	switch trust {
	case "dscp":
		s.add(para(b.tr("Les commutateurs font confiance au DSCP marqué par les émetteurs (qos.trust « dscp ») et placent chaque paquet dans la file de sa classe. Les files strictes sont servies avant les files pondérées : l'horloge et l'audio passent avant la vidéo, quel que soit le volume de vidéo.",
			"The switches trust the DSCP the senders mark (qos.trust “dscp”) and put each packet in its class's queue. Strict queues are served before weighted ones: timing and audio go before video, whatever the video volume.")))
	default:
		s.add(para(b.tr("Mode de confiance QoS des ports : %s.", "QoS trust mode of the ports: %s.", orDash(trust))))
	}
	flowsIn := map[string]int{}
	for _, fl := range f.Flows {
		flowsIn[fl.Class]++
	}
	t := &Table{Head: []string{b.t("h.class"), b.t("h.dscp"), b.t("h.queue"), b.t("h.scheduling"), b.t("h.weight"), b.t("h.flows"), b.t("h.description")}, Align: []string{"", "", "num", "", "num", "num", ""}}
	for _, cn := range b.classesByQueue() {
		cl := f.QoS.Classes[cn]
		sched := cl.Scheduling
		switch sched {
		case "strict":
			sched = b.tr("stricte", "strict")
		case "weighted":
			sched = b.tr("pondérée", "weighted")
		}
		w := ""
		if cl.Weight > 0 {
			w = strconv.Itoa(cl.Weight)
		}
		t.Rows = append(t.Rows, row(codeCell(cn), cell(dscpList(cl.DSCP)), cell(strconv.Itoa(cl.Queue)), cell(sched), cell(w), cell(b.int(flowsIn[cn])), cell(oneLine(cl.Description))))
	}
	s.add(tableBlock(t))

	for _, dn := range model.SortedKeys(f.PTP) {
		dom := f.PTP[dn]
		df := b.facts.PTP[dn]
		s = b.section(c, b.tr("Domaine PTP %s", "PTP domain %s", dn))
		prof := dom.Profile
		if prof == "st2059-2" {
			prof = "SMPTE ST 2059-2"
		} else if prof == "aes67" {
			prof = b.tr("AES67 (profil média)", "AES67 (media profile)")
		}
		members := map[string]bool{}
		for _, tr := range b.ptpTrees(dn) {
			for n, nd := range tr.Nodes {
				if nd.Role != "unaware" {
					members[n] = true
				}
			}
		}
		failover := math.Pow(2, float64(dom.LogAnnounceInterval)) * float64(dom.AnnounceReceiptTimeout)
		s.add(kvBlock([]KV{
			kv(b.tr("Profil", "Profile"), prof),
			kv(b.tr("Numéro de domaine", "Domain number"), strconv.Itoa(dom.Domain)),
			kv(b.tr("Intervalle d'annonce", "Announce interval"), b.logInterval(dom.LogAnnounceInterval)),
			kv(b.tr("Intervalle de synchronisation", "Sync interval"), b.logInterval(dom.LogSyncInterval)),
			kv(b.tr("Intervalle Delay_Req", "Delay_Req interval"), b.logInterval(dom.LogMinDelayReqInterval)),
			kv(b.tr("Délai de perte du maître", "Announce receipt timeout"), b.t("ptp.announces", dom.AnnounceReceiptTimeout, b.seconds(failover))),
			kv(b.tr("Transport", "Transport"), dom.Transport),
			kv(b.tr("Mesure du délai", "Delay mechanism"), dom.DelayMechanism),
			kv(b.tr("Horloges du domaine", "Clocks in the domain"), b.int(len(members))),
		}))

		t := &Table{Head: []string{b.tr("Grand maître", "Grandmaster"), b.t("h.priority1"), b.t("h.priority2"), b.t("h.clockclass"), b.t("h.status")}, Align: []string{"", "num", "num", "num", ""}}
		for _, gm := range model.SortedKeys(dom.Grandmasters) {
			g := dom.Grandmasters[gm]
			var status []string
			if df != nil {
				for _, tr := range b.ptpTrees(dn) {
					if tr.Grandmaster == gm {
						status = append(status, b.tr("élu (%s)", "elected (%s)", b.treeScope(tr)))
					} else if contains(tr.Candidates, gm) {
						status = append(status, b.tr("secours (%s)", "standby (%s)", b.treeScope(tr)))
					}
				}
			}
			t.Rows = append(t.Rows, row(cellRich(b.devLink(gm)), cell(strconv.Itoa(g.Priority1)), cell(strconv.Itoa(g.Priority2)), cell(strconv.Itoa(g.ClockClass)), cell(strings.Join(status, " ; "))))
		}
		s.add(tableBlock(t))
		if df == nil {
			continue
		}
		s.add(para(b.tr("L'algorithme du meilleur maître (BMCA, IEEE 1588-2008 §9.3.4) compare priority1, clockClass puis priority2 : dans chaque arbre, le grand maître élu est celui de plus petite valeur. Les plans étant des réseaux séparés, chacun forme son propre arbre d'horloges.",
			"The best master clock algorithm (BMCA, IEEE 1588-2008 §9.3.4) compares priority1, clockClass and then priority2: in each tree, the elected grandmaster has the smallest values. The planes being separate networks, each forms its own clock tree.")))
		for i, tr := range b.ptpTrees(dn) {
			s.add(heading("", b.tr("Arbre %d : %s", "Tree %d: %s", i+1, b.treeName(tr))))
			s.add(b.ptpTreeTable(tr))
		}
	}
	if len(f.PTP) > 0 {
		b.section(c, b.tr("Schéma de synchronisation", "Timing diagram"),
			para(b.tr("Les arbres d'horloges PTP : grands maîtres, horloges frontières et horloges esclaves.", "The PTP clock trees: grandmasters, boundary clocks and slave clocks.")),
			b.figure("ptp", b.tr("Arbre de synchronisation PTP", "PTP clock tree")))
	} else {
		b.section(c, "PTP", para(b.tr("La conception ne déclare aucun domaine PTP.", "The design declares no PTP domain.")))
	}
	return c
}

// logInterval prints a PTP log2 interval: "2^-3 s = 125 ms".
func (b *builder) logInterval(l int) string {
	v := math.Pow(2, float64(l))
	return fmt.Sprintf("2^%d s = %s", l, b.seconds(v))
}

// treeScope names the network of a clock tree: its plane, or "réseau".
func (b *builder) treeScope(tr *analysis.PTPTree) string {
	if p := b.treePlane(tr); p != "" {
		return b.tr("plan %s", "%s plane", b.planeName(p))
	}
	return b.tr("réseau", "network")
}

func (b *builder) treePlane(tr *analysis.PTPTree) string {
	for _, n := range model.SortedKeys(tr.Nodes) {
		if d := b.f.Devices[n]; d != nil && d.IsSwitch() && d.Plane != "" {
			return d.Plane
		}
	}
	return ""
}

// treeName names a clock tree by its grandmaster and plane.
func (b *builder) treeName(tr *analysis.PTPTree) string {
	plane := b.treePlane(tr)
	gm := tr.Grandmaster
	if gm == "" {
		gm = b.tr("sans grand maître", "no grandmaster")
	}
	if plane != "" {
		return b.tr("%s, plan %s", "%s, %s plane", gm, b.planeName(plane))
	}
	return gm
}

func (b *builder) ptpTreeTable(tr *analysis.PTPTree) Block {
	nodes := model.SortedKeys(tr.Nodes)
	sort.SliceStable(nodes, func(i, j int) bool {
		a, c := tr.Nodes[nodes[i]], tr.Nodes[nodes[j]]
		if a.Hops != c.Hops {
			return a.Hops < c.Hops
		}
		return nodes[i] < nodes[j]
	})
	t := &Table{Head: []string{b.t("h.device"), b.t("h.role"), b.t("h.parent"), b.tr("Port esclave", "Slave port"), b.t("h.steps")}, Align: []string{"", "", "", "", "num"}, Class: "small"}
	for _, n := range nodes {
		nd := tr.Nodes[n]
		parent, port := Rich(txt("—")), Rich(txt("—"))
		if nd.Parent != "" {
			parent = b.devLink(nd.Parent)
			port = code(nd.Port.Interface)
		}
		t.Rows = append(t.Rows, row(cellRich(b.devLink(n)), cell(b.ptpRoleName(nd.Role)), cellRich(parent), cellRich(port), cell(strconv.Itoa(nd.StepsRemoved))))
	}
	return tableBlock(t)
}

// ptpTrees returns the clock trees of a domain worth printing: a tree
// whose clocks all follow a grandmaster in another tree (a device seen
// again through a second network) adds nothing and is left out.
func (b *builder) ptpTrees(dn string) []*analysis.PTPTree {
	df := b.facts.PTP[dn]
	if df == nil {
		return nil
	}
	inGMTree := map[string]bool{}
	for _, tr := range df.Trees {
		if tr.Grandmaster == "" {
			continue
		}
		for n, nd := range tr.Nodes {
			if nd.Role == "slave" || nd.Role == "grandmaster" || nd.Role == "boundary" || nd.Role == "transparent" {
				inGMTree[n] = true
			}
		}
	}
	var out []*analysis.PTPTree
	for _, tr := range df.Trees {
		adds := false
		clocks := 0
		for n, nd := range tr.Nodes {
			if b.f.Devices[n] != nil && b.f.Devices[n].IsSwitch() {
				if nd.Role == "boundary" || nd.Role == "transparent" {
					clocks++
				}
				continue
			}
			clocks++
			if !inGMTree[n] {
				adds = true
			}
		}
		if tr.Grandmaster != "" && clocks > len(tr.Candidates) {
			out = append(out, tr)
			continue
		}
		if adds {
			out = append(out, tr)
		}
	}
	return out
}
