package netbox

import (
	"context"
	"errors"
	"fmt"
	"strconv"
)

// Event reports the progress of apply: Step of Total changes is done
// (Err nil) or failed.
type Event struct {
	Step, Total int
	Change      *Change
	Err         error
}

// Report says what apply did and what it did not.
type Report struct {
	Done []*Change
	// Failed is the change that stopped apply; nil when all went through.
	Failed *Change
	Err    error
	// NotDone are the changes after the failure, not attempted.
	NotDone []*Change
}

// Apply carries out a plan in dependency order: creates and updates, then
// the late fields (primary IPs), then deletes in reverse order. It stops
// at the first failure; the report says what was done and what was not.
// Running plan and apply again resumes: objects are matched by natural
// key, so what was done is not done twice.
func Apply(ctx context.Context, api API, p *Plan, progress func(Event)) (*Report, error) {
	a := &applier{api: api, p: p, x: p.x, createdDevices: map[int]bool{}, loadedDevices: map[int]bool{}}
	rep := &Report{}
	total := len(p.Changes)
	latePending := true
	fail := func(i int, c *Change, err error) (*Report, error) {
		rep.Failed, rep.Err = c, err
		rep.NotDone = append(rep.NotDone, p.Changes[i+1:]...)
		if progress != nil {
			progress(Event{Step: i + 1, Total: total, Change: c, Err: err})
		}
		return rep, err
	}
	for i, c := range p.Changes {
		if c.Action == Delete && latePending {
			latePending = false
			if c2, err := a.latePass(ctx); err != nil {
				rep.NotDone = append(rep.NotDone, p.Changes[i:]...)
				rep.Failed, rep.Err = c2, err
				return rep, err
			}
		}
		if err := ctx.Err(); err != nil {
			rep.NotDone = append(rep.NotDone, p.Changes[i:]...)
			rep.Err = err
			return rep, err
		}
		if err := a.do(ctx, c); err != nil {
			return fail(i, c, fmt.Errorf("%s %s %s: %w", c.Action, c.Type, c.Key, err))
		}
		rep.Done = append(rep.Done, c)
		if progress != nil {
			progress(Event{Step: i + 1, Total: total, Change: c})
		}
	}
	if latePending {
		if c, err := a.latePass(ctx); err != nil {
			rep.Failed, rep.Err = c, err
			return rep, err
		}
	}
	return rep, nil
}

type applier struct {
	api API
	p   *Plan
	x   *existing
	// createdDevices are devices made by this apply: NetBox gave them
	// interfaces from their type's templates, which avnet adopts.
	createdDevices, loadedDevices map[int]bool
}

func (a *applier) do(ctx context.Context, c *Change) error {
	switch c.Action {
	case Create:
		return a.create(ctx, c)
	case Update:
		if len(c.patch) == 0 {
			return nil
		}
		body, err := renderBody(c.patch, a.x.id)
		if err != nil {
			return err
		}
		o, err := a.api.Update(ctx, c.Kind, c.ID, body)
		if err != nil {
			return err
		}
		a.x.put(c.Kind, c.Key, o)
		return nil
	case Delete:
		if c.WithDevice {
			return nil // NetBox deletes a device's interfaces with it
		}
		return a.api.Delete(ctx, c.Kind, c.ID)
	}
	return fmt.Errorf("unknown action %q", c.Action)
}

func (a *applier) create(ctx context.Context, c *Change) error {
	if c.Kind == KindInterface {
		if err := a.loadInstantiated(ctx); err != nil {
			return err
		}
		if e := a.x.get(KindInterface, c.Key); e != nil {
			return a.adopt(ctx, c, e)
		}
	}
	body, err := renderBody(c.obj.Body, a.x.id)
	if err != nil {
		return err
	}
	for try := 0; ; try++ {
		o, err := a.api.Create(ctx, c.Kind, body)
		if err == nil {
			a.created(c, o)
			return nil
		}
		if !errors.Is(err, ErrUncertain) || try == 1 {
			return err
		}
		// No answer to the POST: NetBox may have made the object. Look
		// it up by its natural key before sending it again.
		e, lerr := a.find(ctx, c)
		if lerr != nil {
			return fmt.Errorf("%w; looking the object up failed too: %v", err, lerr)
		}
		if e != nil {
			a.created(c, e)
			return a.adopt(ctx, c, e)
		}
	}
}

func (a *applier) created(c *Change, o Obj) {
	a.x.put(c.Kind, c.Key, o)
	c.ID = refID(o["id"])
	if c.Kind == KindDevice {
		a.createdDevices[c.ID] = true
	}
}

// adopt brings an object that exists (made by NetBox from a template, or
// by a create whose answer was lost) to the design.
func (a *applier) adopt(ctx context.Context, c *Change, e Obj) error {
	c.ID = refID(e["id"])
	_, patch := diffBody(c.obj.Body, e, a.x)
	if len(patch) == 0 {
		return nil
	}
	body, err := renderBody(patch, a.x.id)
	if err != nil {
		return err
	}
	o, err := a.api.Update(ctx, c.Kind, c.ID, body)
	if err != nil {
		return err
	}
	a.x.put(c.Kind, c.Key, o)
	return nil
}

// loadInstantiated reads the interfaces NetBox made for the devices this
// apply created.
func (a *applier) loadInstantiated(ctx context.Context) error {
	var ids []string
	for id := range a.createdDevices {
		if !a.loadedDevices[id] {
			a.loadedDevices[id] = true
			ids = append(ids, strconv.Itoa(id))
		}
	}
	for _, c := range chunks(ids) {
		objs, err := a.api.List(ctx, KindInterface, Filter{"device_id": c})
		if err != nil {
			return fmt.Errorf("read the interfaces NetBox made for the new devices: %w", err)
		}
		for _, o := range objs {
			if key := keyOf(KindInterface, o, a.x); key != "" && a.x.get(KindInterface, key) == nil {
				a.x.put(KindInterface, key, o)
			}
		}
	}
	return nil
}

// find looks an object up by its natural key.
func (a *applier) find(ctx context.Context, c *Change) (Obj, error) {
	f := Filter{}
	idOf := func(k *Kind, key string) string {
		id, _ := a.x.id(Ref{k, key})
		return strconv.Itoa(id)
	}
	site := idOf(KindSite, a.p.state.Site)
	switch c.Kind {
	case KindTag, KindSite, KindManufacturer, KindPlatform, KindDeviceRole, KindDeviceType, KindIPAMRole, KindVLANGroup:
		f["slug"] = []string{c.Key}
	case KindLocation:
		f["slug"], f["site_id"] = []string{c.Key}, []string{site}
	case KindCustomField, KindConfigContext:
		f["name"] = []string{c.Key}
	case KindDevice:
		f["name"], f["site_id"] = []string{c.Key}, []string{site}
	case KindInterface:
		d, _ := c.obj.Body["device"].(Ref)
		f["device_id"], f["name"] = []string{idOf(KindDevice, d.Key)}, []string{fmt.Sprint(c.obj.Body["name"])}
	case KindInterfaceTemplate:
		d, _ := c.obj.Body["device_type"].(Ref)
		f["device_type_id"], f["name"] = []string{idOf(KindDeviceType, d.Key)}, []string{fmt.Sprint(c.obj.Body["name"])}
	case KindVLAN:
		g, _ := c.obj.Body["group"].(Ref)
		f["group_id"], f["name"] = []string{idOf(KindVLANGroup, g.Key)}, []string{fmt.Sprint(c.obj.Body["name"])}
	case KindPrefix:
		f["prefix"] = []string{c.Key}
	case KindIPAddress:
		f["address"] = []string{c.Key}
	case KindCable:
		f["label"], f["site_id"] = []string{c.Key}, []string{site}
	}
	objs, err := a.api.List(ctx, c.Kind, f)
	if err != nil {
		return nil, err
	}
	for _, o := range objs {
		if keyOf(c.Kind, o, a.x) == c.Key {
			return o, nil
		}
	}
	return nil, nil
}

// latePass sets the fields that needed later objects: a device's primary IP.
func (a *applier) latePass(ctx context.Context) (*Change, error) {
	for _, c := range a.p.Changes {
		if c.Action == Delete || len(c.late) == 0 {
			continue
		}
		late := c.late
		if e := a.x.get(c.Kind, c.Key); e != nil {
			_, late = diffBody(c.late, e, a.x)
		}
		if len(late) == 0 {
			continue
		}
		body, err := renderBody(late, a.x.id)
		if err != nil {
			return c, fmt.Errorf("set %s %s: %w", c.Type, c.Key, err)
		}
		o, err := a.api.Update(ctx, c.Kind, c.ID, body)
		if err != nil {
			return c, fmt.Errorf("set the primary IP of %s %s: %w", c.Type, c.Key, err)
		}
		a.x.put(c.Kind, c.Key, o)
	}
	return nil, nil
}
