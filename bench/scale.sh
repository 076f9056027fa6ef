#!/usr/bin/env bash
# Scale benchmark: a generated broadcast campus (bench/scalegen) of 50, 100,
# 200 and 400 switches, and 800 with --800 (it needs several GB of memory).
# For each size it prints `avnet vet`, `avnet build --only $ONLY` and
# `cue export` of the same design with avnet's schema: wall seconds, CPU
# seconds (user+sys) and peak RSS, then the cost ratio per doubling (1.0
# would be free, 2.0 linear, 4.0 quadratic).
# Usage: bench/scale.sh [--800] [SIZES…]      (default sizes: 50 100 200 400)
# ONLY (default configs,sdp,ptp,iptv) picks the build's generators;
# NOCUE=1 skips cue export. Needs GNU time (apt-get install time) and the
# standalone cue tool (scripts/test.sh installs it). One run per size: on a
# shared machine expect ±25 %.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=()
for a in "$@"; do
	case $a in
	--800) sizes+=(800) ;;
	*) sizes+=("$a") ;;
	esac
done
[[ ${#sizes[@]} -eq 0 || (${#sizes[@]} -eq 1 && ${sizes[0]} == 800) ]] && sizes=(50 100 200 400 "${sizes[@]}")
only=${ONLY:-configs,sdp,ptp,iptv}
export PATH="$(go env GOPATH)/bin:$PATH"
[[ -x /usr/bin/time ]] || { echo "bench: GNU time is missing: apt-get install time" >&2; exit 1; }
if [[ -z "${NOCUE:-}" ]] && ! command -v cue >/dev/null; then
	echo "bench: the cue tool is missing: go install cuelang.org/go/cmd/cue@v0.17.1 (or NOCUE=1)" >&2
	exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/avnet" ./cmd/avnet
go build -o "$work/scalegen" ./bench/scalegen
"$work/avnet" init "$work/scaffold" >/dev/null

# measure NAME command… → one line "wall cpu rss_MB" in $work/NAME.
measure() {
	local name=$1
	shift
	/usr/bin/time -f '%e %U %S %M %x' -o "$work/$name.time" "$@" >"$work/$name.out" 2>&1 || true
	awk '{printf "%.1f %.1f %.0f %s\n", $1, $2 + $3, $4 / 1024, $5}' "$work/$name.time" >"$work/$name"
}

printf '%-8s %-6s %-7s | %-24s | %-24s | %-24s\n' switches devs flows "avnet vet (s, cpu, MB)" "avnet build (s, cpu, MB)" "cue export (s, cpu, MB)"
prev=()
for n in "${sizes[@]}"; do
	d="$work/campus-$n"
	"$work/scalegen" -switches "$n" -o "$d" >"$work/gen-$n"
	read -r _ sw _ rooms _ eps _ flows _ < <(tr ',' ' ' <"$work/gen-$n")
	measure "vet-$n" "$work/avnet" vet "$d"
	grep -q ' 0 errors' "$work/vet-$n.out" || { echo "bench: campus-$n does not vet clean:" >&2; tail -5 "$work/vet-$n.out" >&2; }
	measure "build-$n" "$work/avnet" build "$d" -o "$work/out-$n" --only "$only"
	rm -rf "$work/out-$n"
	if [[ -z "${NOCUE:-}" ]]; then
		cp -r "$work/scaffold/cue.mod" "$d/"
		sed "s/^package .*/package campus/" "$work/scaffold/avnet.cue" >"$d/avnet.cue"
		(cd "$d" && measure "cue-$n" cue export . -o "$work/cue-$n.json" --force)
		rm -f "$work/cue-$n.json"
	else
		echo "- - - -" >"$work/cue-$n"
	fi
	read -r vw vc vm _ <"$work/vet-$n"
	read -r bw bc bm _ <"$work/build-$n"
	read -r cw cc cm _ <"$work/cue-$n"
	printf '%-8s %-6s %-7s | %6s %6s %8s   | %6s %6s %8s   | %6s %6s %8s\n' "$sw" "$((sw + eps + 2))" "$flows" "$vw" "$vc" "$vm" "$bw" "$bc" "$bm" "$cw" "$cc" "$cm"
	if [[ ${#prev[@]} -gt 0 ]]; then
		awk -v a="$vc" -v b="${prev[0]}" -v c="$bc" -v d="${prev[1]}" -v e="$cc" -v f="${prev[2]}" -v m="$vm" -v p="${prev[3]}" 'function r(x, y) { return (y + 0 > 0 && x != "-") ? sprintf("%.2f", x / y) : "-" }
		BEGIN { printf "  ×2 → vet cpu ×%s rss ×%s, build cpu ×%s, cue cpu ×%s\n", r(a, b), r(m, p), r(c, d), r(e, f) }'
	fi
	prev=("$vc" "$bc" "$cc" "$vm")
	rm -rf "$d"
done
echo "(wall and CPU seconds and peak RSS of one run each; avnet build --only $only)"
