package model

// DeviceType is a catalog entry: avnet's built-in library or the design's own.
type DeviceType struct {
	Slug         string           `json:"-"`
	Manufacturer string           `json:"manufacturer"`
	Model        string           `json:"model"`
	PartNumber   string           `json:"partNumber,omitempty"`
	Kind         string           `json:"kind"`
	Price        float64          `json:"price"`
	UHeight      float64          `json:"uHeight,omitempty"`
	Source       string           `json:"source,omitempty"`
	Ports        map[string]*Port `json:"ports,omitempty"`
}

type Port struct {
	Speed    string `json:"speed"`
	Media    string `json:"media"`
	MgmtOnly bool   `json:"mgmtOnly"`
}

type Device struct {
	Name         string                `json:"-"`
	Role         string                `json:"role"`
	Model        string                `json:"model"`
	Platform     string                `json:"platform,omitempty"`
	Plane        string                `json:"plane,omitempty"`
	Room         string                `json:"room,omitempty"`
	Description  string                `json:"description,omitempty"`
	Mgmt         *Mgmt                 `json:"mgmt,omitempty"`
	Interfaces   map[string]*Interface `json:"interfaces"`
	PTP          *DevicePTP            `json:"ptp,omitempty"`
	Capabilities *Capabilities         `json:"capabilities,omitempty"`
	Audio        *DeviceAudio          `json:"audio,omitempty"`
	Storage      *Storage              `json:"storage,omitempty"`
	Workstation  *Workstation          `json:"workstation,omitempty"`
	PlaneGateway bool                  `json:"planeGateway"`
	Credentials  *Credentials          `json:"credentials,omitempty"`
	Quantity     int                   `json:"quantity"`
	Rationale    string                `json:"rationale,omitempty"`
}

// Admin returns the device's administrator credentials, or the facility default.
func (f *Facility) Admin(d *Device) *Credentials {
	if d.Credentials != nil {
		return d.Credentials
	}
	return f.Info.Credentials
}

// IsSwitch reports whether the device forwards frames between links.
func (d *Device) IsSwitch() bool { return d.Role == "switch" }

type Mgmt struct {
	IP        string `json:"ip"`
	Interface string `json:"interface,omitempty"`
	VLAN      string `json:"vlan"`
	SSH       bool   `json:"ssh"`
	Telnet    bool   `json:"telnet"`
	HTTP      bool   `json:"http"`
	HTTPS     bool   `json:"https"`
}

type Interface struct {
	Name        string   `json:"-"`
	VLAN        string   `json:"vlan,omitempty"`
	VLANs       []string `json:"vlans,omitempty"`
	IP          string   `json:"ip,omitempty"`
	Speed       string   `json:"speed,omitempty"`
	Plane       string   `json:"plane,omitempty"`
	Description string   `json:"description,omitempty"`
}

// AllVLANs returns the access VLAN followed by the tagged ones.
func (i *Interface) AllVLANs() []string {
	var out []string
	if i.VLAN != "" {
		out = append(out, i.VLAN)
	}
	return append(out, i.VLANs...)
}

type DevicePTP struct {
	Mode           string `json:"mode"`
	Domain         string `json:"domain,omitempty"`
	Version        int    `json:"version"`
	DropManagement bool   `json:"dropManagement"`
}

type Capabilities struct {
	ReceiverType     string `json:"receiverType,omitempty"`
	AudioConformance string `json:"audioConformance,omitempty"`
}

type DeviceAudio struct {
	Dante *struct {
		AES67Mode bool `json:"aes67Mode"`
	} `json:"dante,omitempty"`
	Channels int `json:"channels,omitempty"`
}

type Storage struct {
	RAID       string             `json:"raid"`
	Disks      int                `json:"disks"`
	DiskTB     float64            `json:"diskTB"`
	RequiredTB float64            `json:"requiredTB,omitempty"`
	Throughput Rate               `json:"throughput,omitempty"`
	Backups    map[string]*Backup `json:"backups,omitempty"`
}

type Backup struct {
	Medium  string `json:"medium"`
	Offsite bool   `json:"offsite"`
}

type Workstation struct {
	Software      []string `json:"software,omitempty"`
	Accessibility []string `json:"accessibility,omitempty"`
	Streams       int      `json:"streams,omitempty"`
	Bitrate       Rate     `json:"bitrate,omitempty"`
	Users         []string `json:"users,omitempty"`
}

// Credentials reference a secret; Password is only ever set when a design
// wrote one in clear, which AV-SEC-002 rejects.
type Credentials struct {
	Username     string `json:"username"`
	Role         string `json:"role"`
	SSHKey       string `json:"sshKey,omitempty"`
	PasswordEnv  string `json:"passwordEnv,omitempty"`
	PasswordFile string `json:"passwordFile,omitempty"`
	Password     string `json:"password,omitempty"`
}
