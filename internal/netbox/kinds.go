package netbox

import (
	"fmt"
	"strings"
)

// Kind is a NetBox object type that avnet writes.
type Kind struct {
	// Type is NetBox's object type ("dcim.interface"), as used in
	// assigned_object_type, scope_type and cable terminations.
	Type string
	// Endpoint is the REST path under /api/ ("dcim/interfaces").
	Endpoint string
	// Taggable kinds carry the avnet tag on everything avnet owns. The
	// others (tags, custom fields, config contexts, interface templates)
	// cannot carry tags in NetBox; avnet owns them by name (the "avnet"
	// prefix) or through their parent (a template through its device type).
	Taggable bool
	// SiteScoped kinds belong to the design's site: --prune may delete
	// them. Catalog kinds (manufacturers, types, roles, platforms…) may be
	// shared by other sites and are never pruned.
	SiteScoped bool
	// order is the dependency rank: an object only refers to kinds of a
	// lower rank (a device's primary IP is set in a late pass).
	order int
}

func (k *Kind) String() string { return k.Type }

// The kinds avnet writes, in dependency order.
var (
	KindTag               = &Kind{Type: "extras.tag", Endpoint: "extras/tags"}
	KindCustomField       = &Kind{Type: "extras.customfield", Endpoint: "extras/custom-fields"}
	KindSite              = &Kind{Type: "dcim.site", Endpoint: "dcim/sites", Taggable: true}
	KindLocation          = &Kind{Type: "dcim.location", Endpoint: "dcim/locations", Taggable: true, SiteScoped: true}
	KindManufacturer      = &Kind{Type: "dcim.manufacturer", Endpoint: "dcim/manufacturers", Taggable: true}
	KindPlatform          = &Kind{Type: "dcim.platform", Endpoint: "dcim/platforms", Taggable: true}
	KindDeviceRole        = &Kind{Type: "dcim.devicerole", Endpoint: "dcim/device-roles", Taggable: true}
	KindDeviceType        = &Kind{Type: "dcim.devicetype", Endpoint: "dcim/device-types", Taggable: true}
	KindInterfaceTemplate = &Kind{Type: "dcim.interfacetemplate", Endpoint: "dcim/interface-templates"}
	KindIPAMRole          = &Kind{Type: "ipam.role", Endpoint: "ipam/roles", Taggable: true}
	KindVLANGroup         = &Kind{Type: "ipam.vlangroup", Endpoint: "ipam/vlan-groups", Taggable: true, SiteScoped: true}
	KindVLAN              = &Kind{Type: "ipam.vlan", Endpoint: "ipam/vlans", Taggable: true, SiteScoped: true}
	KindPrefix            = &Kind{Type: "ipam.prefix", Endpoint: "ipam/prefixes", Taggable: true, SiteScoped: true}
	KindDevice            = &Kind{Type: "dcim.device", Endpoint: "dcim/devices", Taggable: true, SiteScoped: true}
	KindInterface         = &Kind{Type: "dcim.interface", Endpoint: "dcim/interfaces", Taggable: true, SiteScoped: true}
	KindIPAddress         = &Kind{Type: "ipam.ipaddress", Endpoint: "ipam/ip-addresses", Taggable: true, SiteScoped: true}
	KindCable             = &Kind{Type: "dcim.cable", Endpoint: "dcim/cables", Taggable: true, SiteScoped: true}
	KindConfigContext     = &Kind{Type: "extras.configcontext", Endpoint: "extras/config-contexts", SiteScoped: true}
)

// Kinds lists every kind in dependency order.
var Kinds = []*Kind{
	KindTag, KindCustomField, KindSite, KindLocation, KindManufacturer, KindPlatform,
	KindDeviceRole, KindDeviceType, KindInterfaceTemplate, KindIPAMRole, KindVLANGroup,
	KindVLAN, KindPrefix, KindDevice, KindInterface, KindIPAddress, KindCable, KindConfigContext,
}

func init() {
	for i, k := range Kinds {
		k.order = i
	}
}

// KindByEndpoint returns the kind served at endpoint ("dcim/devices").
func KindByEndpoint(endpoint string) (*Kind, error) {
	var names []string
	for _, k := range Kinds {
		if k.Endpoint == endpoint {
			return k, nil
		}
		names = append(names, k.Endpoint)
	}
	return nil, fmt.Errorf("endpoint %q is not supported. Supported endpoints are %q", endpoint, names)
}

// Tag is the tag avnet puts on everything it owns.
const Tag = "avnet"

// Prefix starts the name of every untaggable object avnet owns (custom
// fields, config contexts, tags).
const Prefix = "avnet"

// ownedByName reports whether an untaggable object is avnet's by its name.
func ownedByName(name string) bool {
	return name == Prefix || strings.HasPrefix(name, Prefix+"_") || strings.HasPrefix(name, Prefix+"-")
}
