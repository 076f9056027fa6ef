package netbox

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"

	nb "github.com/netbox-community/go-netbox/v4"

	"github.com/avnet/avnet/internal/vet"
)

func roundTrip[T any](b []byte) (any, error) { return typed[T](b) }

// requestModels are go-netbox's models of the create and update requests.
var requestModels = map[*Kind][2]func([]byte) (any, error){
	KindTag:               {roundTrip[nb.TagRequest], roundTrip[nb.PatchedTagRequest]},
	KindCustomField:       {roundTrip[nb.WritableCustomFieldRequest], roundTrip[nb.PatchedWritableCustomFieldRequest]},
	KindSite:              {roundTrip[nb.WritableSiteRequest], roundTrip[nb.PatchedWritableSiteRequest]},
	KindLocation:          {roundTrip[nb.WritableLocationRequest], roundTrip[nb.PatchedWritableLocationRequest]},
	KindManufacturer:      {roundTrip[nb.ManufacturerRequest], roundTrip[nb.PatchedManufacturerRequest]},
	KindPlatform:          {roundTrip[nb.PlatformRequest], roundTrip[nb.PatchedPlatformRequest]},
	KindDeviceRole:        {roundTrip[nb.WritableDeviceRoleRequest], roundTrip[nb.PatchedWritableDeviceRoleRequest]},
	KindDeviceType:        {roundTrip[nb.WritableDeviceTypeRequest], roundTrip[nb.PatchedWritableDeviceTypeRequest]},
	KindInterfaceTemplate: {roundTrip[nb.WritableInterfaceTemplateRequest], roundTrip[nb.PatchedWritableInterfaceTemplateRequest]},
	KindIPAMRole:          {roundTrip[nb.RoleRequest], roundTrip[nb.PatchedRoleRequest]},
	KindVLANGroup:         {roundTrip[nb.VLANGroupRequest], roundTrip[nb.PatchedVLANGroupRequest]},
	KindVLAN:              {roundTrip[nb.WritableVLANRequest], roundTrip[nb.PatchedWritableVLANRequest]},
	KindPrefix:            {roundTrip[nb.WritablePrefixRequest], roundTrip[nb.PatchedWritablePrefixRequest]},
	KindDevice:            {roundTrip[nb.WritableDeviceWithConfigContextRequest], roundTrip[nb.PatchedWritableDeviceWithConfigContextRequest]},
	KindInterface:         {roundTrip[nb.WritableInterfaceRequest], roundTrip[nb.PatchedWritableInterfaceRequest]},
	KindIPAddress:         {roundTrip[nb.WritableIPAddressRequest], roundTrip[nb.PatchedWritableIPAddressRequest]},
	KindCable:             {roundTrip[nb.WritableCableRequest], roundTrip[nb.PatchedWritableCableRequest]},
	KindConfigContext:     {roundTrip[nb.ConfigContextRequest], roundTrip[nb.PatchedConfigContextRequest]},
}

// TestGoNetboxSendsBodiesAsIs: every body avnet sends goes through
// go-netbox's request models; they must send it unchanged (no field
// dropped, no null lost, no value rewritten), for creates and updates.
func TestGoNetboxSendsBodiesAsIs(t *testing.T) {
	for _, name := range []string{"chaine-tv-ip", "lab-minimal"} {
		out, err := vet.Design(filepath.Join("..", "..", "designs", name))
		if err != nil || out.Facility == nil {
			t.Fatalf("%s: %v", name, err)
		}
		s, err := Desired(out.Facility, out.Facts)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := BuildRecords(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs.Records {
			k, err := KindByEndpoint(r.Endpoint)
			if err != nil {
				t.Fatal(err)
			}
			models := []int{0, 1} // create, update
			if r.Update != 0 {
				models = []int{1}
			}
			for _, m := range models {
				b, _ := json.Marshal(r.Body)
				v, err := requestModels[k][m](b)
				if err != nil {
					t.Errorf("%s %s: %v", r.Endpoint, r.Key, err)
					continue
				}
				sent, _ := json.Marshal(v)
				if !reflect.DeepEqual(normJSON(json.RawMessage(b)), normJSON(json.RawMessage(sent))) {
					t.Errorf("%s %s: go-netbox changes the body:\n  avnet %s\n  sent  %s", r.Endpoint, r.Key, b, sent)
				}
			}
		}
	}
}
