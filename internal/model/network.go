package model

import "time"

// VLAN is an L2 domain with its subnet.
type VLAN struct {
	Name        string `json:"-"`
	ID          int    `json:"id"`
	Subnet      string `json:"subnet,omitempty"`
	Gateway     string `json:"gateway,omitempty"`
	MTU         int    `json:"mtu"`
	Plane       string `json:"plane,omitempty"`
	Purpose     string `json:"purpose"`
	IGMP        *IGMP  `json:"igmp,omitempty"`
	Routed      bool   `json:"routed"`
	Description string `json:"description,omitempty"`
	Rationale   string `json:"rationale,omitempty"`
}

type IGMP struct {
	Snooping bool   `json:"snooping"`
	Version  int    `json:"version"`
	Querier  string `json:"querier,omitempty"`
}

type Routing struct {
	Mode string `json:"mode"`
	OSPF *struct {
		Area string `json:"area"`
	} `json:"ospf,omitempty"`
	PIM *struct {
		RP       string `json:"rp,omitempty"`
		SSMRange string `json:"ssmRange"`
	} `json:"pim,omitempty"`
}

type QoS struct {
	Trust   string               `json:"trust"`
	Classes map[string]*QoSClass `json:"classes"`
}

type QoSClass struct {
	Name        string `json:"-"`
	DSCP        []int  `json:"dscp"`
	Queue       int    `json:"queue"`
	Scheduling  string `json:"scheduling"`
	Weight      int    `json:"weight,omitempty"`
	Description string `json:"description,omitempty"`
}

// PTPDomain is one PTP domain with its profile values after defaults.
type PTPDomain struct {
	Name                   string `json:"-"`
	Profile                string `json:"profile"`
	Domain                 int    `json:"domain"`
	LogAnnounceInterval    int    `json:"logAnnounceInterval"`
	LogSyncInterval        int    `json:"logSyncInterval"`
	LogMinDelayReqInterval int    `json:"logMinDelayReqInterval"`
	AnnounceReceiptTimeout int    `json:"announceReceiptTimeout"`
	Transport              string `json:"transport"`
	DelayMechanism         string `json:"delayMechanism"`
	// Tolerance is the largest offset from the grandmaster the lab's
	// recette accepts of a locked clock ("100us"); see ToleranceNs.
	Tolerance    string                  `json:"tolerance,omitempty"`
	Grandmasters map[string]*Grandmaster `json:"grandmasters"`
	Rationale    string                  `json:"rationale,omitempty"`
}

type Grandmaster struct {
	Priority1  int `json:"priority1"`
	Priority2  int `json:"priority2"`
	ClockClass int `json:"clockClass"`
}

// Link is a cable, keyed by its label.
type Link struct {
	Label     string   `json:"-"`
	A         string   `json:"a"`
	B         string   `json:"b"`
	Speed     string   `json:"speed"`
	Medium    string   `json:"medium"`
	VLANs     []string `json:"vlans,omitempty"`
	LengthM   float64  `json:"lengthM,omitempty"`
	Rationale string   `json:"rationale,omitempty"`
}

// End splits "device:interface"; the schema guarantees the colon.
func SplitEnd(end string) (device, iface string) {
	for i := 0; i < len(end); i++ {
		if end[i] == ':' {
			return end[:i], end[i+1:]
		}
	}
	return end, ""
}

// SpeedBps converts a schema speed ("25G") to bits per second; 0 if unknown.
func SpeedBps(s string) float64 {
	switch s {
	case "100M":
		return 100e6
	case "1G":
		return 1e9
	case "2.5G":
		return 2.5e9
	case "5G":
		return 5e9
	case "10G":
		return 10e9
	case "25G":
		return 25e9
	case "40G":
		return 40e9
	case "50G":
		return 50e9
	case "100G":
		return 100e9
	case "200G":
		return 200e9
	case "400G":
		return 400e9
	}
	return 0
}

// ToleranceNs is the domain's recette tolerance in nanoseconds (the
// schema's default, 100 µs, when the design gives none or it does not
// parse, which the schema prevents).
func (d *PTPDomain) ToleranceNs() float64 {
	if v, err := time.ParseDuration(d.Tolerance); err == nil && v > 0 {
		return float64(v.Nanoseconds())
	}
	return 100e3
}
