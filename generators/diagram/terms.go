package diagram

import "strings"

// Term is one word or phrase of the diagrams in both build languages.
type Term struct{ FR, EN string }

// In returns the term in lang ("fr" or "en"); French is the default.
func (t Term) In(lang string) string {
	if lang == "en" {
		return t.EN
	}
	return t.FR
}

// Terms are the words the diagrams print, by key: device roles
// ("role.camera"), PTP roles ("ptp.boundary"), essence families
// ("essence.video"), diagram titles ("title.physical") and legend entries.
// The dossier's glossary reuses them, so a word reads the same in the
// diagrams and in the text.
var Terms = map[string]Term{
	// Diagram titles.
	"title.physical": {"Topologie physique", "Physical topology"},
	"title.logical":  {"Réseau logique : VLAN, sous-réseaux, passerelles, queriers", "Logical network: VLANs, subnets, gateways, queriers"},
	"title.synoptic": {"Synoptique des flux", "Signal-flow synoptic"},
	"title.ptp":      {"Arbre de synchronisation PTP", "PTP clock tree"},
	"title.loadmap":  {"Carte de charge des liens (sens le plus chargé)", "Link load map (busiest direction)"},

	// Device roles (schemas/facility.cue #Role).
	"role.switch":              {"commutateur", "switch"},
	"role.router":              {"routeur", "router"},
	"role.camera":              {"caméra", "camera"},
	"role.gateway":             {"passerelle SDI/IP", "SDI/IP gateway"},
	"role.production-switcher": {"mélangeur", "production switcher"},
	"role.multiviewer":         {"multiviewer", "multiviewer"},
	"role.audio-console":       {"console son", "audio console"},
	"role.stagebox":            {"stagebox", "stagebox"},
	"role.ptp-grandmaster":     {"grand maître PTP", "PTP grandmaster"},
	"role.playout":             {"serveur de diffusion", "playout server"},
	"role.ingest":              {"enregistreur (ingest)", "ingest server"},
	"role.mam":                 {"MAM", "MAM"},
	"role.storage":             {"stockage", "storage"},
	"role.edit-workstation":    {"station de montage", "edit workstation"},
	"role.daw":                 {"station audionumérique", "digital audio workstation"},
	"role.radio-automation":    {"automate radio", "radio automation"},
	"role.iptv-headend":        {"tête de réseau IPTV", "IPTV headend"},
	"role.set-top-box":         {"décodeur IPTV", "set-top box"},
	"role.streaming-encoder":   {"encodeur de streaming", "streaming encoder"},
	"role.firewall":            {"pare-feu", "firewall"},
	"role.wifi-ap":             {"borne Wi-Fi", "Wi-Fi access point"},
	"role.server":              {"serveur", "server"},
	"role.pc":                  {"poste de travail", "workstation"},
	"role.graphics":            {"habillage graphique", "graphics"},
	"role.replay":              {"serveur de ralenti", "replay server"},
	"role.monitor":             {"moniteur", "monitor"},
	"role.intercom":            {"intercom", "intercom"},
	"role.microphone":          {"microphone", "microphone"},
	"role.speaker":             {"haut-parleur", "speaker"},
	"role.codec":               {"codec", "codec"},
	"role.printer":             {"imprimante", "printer"},
	"role.controller":          {"contrôleur", "controller"},

	// PTP roles (analysis.PTPNode.Role) and the tree's words.
	"ptp.grandmaster": {"grand maître", "grandmaster"},
	"ptp.standby":     {"grand maître de secours", "standby grandmaster"},
	"ptp.boundary":    {"horloge frontière (BC)", "boundary clock (BC)"},
	"ptp.transparent": {"horloge transparente (TC)", "transparent clock (TC)"},
	"ptp.slave":       {"esclave", "slave"},
	"ptp.slaves":      {"esclaves", "slaves"},
	"ptp.unaware":     {"non compatible PTP", "PTP-unaware"},
	"ptp.domain":      {"domaine", "domain"},
	"ptp.tree":        {"arbre", "tree"},
	"ptp.steps":       {"stepsRemoved", "stepsRemoved"},
	"ptp.noGM":        {"aucun grand maître", "no grandmaster"},
	"ptp.portNote":    {"en tête d'une horloge : son port esclave · stepsRemoved", "atop a clock: its slave port · stepsRemoved"},

	// Essence families of the synoptic.
	"essence.video":     {"vidéo", "video"},
	"essence.audio":     {"audio", "audio"},
	"essence.ancillary": {"données auxiliaires (ST 2110-40)", "ancillary data (ST 2110-40)"},
	"essence.iptv":      {"IPTV et flux compressés (MPEG-TS, SRT, NDI)", "IPTV and compressed streams (MPEG-TS, SRT, NDI)"},
	"essence.control":   {"contrôle", "control"},

	// Physical and load-map legends.
	"legend":           {"Légende", "Legend"},
	"legend.connector": {"▲ commutateur : les câbles de la salle vers ce commutateur", "▲ switch: the room's cables to that switch"},
	"plane":            {"plan", "plane"},
	"link.mgmt":        {"gestion hors bande", "out-of-band management"},
	"link.other":       {"réseau informatique (hors plans)", "IT network (no plane)"},
	"link.data":        {"réseau de données", "data network"},
	"room.none":        {"hors salle", "no room"},
	"group.network":    {"réseau", "network"},
	"group.itnetwork":  {"réseau informatique", "IT network"},
	"load.none":        {"aucun flux planifié", "no planned flow"},
	"load.low":         {"moins de 50 %", "under 50%"},
	"load.mid":         {"de 50 % au seuil", "50% to the threshold"},
	"load.high":        {"au-delà du seuil", "over the threshold"},
	"unit.channels":    {"voies", "ch"},
	"synoptic.groups":  {"groupes multicast", "multicast groups"},
	"synoptic.uni":     {"unicast", "unicast"},
	"synoptic.note":    {"Un flux ST 2022-7 est dessiné une fois avec les groupes de chaque plan.", "A ST 2022-7 flow is drawn once, with the group of each plane."},
	"synoptic.source":  {"sources", "sources"},
	"synoptic.proc":    {"traitement", "processing"},
	"synoptic.out":     {"sorties", "outputs"},

	// Logical network.
	"vlan.gateway":  {"passerelle", "gateway"},
	"vlan.querier":  {"querier IGMP", "IGMP querier"},
	"vlan.svi":      {"interface VLAN (SVI)", "VLAN interface (SVI)"},
	"vlan.routed":   {"interface routée", "routed interface"},
	"vlan.carried":  {"transporté par", "carried by"},
	"vlan.hosts":    {"équipements", "devices"},
	"vlan.host":     {"équipement", "device"},
	"vlan.noSubnet": {"sans sous-réseau", "no subnet"},
	"vlan.nogw":     {"sans passerelle (non routé)", "no gateway (not routed)"},
}

// term returns the term for key in lang, or the key itself when the map
// has none (a role the schema gained after this list).
func term(lang, key string) string {
	if t, ok := Terms[key]; ok {
		return t.In(lang)
	}
	if _, rest, ok := strings.Cut(key, "."); ok {
		return rest
	}
	return key
}
