#!/usr/bin/env bash
# Apply to 1 and to 8 lab switches (issue: 8 in at most twice the time
# of 1). Needs root and the lab's packages (scripts/test.sh installs them).
# RUNS rounds per size (default 5); each round changes every switch.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-5}"
out=$(go test -run '^$' -bench 'BenchmarkLabApply' -benchtime "${runs}x" -count 1 ./internal/deploy/ | tee /dev/stderr)
one=$(awk '/switches=1-/ {print $3}' <<<"$out")
eight=$(awk '/switches=8-/ {print $3}' <<<"$out")
cpu1=$(awk '/switches=1-/ {print $5}' <<<"$out")
cpu8=$(awk '/switches=8-/ {print $5}' <<<"$out")
awk -v a="$one" -v b="$eight" -v cpus="$(nproc)" 'BEGIN { printf "apply: 1 switch %.2f s, 8 switches %.2f s, ratio %.2f (%d CPUs; target <= 2)\n", a/1e9, b/1e9, b/a, cpus }'
# cpu-s/op is the CPU time the whole machine spent during the apply:
# divided by the CPUs, the least wall time the 8 switches could take.
awk -v a="$cpu1" -v b="$cpu8" -v w="$eight" -v cpus="$(nproc)" 'BEGIN { printf "CPU: 1 switch %.2f s, 8 switches %.2f s (%.2f s per switch); 8 switches kept the %d CPUs %.0f%% busy\n", a, b, b/8, cpus, 100*b/cpus/(w/1e9) }'
