#!/usr/bin/env bash
# Interleaved A/B of two danvand binaries: appends (every shape on a fresh daemon) and
# `summary` queries from 1 and 8 clients, base then new, ROUNDS times. Prints one line per
# scenario; compare the rounds pairwise (the machine is shared: single figures swing).
# usage: Benchmarks/ab.sh BASE_DANVAND NEW_DANVAND [ROUNDS] [SHAPES]
#   e.g. Benchmarks/ab.sh /tmp/base/danvand .build/release/danvand 2 1x1,16x1,16x16,b512x1
set -euo pipefail
BASE=$1; NEW=$2; ROUNDS=${3:-2}; SHAPES=${4:-1x1,16x1,16x16,b512x1}
BENCH=${BENCH:-"$(dirname "$0")/.build/release/danvan-bench"}
show() { python3 -c '
import sys, json
label = sys.argv[1]
for l in sys.stdin:
    d = json.loads(l)
    name = d.get("scenario") if label == "-" else label
    cores = d.get("server_cores")
    print("  %-24s %10.0f /s  p50 %7.0f µs  p99 %7.0f µs%s" % (
        name, d.get("requests_per_s", 0) if label != "-" else d.get("value", 0),
        d.get("p50_us", 0), d.get("p99_us", 0), "" if cores is None else "  daemon %.2f cores" % cores))' "$1"; }
for r in $(seq 1 "$ROUNDS"); do
  for which in base new; do
    bin=$BASE; [ "$which" = new ] && bin=$NEW
    echo "== round $r $which ($bin), load $(cut -d' ' -f1 /proc/loadavg)"
    "$BENCH" appends --danvand "$bin" --shapes "$SHAPES" --seconds 3 --warmup 0.5 2>/dev/null | show -
    dir=$(mktemp -d /tmp/danvan-ab.XXXXXX)
    "$bin" run --state-dir "$dir" >"$dir.log" 2>&1 & pid=$!
    for _ in $(seq 1 100); do [ -S "$dir/danvand.sock" ] && break; sleep 0.05; done
    for c in 1 8; do
      "$BENCH" drive --socket "$dir/danvand.sock" --shape summary --clients "$c" --seconds 3 --register 2>/dev/null \
        | show "summary x$c"
    done
    kill "$pid"; wait "$pid" || true; rm -rf "$dir" "$dir.log"
  done
done
