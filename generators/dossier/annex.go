package dossier

import (
	"regexp"
	"sort"
	"strings"

	"github.com/avnet/avnet/generators/clab"
	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/generators/iptv"
	"github.com/avnet/avnet/generators/nmos"
	"github.com/avnet/avnet/generators/ptpcfg"
	"github.com/avnet/avnet/generators/sdp"
	"github.com/avnet/avnet/generators/switchcfg"
)

// annexFile is one generated file printed in the annexes.
type annexFile struct {
	path string
	data []byte
}

// annexSources are the generators whose files the annexes print, by output
// directory, in the order of the annexes.
var annexSources = []struct {
	dir string
	gen *gen.Generator
}{
	{"configs/", switchcfg.Generator},
	{"sdp/", sdp.Generator},
	{"ptp/", ptpcfg.Generator},
	{"iptv/", iptv.Generator},
	{clab.Dir, clab.Generator},
	{"nmos/", nmos.Generator},
}

// loadAnnexes takes the generated files from this build's outputs. When a
// generator did not run in this build (avnet dossier, --only) or ran for
// some devices only (--device), the dossier runs it itself, so the annexes
// always show the whole design.
func (b *builder) loadAnnexes() error {
	env := b.env
	for _, src := range annexSources {
		var files []annexFile
		if len(env.Devices) == 0 {
			for name, data := range env.Outputs {
				if strings.HasPrefix(name, src.dir) && annexed(name) {
					files = append(files, annexFile{name, data})
				}
			}
		}
		if len(files) == 0 {
			own := *env
			own.Devices, own.Outputs = nil, nil
			sink := gen.NewMemSink()
			if err := src.gen.Generate(gen.WithEnv(b.ctx, &own), b.f, b.facts, sink.For(src.gen.Name)); err != nil {
				if b.ctx.Err() != nil {
					return b.ctx.Err()
				}
				b.annexNotes = append(b.annexNotes, b.tr("Fichiers %s non inclus : %v", "%s files not included: %v", src.dir, err))
				continue
			}
			for _, name := range sink.Names() {
				if !annexed(name) {
					continue
				}
				files = append(files, annexFile{name, sink.Files[name]})
			}
		}
		sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
		b.annexes = append(b.annexes, files...)
	}
	return nil
}

// annexed reports whether a generated file is printed in the annexes: of
// clab/, the topology only (the Dockerfiles do not depend on the design);
// of nmos/, the IS-04 resources (the IS-05 requests repeat the SDP files).
func annexed(name string) bool {
	switch {
	case strings.HasPrefix(name, clab.Dir):
		return strings.HasSuffix(name, ".clab.yml")
	case strings.HasPrefix(name, "nmos/"):
		return name == nmos.IS04File
	}
	return true
}

// annexPath returns the path of the first annex file with the prefix, or "".
func (b *builder) annexPath(prefix string) string {
	for _, a := range b.annexes {
		if strings.HasPrefix(a.path, prefix) {
			return a.path
		}
	}
	return ""
}

// annexLink links a file of the annexes.
func (b *builder) annexLink(path string) Rich {
	for _, a := range b.annexes {
		if a.path == path {
			return codeLink(path, "#"+b.ids.of("file", path))
		}
	}
	return code(path)
}

// hashRE matches the salted password hashes of generated configurations
// (SHA-crypt $5$/$6$, Cisco type 8 $8$ and type 9 $9$).
var hashRE = regexp.MustCompile(`\$(?:5|6|8|9)\$[./0-9A-Za-z]+\$[./0-9A-Za-z]+`)

// redact masks password hashes: a dossier is handed to readers who must
// not get material for an offline attack on the administrators' passwords.
func redact(s, mask string) string {
	return hashRE.ReplaceAllStringFunc(s, func(h string) string { return h[:3] + mask })
}

// Chapter 15: annexes.
func (b *builder) chAnnexes() *Chapter {
	c := b.chapter("annexes")
	c.Intro = append(c.Intro, para(b.tr("Les fichiers que avnet a générés depuis la conception, tels qu'ils sont livrés (les empreintes de mots de passe sont masquées dans ce document). Ils font foi pour la configuration ; ce dossier en est le commentaire.",
		"The files avnet generated from the design, as delivered (password hashes are masked in this document). They are authoritative for the configuration; this dossier comments on them.")))
	for _, n := range b.annexNotes {
		c.Intro = append(c.Intro, note("warn", n))
	}
	b.revisionsSection(c)
	mask := b.tr("…(masqué)", "…(masked)")
	groups := []struct{ dir, title, intro string }{
		{"configs/", b.tr("Configurations des commutateurs", "Switch configurations"), b.tr("Une configuration par commutateur, dans la syntaxe de sa plateforme ; avnet plan et avnet apply les comparent aux équipements et les appliquent.", "One configuration per switch, in its platform's syntax; avnet plan and avnet apply compare them with the devices and apply them.")},
		{"sdp/", b.tr("Fichiers SDP des flux", "SDP files of the flows"), b.tr("Un fichier SDP par flux (RFC 8866, SMPTE ST 2110-10) : les récepteurs s'abonnent aux deux jambes ST 2022-7 avec lui.", "One SDP file per flow (RFC 8866, SMPTE ST 2110-10): receivers subscribe to both ST 2022-7 legs with it.")},
		{"ptp/", b.tr("Configurations PTP (ptp4l)", "PTP configurations (ptp4l)"), b.tr("Une configuration linuxptp par horloge de la conception, conforme à son profil.", "One linuxptp configuration per clock of the design, following its profile.")},
		{"iptv/", b.tr("Bouquet IPTV", "IPTV bouquet"), b.tr("La liste des chaînes du bouquet, pour les décodeurs et VLC.", "The bouquet's channel list, for set-top boxes and VLC.")},
		{"nmos/", b.tr("Ressources NMOS IS-04", "NMOS IS-04 resources"), b.tr("Les nœuds, équipements, sources, flux, émetteurs et récepteurs de la conception pour un registre AMWA IS-04 (avnet nmos register) ; les requêtes IS-05 qui connectent chaque récepteur sont dans nmos/is-05/.", "The design's nodes, devices, sources, flows, senders and receivers for an AMWA IS-04 registry (avnet nmos register); the IS-05 requests that connect every receiver are in nmos/is-05/.")},
		{clab.Dir, b.tr("Topologie containerlab", "containerlab topology"), b.tr("La conception sur les systèmes des constructeurs (cEOS, Nexus 9000v, Catalyst 9000v) et les commutateurs Linux d'avnet, avec containerlab : chaque commutateur démarre avec sa configuration générée. Les commentaires donnent, pour chaque nœud, l'interface du conteneur (eth1…) et le port du système qui lui correspond.", "The design on the vendors' own systems (cEOS, Nexus 9000v, Catalyst 9000v) and avnet's Linux switches, with containerlab: every switch starts with its generated configuration. The comments give, for each node, the container's interface (eth1…) and the system's port it is.")},
	}
	for _, g := range groups {
		var files []annexFile
		for _, a := range b.annexes {
			if strings.HasPrefix(a.path, g.dir) {
				files = append(files, a)
			}
		}
		if len(files) == 0 {
			continue
		}
		s := b.section(c, g.title, para(g.intro))
		var idx []Rich
		for _, a := range files {
			idx = append(idx, b.annexLink(a.path))
		}
		s.add(paraRich(join(idx, " · ")))
		for _, a := range files {
			s.add(Block{Kind: KPre, ID: b.ids.of("file", a.path), Pre: &Pre{Title: a.path, Text: redact(string(a.data), mask)}})
		}
	}
	s := b.section(c, b.tr("Normes et références", "Standards and references"))
	s.add(para(b.tr("Les textes qui fondent les règles de vérification et les calculs de ce dossier (veille technologique) :", "The texts on which this dossier's verification rules and computations rest (technology watch):")))
	var items []Rich
	for _, r := range b.references() {
		items = append(items, txt(r))
	}
	s.add(list(items...))
	return c
}

// references lists the standards the design's content relies on.
func (b *builder) references() []string {
	f := b.f
	used := map[string]bool{}
	for _, fl := range f.Flows {
		used[fl.Essence] = true
		if fl.Redundant() {
			used["st2022-7"] = true
		}
	}
	var out []string
	add := func(cond bool, s string) {
		if cond {
			out = append(out, s)
		}
	}
	any2110 := used["st2110-20"] || used["st2110-22"] || used["st2110-30"] || used["st2110-31"] || used["st2110-40"]
	add(any2110, "SMPTE ST 2110-10:2022 — "+b.tr("Système et synchronisation", "System timing and definitions"))
	add(used["st2110-20"], "SMPTE ST 2110-20:2022 — "+b.tr("Vidéo active non compressée", "Uncompressed active video"))
	add(used["st2110-20"] || used["st2110-22"], "SMPTE ST 2110-21:2022 — "+b.tr("Modèle de rythme des émetteurs vidéo", "Traffic shaping and delivery timing for video"))
	add(used["st2110-22"], "SMPTE ST 2110-22:2022 — "+b.tr("Vidéo compressée à débit constant", "Constant bit-rate compressed video"))
	add(used["st2110-30"] || used["aes67"] || used["dante"], "SMPTE ST 2110-30:2017 — "+b.tr("Audio PCM", "PCM digital audio"))
	add(used["st2110-40"], "SMPTE ST 2110-40:2023 — "+b.tr("Données auxiliaires SMPTE ST 291-1", "SMPTE ST 291-1 ancillary data"))
	add(used["st2022-6"], "SMPTE ST 2022-6:2012 — "+b.tr("Transport des signaux SDI haut débit sur IP", "Transport of high bit rate media signals over IP networks (HBRMT)"))
	add(used["st2022-7"], "SMPTE ST 2022-7:2019 — "+b.tr("Commutation de protection sans coupure des datagrammes RTP", "Seamless protection switching of RTP datagrams"))
	add(len(f.PTP) > 0, "IEEE 1588-2008 — Precision Time Protocol (PTPv2)")
	add(len(f.PTP) > 0, "SMPTE ST 2059-1 / ST 2059-2:2021 — "+b.tr("Profil PTP pour les applications professionnelles de diffusion", "PTP profile for use in professional broadcast applications"))
	add(used["aes67"] || used["dante"], "AES67-2018 — "+b.tr("Interopérabilité de l'audio haute performance sur IP", "High-performance streaming audio-over-IP interoperability"))
	add(used["mpeg-ts"], "ISO/IEC 13818-1 — MPEG-2 Transport Stream")
	add(used["srt"], "Haivision SRT Protocol (draft-sharabayko-srt)")
	add(true, "IETF RFC 3550 (RTP), RFC 4566 / 8866 (SDP), RFC 4570 (SDP source filters)")
	add(true, "IETF RFC 2236 (IGMPv2), RFC 3376 (IGMPv3), RFC 4541 (IGMP snooping), RFC 4607 (SSM)")
	add(true, "IETF RFC 2474 / 2597 / 3246 (DiffServ, DSCP AF et EF)")
	add(true, "IEEE 802.1Q (VLAN), IEEE 802.3 (Ethernet)")
	add(len(f.Shares) > 0, b.tr("Règlement (UE) 2016/679 (RGPD)", "Regulation (EU) 2016/679 (GDPR)"))
	add(true, "AMWA NMOS IS-04 / IS-05")
	return out
}
