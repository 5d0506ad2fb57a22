#!/usr/bin/env bash
# The service-manager protocol without systemd, against the real danvand binary:
#  1. systemd-socket-activate passes a listening socket (LISTEN_FDS) and a fake NOTIFY_SOCKET
#     (Tests/system/fake-notify.py) records what danvand says: STATUS= replay progress before
#     READY=1, MAINPID=, WATCHDOG=1 pings, RELOADING=1 then READY=1 on SIGHUP (with the new
#     log level in force and a fixed key reported), STOPPING=1 and exit 0 on SIGTERM;
#  2. test hook SIGUSR2 (event loop hung): the watchdog pings stop;
#  3. test hook SIGUSR1 (log writer stalled): the pings stop, and after a kill -9 and a restart
#     every acknowledged event is there (the stale socket file is replaced on the way);
#  4. a passed descriptor that is not a listening Unix socket is refused (exit 69).
# Usage: notify-activation.sh BIN_DIR   (needs python3 and systemd-socket-activate; no root)
set -uo pipefail
SYSTEM_TESTS="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib/common.sh
source "$SYSTEM_TESTS/lib/common.sh"
BIN=$1

W="$(mktemp -d "${TMPDIR:-/tmp}/danvan-notify.XXXXXX")"
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

NLOG="$W/notify.log"
# Line number of the first notification from PID matching KEY=value regex, at or after line FROM.
notified() {  # pid regex [from]
  grep -n -E "^[0-9.]+ $1 ($2)\$" "$NLOG" | awk -F: -v from="${3:-1}" '$1 >= from { print $1; exit }'
}
has_notified() { [ -n "$(notified "$@")" ]; }
pings() { grep -c -E "^[0-9.]+ $1 WATCHDOG=1\$" "$NLOG"; }
pings_at_least() { [ "$(pings "$1")" -ge "$2" ]; }
ordered() { [ -n "$1" ] && [ -n "$2" ] && [ "$1" -lt "$2" ]; }
lines() { wc -l < "$NLOG"; }
status_after() {  # pid from: the first STATUS= text at or after line FROM
  awk -v pid="$1" -v from="$2" 'NR >= from && $2 == pid && $3 ~ /^STATUS=/ { sub(/^[^ ]+ [^ ]+ STATUS=/, ""); print; exit }' "$NLOG"
}

python3 "$SYSTEM_TESTS/fake-notify.py" "$W/notify.sock" "$NLOG" &
pids+=($!)
wait_until 5 grep -qs LISTENING=1 "$NLOG" || { bad "fake NOTIFY_SOCKET did not start"; exit 1; }

# ---------------------------------------------------------------------------------------------
step "socket activation and readiness: a log of 100001 events, replayed before READY=1"
python3 - "$W/big.ndjson" <<'EOF'
import json, sys
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"type": "unit.registered", "data": {"code": "P", "name": "Province", "level": "province"}}) + "\n")
    for i in range(100000):
        f.write(json.dumps({"type": "unit.registered", "data": {"code": f"D{i}", "name": f"District {i}", "level": "district", "parent": "P"}}) + "\n")
EOF
"$BIN/danvand" import --state-dir "$W/state1" "$W/big.ndjson" >/dev/null || bad "import of the test log"
printf 'log_level = info\n' > "$W/danvand.conf"
NOTIFY_SOCKET="$W/notify.sock" WATCHDOG_USEC=1000000 \
  systemd-socket-activate -l "$W/act.sock" --fdname=danvand -E NOTIFY_SOCKET -E WATCHDOG_USEC \
  "$BIN/danvand" run --state-dir "$W/state1" --socket "$W/bound.sock" --config "$W/danvand.conf" \
  >"$W/daemon1.log" 2>&1 &
d1=$!
pids+=("$d1")
wait_until 5 test -S "$W/act.sock" || bad "systemd-socket-activate did not listen"
# systemd-socket-activate execs danvand (same pid) at the first connection; the reply comes
# once the replay is done and the passed socket adopted.
reply=$(DANVAN_CLIENT_TIMEOUT=120 client "$W/act.sock" '{"id":1,"op":"status"}')
check "the first client, queued on the passed socket, is served: events=100001" \
  [ "$(json_get 'r["result"]["events"]' <<<"$reply" 2>/dev/null)" = 100001 ]
ready=$(notified "$d1" 'READY=1')
progress=$(notified "$d1" 'STATUS=replaying 100000/100001 events')
check "READY=1 from the daemon's own pid $d1" has_notified "$d1" 'READY=1'
check "STATUS=replaying 100000/100001 events before READY=1" ordered "$progress" "$ready"
check "EXTEND_TIMEOUT_USEC= with the replay progress" has_notified "$d1" 'EXTEND_TIMEOUT_USEC=[0-9]+'
check "MAINPID=$d1 with READY=1" has_notified "$d1" "MAINPID=$d1"
check "status line once serving: $(status_after "$d1" "${ready:-1}")" \
  grep -q -E "^[0-9.]+ $d1 STATUS=serving 100001 events \(seq 100001\) on $W/act.sock\$" "$NLOG"
check "the passed socket was adopted: $W/bound.sock was never bound" [ ! -e "$W/bound.sock" ]
check "the adoption is logged" grep -q "listening on the socket passed by systemd" "$W/daemon1.log"
n0=$(pings "$d1"); sleep 1.6; n1=$(pings "$d1")
check "WATCHDOG=1 every half WATCHDOG_USEC ($n0 -> $n1 pings in 1.6 s)" [ $((n1 - n0)) -ge 2 ]

step "reload on SIGHUP: RELOADING=1 then READY=1; log level applied, fixed keys reported"
printf 'log_level = debug\nsegment_size = 1M\n' > "$W/danvand.conf"
from=$(lines)
kill -HUP "$d1"
wait_until 30 has_notified "$d1" 'READY=1' "$from"
reloading=$(notified "$d1" 'RELOADING=1' "$from")
ready2=$(notified "$d1" 'READY=1' "${reloading:-$from}")
check "RELOADING=1 then READY=1" ordered "$reloading" "$ready2"
check "MONOTONIC_USEC= with RELOADING=1" has_notified "$d1" 'MONOTONIC_USEC=[0-9]+' "$from"
check "log_level applied" grep -q -E "configuration reloaded.*log_level: info -> debug|applied=log_level: info -> debug" "$W/daemon1.log"
check "segment_size reported as needing a restart" grep -q -E "needs a restart.*key=segment_size|key=segment_size.*needs a restart" "$W/daemon1.log"
client "$W/act.sock" '{"id":2,"op":"hello"}' >/dev/null || bad "hello after reload"
check "the new log level is in force (a debug line for the next client)" \
  wait_until 20 grep -q "client connected" "$W/daemon1.log"
printf 'bogus_key = 1\n' > "$W/danvand.conf"
from=$(lines)
kill -HUP "$d1"
wait_until 30 has_notified "$d1" 'READY=1' "$from"
check "a bad file: READY=1 again, status says so ($(status_after "$d1" "$(notified "$d1" 'READY=1' "$from")"))" \
  grep -q -E "^[0-9.]+ $d1 STATUS=.*last reload failed" "$NLOG"
check "a bad file: still serving" client "$W/act.sock" '{"id":3,"op":"status"}' >/dev/null

step "stop on SIGTERM: STOPPING=1, exit 0"
from=$(lines)
kill -TERM "$d1"
wait "$d1"; rc=$?
check "STOPPING=1" has_notified "$d1" 'STOPPING=1' "$from"
check "exit status 0 (got $rc)" [ "$rc" -eq 0 ]

# ---------------------------------------------------------------------------------------------
step "watchdog: a hung event loop (test hook SIGUSR2) stops the pings"
printf 'test_hooks = true\n' > "$W/hooks.conf"
start_hooked() {  # log file; sets $d
  NOTIFY_SOCKET="$W/notify.sock" WATCHDOG_USEC=1000000 \
    "$BIN/danvand" run --state-dir "$W/state2" --socket "$W/s2.sock" --config "$W/hooks.conf" >"$1" 2>&1 &
  d=$!
  pids+=("$d")
  wait_until 60 has_notified "$d" 'READY=1'
}
start_hooked "$W/daemon2.log"
check "READY=1 when danvand binds its own socket" has_notified "$d" 'READY=1'
check "the socket bound by danvand itself" [ -S "$W/s2.sock" ]
acked=()
for i in 1 2 3 4 5; do
  reply=$(client "$W/s2.sock" "{\"id\":$i,\"op\":\"append\",\"events\":[$(unit_event "H$i" "$(event_id "$i")")]}")
  [ "$(json_get 'r["ok"]' <<<"$reply" 2>/dev/null)" = True ] && acked+=("$(event_id "$i")")
done
check "5 appends acknowledged" [ "${#acked[@]}" -eq 5 ]
wait_until 20 pings_at_least "$d" 2
kill -USR2 "$d"
wait_until 10 grep -q "test hook: hanging the event loop" "$W/daemon2.log"
sleep 0.5; n0=$(pings "$d"); sleep 2; n1=$(pings "$d")
check "no WATCHDOG=1 for 2 s after the loop hung ($n0 -> $n1)" [ "$n0" -eq "$n1" ]
kill -KILL "$d"; wait "$d" 2>/dev/null

step "watchdog: a stalled log writer (test hook SIGUSR1) stops the pings; nothing acknowledged is lost"
check "the dead daemon left its socket file" [ -S "$W/s2.sock" ]
start_hooked "$W/daemon3.log"
check "restarted: the stale socket file replaced" has_notified "$d" 'READY=1'
for i in 6 7 8 9 10; do
  reply=$(client "$W/s2.sock" "{\"id\":$i,\"op\":\"append\",\"events\":[$(unit_event "H$i" "$(event_id "$i")")]}")
  [ "$(json_get 'r["ok"]' <<<"$reply" 2>/dev/null)" = True ] && acked+=("$(event_id "$i")")
done
check "5 more appends acknowledged" [ "${#acked[@]}" -eq 10 ]
wait_until 20 pings_at_least "$d" 2
kill -USR1 "$d"
DANVAN_CLIENT_TIMEOUT=5 client "$W/s2.sock" --hang "{\"id\":11,\"op\":\"append\",\"events\":[$(unit_event H11 "$(event_id 11)")]}" >/dev/null 2>&1 &
pids+=($!)
wait_until 10 grep -q "test hook: stalling the log writer" "$W/daemon3.log"
sleep 1; n0=$(pings "$d"); sleep 2; n1=$(pings "$d")
check "no WATCHDOG=1 for 2 s once the writer stalled ($n0 -> $n1)" [ "$n0" -eq "$n1" ]
kill -KILL "$d"; wait "$d" 2>/dev/null
"$BIN/danvand" run --state-dir "$W/state2" --socket "$W/s2.sock" >"$W/daemon4.log" 2>&1 &
d=$!
pids+=("$d")
# (the socket file of the killed daemon is still there: wait for the new one to listen)
wait_until 60 grep -q "listening" "$W/daemon4.log"
stored=$(client "$W/s2.sock" '{"id":1,"op":"read","fromSeq":1,"limit":100}' | json_get '" ".join(e["id"] for e in r["result"]["events"])')
missing=0
for id in "${acked[@]}"; do [[ " $stored " == *" $id "* ]] || missing=$((missing + 1)); done
check "all ${#acked[@]} acknowledged events are in the log after kill -9 and restart ($missing missing)" [ "$missing" -eq 0 ]
kill -TERM "$d"; wait "$d"; rc=$?
check "clean stop (exit $rc)" [ "$rc" -eq 0 ]

# ---------------------------------------------------------------------------------------------
step "socket activation refuses a descriptor that is not a listening Unix socket"
: > "$W/not-a-socket"
bash -c 'export LISTEN_FDS=1 LISTEN_PID=$$; exec "$0" run --state-dir "$1" --socket "$2"' \
  "$BIN/danvand" "$W/state4" "$W/s4.sock" 3<"$W/not-a-socket" >"$W/daemon5.log" 2>&1
rc=$?
check "exit status 69 (got $rc)" [ "$rc" -eq 69 ]
check "says why" grep -q "not a listening Unix stream socket" "$W/daemon5.log"
check "did not bind a socket of its own instead" [ ! -e "$W/s4.sock" ]

if [ "$FAILURES" -gt 0 ]; then
  echo; echo "notify/activation: $FAILURES failure(s); daemon logs:"
  for f in "$W"/daemon*.log; do echo "== $f"; tail -n 20 "$f"; done
  echo "== notifications"; tail -n 40 "$NLOG"
  exit 1
fi
printf '\nnotify/activation: all checks passed in %ss\n' "$(elapsed "$T0")"
