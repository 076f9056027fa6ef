// Package nmos is the "nmos" generator: the design's media endpoints as
// AMWA NMOS resources, for a controller to see the facility before any
// device exists.
//
//   - nmos/is-04.json: IS-04 v1.3 resources as Registration API requests
//     ({"type": …, "data": …}) in registration order: nodes, devices,
//     sources, flows, senders, receivers. Every device that sends or
//     receives a flow is a node with one device; every flow with an SDP
//     file is a source, a flow and a sender (one sender for both ST 2022-7
//     legs, bound to both interfaces, as its SDP has both); every
//     (receiving device, flow) a receiver whose caps say what it accepts
//     (media type, and for video the ST 2110-21 sender types its receiver
//     type takes, as BCP-004-01 constraint sets).
//   - nmos/is-05/<device>_<flow>.json: one IS-05 v1.1 staged request per
//     receiver: the sender, both legs' transport parameters for ST 2022-7,
//     the SDP as transport_file, activate_immediate.
//
// IDs are UUIDv5 of the design's name and the resource's, so a rebuild
// keeps them. The version of every resource is derived from its content
// (not the clock); `avnet nmos register` stamps real TAI time instead.
// manifest_href points at the SDP under ManifestBase, which `avnet nmos
// register --manifest-base` replaces with where the build is served.
package nmos

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/google/uuid"

	"github.com/avnet/avnet/generators/gen"
	"github.com/avnet/avnet/generators/sdp"
	"github.com/avnet/avnet/internal/analysis"
	"github.com/avnet/avnet/internal/essence"
	"github.com/avnet/avnet/internal/model"
)

// Generator is "nmos".
var Generator = &gen.Generator{
	Name:     "nmos",
	Doc:      "AMWA NMOS IS-04 resources of every sender and receiver (nmos/is-04.json) and one IS-05 staged request per receiver (nmos/is-05/)",
	Generate: Generate,
}

// Files.
const (
	IS04File = "nmos/is-04.json"
	IS05Dir  = "nmos/is-05/"
)

// ManifestBase is the placeholder base URL of manifest_href in the files.
const ManifestBase = "http://avnet.invalid/"

var namespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://github.com/avnet/avnet/nmos"))

// ID is the stable UUIDv5 of a resource of design.
func ID(design, kind, name string) string {
	return uuid.NewSHA1(namespace, []byte(design+"\x00"+kind+"\x00"+name)).String()
}

// Request is one Registration API request body.
type Request struct {
	Type string         `json:"type"`
	Data map[string]any `json:"data"`
}

// Staged is an IS-05 staged request of one receiver, with where it goes.
type Staged struct {
	File       string
	ReceiverID string
	Body       map[string]any
}

// Resources are a design's NMOS resources.
type Resources struct {
	Requests []Request
	Staged   []Staged
}

// Generate writes the resources when the design has describable flows.
func Generate(ctx context.Context, f *model.Facility, facts *analysis.Facts, sink gen.Sink) error {
	r, err := Build(f, facts)
	if err != nil || len(r.Requests) == 0 {
		return err
	}
	b, err := json.MarshalIndent(r.Requests, "", "  ")
	if err != nil {
		return err
	}
	if err := sink.Write(IS04File, append(b, '\n')); err != nil {
		return err
	}
	for _, s := range r.Staged {
		b, err := json.MarshalIndent(s.Body, "", "  ")
		if err != nil {
			return err
		}
		if err := sink.Write(s.File, append(b, '\n')); err != nil {
			return err
		}
	}
	return nil
}

type builder struct {
	f      *model.Facility
	facts  *analysis.Facts
	design string
}

// Build computes the resources.
func Build(f *model.Facility, facts *analysis.Facts) (*Resources, error) {
	files, err := sdp.FileNames(f)
	if err != nil {
		return nil, err
	}
	b := &builder{f: f, facts: facts, design: designName(f)}
	out := &Resources{}
	type rx struct{ dev, flow string }
	var flows []string
	devs := map[string]bool{}
	var rxs []rx
	for _, name := range model.SortedKeys(f.Flows) {
		fl := f.Flows[name]
		if _, ok := files[name]; !ok || format(fl) == "" || f.Devices[fl.Sender] == nil {
			continue
		}
		flows = append(flows, name)
		devs[fl.Sender] = true
		for _, r := range fl.Receivers {
			if f.Devices[r] != nil {
				devs[r] = true
				rxs = append(rxs, rx{r, name})
			}
		}
	}
	sort.Slice(rxs, func(i, j int) bool {
		if rxs[i].dev != rxs[j].dev {
			return rxs[i].dev < rxs[j].dev
		}
		return rxs[i].flow < rxs[j].flow
	})
	var nodes, devices, sources, flowsR, senders, receivers []Request
	senderIDs := map[string][]string{}
	receiverIDs := map[string][]string{}
	for _, name := range flows {
		fl := f.Flows[name]
		senderIDs[fl.Sender] = append(senderIDs[fl.Sender], ID(b.design, "sender", name))
	}
	for _, r := range rxs {
		receiverIDs[r.dev] = append(receiverIDs[r.dev], ID(b.design, "receiver", r.dev+"\x00"+r.flow))
	}
	for _, dev := range model.SortedKeys(devs) {
		n, d := b.node(dev, senderIDs[dev], receiverIDs[dev])
		nodes = append(nodes, n)
		devices = append(devices, d)
	}
	for _, name := range flows {
		src, flow, snd, err := b.sender(name, files[name])
		if err != nil {
			return nil, err
		}
		sources, flowsR, senders = append(sources, src), append(flowsR, flow), append(senders, snd)
	}
	for _, r := range rxs {
		rcv := b.receiver(r.dev, r.flow)
		receivers = append(receivers, rcv)
		body, err := b.staged(r.dev, r.flow)
		if err != nil {
			return nil, err
		}
		out.Staged = append(out.Staged, Staged{File: IS05Dir + fileSafe(r.dev) + "_" + fileSafe(r.flow) + ".json",
			ReceiverID: rcv.Data["id"].(string), Body: body})
	}
	for _, group := range [][]Request{nodes, devices, sources, flowsR, senders, receivers} {
		for _, q := range group {
			q.Data["version"] = contentVersion(q)
			out.Requests = append(out.Requests, q)
		}
	}
	seen := map[string]bool{}
	for _, s := range out.Staged {
		key := strings.ToLower(s.File)
		if seen[key] {
			return nil, fmt.Errorf("nmos: two receivers would both be written to %s; rename a device or flow", s.File)
		}
		seen[key] = true
	}
	return out, nil
}

// core is the resource_core part of every resource.
func (b *builder) core(kind, name, label, description string) map[string]any {
	return map[string]any{
		"id": ID(b.design, kind, name), "label": label,
		"description": description, "tags": map[string]any{"urn:x-avnet:design": []string{b.design}},
	}
}

func (b *builder) node(dev string, senders, receivers []string) (Request, Request) {
	d := b.f.Devices[dev]
	n := b.core("node", dev, dev, d.Description)
	host := b.hostOf(d)
	n["href"] = "http://" + host + "/"
	n["api"] = map[string]any{"versions": []string{"v1.3"}, "endpoints": []any{map[string]any{"host": host, "port": 80, "protocol": "http"}}}
	n["caps"] = map[string]any{}
	n["services"] = []any{}
	clock := map[string]any{"name": "clk0", "ref_type": "internal"}
	if d.PTP != nil && d.PTP.Mode != "" && d.PTP.Mode != "none" {
		clock = map[string]any{"name": "clk0", "ref_type": "ptp", "traceable": false, "version": "IEEE1588-2008",
			"gmid": "00-00-00-00-00-00-00-00", "locked": false}
	}
	n["clocks"] = []any{clock}
	var ifs []any
	for _, in := range model.SortedKeys(d.Interfaces) {
		ifs = append(ifs, map[string]any{"name": in, "chassis_id": mac(b.design, dev, ""), "port_id": mac(b.design, dev, in)})
	}
	if ifs == nil {
		ifs = []any{}
	}
	n["interfaces"] = ifs
	dv := b.core("device", dev, dev, d.Description)
	dv["type"] = "urn:x-nmos:device:generic"
	dv["node_id"] = n["id"]
	dv["senders"] = nonNil(senders)
	dv["receivers"] = nonNil(receivers)
	dv["controls"] = []any{}
	return Request{"node", n}, Request{"device", dv}
}

func (b *builder) sender(name, sdpFile string) (src, flow, snd Request, err error) {
	fl := b.f.Flows[name]
	devID := ID(b.design, "device", fl.Sender)
	s := b.core("source", name, name, fl.Description)
	s["caps"] = map[string]any{}
	s["device_id"] = devID
	s["parents"] = []string{}
	s["clock_name"] = "clk0"
	s["format"] = format(fl)
	fw := b.core("flow", name, name, fl.Description)
	fw["source_id"] = s["id"]
	fw["device_id"] = devID
	fw["parents"] = []string{}
	fw["format"] = format(fl)
	switch fl.Essence {
	case "st2110-20", "st2110-22":
		v := fl.Video
		if v == nil {
			return src, flow, snd, fmt.Errorf("nmos: flow %s: no video block", name)
		}
		vf, err := essence.ParseFormat(v.Format)
		if err != nil {
			return src, flow, snd, fmt.Errorf("nmos: flow %s: %w", name, err)
		}
		rate := map[string]any{"numerator": vf.FrameNum, "denominator": vf.FrameDen}
		s["grain_rate"], fw["grain_rate"] = rate, rate
		fw["frame_width"], fw["frame_height"] = vf.Width, vf.Height
		fw["interlace_mode"] = "progressive"
		if vf.Interlaced {
			fw["interlace_mode"] = "interlaced_tff"
		}
		fw["colorspace"] = colorspace(v.Colorimetry)
		fw["transfer_characteristic"] = transfer(v.TCS)
		if fl.Essence == "st2110-22" {
			fw["media_type"] = "video/jxsv"
		} else {
			fw["media_type"] = "video/raw"
			fw["components"] = components(vf, v)
		}
	case "st2110-30", "aes67", "st2110-31":
		a := fl.Audio
		if a == nil {
			return src, flow, snd, fmt.Errorf("nmos: flow %s: no audio block", name)
		}
		var chans []any
		for i := 1; i <= a.Channels; i++ {
			chans = append(chans, map[string]any{"label": fmt.Sprintf("Ch %d", i)})
		}
		s["channels"] = nonNilAny(chans)
		fw["sample_rate"] = map[string]any{"numerator": a.SampleRate}
		fw["bit_depth"] = a.Depth
		fw["media_type"] = fmt.Sprintf("audio/L%d", a.Depth)
		if fl.Essence == "st2110-31" {
			fw["media_type"], fw["bit_depth"] = "audio/AM824", 24
		}
	case "st2110-40":
		fw["media_type"] = "video/smpte291"
		if fl.Anc != nil && len(fl.Anc.Data) > 0 {
			if pairs, err := essence.AncDIDSDID(fl.Anc.Data); err == nil {
				fw["DID_SDID"] = didSDID(pairs)
			}
		}
	case "st2022-6":
		fw["media_type"] = "video/SMPTE2022-6"
	case "mpeg-ts":
		fw["media_type"] = "video/MP2T"
	}
	sn := b.core("sender", name, name, fl.Description)
	sn["flow_id"] = fw["id"]
	sn["transport"] = "urn:x-nmos:transport:rtp.mcast"
	if len(fl.Legs()) == 0 {
		sn["transport"] = "urn:x-nmos:transport:rtp.ucast"
	}
	sn["device_id"] = devID
	sn["manifest_href"] = ManifestBase + sdpFile
	var binds []string
	for _, leg := range b.legs(fl) {
		if in := b.ifaceFor(fl.Sender, leg); in != "" {
			binds = append(binds, in)
		}
	}
	sn["interface_bindings"] = nonNil(binds)
	sn["subscription"] = map[string]any{"receiver_id": nil, "active": false}
	return Request{"source", s}, Request{"flow", fw}, Request{"sender", sn}, nil
}

func (b *builder) receiver(dev, flow string) Request {
	fl := b.f.Flows[flow]
	d := b.f.Devices[dev]
	r := b.core("receiver", dev+"\x00"+flow, dev+" ← "+flow, "receives "+flow)
	r["device_id"] = ID(b.design, "device", dev)
	r["transport"] = "urn:x-nmos:transport:rtp.mcast"
	if len(fl.Legs()) == 0 {
		r["transport"] = "urn:x-nmos:transport:rtp.ucast"
	}
	var binds []string
	for _, leg := range b.legs(fl) {
		if in := b.ifaceFor(dev, leg); in != "" {
			binds = append(binds, in)
		}
	}
	r["interface_bindings"] = nonNil(binds)
	r["subscription"] = map[string]any{"sender_id": nil, "active": false}
	r["format"] = format(fl)
	mt := mediaType(fl)
	caps := map[string]any{"media_types": []string{mt}}
	cs := map[string]any{"urn:x-nmos:cap:format:media_type": map[string]any{"enum": []string{mt}}}
	if fl.Essence == "st2110-20" || fl.Essence == "st2110-22" {
		// ST 2110-21 §6: a wide receiver also takes narrow senders.
		types := []string{"2110TPN"}
		if d.Capabilities != nil && d.Capabilities.ReceiverType == "W" {
			types = []string{"2110TPN", "2110TPNL", "2110TPW"}
		}
		cs["urn:x-nmos:cap:format:st2110_21_sender_type"] = map[string]any{"enum": types}
	}
	caps["constraint_sets"] = []any{cs}
	r["caps"] = caps
	return Request{"receiver", r}
}

// staged is the IS-05 request that connects dev's receiver of flow.
func (b *builder) staged(dev, flow string) (map[string]any, error) {
	fl := b.f.Flows[flow]
	text, err := sdp.Render(b.f, b.facts, flow)
	if err != nil {
		return nil, fmt.Errorf("nmos: flow %s: %w", flow, err)
	}
	var params []any
	for _, leg := range b.legs(fl) {
		group := fl.Legs()[leg]
		p := map[string]any{"destination_port": fl.Port, "rtp_enabled": true}
		if group != "" {
			p["multicast_ip"] = group
		} else {
			p["multicast_ip"] = nil
		}
		if src := b.sourceIP(fl, leg); src != "" && group != "" {
			p["source_ip"] = src
		}
		if ip := b.ipOf(dev, b.ifaceFor(dev, leg)); ip != "" {
			p["interface_ip"] = ip
		}
		params = append(params, p)
	}
	return map[string]any{
		"sender_id":        ID(b.design, "sender", flow),
		"master_enable":    true,
		"activation":       map[string]any{"mode": "activate_immediate", "requested_time": nil},
		"transport_file":   map[string]any{"data": string(text), "type": "application/sdp"},
		"transport_params": nonNilAny(params),
	}, nil
}

// legs are the flow's planes in the design's plane order ("" for a single leg).
func (b *builder) legs(fl *model.Flow) []string {
	legs := fl.Legs()
	if len(legs) == 0 {
		return []string{""}
	}
	var out []string
	for _, p := range b.f.Planes {
		if _, ok := legs[p]; ok {
			out = append(out, p)
		}
	}
	for _, p := range model.SortedKeys(legs) {
		found := false
		for _, o := range out {
			found = found || o == p
		}
		if !found {
			out = append(out, p)
		}
	}
	return out
}

// ifaceFor is dev's interface on plane (any addressed interface for "").
func (b *builder) ifaceFor(dev, plane string) string {
	d := b.f.Devices[dev]
	var any string
	for _, in := range model.SortedKeys(d.Interfaces) {
		i := d.Interfaces[in]
		p := i.Plane
		if v := b.f.VLANs[i.VLAN]; p == "" && v != nil {
			p = v.Plane
		}
		if plane != "" && p == plane {
			return in
		}
		if any == "" && i.IP != "" {
			if v := b.f.VLANs[i.VLAN]; v == nil || v.Purpose != "management" {
				any = in
			}
		}
	}
	return any
}

func (b *builder) ipOf(dev, in string) string {
	if in == "" {
		return ""
	}
	if i := b.f.Devices[dev].Interfaces[in]; i != nil {
		if p, err := netip.ParsePrefix(i.IP); err == nil {
			return p.Addr().String()
		}
	}
	return ""
}

func (b *builder) sourceIP(fl *model.Flow, leg string) string {
	if ip := b.ipOf(fl.Sender, b.ifaceFor(fl.Sender, leg)); ip != "" {
		return ip
	}
	return fl.Source
}

// hostOf is the address a node's API would have: management, else its
// first addressed interface; a name under .invalid otherwise.
func (b *builder) hostOf(d *model.Device) string {
	if d.Mgmt != nil && d.Mgmt.IP != "" {
		return d.Mgmt.IP
	}
	for _, in := range model.SortedKeys(d.Interfaces) {
		if p, err := netip.ParsePrefix(d.Interfaces[in].IP); err == nil {
			return p.Addr().String()
		}
	}
	return "node-" + ID(b.design, "node", d.Name)[:8] + ".invalid"
}

func format(fl *model.Flow) string {
	switch fl.Essence {
	case "st2110-20", "st2110-22":
		return "urn:x-nmos:format:video"
	case "st2110-30", "st2110-31", "aes67":
		return "urn:x-nmos:format:audio"
	case "st2110-40":
		return "urn:x-nmos:format:data"
	case "st2022-6", "mpeg-ts":
		return "urn:x-nmos:format:mux"
	}
	return ""
}

func mediaType(fl *model.Flow) string {
	switch fl.Essence {
	case "st2110-20":
		return "video/raw"
	case "st2110-22":
		return "video/jxsv"
	case "st2110-31":
		return "audio/AM824"
	case "st2110-30", "aes67":
		if fl.Audio != nil && fl.Audio.Depth == 16 {
			return "audio/L16"
		}
		return "audio/L24"
	case "st2110-40":
		return "video/smpte291"
	case "st2022-6":
		return "video/SMPTE2022-6"
	}
	return "video/MP2T"
}

func colorspace(c string) string {
	switch strings.ToUpper(c) {
	case "BT2020":
		return "BT2020"
	case "BT2100":
		return "BT2100"
	case "BT601":
		return "BT601"
	}
	return "BT709"
}

func transfer(t string) string {
	switch strings.ToUpper(t) {
	case "HLG", "PQ":
		return strings.ToUpper(t)
	}
	return "SDR"
}

// components are the picture's samples: luma at full size, chroma
// subsampled as the sampling says.
func components(vf essence.Format, v *model.Video) []any {
	w, h := vf.Width, vf.Height
	cw, ch := w, h
	switch v.Sampling {
	case "4:2:2", "YCbCr-4:2:2":
		cw = w / 2
	case "4:2:0", "YCbCr-4:2:0":
		cw, ch = w/2, h/2
	}
	depth := v.Depth
	if depth == 0 {
		depth = 10
	}
	if strings.HasPrefix(v.Sampling, "RGB") {
		return []any{comp("R", w, h, depth), comp("G", w, h, depth), comp("B", w, h, depth)}
	}
	return []any{comp("Y", w, h, depth), comp("Cb", cw, ch, depth), comp("Cr", cw, ch, depth)}
}

func comp(name string, w, h, depth int) map[string]any {
	return map[string]any{"name": name, "width": w, "height": h, "bit_depth": depth}
}

// didSDID turns "DID_SDID={0x61,0x01} DID_SDID={0x41,0x07}" into IS-04 pairs.
func didSDID(s string) []any {
	var out []any
	for _, f := range strings.Fields(s) {
		f = strings.TrimSuffix(strings.TrimPrefix(f, "DID_SDID={"), "}")
		parts := strings.Split(f, ",")
		if len(parts) == 2 {
			out = append(out, map[string]any{"DID": parts[0], "SDID": parts[1]})
		}
	}
	return nonNilAny(out)
}

// mac is a locally administered MAC address derived from the names, in
// IS-04's dash notation.
func mac(design, dev, in string) string {
	h := sha256.Sum256([]byte(design + "\x00" + dev + "\x00" + in))
	h[0] = h[0]&0xfc | 0x02
	return fmt.Sprintf("%02x-%02x-%02x-%02x-%02x-%02x", h[0], h[1], h[2], h[3], h[4], h[5])
}

// contentVersion is an IS-04 version ("<seconds>:<nanoseconds>")
// derived from the resource's own content: a rebuild gives the same
// files, and a resource whose content changes gets another version.
func contentVersion(q Request) string {
	b, _ := json.Marshal(q) // maps marshal with sorted keys
	h := sha256.Sum256(b)
	sec := 1_000_000_000 + uint64(binary.BigEndian.Uint32(h[:4]))%1_000_000_000
	ns := binary.BigEndian.Uint32(h[4:8]) % 1_000_000_000
	return fmt.Sprintf("%d:%d", sec, ns)
}

func designName(f *model.Facility) string {
	d := strings.TrimRight(f.Dir, "/")
	if i := strings.LastIndexByte(d, '/'); i >= 0 {
		d = d[i+1:]
	}
	if d == "" {
		return f.Package
	}
	return d
}

func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '.', r == '_':
			return r
		}
		return '_'
	}, s)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilAny(s []any) []any {
	if s == nil {
		return []any{}
	}
	return s
}
