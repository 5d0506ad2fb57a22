#!/usr/bin/env bash
# Interleaved A/B of danvand binaries on queries: `units` and `summary` from 1 and 8 clients on an
# existing state directory (e.g. a log made with `danvan-bench make-log` and `danvand import`),
# each binary on a fresh daemon per round, 3 s per shape. One line per binary and round.
# usage: Benchmarks/query-ab.sh STATE_DIR ROUNDS DANVAND...
#   e.g. Benchmarks/query-ab.sh /tmp/log1m 3 /tmp/base/danvand .build/release/danvand
set -euo pipefail
STATE=$1; ROUNDS=$2; shift 2; BINS=("$@")
BENCH=${BENCH:-"$(dirname "$0")/.build/release/danvan-bench"}
SOCK=$(mktemp -u /tmp/danvan-query-ab.XXXXXX.sock)
for _ in $(seq 1 "$ROUNDS"); do
  for bin in "${BINS[@]}"; do
    "$bin" --state-dir "$STATE" --socket "$SOCK" --log-level warning 2>/dev/null & pid=$!
    for _ in $(seq 1 400); do
      [ -S "$SOCK" ] && echo '{"id":0,"op":"hello"}' | socat -t1 - "UNIX-CONNECT:$SOCK" 2>/dev/null | grep -q '"ok":true' && break
      sleep 0.05
    done
    line="$bin:"
    for shape in "units 1" "units 8" "summary 1" "summary 8"; do
      read -r name clients <<< "$shape"
      out=$("$BENCH" drive --socket "$SOCK" --shape "$name" --clients "$clients" --seconds 3 2>/dev/null)
      line="$line $(python3 -c 'import json, sys; d = json.loads(sys.argv[1]); print("%s %.0f/s p99 %.0f µs;" % (sys.argv[2], d["requests_per_s"], d["p99_us"]))' "$out" "${name}x$clients")"
    done
    echo "$line"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
