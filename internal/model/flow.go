package model

// Flow is a media stream from one sender to its receivers.
type Flow struct {
	Name        string            `json:"-"`
	Sender      string            `json:"sender"`
	Essence     string            `json:"essence"`
	Video       *Video            `json:"video,omitempty"`
	Audio       *Audio            `json:"audio,omitempty"`
	SDI         *SDI              `json:"sdi,omitempty"`
	TS          *TS               `json:"ts,omitempty"`
	Anc         *Anc              `json:"anc,omitempty"`
	Group       string            `json:"group,omitempty"`
	Groups      map[string]string `json:"groups,omitempty"`
	Source      string            `json:"source,omitempty"`
	Port        int               `json:"port"`
	Class       string            `json:"class"`
	Receivers   []string          `json:"receivers"`
	Protection  string            `json:"protection"`
	Description string            `json:"description,omitempty"`
	Rationale   string            `json:"rationale,omitempty"`
}

// Redundant reports whether the flow sends one leg per plane (ST 2022-7).
func (f *Flow) Redundant() bool { return f.Protection == "st2022-7" }

// Legs returns plane → group, with "" as the plane of a single-leg flow.
func (f *Flow) Legs() map[string]string {
	if len(f.Groups) > 0 {
		return f.Groups
	}
	if f.Group != "" {
		return map[string]string{"": f.Group}
	}
	return nil
}

type Video struct {
	Format      string  `json:"format"`
	Sampling    string  `json:"sampling"`
	Depth       int     `json:"depth"`
	Packing     string  `json:"packing"`
	SenderType  string  `json:"senderType"`
	Colorimetry string  `json:"colorimetry"`
	TCS         string  `json:"tcs"`
	Codec       string  `json:"codec,omitempty"`
	Bitrate     Rate    `json:"bitrate,omitempty"`
	Ratio       float64 `json:"ratio,omitempty"`
	MaxUDP      int     `json:"maxUDP"`
}

type Audio struct {
	Channels   int    `json:"channels"`
	SampleRate int    `json:"sampleRate"`
	Depth      int    `json:"depth"`
	PacketTime string `json:"packetTime"`
	// ChannelOrder is the ST 2110-30 channel grouping ("ST", "51",
	// "U08"…); nil when the design gives none.
	ChannelOrder []string `json:"channelOrder,omitempty"`
}

// Anc says what an ST 2110-40 flow carries.
type Anc struct {
	// Data lists the ancillary data types ("op-47", "scte-104"…), each a
	// DID/SDID pair (essence.AncDIDSDID).
	Data []string `json:"data,omitempty"`
}

type SDI struct {
	Signal string `json:"signal"`
	Rate   string `json:"rate"`
}

type TS struct {
	Bitrate   Rate   `json:"bitrate"`
	Channel   string `json:"channel,omitempty"`
	Number    int    `json:"number,omitempty"`
	Transport string `json:"transport"`
}

// RawUDP reports whether an MPEG-TS flow travels straight over UDP (no RTP).
func (f *Flow) RawUDP() bool { return f.TS != nil && f.TS.Transport == "udp" }

type User struct {
	Name        string       `json:"-"`
	FullName    string       `json:"fullName,omitempty"`
	Groups      []string     `json:"groups"`
	Credentials *Credentials `json:"credentials,omitempty"`
}

type Group struct {
	Name        string `json:"-"`
	Description string `json:"description,omitempty"`
	Need        string `json:"need,omitempty"`
}

type Share struct {
	Name         string            `json:"-"`
	Server       string            `json:"server"`
	Path         string            `json:"path"`
	PersonalData bool              `json:"personalData"`
	Access       map[string]string `json:"access"`
	Description  string            `json:"description,omitempty"`
}

type Waiver struct {
	ID       string   `json:"-"`
	Reason   string   `json:"reason"`
	Severity string   `json:"severity"`
	Scope    []string `json:"scope,omitempty"`
}
