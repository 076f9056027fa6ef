#!/usr/bin/env bash
# Compares `avnet build` on a design with `cue export` of the same design
# unified with avnet's schema (the CUE evaluation is the floor of a build).
# Usage: bench/build-vs-cue.sh [DESIGN] [RUNS]    (default: designs/chaine-tv-ip, 10)
# ONLY=configs,sdp,ptp,iptv limits the build to those generators (the
# diagrams, the dossier's PDF and NetBox records cost far more than CUE).
# Needs the standalone cue tool (scripts/test.sh installs it). Prints CPU
# seconds (user+sys), which are steadier than wall time on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."
design=${1:-designs/chaine-tv-ip}
runs=${2:-10}
export PATH="$(go env GOPATH)/bin:$PATH"
command -v cue >/dev/null || { echo "bench: the cue tool is missing: go install cuelang.org/go/cmd/cue@v0.17.1" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/avnet" ./cmd/avnet
# The same design, with the cue.mod `avnet init` writes, so cue evaluates
# the design against the same schema and catalog.
pkg=$(sed -n 's/^package //p' "$design"/*.cue | head -1)
cp -r "$design" "$work/design"
"$work/avnet" init "$work/scaffold" >/dev/null
cp -r "$work/scaffold/cue.mod" "$work/design/"
sed "s/^package .*/package $pkg/" "$work/scaffold/avnet.cue" > "$work/design/avnet.cue"

cpu() { # command… → CPU seconds of one run
	/usr/bin/time -f '%U %S' "$@" 2>&1 >/dev/null | tail -1 | awk '{print $1 + $2}'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

cue_t=$(for _ in $(seq "$runs"); do (cd "$work/design" && cpu cue export .); done | median)
only=()
[[ -n "${ONLY:-}" ]] && only=(--only "$ONLY")
avnet_t=$(for _ in $(seq "$runs"); do cpu "$work/avnet" build "$design" -o "$work/out" "${only[@]}"; done | median)
echo "design:              $design ($runs runs, median CPU seconds)"
echo "cue export + schema: ${cue_t} s"
echo "avnet build ${ONLY:+--only $ONLY}: ${avnet_t} s"
awk -v a="$avnet_t" -v c="$cue_t" 'BEGIN {printf "ratio:               %.2f (target <= 1.5)\n", a / c}'
