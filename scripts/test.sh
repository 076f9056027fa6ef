#!/usr/bin/env bash
# Installs everything avnet's tests use on a Debian machine with Go, then
# runs the whole test suite. Run it as root: it installs Debian packages,
# and the lab tests create network namespaces.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests drive for real (see README, "Tests").
pkgs=(
	ca-certificates git
	graphviz        # dot: the diagrams' DOT is parsed back by Graphviz
	librsvg2-bin fonts-liberation2  # rsvg-convert and Helvetica-metric fonts: the diagrams' PNG
	ffmpeg          # ffprobe: a real SDP consumer
	linuxptp        # ptp4l: generated configs are loaded by the real daemon
	frr frr-pythontools  # vtysh / frr-reload.py: generated frr.conf is parsed by FRR
	openvswitch-switch   # ovs-vsctl / ovsdb-server: the lab switches
	openssh-server openssh-client iproute2 tcpdump ethtool iputils-ping
	nftables        # nft: a lab test drops a grandmaster's Syncs
	poppler-utils weasyprint  # the dossier's PDF and its text extraction
	chromium        # avnet serve's browser tests (chromedp, headless)
)
missing=()
for p in "${pkgs[@]}"; do
	[[ "$p" == \#* ]] && continue
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
	if [[ $(id -u) -ne 0 ]]; then
		echo "scripts/test.sh: missing Debian packages: ${missing[*]}; run as root (or: sudo apt-get install ${missing[*]})" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The standalone cue tool, to prove `avnet init` designs vet with it too.
export PATH="$(go env GOPATH)/bin:$PATH"
if ! command -v cue >/dev/null || ! cue version 2>/dev/null | grep -q 'v0.17'; then
	go install cuelang.org/go/cmd/cue@v0.17.1
fi

go vet ./...
go test -count=1 ./... "$@"
