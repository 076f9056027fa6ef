package netbox

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	nb "github.com/netbox-community/go-netbox/v4"
)

// fixtureServer answers list requests with testdata/real/<name>.json:
// answers of the shape real NetBox 4.3 sends.
func fixtureServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimSuffix(r.URL.Path, "/")
		name = name[strings.LastIndexByte(name, '/')+1:]
		b, err := os.ReadFile(filepath.Join("testdata", "real", name+".json"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(b)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestRealShapes reads answers of the real shape through avnet's client
// and compares them with the design: the differences from the OpenAPI
// document (vid_ranges, null choices, null custom fields, null data_file)
// neither fail the sync nor show as changes.
func TestRealShapes(t *testing.T) {
	srv := fixtureServer(t)
	c, err := NewClient(srv.URL, "token", ClientOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	x := newExisting()
	get := func(k *Kind) Obj {
		t.Helper()
		objs, err := c.List(ctx, k, Filter{})
		if err != nil {
			t.Fatalf("%s: %v", k.Endpoint, err)
		}
		if len(objs) != 1 {
			t.Fatalf("%s: %d objects", k.Endpoint, len(objs))
		}
		return objs[0]
	}
	site := Obj{"id": 3.0, "slug": "studio"}
	x.put(KindSite, "studio", site)
	x.put(KindDeviceRole, "switch", Obj{"id": 5.0})
	x.put(KindDeviceType, "arista-dcs-7280sr3-48yc8", Obj{"id": 4.0})
	x.put(KindPlatform, "eos", Obj{"id": 1.0})

	group := get(KindVLANGroup)
	if k := keyOf(KindVLANGroup, group, x); k != "studio-red" {
		t.Errorf("VLAN group key %q", k)
	}
	changes, _ := diffBody(map[string]any{
		"name": "plane red", "slug": "studio-red", "scope_type": "dcim.site", "scope_id": Ref{KindSite, "studio"},
		"description": "VLANs of plane red at Studio", "tags": Tags{Tag},
	}, group, x)
	if len(changes) != 0 {
		t.Errorf("VLAN group differs: %+v", changes)
	}

	dev := get(KindDevice)
	x.put(KindDevice, "leaf-r1", dev)
	changes, _ = diffBody(map[string]any{
		"name": "leaf-r1", "device_type": Ref{KindDeviceType, "arista-dcs-7280sr3-48yc8"}, "role": Ref{KindDeviceRole, "switch"},
		"platform": Ref{KindPlatform, "eos"}, "site": Ref{KindSite, "studio"}, "location": nil, "status": "active",
		"description": "", "tags": Tags{Tag}, "custom_fields": map[string]any{FlowsField: map[string]any{}},
	}, dev, x)
	if len(changes) != 1 || changes[0].Field != "custom_fields."+FlowsField {
		t.Errorf("device changes %+v, want only the flows (null in NetBox, {} in the design)", changes)
	}

	ifc := get(KindInterface)
	if k := keyOf(KindInterface, ifc, x); k != "leaf-r1:Ethernet12" {
		t.Errorf("interface key %q", k)
	}
	changes, _ = diffBody(map[string]any{
		"device": Ref{KindDevice, "leaf-r1"}, "name": "Ethernet12", "type": "25gbase-x-sfp28", "enabled": false,
		"mgmt_only": false, "description": "", "mode": nil, "untagged_vlan": nil, "tagged_vlans": Refs{}, "mtu": nil,
	}, ifc, x)
	if len(changes) != 0 {
		t.Errorf("interface differs: %+v", changes)
	}

	cc := get(KindConfigContext)
	x.put(KindDeviceRole, "switch", Obj{"id": 5.0})
	changes, _ = diffBody(map[string]any{
		"name": "avnet-studio-qos", "weight": 1000, "is_active": true, "description": "Managed by avnet: QoS of the switches of Studio",
		"sites": Refs{{KindSite, "studio"}}, "roles": Refs{{KindDeviceRole, "switch"}}, "tags": Slugs{},
		"data": map[string]any{"avnet": map[string]any{"qos": map[string]any{"trust": "dscp", "classes": map[string]any{}}}},
	}, cc, x)
	if len(changes) != 0 {
		t.Errorf("config context differs: %+v", changes)
	}

	// go-netbox's typed models cannot read some of these answers; avnet
	// reads them as JSON and counts them.
	if st := c.Stats(); st.Drift == 0 {
		t.Errorf("no answer failed go-netbox's models: the fixtures no longer show a difference (%+v)", st)
	}
	b, _ := os.ReadFile(filepath.Join("testdata", "real", "vlan-groups.json"))
	var page nb.PaginatedVLANGroupList
	if err := json.Unmarshal(b, &page); err == nil {
		t.Errorf("go-netbox now decodes vid_ranges of the real shape: quirk 1 of nbdouble can go")
	}
}
