package clab

import (
	"regexp"
	"strings"
)

type dockerfile struct {
	image string // the tag the README builds it as
	dir   string // under lab/
	files []struct{ name, data string }
}

var semver = regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+$`)

// dockerfiles are avnet's own images: a Linux switch (Open vSwitch in its
// userspace datapath, FRR, linuxptp, as avnet's namespace lab runs it) and
// an endpoint carrying avnet (its stream sender and receiver) and
// linuxptp. Neither depends on the design: the design's files are bound
// in by the topology.
func dockerfiles(version string) []dockerfile {
	ref := "latest"
	if semver.MatchString(version) {
		ref = version
	}
	return []dockerfile{
		{image: LinuxSwitchImage, dir: "linux-switch", files: []struct{ name, data string }{
			{"Dockerfile", linuxSwitchDockerfile},
			{"entrypoint.sh", linuxSwitchEntrypoint},
		}},
		{image: EndpointImage, dir: "endpoint", files: []struct{ name, data string }{
			{"Dockerfile", strings.ReplaceAll(endpointDockerfile, "@REF@", ref)},
		}},
	}
}

const linuxSwitchDockerfile = `# avnet's Linux switch for containerlab: Open vSwitch (userspace datapath,
# no kernel module needed), FRR and linuxptp, as avnet's namespace lab runs
# them. Build: docker build -t ` + LinuxSwitchImage + ` clab/linux-switch
# The topology binds the switch's generated files into /etc/avnet/.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends openvswitch-switch frr linuxptp iproute2 procps \
 && rm -rf /var/lib/apt/lists/*
COPY entrypoint.sh /usr/local/bin/avnet-switch
RUN chmod 0755 /usr/local/bin/avnet-switch
ENTRYPOINT ["/usr/local/bin/avnet-switch"]
`

const linuxSwitchEntrypoint = `#!/bin/sh
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
`

const endpointDockerfile = `# avnet's endpoint for containerlab: avnet itself (its RTP test-stream
# sender and receiver, the code of ` + "`avnet lab test`" + `), linuxptp and
# iproute2. Build: docker build -t ` + EndpointImage + ` clab/endpoint
FROM golang:1.26-bookworm AS build
RUN CGO_ENABLED=0 go install github.com/avnet/avnet/cmd/avnet@@REF@

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends iproute2 linuxptp procps \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /go/bin/avnet /usr/local/bin/avnet
CMD ["sleep", "infinity"]
`
