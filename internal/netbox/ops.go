// The generated go-netbox calls avnet makes, one entry per kind.

package netbox

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	nb "github.com/netbox-community/go-netbox/v4"
)

// ops are the generated go-netbox calls of one kind.
type ops struct {
	list   func(ctx context.Context, c *nb.APIClient, f Filter, limit, offset int32) (*http.Response, error)
	create func(ctx context.Context, c *nb.APIClient, body []byte) (*http.Response, error)
	patch  func(ctx context.Context, c *nb.APIClient, id int32, body []byte) (*http.Response, error)
	del    func(ctx context.Context, c *nb.APIClient, id int32) (*http.Response, error)
}

// typed decodes a request body into go-netbox's model of it, so that the
// generated client sends it.
func typed[T any](body []byte) (T, error) {
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		return v, fmt.Errorf("the request body does not fit go-netbox's %T: %w", v, err)
	}
	return v, nil
}

func unsupportedFilter(k *Kind, name string) error {
	return fmt.Errorf("filter %q of %s is not supported by avnet's client", name, k.Endpoint)
}

var kindOps = map[*Kind]ops{
	KindTag: {
		list: func(ctx context.Context, c *nb.APIClient, f Filter, limit, offset int32) (*http.Response, error) {
			r := c.ExtrasAPI.ExtrasTagsList(ctx).Limit(limit).Offset(offset)
			for name, v := range f {
				switch name {
				case "slug":
					r = r.Slug(v)
				default:
					return nil, unsupportedFilter(KindTag, name)
				}
			}
			_, resp, err := r.Execute()
			return resp, err
		},
		create: func(ctx context.Context, c *nb.APIClient, body []byte) (*http.Response, error) {
			req, err := typed[nb.TagRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.ExtrasAPI.ExtrasTagsCreate(ctx).TagRequest(req).Execute()
			return resp, err
		},
		patch: func(ctx context.Context, c *nb.APIClient, id int32, body []byte) (*http.Response, error) {
			req, err := typed[nb.PatchedTagRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.ExtrasAPI.ExtrasTagsPartialUpdate(ctx, id).PatchedTagRequest(req).Execute()
			return resp, err
		},
		del: func(ctx context.Context, c *nb.APIClient, id int32) (*http.Response, error) {
			return c.ExtrasAPI.ExtrasTagsDestroy(ctx, id).Execute()
		},
	},
	KindCustomField: {
		list: func(ctx context.Context, c *nb.APIClient, f Filter, limit, offset int32) (*http.Response, error) {
			r := c.ExtrasAPI.ExtrasCustomFieldsList(ctx).Limit(limit).Offset(offset)
			for name, v := range f {
				switch name {
				case "name":
					r = r.Name(v)
				default:
					return nil, unsupportedFilter(KindCustomField, name)
				}
			}
			_, resp, err := r.Execute()
			return resp, err
		},
		create: func(ctx context.Context, c *nb.APIClient, body []byte) (*http.Response, error) {
			req, err := typed[nb.WritableCustomFieldRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.ExtrasAPI.ExtrasCustomFieldsCreate(ctx).WritableCustomFieldRequest(req).Execute()
			return resp, err
		},
		patch: func(ctx context.Context, c *nb.APIClient, id int32, body []byte) (*http.Response, error) {
			req, err := typed[nb.PatchedWritableCustomFieldRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.ExtrasAPI.ExtrasCustomFieldsPartialUpdate(ctx, id).PatchedWritableCustomFieldRequest(req).Execute()
			return resp, err
		},
		del: func(ctx context.Context, c *nb.APIClient, id int32) (*http.Response, error) {
			return c.ExtrasAPI.ExtrasCustomFieldsDestroy(ctx, id).Execute()
		},
	},
	KindSite: {
		list: func(ctx context.Context, c *nb.APIClient, f Filter, limit, offset int32) (*http.Response, error) {
			r := c.DcimAPI.DcimSitesList(ctx).Limit(limit).Offset(offset)
			for name, v := range f {
				switch name {
				case "slug":
					r = r.Slug(v)
				case "tag":
					r = r.Tag(v)
				default:
					return nil, unsupportedFilter(KindSite, name)
				}
			}
			_, resp, err := r.Execute()
			return resp, err
		},
		create: func(ctx context.Context, c *nb.APIClient, body []byte) (*http.Response, error) {
			req, err := typed[nb.WritableSiteRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.DcimAPI.DcimSitesCreate(ctx).WritableSiteRequest(req).Execute()
			return resp, err
		},
		patch: func(ctx context.Context, c *nb.APIClient, id int32, body []byte) (*http.Response, error) {
			req, err := typed[nb.PatchedWritableSiteRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.DcimAPI.DcimSitesPartialUpdate(ctx, id).PatchedWritableSiteRequest(req).Execute()
			return resp, err
		},
		del: func(ctx context.Context, c *nb.APIClient, id int32) (*http.Response, error) {
			return c.DcimAPI.DcimSitesDestroy(ctx, id).Execute()
		},
	},
	KindLocation: {
		list: func(ctx context.Context, c *nb.APIClient, f Filter, limit, offset int32) (*http.Response, error) {
			r := c.DcimAPI.DcimLocationsList(ctx).Limit(limit).Offset(offset)
			for name, v := range f {
				switch name {
				case "site_id":
					ids, err := int32s(v)
					if err != nil {
						return nil, err
					}
					r = r.SiteId(ids)
				case "slug":
					r = r.Slug(v)
				case "tag":
					r = r.Tag(v)
				default:
					return nil, unsupportedFilter(KindLocation, name)
				}
			}
			_, resp, err := r.Execute()
			return resp, err
		},
		create: func(ctx context.Context, c *nb.APIClient, body []byte) (*http.Response, error) {
			req, err := typed[nb.WritableLocationRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.DcimAPI.DcimLocationsCreate(ctx).WritableLocationRequest(req).Execute()
			return resp, err
		},
		patch: func(ctx context.Context, c *nb.APIClient, id int32, body []byte) (*http.Response, error) {
			req, err := typed[nb.PatchedWritableLocationRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.DcimAPI.DcimLocationsPartialUpdate(ctx, id).PatchedWritableLocationRequest(req).Execute()
			return resp, err
		},
		del: func(ctx context.Context, c *nb.APIClient, id int32) (*http.Response, error) {
			return c.DcimAPI.DcimLocationsDestroy(ctx, id).Execute()
		},
	},
	KindManufacturer: {
		list: func(ctx context.Context, c *nb.APIClient, f Filter, limit, offset int32) (*http.Response, error) {
			r := c.DcimAPI.DcimManufacturersList(ctx).Limit(limit).Offset(offset)
			for name, v := range f {
				switch name {
				case "slug":
					r = r.Slug(v)
				case "tag":
					r = r.Tag(v)
				default:
					return nil, unsupportedFilter(KindManufacturer, name)
				}
			}
			_, resp, err := r.Execute()
			return resp, err
		},
		create: func(ctx context.Context, c *nb.APIClient, body []byte) (*http.Response, error) {
			req, err := typed[nb.ManufacturerRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.DcimAPI.DcimManufacturersCreate(ctx).ManufacturerRequest(req).Execute()
			return resp, err
		},
		patch: func(ctx context.Context, c *nb.APIClient, id int32, body []byte) (*http.Response, error) {
			req, err := typed[nb.PatchedManufacturerRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.DcimAPI.DcimManufacturersPartialUpdate(ctx, id).PatchedManufacturerRequest(req).Execute()
			return resp, err
		},
		del: func(ctx context.Context, c *nb.APIClient, id int32) (*http.Response, error) {
			return c.DcimAPI.DcimManufacturersDestroy(ctx, id).Execute()
		},
	},
	KindPlatform: {
		list: func(ctx context.Context, c *nb.APIClient, f Filter, limit, offset int32) (*http.Response, error) {
			r := c.DcimAPI.DcimPlatformsList(ctx).Limit(limit).Offset(offset)
			for name, v := range f {
				switch name {
				case "slug":
					r = r.Slug(v)
				case "tag":
					r = r.Tag(v)
				default:
					return nil, unsupportedFilter(KindPlatform, name)
				}
			}
			_, resp, err := r.Execute()
			return resp, err
		},
		create: func(ctx context.Context, c *nb.APIClient, body []byte) (*http.Response, error) {
			req, err := typed[nb.PlatformRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.DcimAPI.DcimPlatformsCreate(ctx).PlatformRequest(req).Execute()
			return resp, err
		},
		patch: func(ctx context.Context, c *nb.APIClient, id int32, body []byte) (*http.Response, error) {
			req, err := typed[nb.PatchedPlatformRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.DcimAPI.DcimPlatformsPartialUpdate(ctx, id).PatchedPlatformRequest(req).Execute()
			return resp, err
		},
		del: func(ctx context.Context, c *nb.APIClient, id int32) (*http.Response, error) {
			return c.DcimAPI.DcimPlatformsDestroy(ctx, id).Execute()
		},
	},
	KindDeviceRole: {
		list: func(ctx context.Context, c *nb.APIClient, f Filter, limit, offset int32) (*http.Response, error) {
			r := c.DcimAPI.DcimDeviceRolesList(ctx).Limit(limit).Offset(offset)
			for name, v := range f {
				switch name {
				case "slug":
					r = r.Slug(v)
				case "tag":
					r = r.Tag(v)
				default:
					return nil, unsupportedFilter(KindDeviceRole, name)
				}
			}
			_, resp, err := r.Execute()
			return resp, err
		},
		create: func(ctx context.Context, c *nb.APIClient, body []byte) (*http.Response, error) {
			req, err := typed[nb.WritableDeviceRoleRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.DcimAPI.DcimDeviceRolesCreate(ctx).WritableDeviceRoleRequest(req).Execute()
			return resp, err
		},
		patch: func(ctx context.Context, c *nb.APIClient, id int32, body []byte) (*http.Response, error) {
			req, err := typed[nb.PatchedWritableDeviceRoleRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.DcimAPI.DcimDeviceRolesPartialUpdate(ctx, id).PatchedWritableDeviceRoleRequest(req).Execute()
			return resp, err
		},
		del: func(ctx context.Context, c *nb.APIClient, id int32) (*http.Response, error) {
			return c.DcimAPI.DcimDeviceRolesDestroy(ctx, id).Execute()
		},
	},
	KindDeviceType: {
		list: func(ctx context.Context, c *nb.APIClient, f Filter, limit, offset int32) (*http.Response, error) {
			r := c.DcimAPI.DcimDeviceTypesList(ctx).Limit(limit).Offset(offset)
			for name, v := range f {
				switch name {
				case "slug":
					r = r.Slug(v)
				case "tag":
					r = r.Tag(v)
				default:
					return nil, unsupportedFilter(KindDeviceType, name)
				}
			}
			_, resp, err := r.Execute()
			return resp, err
		},
		create: func(ctx context.Context, c *nb.APIClient, body []byte) (*http.Response, error) {
			req, err := typed[nb.WritableDeviceTypeRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.DcimAPI.DcimDeviceTypesCreate(ctx).WritableDeviceTypeRequest(req).Execute()
			return resp, err
		},
		patch: func(ctx context.Context, c *nb.APIClient, id int32, body []byte) (*http.Response, error) {
			req, err := typed[nb.PatchedWritableDeviceTypeRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.DcimAPI.DcimDeviceTypesPartialUpdate(ctx, id).PatchedWritableDeviceTypeRequest(req).Execute()
			return resp, err
		},
		del: func(ctx context.Context, c *nb.APIClient, id int32) (*http.Response, error) {
			return c.DcimAPI.DcimDeviceTypesDestroy(ctx, id).Execute()
		},
	},
	KindInterfaceTemplate: {
		list: func(ctx context.Context, c *nb.APIClient, f Filter, limit, offset int32) (*http.Response, error) {
			r := c.DcimAPI.DcimInterfaceTemplatesList(ctx).Limit(limit).Offset(offset)
			for name, v := range f {
				switch name {
				case "device_type_id":
					ids, err := int32ptrs(v)
					if err != nil {
						return nil, err
					}
					r = r.DeviceTypeId(ids)
				case "name":
					r = r.Name(v)
				default:
					return nil, unsupportedFilter(KindInterfaceTemplate, name)
				}
			}
			_, resp, err := r.Execute()
			return resp, err
		},
		create: func(ctx context.Context, c *nb.APIClient, body []byte) (*http.Response, error) {
			req, err := typed[nb.WritableInterfaceTemplateRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.DcimAPI.DcimInterfaceTemplatesCreate(ctx).WritableInterfaceTemplateRequest(req).Execute()
			return resp, err
		},
		patch: func(ctx context.Context, c *nb.APIClient, id int32, body []byte) (*http.Response, error) {
			req, err := typed[nb.PatchedWritableInterfaceTemplateRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.DcimAPI.DcimInterfaceTemplatesPartialUpdate(ctx, id).PatchedWritableInterfaceTemplateRequest(req).Execute()
			return resp, err
		},
		del: func(ctx context.Context, c *nb.APIClient, id int32) (*http.Response, error) {
			return c.DcimAPI.DcimInterfaceTemplatesDestroy(ctx, id).Execute()
		},
	},
	KindIPAMRole: {
		list: func(ctx context.Context, c *nb.APIClient, f Filter, limit, offset int32) (*http.Response, error) {
			r := c.IpamAPI.IpamRolesList(ctx).Limit(limit).Offset(offset)
			for name, v := range f {
				switch name {
				case "slug":
					r = r.Slug(v)
				case "tag":
					r = r.Tag(v)
				default:
					return nil, unsupportedFilter(KindIPAMRole, name)
				}
			}
			_, resp, err := r.Execute()
			return resp, err
		},
		create: func(ctx context.Context, c *nb.APIClient, body []byte) (*http.Response, error) {
			req, err := typed[nb.RoleRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.IpamAPI.IpamRolesCreate(ctx).RoleRequest(req).Execute()
			return resp, err
		},
		patch: func(ctx context.Context, c *nb.APIClient, id int32, body []byte) (*http.Response, error) {
			req, err := typed[nb.PatchedRoleRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.IpamAPI.IpamRolesPartialUpdate(ctx, id).PatchedRoleRequest(req).Execute()
			return resp, err
		},
		del: func(ctx context.Context, c *nb.APIClient, id int32) (*http.Response, error) {
			return c.IpamAPI.IpamRolesDestroy(ctx, id).Execute()
		},
	},
	KindVLANGroup: {
		list: func(ctx context.Context, c *nb.APIClient, f Filter, limit, offset int32) (*http.Response, error) {
			r := c.IpamAPI.IpamVlanGroupsList(ctx).Limit(limit).Offset(offset)
			for name, v := range f {
				switch name {
				case "slug":
					r = r.Slug(v)
				case "tag":
					r = r.Tag(v)
				case "scope_id":
					ids, err := int32s(v)
					if err != nil {
						return nil, err
					}
					r = r.ScopeId(ids)
				case "scope_type":
					r = r.ScopeType(v[0])
				default:
					return nil, unsupportedFilter(KindVLANGroup, name)
				}
			}
			_, resp, err := r.Execute()
			return resp, err
		},
		create: func(ctx context.Context, c *nb.APIClient, body []byte) (*http.Response, error) {
			req, err := typed[nb.VLANGroupRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.IpamAPI.IpamVlanGroupsCreate(ctx).VLANGroupRequest(req).Execute()
			return resp, err
		},
		patch: func(ctx context.Context, c *nb.APIClient, id int32, body []byte) (*http.Response, error) {
			req, err := typed[nb.PatchedVLANGroupRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.IpamAPI.IpamVlanGroupsPartialUpdate(ctx, id).PatchedVLANGroupRequest(req).Execute()
			return resp, err
		},
		del: func(ctx context.Context, c *nb.APIClient, id int32) (*http.Response, error) {
			return c.IpamAPI.IpamVlanGroupsDestroy(ctx, id).Execute()
		},
	},
	KindVLAN: {
		list: func(ctx context.Context, c *nb.APIClient, f Filter, limit, offset int32) (*http.Response, error) {
			r := c.IpamAPI.IpamVlansList(ctx).Limit(limit).Offset(offset)
			for name, v := range f {
				switch name {
				case "group_id":
					ids, err := int32ptrs(v)
					if err != nil {
						return nil, err
					}
					r = r.GroupId(ids)
				case "tag":
					r = r.Tag(v)
				case "name":
					r = r.Name(v)
				default:
					return nil, unsupportedFilter(KindVLAN, name)
				}
			}
			_, resp, err := r.Execute()
			return resp, err
		},
		create: func(ctx context.Context, c *nb.APIClient, body []byte) (*http.Response, error) {
			req, err := typed[nb.WritableVLANRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.IpamAPI.IpamVlansCreate(ctx).WritableVLANRequest(req).Execute()
			return resp, err
		},
		patch: func(ctx context.Context, c *nb.APIClient, id int32, body []byte) (*http.Response, error) {
			req, err := typed[nb.PatchedWritableVLANRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.IpamAPI.IpamVlansPartialUpdate(ctx, id).PatchedWritableVLANRequest(req).Execute()
			return resp, err
		},
		del: func(ctx context.Context, c *nb.APIClient, id int32) (*http.Response, error) {
			return c.IpamAPI.IpamVlansDestroy(ctx, id).Execute()
		},
	},
	KindPrefix: {
		list: func(ctx context.Context, c *nb.APIClient, f Filter, limit, offset int32) (*http.Response, error) {
			r := c.IpamAPI.IpamPrefixesList(ctx).Limit(limit).Offset(offset)
			for name, v := range f {
				switch name {
				case "prefix":
					r = r.Prefix(v)
				case "site_id":
					ids, err := int32s(v)
					if err != nil {
						return nil, err
					}
					r = r.SiteId(ids)
				case "tag":
					r = r.Tag(v)
				default:
					return nil, unsupportedFilter(KindPrefix, name)
				}
			}
			_, resp, err := r.Execute()
			return resp, err
		},
		create: func(ctx context.Context, c *nb.APIClient, body []byte) (*http.Response, error) {
			req, err := typed[nb.WritablePrefixRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.IpamAPI.IpamPrefixesCreate(ctx).WritablePrefixRequest(req).Execute()
			return resp, err
		},
		patch: func(ctx context.Context, c *nb.APIClient, id int32, body []byte) (*http.Response, error) {
			req, err := typed[nb.PatchedWritablePrefixRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.IpamAPI.IpamPrefixesPartialUpdate(ctx, id).PatchedWritablePrefixRequest(req).Execute()
			return resp, err
		},
		del: func(ctx context.Context, c *nb.APIClient, id int32) (*http.Response, error) {
			return c.IpamAPI.IpamPrefixesDestroy(ctx, id).Execute()
		},
	},
	KindDevice: {
		list: func(ctx context.Context, c *nb.APIClient, f Filter, limit, offset int32) (*http.Response, error) {
			r := c.DcimAPI.DcimDevicesList(ctx).Limit(limit).Offset(offset)
			for name, v := range f {
				switch name {
				case "site_id":
					ids, err := int32s(v)
					if err != nil {
						return nil, err
					}
					r = r.SiteId(ids)
				case "name":
					r = r.Name(v)
				case "tag":
					r = r.Tag(v)
				default:
					return nil, unsupportedFilter(KindDevice, name)
				}
			}
			_, resp, err := r.Execute()
			return resp, err
		},
		create: func(ctx context.Context, c *nb.APIClient, body []byte) (*http.Response, error) {
			req, err := typed[nb.WritableDeviceWithConfigContextRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.DcimAPI.DcimDevicesCreate(ctx).WritableDeviceWithConfigContextRequest(req).Execute()
			return resp, err
		},
		patch: func(ctx context.Context, c *nb.APIClient, id int32, body []byte) (*http.Response, error) {
			req, err := typed[nb.PatchedWritableDeviceWithConfigContextRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.DcimAPI.DcimDevicesPartialUpdate(ctx, id).PatchedWritableDeviceWithConfigContextRequest(req).Execute()
			return resp, err
		},
		del: func(ctx context.Context, c *nb.APIClient, id int32) (*http.Response, error) {
			return c.DcimAPI.DcimDevicesDestroy(ctx, id).Execute()
		},
	},
	KindInterface: {
		list: func(ctx context.Context, c *nb.APIClient, f Filter, limit, offset int32) (*http.Response, error) {
			r := c.DcimAPI.DcimInterfacesList(ctx).Limit(limit).Offset(offset)
			for name, v := range f {
				switch name {
				case "site_id":
					ids, err := int32s(v)
					if err != nil {
						return nil, err
					}
					r = r.SiteId(ids)
				case "device_id":
					ids, err := int32s(v)
					if err != nil {
						return nil, err
					}
					r = r.DeviceId(ids)
				case "name":
					r = r.Name(v)
				case "tag":
					r = r.Tag(v)
				default:
					return nil, unsupportedFilter(KindInterface, name)
				}
			}
			_, resp, err := r.Execute()
			return resp, err
		},
		create: func(ctx context.Context, c *nb.APIClient, body []byte) (*http.Response, error) {
			req, err := typed[nb.WritableInterfaceRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.DcimAPI.DcimInterfacesCreate(ctx).WritableInterfaceRequest(req).Execute()
			return resp, err
		},
		patch: func(ctx context.Context, c *nb.APIClient, id int32, body []byte) (*http.Response, error) {
			req, err := typed[nb.PatchedWritableInterfaceRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.DcimAPI.DcimInterfacesPartialUpdate(ctx, id).PatchedWritableInterfaceRequest(req).Execute()
			return resp, err
		},
		del: func(ctx context.Context, c *nb.APIClient, id int32) (*http.Response, error) {
			return c.DcimAPI.DcimInterfacesDestroy(ctx, id).Execute()
		},
	},
	KindIPAddress: {
		list: func(ctx context.Context, c *nb.APIClient, f Filter, limit, offset int32) (*http.Response, error) {
			r := c.IpamAPI.IpamIpAddressesList(ctx).Limit(limit).Offset(offset)
			for name, v := range f {
				switch name {
				case "address":
					r = r.Address(v)
				case "device_id":
					ids, err := int32s(v)
					if err != nil {
						return nil, err
					}
					r = r.DeviceId(ids)
				case "tag":
					r = r.Tag(v)
				default:
					return nil, unsupportedFilter(KindIPAddress, name)
				}
			}
			_, resp, err := r.Execute()
			return resp, err
		},
		create: func(ctx context.Context, c *nb.APIClient, body []byte) (*http.Response, error) {
			req, err := typed[nb.WritableIPAddressRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.IpamAPI.IpamIpAddressesCreate(ctx).WritableIPAddressRequest(req).Execute()
			return resp, err
		},
		patch: func(ctx context.Context, c *nb.APIClient, id int32, body []byte) (*http.Response, error) {
			req, err := typed[nb.PatchedWritableIPAddressRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.IpamAPI.IpamIpAddressesPartialUpdate(ctx, id).PatchedWritableIPAddressRequest(req).Execute()
			return resp, err
		},
		del: func(ctx context.Context, c *nb.APIClient, id int32) (*http.Response, error) {
			return c.IpamAPI.IpamIpAddressesDestroy(ctx, id).Execute()
		},
	},
	KindCable: {
		list: func(ctx context.Context, c *nb.APIClient, f Filter, limit, offset int32) (*http.Response, error) {
			r := c.DcimAPI.DcimCablesList(ctx).Limit(limit).Offset(offset)
			for name, v := range f {
				switch name {
				case "site_id":
					ids, err := int32s(v)
					if err != nil {
						return nil, err
					}
					r = r.SiteId(ids)
				case "tag":
					r = r.Tag(v)
				case "label":
					r = r.Label(v)
				default:
					return nil, unsupportedFilter(KindCable, name)
				}
			}
			_, resp, err := r.Execute()
			return resp, err
		},
		create: func(ctx context.Context, c *nb.APIClient, body []byte) (*http.Response, error) {
			req, err := typed[nb.WritableCableRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.DcimAPI.DcimCablesCreate(ctx).WritableCableRequest(req).Execute()
			return resp, err
		},
		patch: func(ctx context.Context, c *nb.APIClient, id int32, body []byte) (*http.Response, error) {
			req, err := typed[nb.PatchedWritableCableRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.DcimAPI.DcimCablesPartialUpdate(ctx, id).PatchedWritableCableRequest(req).Execute()
			return resp, err
		},
		del: func(ctx context.Context, c *nb.APIClient, id int32) (*http.Response, error) {
			return c.DcimAPI.DcimCablesDestroy(ctx, id).Execute()
		},
	},
	KindConfigContext: {
		list: func(ctx context.Context, c *nb.APIClient, f Filter, limit, offset int32) (*http.Response, error) {
			r := c.ExtrasAPI.ExtrasConfigContextsList(ctx).Limit(limit).Offset(offset)
			for name, v := range f {
				switch name {
				case "name":
					r = r.Name(v)
				case "site_id":
					ids, err := int32s(v)
					if err != nil {
						return nil, err
					}
					r = r.SiteId(ids)
				default:
					return nil, unsupportedFilter(KindConfigContext, name)
				}
			}
			_, resp, err := r.Execute()
			return resp, err
		},
		create: func(ctx context.Context, c *nb.APIClient, body []byte) (*http.Response, error) {
			req, err := typed[nb.ConfigContextRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.ExtrasAPI.ExtrasConfigContextsCreate(ctx).ConfigContextRequest(req).Execute()
			return resp, err
		},
		patch: func(ctx context.Context, c *nb.APIClient, id int32, body []byte) (*http.Response, error) {
			req, err := typed[nb.PatchedConfigContextRequest](body)
			if err != nil {
				return nil, err
			}
			_, resp, err := c.ExtrasAPI.ExtrasConfigContextsPartialUpdate(ctx, id).PatchedConfigContextRequest(req).Execute()
			return resp, err
		},
		del: func(ctx context.Context, c *nb.APIClient, id int32) (*http.Response, error) {
			return c.ExtrasAPI.ExtrasConfigContextsDestroy(ctx, id).Execute()
		},
	},
}
