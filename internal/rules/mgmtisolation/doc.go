/*
Package mgmtisolation defines the rule AV-SEC-001: a management address sits in a non-management VLAN, or the management VLAN is reachable from media or office VLANs without a firewall.

Switch, grandmaster and device management (SSH, HTTPS, SNMP, NMOS
control) can reconfigure the whole facility; it belongs in a management
network of its own that user and media networks cannot reach, with a
firewall as the only way in (IEC 62443-3-3:2013 SR 5.1 network
segmentation and SR 5.2 zone boundary protection; NIST SP 800-82 Rev. 3 §5
asks the same). Two design mistakes open it:

  - a device's management address (devices.<name>.mgmt.ip) in a VLAN
    whose purpose is not "management", either because mgmt.vlan names
    such a VLAN or because the address falls in the subnet of a media,
    office or other VLAN: anyone on that VLAN reaches the device's
    management plane directly;
  - the management VLAN routed on the same devices as media or office
    VLANs without a firewall between them. The rule takes a management
    VLAN as reachable from the user VLANs (purpose media, office, wifi,
    guest, iptv, voice) when both are routed by the switches
    (routed: true: the switches then route between their SVIs), or when
    its gateway address belongs to a router or switch that also holds an
    address in one of those VLANs. A gateway on a firewall (role
    "firewall") is the intended way in.

How to fix: put management addresses in the management VLAN
(mgmt.vlan, and an address of its subnet); do not route the management
VLAN on the media or office switches (routed: false) and make a firewall
its gateway, with rules that admit only the administrators' hosts.
*/
package mgmtisolation
