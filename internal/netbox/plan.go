package netbox

import (
	"context"
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"strings"
)

// Action is what apply does to one object.
type Action string

const (
	Create Action = "create"
	Update Action = "update"
	Delete Action = "delete"
)

// Change is one object that apply creates, updates or deletes.
type Change struct {
	Action Action `json:"action"`
	Kind   *Kind  `json:"-"`
	Type   string `json:"type"`
	Key    string `json:"key"`
	// ID is the object's id in NetBox (updates and deletes).
	ID int `json:"id,omitempty"`
	// Fields are the fields an update changes, old → new.
	Fields []FieldChange `json:"fields,omitempty"`
	// WithDevice marks an interface that NetBox deletes with its device.
	WithDevice bool `json:"withDevice,omitempty"`

	obj   *Object
	patch map[string]any // an update's fields
	late  map[string]any // fields set once later objects exist
}

// Foreign is an object in the way of the design that avnet does not own:
// it exists under the natural key of one of avnet's objects without the
// avnet tag. avnet uses it as it is (a manufacturer someone made) and
// never changes it; Fields say how it differs from the design.
type Foreign struct {
	Type string `json:"type"`
	Key  string `json:"key"`
	// ID is 0 for an object of the design that avnet cannot make because
	// its parent (a device, an interface) is not avnet's.
	ID     int           `json:"id,omitempty"`
	Reason string        `json:"reason"`
	Fields []FieldChange `json:"fields,omitempty"`
}

// Plan is what apply would do: plain data, computed against what NetBox
// held when it was made.
type Plan struct {
	URL   string `json:"url"`
	Site  string `json:"site"`
	Prune bool   `json:"prune"`
	// Changes are the creates and updates in dependency order, then the
	// deletes in reverse dependency order.
	Changes []*Change  `json:"changes"`
	Foreign []*Foreign `json:"foreign,omitempty"`
	// Unchanged counts avnet's objects that already match the design.
	Unchanged int `json:"unchanged"`
	// Orphans counts avnet's objects of the site that the design no longer
	// has, which --prune would delete.
	Orphans int `json:"orphans,omitempty"`

	state *State
	x     *existing
}

// Counts are a plan's totals.
type Counts struct{ Create, Update, Delete int }

// Counts returns the number of creates, updates and deletes.
func (p *Plan) Counts() Counts {
	var c Counts
	for _, ch := range p.Changes {
		switch ch.Action {
		case Create:
			c.Create++
		case Update:
			c.Update++
		case Delete:
			c.Delete++
		}
	}
	return c
}

// Empty reports whether apply has nothing to do.
func (p *Plan) Empty() bool { return len(p.Changes) == 0 }

// PlanOptions configure ComputePlan.
type PlanOptions struct {
	URL string
	// Prune adds deletes for the site's objects that carry the avnet tag
	// and that the design no longer has.
	Prune bool
}

// existing indexes what NetBox holds, by natural key and by id.
type existing struct {
	byKey   map[string]Obj
	keyByID map[*Kind]map[int]string
}

func newExisting() *existing {
	return &existing{byKey: map[string]Obj{}, keyByID: map[*Kind]map[int]string{}}
}

func (x *existing) put(k *Kind, key string, o Obj) {
	x.byKey[indexKey(k, key)] = o
	if x.keyByID[k] == nil {
		x.keyByID[k] = map[int]string{}
	}
	x.keyByID[k][refID(o["id"])] = key
}

func (x *existing) get(k *Kind, key string) Obj { return x.byKey[indexKey(k, key)] }

func (x *existing) keyOfID(k *Kind, id int) string { return x.keyByID[k][id] }

func (x *existing) id(r Ref) (int, bool) {
	if o := x.get(r.Kind, r.Key); o != nil {
		return refID(o["id"]), true
	}
	return 0, false
}

// keyOf returns the natural key of an object NetBox returned, "" when it
// has none avnet could own.
func keyOf(k *Kind, o Obj, x *existing) string {
	str := func(f string) string { s, _ := o[f].(string); return s }
	switch k {
	case KindTag, KindSite, KindLocation, KindManufacturer, KindPlatform, KindDeviceRole, KindDeviceType, KindIPAMRole, KindVLANGroup:
		return str("slug")
	case KindCustomField, KindConfigContext, KindDevice:
		return str("name")
	case KindInterfaceTemplate:
		if dt := x.keyOfID(KindDeviceType, refID(o["device_type"])); dt != "" {
			return dt + ":" + str("name")
		}
	case KindVLAN:
		if g := x.keyOfID(KindVLANGroup, refID(o["group"])); g != "" {
			return g + "/" + str("name")
		}
	case KindPrefix:
		if isEmpty(o["vrf"]) {
			return str("prefix")
		}
	case KindInterface:
		if d := x.keyOfID(KindDevice, refID(o["device"])); d != "" {
			return d + ":" + str("name")
		}
	case KindIPAddress:
		if isEmpty(o["vrf"]) {
			if p, err := netip.ParsePrefix(str("address")); err == nil {
				return p.Addr().String()
			}
		}
	case KindCable:
		if l := str("label"); l != "" {
			return l
		}
		return "#" + strconv.Itoa(refID(o["id"]))
	}
	return ""
}

type planner struct {
	api   API
	s     *State
	x     *existing
	prune bool
	// inScope are the objects each site-scoped lookup returned (for prune).
	inScope map[*Kind][]Obj
	// foreign are the design's objects that exist without being avnet's,
	// or that hang on such an object.
	foreign map[string]bool
}

// dropBlocked leaves out late fields that refer to a design object that
// cannot be made (it hangs on an object that is not avnet's).
func (pl *planner) dropBlocked(late map[string]any) map[string]any {
	if len(late) == 0 {
		return nil
	}
	out := map[string]any{}
	for k, v := range late {
		if r, ok := v.(Ref); ok && pl.foreign[indexKey(r.Kind, r.Key)] && pl.x.get(r.Kind, r.Key) == nil {
			continue
		}
		out[k] = v
	}
	return out
}

// foreignParent names the reference of a design object that is not
// avnet's and that the object would hang on or attach to: an interface's
// device, a template's device type, an address's interface, a cable's
// ends. avnet does not add to what is not its own.
func (pl *planner) foreignParent(ob *Object) string {
	var refs []Ref
	switch ob.Kind {
	case KindInterface:
		if r, ok := ob.Body["device"].(Ref); ok {
			refs = append(refs, r)
		}
	case KindInterfaceTemplate:
		if r, ok := ob.Body["device_type"].(Ref); ok {
			refs = append(refs, r)
		}
	case KindIPAddress:
		if r, ok := ob.Body["assigned_object_id"].(Ref); ok {
			refs = append(refs, r)
		}
	case KindCable:
		for _, f := range []string{"a_terminations", "b_terminations"} {
			if t, ok := ob.Body[f].(Terms); ok {
				refs = append(refs, t...)
			}
		}
	}
	if ob.Kind.SiteScoped {
		refs = append(refs, Ref{KindSite, pl.s.Site}) // a site of another design takes nothing new
	}
	for _, r := range refs {
		if pl.foreign[indexKey(r.Kind, r.Key)] {
			return r.Kind.Type + " " + r.Key
		}
	}
	return ""
}

// ComputePlan reads what NetBox holds for the design's objects and
// returns what apply would change. It changes nothing.
func ComputePlan(ctx context.Context, api API, s *State, o PlanOptions) (*Plan, error) {
	pl := &planner{api: api, s: s, x: newExisting(), prune: o.Prune, inScope: map[*Kind][]Obj{}, foreign: map[string]bool{}}
	p := &Plan{URL: o.URL, Site: s.Site, Prune: o.Prune, state: s, x: pl.x}
	byKind := map[*Kind][]*Object{}
	for _, ob := range s.Objects {
		byKind[ob.Kind] = append(byKind[ob.Kind], ob)
	}
	var deletes [][]*Change
	for _, k := range Kinds {
		objs, err := pl.lookup(ctx, k, byKind[k])
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", k.Endpoint, err)
		}
		seen := map[string]bool{}
		for _, e := range objs {
			if key := keyOf(k, e, pl.x); key != "" {
				pl.x.put(k, key, e)
			}
		}
		for _, ob := range byKind[k] {
			seen[ob.Key] = true
			e := pl.x.get(k, ob.Key)
			if parent := pl.foreignParent(ob); parent != "" {
				pl.foreign[indexKey(k, ob.Key)] = true
				f := &Foreign{Type: k.Type, Key: ob.Key, Reason: parent + " is not avnet's: avnet leaves what belongs to it alone"}
				if e != nil {
					f.ID = refID(e["id"])
				}
				p.Foreign = append(p.Foreign, f)
				continue
			}
			if e == nil {
				ch := &Change{Action: Create, Kind: k, Type: k.Type, Key: ob.Key, obj: ob}
				if len(ob.Late) > 0 {
					ch.late = ob.Late
				}
				p.Changes = append(p.Changes, ch)
				continue
			}
			// Late fields refer to kinds not read yet: they are compared
			// once everything is (below).
			ch := &Change{Action: Update, Kind: k, Type: k.Type, Key: ob.Key, ID: refID(e["id"]), obj: ob}
			ch.Fields, ch.patch = diffBody(ob.Body, e, pl.x)
			if !pl.owned(k, e, true) {
				ch.Action = ""
				pl.foreign[indexKey(k, ob.Key)] = true
			}
			p.Changes = append(p.Changes, ch)
		}
		if !k.SiteScoped {
			continue
		}
		var dels []*Change
		for _, e := range pl.inScope[k] {
			key := keyOf(k, e, pl.x)
			if key == "" || seen[key] || !pl.owned(k, e, false) || !pl.inSite(k, key) {
				continue
			}
			seen[key] = true
			p.Orphans++
			dels = append(dels, &Change{Action: Delete, Kind: k, Type: k.Type, Key: key, ID: refID(e["id"])})
		}
		deletes = append(deletes, dels)
	}
	kept := p.Changes[:0]
	for _, ch := range p.Changes {
		if ch.Action == Create {
			ch.late = pl.dropBlocked(ch.late)
			kept = append(kept, ch)
			continue
		}
		e := pl.x.get(ch.Kind, ch.Key)
		lateFields, late := diffBody(pl.dropBlocked(ch.obj.Late), e, pl.x)
		ch.Fields = append(ch.Fields, lateFields...)
		switch {
		case ch.Action == "":
			p.Foreign = append(p.Foreign, &Foreign{Type: ch.Type, Key: ch.Key, ID: ch.ID, Fields: ch.Fields,
				Reason: pl.foreignReason(e)})
		case len(ch.patch) == 0 && len(late) == 0:
			p.Unchanged++
		default:
			if len(ch.patch) == 0 {
				ch.patch = nil
			}
			if len(late) > 0 {
				ch.late = late
			}
			kept = append(kept, ch)
		}
	}
	p.Changes = kept
	if o.Prune {
		gone := map[int]bool{}
		for i := len(deletes) - 1; i >= 0; i-- {
			for _, d := range deletes[i] {
				if d.Kind == KindDevice {
					gone[d.ID] = true
				}
			}
		}
		for i := len(deletes) - 1; i >= 0; i-- {
			for _, d := range deletes[i] {
				if d.Kind == KindInterface {
					if e := pl.x.get(KindInterface, d.Key); e != nil && gone[refID(e["device"])] {
						d.WithDevice = true
					}
				}
				p.Changes = append(p.Changes, d)
			}
		}
	}
	return p, nil
}

// inSite reports whether an orphan belongs to this design's site (config
// contexts and VLAN groups are named after it).
func (pl *planner) inSite(k *Kind, key string) bool {
	switch k {
	case KindConfigContext:
		return strings.HasPrefix(key, Prefix+"-"+pl.s.Site+"-")
	}
	return true
}

// owned reports whether avnet may change an object: it carries the avnet
// tag, or for untaggable kinds, its name says it is avnet's. With adopt,
// an interface without any tag on a device of avnet's counts too: NetBox
// made it from the device type's templates when avnet created the device.
func (pl *planner) owned(k *Kind, e Obj, adopt bool) bool {
	switch k {
	case KindTag:
		s, _ := e["slug"].(string)
		return ownedByName(s)
	case KindCustomField:
		s, _ := e["name"].(string)
		return ownedByName(s)
	case KindConfigContext:
		s, _ := e["name"].(string)
		return ownedByName(s) && pl.siteOurs()
	case KindInterfaceTemplate:
		dt := pl.x.get(KindDeviceType, pl.x.keyOfID(KindDeviceType, refID(e["device_type"])))
		return dt != nil && hasTag(dt, Tag)
	}
	if hasTag(e, Tag) {
		return !(k.SiteScoped || k == KindSite) || pl.otherDesign(e) == ""
	}
	if adopt && k == KindInterface && len(tagSlugs(e["tags"])) == 0 {
		d := pl.x.get(KindDevice, pl.x.keyOfID(KindDevice, refID(e["device"])))
		return d != nil && pl.owned(KindDevice, d, false)
	}
	return false
}

// otherDesign returns the design tag of another design that e carries,
// or "". An object tagged avnet without any design tag was written
// before ownership per design: the design that applies first claims it.
func (pl *planner) otherDesign(e Obj) string {
	tags := tagSlugs(e["tags"])
	if tags[pl.s.Owner] {
		return ""
	}
	var other []string
	for t := range tags {
		if strings.HasPrefix(t, DesignTagPrefix) {
			other = append(other, t)
		}
	}
	sort.Strings(other)
	return strings.Join(other, ", ")
}

// siteOurs reports whether the design's site is missing or its own; the
// config contexts, owned by their names (which hold the site), follow it.
func (pl *planner) siteOurs() bool {
	e := pl.x.get(KindSite, pl.s.Site)
	return e == nil || pl.owned(KindSite, e, false)
}

// foreignReason says why avnet leaves an existing object alone.
func (pl *planner) foreignReason(e Obj) string {
	if hasTag(e, Tag) {
		if other := pl.otherDesign(e); other != "" {
			return "it belongs to another avnet design (tag " + other + "), whose facility has the same name or shares this object: avnet never changes or prunes it; give facility.name a name of its own"
		}
	}
	return "it exists without the " + strconv.Quote(Tag) + " tag: avnet uses it as it is and never changes it"
}

const chunk = 50

func chunks(vals []string) [][]string {
	var out [][]string
	for len(vals) > chunk {
		out = append(out, vals[:chunk])
		vals = vals[chunk:]
	}
	if len(vals) > 0 {
		out = append(out, vals)
	}
	return out
}

func (pl *planner) siteID() (string, bool) {
	o := pl.x.get(KindSite, pl.s.Site)
	if o == nil {
		return "", false
	}
	return strconv.Itoa(refID(o["id"])), true
}

func (pl *planner) idsOf(k *Kind, objs []*Object) []string {
	var out []string
	for _, o := range objs {
		if e := pl.x.get(k, o.Key); e != nil {
			out = append(out, strconv.Itoa(refID(e["id"])))
		}
	}
	return out
}

// lookup lists what NetBox holds under the natural keys of the desired
// objects of kind k, and for site-scoped kinds what the site holds.
func (pl *planner) lookup(ctx context.Context, k *Kind, want []*Object) ([]Obj, error) {
	var keys []string
	for _, o := range want {
		keys = append(keys, o.Key)
	}
	var queries []Filter
	byValues := func(name string, vals []string, extra Filter) {
		for _, c := range chunks(vals) {
			f := Filter{name: c}
			for k, v := range extra {
				f[k] = v
			}
			queries = append(queries, f)
		}
	}
	site, haveSite := pl.siteID()
	scoped := false
	switch k {
	case KindTag, KindManufacturer, KindPlatform, KindDeviceRole, KindDeviceType, KindIPAMRole:
		byValues("slug", keys, nil)
	case KindCustomField:
		byValues("name", keys, nil)
	case KindSite:
		byValues("slug", []string{pl.s.Site}, nil)
	case KindLocation, KindDevice, KindInterface, KindCable:
		if haveSite {
			queries = append(queries, Filter{"site_id": {site}})
			scoped = true
		}
	case KindInterfaceTemplate:
		byValues("device_type_id", pl.idsOf(KindDeviceType, pl.s.objectsOf(KindDeviceType)), nil)
	case KindVLANGroup:
		byValues("slug", keys, nil)
		if pl.prune && haveSite {
			queries = append(queries, Filter{"scope_type": {KindSite.Type}, "scope_id": {site}, "tag": {Tag}})
			scoped = true
		}
	case KindVLAN:
		var groups []string
		for key, o := range pl.x.byKey {
			if strings.HasPrefix(key, KindVLANGroup.Type+"\x00") {
				groups = append(groups, strconv.Itoa(refID(o["id"])))
			}
		}
		sort.Strings(groups)
		byValues("group_id", groups, nil)
		scoped = true
	case KindPrefix:
		byValues("prefix", keys, nil)
		if pl.prune && haveSite {
			queries = append(queries, Filter{"site_id": {site}, "tag": {Tag}})
			scoped = true
		}
	case KindIPAddress:
		byValues("address", keys, nil)
		if pl.prune {
			var devs []string
			for key, o := range pl.x.byKey {
				if strings.HasPrefix(key, KindDevice.Type+"\x00") {
					devs = append(devs, strconv.Itoa(refID(o["id"])))
				}
			}
			sort.Strings(devs)
			byValues("device_id", devs, Filter{"tag": {Tag}})
			scoped = true
		}
	case KindConfigContext:
		byValues("name", keys, nil)
		if pl.prune && haveSite {
			queries = append(queries, Filter{"site_id": {site}})
			scoped = true
		}
	}
	var out []Obj
	seen := map[int]bool{}
	for _, q := range queries {
		objs, err := pl.api.List(ctx, k, q)
		if err != nil {
			return nil, err
		}
		for _, o := range objs {
			if id := refID(o["id"]); !seen[id] {
				seen[id] = true
				out = append(out, o)
			}
		}
	}
	if scoped {
		pl.inScope[k] = out
	}
	return out, nil
}

func (s *State) objectsOf(k *Kind) []*Object {
	var out []*Object
	for _, o := range s.Objects {
		if o.Kind == k {
			out = append(out, o)
		}
	}
	return out
}
