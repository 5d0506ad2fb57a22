#!/usr/bin/env bash
# CPU profiles of danvand with perf (cpu-clock sampling: this VM exposes no hardware counters,
# and valgrind 3.19 crashes on danvand's start — an internal SIGSEGV as libdispatch starts its
# threads — so callgrind's instruction counts are not available here). Usage, from the repo root:
#   Benchmarks/profile.sh [OUT_DIR]       (default .build/profiles)
# Profiles: (a) replay of a 100k-event log (whole start to ready), (b) 1-client sequential
# appends, (c) 16-client appends, (d) `summary` queries on the 100k log; (b)-(d) attach to the
# running daemon only while danvan-bench drives it. Writes perf.*.data and *.txt reports
# (self time by symbol, and with callers). Needs linux-perf (installed when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/opt/swift/usr/bin"
OUT="${1:-.build/profiles}"
DANVAND="${DANVAND:-.build/release/danvand}"
BENCH="${BENCH:-Benchmarks/.build/release/danvan-bench}"
SECS="${PROFILE_SECS:-10}"
FREQ="${PROFILE_FREQ:-2999}"
command -v perf >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf >/dev/null; }
mkdir -p "$OUT"
W="$(mktemp -d /tmp/danvan-profile.XXXXXX)"
PID=""
cleanup() { if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi; rm -rf "$W"; }
trap cleanup EXIT

wait_ready() { # socket
  for _ in $(seq 1 2400); do
    if python3 - "$1" <<'PY' 2>/dev/null; then return 0; fi
import socket, sys
s = socket.socket(socket.AF_UNIX); s.settimeout(2); s.connect(sys.argv[1])
s.sendall(b'{"id":0,"op":"hello"}\n'); assert b'"ok":true' in s.recv(65536)
PY
    sleep 0.05
  done
  echo "danvand did not become ready" >&2; exit 1
}

report() { # name: flat self time by symbol (demangled), by library, and inclusive (children)
  local data="$OUT/perf.$1.data" demangle=cat
  command -v swift-demangle >/dev/null && demangle="swift-demangle --simplified"
  perf report -i "$data" --no-children --sort dso --stdio -g none 2>/dev/null | grep '%' | grep -v '^#' | head -12 >"$OUT/$1.dso.txt" || true
  perf report -i "$data" --no-children --sort symbol --stdio -g none --percent-limit 0.5 2>/dev/null \
    | grep '%' | grep -v '^#' | $demangle | cut -c1-200 | head -50 >"$OUT/$1.self.txt" || true
  perf report -i "$data" --children --sort symbol --stdio -g none --percent-limit 2 2>/dev/null \
    | grep '%' | grep -v '^#' | $demangle | cut -c1-220 | head -70 >"$OUT/$1.children.txt" || true
  echo "== $1: by library ==" >&2; head -6 "$OUT/$1.dso.txt" >&2
  echo "== $1: self ==" >&2; head -15 "$OUT/$1.self.txt" >&2
}

# The 100k-event log, shared by (a) and (d).
"$BENCH" make-log --events 100000 --out "$W/log.ndjson"
"$DANVAND" import --state-dir "$W/log100k" --log-level warning "$W/log.ndjson" >/dev/null
rm -f "$W/log.ndjson"

# (a) replay: profile the whole start until the first hello is answered.
perf record -q -e cpu-clock -F "$FREQ" -g -o "$OUT/perf.replay-100k.data" -- \
  "$DANVAND" --state-dir "$W/log100k" --socket "$W/a.sock" --log-level info 2>"$OUT/replay-100k.log" &
PID=$!
wait_ready "$W/a.sock"
kill -TERM "$PID"; wait "$PID" || true; PID=""
report replay-100k

attach() { # name state-dir shape clients register?
  "$DANVAND" --state-dir "$2" --socket "$W/$1.sock" --log-level warning 2>/dev/null &
  PID=$!
  wait_ready "$W/$1.sock"
  if [ "$5" = yes ]; then "$BENCH" drive --socket "$W/$1.sock" --shape 1x1 --seconds 0.5 --register >/dev/null; fi
  perf record -q -e cpu-clock -F "$FREQ" -g -p "$PID" -o "$OUT/perf.$1.data" -- sleep "$SECS" 2>/dev/null &
  local perf_pid=$!
  "$BENCH" drive --socket "$W/$1.sock" --shape "$3" --clients "$4" --seconds "$SECS" >"$OUT/$1.load.json"
  wait "$perf_pid" || true
  kill -TERM "$PID"; wait "$PID" || true; PID=""
  report "$1"
}
attach append-1-client "$W/append1" 1x1 1 yes
attach append-16-clients "$W/append16" 16x1 16 yes
attach summary-100k "$W/log100k" summary 1 no
