#!/usr/bin/env bash
# Interleaved replay rates of several danvand binaries on one state directory, without a
# snapshot (each start's snapshot is deleted): prints danvand's own "replayed the log"
# figures and the resident memory right after.
# usage: Benchmarks/cold-start/replay-ab.sh STATE_DIR ROUNDS DANVAND...
set -euo pipefail
dir=$1; rounds=$2; shift 2
log=$(mktemp /tmp/danvan-replay-ab.XXXXXX)
trap 'rm -f "$log"' EXIT
for r in $(seq 1 "$rounds"); do
  for bin in "$@"; do
    rm -f "$dir"/*.dvsnap
    "$bin" run --state-dir "$dir" --socket "$log.sock" --log-level info >"$log" 2>&1 & pid=$!
    for _ in $(seq 1 1200); do grep -q 'replayed the log' "$log" && break; sleep 0.05; done
    echo "$bin $(grep 'replayed the log' "$log" | grep -o 'events_per_s=[0-9]*\|seconds=[0-9.]*' | tr '\n' ' ')rss_kb=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)"
    kill "$pid"; wait "$pid" || true
    rm -f "$dir"/*.dvsnap
  done
done
