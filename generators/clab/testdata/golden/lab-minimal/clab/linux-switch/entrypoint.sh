#!/bin/sh
# Starts a Linux switch of an avnet design in containerlab: waits for the
# links containerlab adds (CLAB_INTFS of them besides eth0), starts
# Open vSwitch and applies /etc/avnet/ovs.sh (one OVSDB transaction),
# starts FRR with /etc/avnet/frr.conf, and ptp4l with
# /etc/avnet/ptp4l.conf (software time stamping) when it is there.
set -eu
want="${CLAB_INTFS:-0}"
i=0
while [ "$(ls /sys/class/net | grep -cv -e '^lo$' -e '^eth0$')" -lt "$want" ] && [ "$i" -lt 300 ]; do
	sleep 1
	i=$((i + 1))
done
mkdir -p /var/run/openvswitch /etc/openvswitch
[ -f /etc/openvswitch/conf.db ] || ovsdb-tool create /etc/openvswitch/conf.db /usr/share/openvswitch/vswitch.ovsschema
ovsdb-server /etc/openvswitch/conf.db --remote=punix:/var/run/openvswitch/db.sock \
	--pidfile --log-file --detach --no-chdir
ovs-vsctl --no-wait init
ovs-vswitchd unix:/var/run/openvswitch/db.sock --pidfile --log-file --detach --no-chdir
sh /etc/avnet/ovs.sh
cp /etc/avnet/frr.conf /etc/frr/frr.conf
sed -i -e 's/^ospfd=no/ospfd=yes/' -e 's/^pimd=no/pimd=yes/' /etc/frr/daemons
/usr/lib/frr/frrinit.sh start
if [ -f /etc/avnet/ptp4l.conf ]; then
	ptp4l -S -f /etc/avnet/ptp4l.conf &
fi
exec sleep infinity
