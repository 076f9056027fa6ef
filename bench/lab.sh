#!/usr/bin/env bash
# The lab's budgets: lab-minimal up + test + down under 30 s, the
# flagship's lab up under 60 s (2-core machine). Needs root and the lab's
# packages (scripts/test.sh installs them). RUNS rounds (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-3}"
go test -run '^$' -bench 'BenchmarkLabMinimalCycle|BenchmarkFlagshipLabUp' -benchtime "${runs}x" -count 1 -timeout 30m ./internal/lab/
