#!/usr/bin/env bash
# Apply to 1 and to 8 lab switches (issue: 8 in at most twice the time
# of 1). Needs root and the lab's packages (scripts/test.sh installs them).
# RUNS rounds per size (default 5); each round changes every switch.
# 8 switches are also applied one at a time, for what parallelism gains.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-5}"
out=$(go test -run '^$' -bench 'BenchmarkLabApply' -benchtime "${runs}x" -count 1 ./internal/deploy/ | tee /dev/stderr)
# metric SIZE UNIT: the value before UNIT on the benchmark's line.
metric() { awk -v s="switches=$1-" -v u="$2" 'index($1, s) { for (i = 2; i <= NF; i++) if ($i == u) print $(i-1) }' <<<"$out"; }
one=$(metric 1 ns/op) eight=$(metric 8 ns/op)
cpu1=$(metric 1 cpu-s/op) cpu8=$(metric 8 cpu-s/op)
own1=$(metric 1 avnet-cpu-s/op) own8=$(metric 8 avnet-cpu-s/op)
seq8=$(metric 8,parallel=1 ns/op)
awk -v a="$one" -v b="$eight" -v cpus="$(nproc)" 'BEGIN { printf "apply: 1 switch %.2f s, 8 switches %.2f s, ratio %.2f (%d CPUs; target <= 2)\n", a/1e9, b/1e9, b/a, cpus }'
awk -v p="$eight" -v s="$seq8" 'BEGIN { printf "8 switches one at a time (--parallel 1) %.2f s: parallelism gains %.2fx\n", s/1e9, s/p }'
# cpu-s/op is the CPU time the whole machine spent during the apply:
# divided by the CPUs, the least wall time the 8 switches could take.
awk -v a="$cpu1" -v b="$cpu8" -v w="$eight" -v cpus="$(nproc)" 'BEGIN { printf "CPU: 1 switch %.2f s, 8 switches %.2f s (%.2f s per switch); 8 switches kept the %d CPUs %.0f%% busy\n", a, b, b/8, cpus, 100*b/cpus/(w/1e9) }'
# avnet-cpu-s/op is avnet's own part; the rest is the lab's switches
# (sshd, vtysh, ovs-vsctl, their daemons) sharing this machine's CPUs,
# where real switches each have their own.
awk -v a="$own1" -v b="$own8" 'BEGIN { printf "of which avnet: 1 switch %.3f s, 8 switches %.3f s (%.3f s per switch)\n", a, b, b/8 }'
