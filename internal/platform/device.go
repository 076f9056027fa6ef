package platform

// Device is the platform-neutral configuration of one switch.
type Device struct {
	Name     string
	Facility string // the facility's name, for the banner
	Platform string
	// Model is the device type ("Arista DCS-7280SR3-48YC8").
	Model   string
	Version string // avnet's version, for the header
	// Design is the design directory's name.
	Design string
	Plane  string
	// Role is the design's description of the switch, ASCII-folded.
	Role string
	// Banner is the login banner, ASCII only, one string per line.
	Banner []string

	Mgmt     *Mgmt
	Services Services
	Users    []User

	VLANs   []*VLAN
	Ports   []*Port
	QoS     *QoS
	PTP     *PTP
	Routing *Routing
	// HasJumbo is set when a VLAN on the switch has an MTU above 1500.
	HasJumbo bool
	MaxMTU   int
	// Notes are facts an engineer reviewing the file should know,
	// written as comments at its top.
	Notes []string
}

// Mgmt is the management interface, in the platform's management VRF.
type Mgmt struct {
	Interface string // empty: in-band, through the SVI of VLAN
	VLAN      *VLAN  // set for in-band management
	Address   string // CIDR
	Gateway   string
}

// Services are NTP, syslog and DNS, reached through the management VRF.
type Services struct {
	NTP    []string
	Syslog []string
	DNS    []string
	Domain string
}

// User is a local account. Hash is the platform's stored form of the
// password ("" for a key-only account); the password itself never
// reaches a Device.
type User struct {
	Name   string
	Role   string // admin, operator, read-only
	Hash   string
	SSHKey string
	// Source says where the secret came from, for a comment ("environment
	// variable AZUR_NETADMIN_PASSWORD").
	Source string
}

// VLAN is a VLAN the switch carries.
type VLAN struct {
	ID   int
	Name string // the design's VLAN name, at most 32 characters
	MTU  int
	// Snooping is IGMP snooping on the VLAN; Version its IGMP version.
	Snooping bool
	Version  int
	// Querier is set when this switch is the VLAN's IGMP querier.
	Querier        bool
	QuerierAddress string
	// SVI is the switch's IP interface in the VLAN, nil when it has none.
	SVI *SVI
	// PTP is set when the VLAN is a media VLAN (PTP travels in it).
	PTP bool
}

// SVI is a VLAN interface.
type SVI struct {
	Address string // CIDR
	Gateway bool   // the routed VLAN's gateway
	PIM     bool   // PIM sparse mode (L3 fabric)
	IGMP    bool   // IGMP router side (querier) on the SVI: L3 fabric or a querier with an address
	OSPF    bool   // advertised into OSPF (passive)
}

// Port is a front-panel port.
type Port struct {
	Name        string
	Description string
	Mode        string // access, trunk, routed, unused
	AccessVLAN  int    // access VLAN, or a trunk's native VLAN (0: none)
	Allowed     []int  // a trunk's tagged VLANs
	MTU         int
	Speed       string // the link's speed ("25G")
	PortSpeed   string // the port's maximum speed
	// SetSpeed is set when the link runs below the port's maximum speed,
	// so the port must be told (a 1G module in an SFP28 cage).
	SetSpeed bool
	Edge     bool
	PTP      bool
	PTPSlave bool
	// PTPMaster is set on an edge port that faces no grandmaster: the
	// platform may pin it to the master role, so that no endpoint can
	// take over the clock.
	PTPMaster bool
	Address   string // routed port
	OSPF      bool
	PIM       bool
	Note      string
}

// AllowedList is the trunk's VLAN list as "110,210".
func (p *Port) AllowedList() string { return JoinInts(p.Allowed, ",") }

// QoS is the DSCP classification and the egress scheduling.
type QoS struct {
	Trust string // dscp, cos, none
	// Classes in queue order, highest queue first.
	Classes []*QoSClass
	// Queues 0–7, highest first: what each egress queue does.
	Queues []*Queue
	// DefaultPercent is queue 0's share: the class-default of MQC platforms.
	DefaultPercent int
}

// QoSClass is one design class.
type QoSClass struct {
	Name   string // design name
	Ident  string // upper-case identifier for class-maps ("AVNET-VIDEO")
	DSCP   []int
	Queue  int
	Strict bool
	// Default is set for a class whose queue is 0, the default queue:
	// platforms put it in class-default rather than a class-map.
	Default bool
	// Level and Percent repeat the class's queue scheduling, split evenly
	// among the weighted classes that share a queue.
	Level       int
	Percent     int
	Description string
}

// Queue is one egress queue.
type Queue struct {
	ID     int
	Strict bool
	// Level is the strict-priority level, 1 the highest.
	Level int
	// Percent is the queue's share of the bandwidth left by strict queues
	// (the design's weights normalised to 100 over the weighted queues).
	Percent int
	Classes []string
	Used    bool
}

// PTP is the switch's PTP clock.
type PTP struct {
	Mode                   string // boundary, transparent
	Profile                string // st2059-2, aes67, aes-r16, default-e2e
	Domain                 int
	DomainName             string
	LogAnnounceInterval    int
	LogSyncInterval        int
	LogMinDelayReqInterval int
	AnnounceReceiptTimeout int
	Transport              string // udp-ipv4, l2
	Delay                  string // E2E, P2P
	Priority1              int
	Priority2              int
	// ForwardV1 is set when a PTPv1 (IEEE 1588-2002) device, such as a
	// first-generation Dante device, is in a VLAN the switch carries.
	ForwardV1 bool
	V1Devices []string
	// Source is the address PTP messages leave from, where the platform
	// needs one (NX-OS "ptp source").
	Source string
	// Grandmaster is the expected grandmaster, for comments.
	Grandmaster string
}

// Routing is the L3 fabric part: OSPF underlay and PIM.
type Routing struct {
	RouterID string
	Area     string
	RP       string
	SSMRange string
	// PIM is set when the switch routes multicast.
	PIM bool
}
