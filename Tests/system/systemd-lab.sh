#!/usr/bin/env bash
# danvand under a real systemd 252, booted as PID 1 in namespaces (lib/lab.sh), driven the way an
# operator drives it: install with deploy/install.sh, `systemd-analyze verify` (empty stderr) and
# `security` (exposure <= 1.5), start danvand.socket, connect (the service starts by activation),
# append and query, `systemctl status`, `systemctl reload`, structured fields in
# `journalctl -u danvand -o json`, the watchdog restarting a hung daemon (test hooks) with no
# acknowledged event lost, `systemctl stop`, deploy/uninstall.sh, and a teardown that leaves no
# process, mount or cgroup behind.
# Usage: systemd-lab.sh BIN_DIR   (root; see lab_unavailable_reason in lib/lab.sh)
set -uo pipefail
SYSTEM_TESTS="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$SYSTEM_TESTS/../.." && pwd)"
# shellcheck source=lib/common.sh
source "$SYSTEM_TESTS/lib/common.sh"
# shellcheck source=lib/lab.sh
source "$SYSTEM_TESTS/lib/lab.sh"
BIN=$1

LAB="$(mktemp -d "${TMPDIR:-/tmp}/danvan-lab.XXXXXX")"
CG="danvan-test-$$-$RANDOM"
torn_down=0
finish() {
  [ "$torn_down" -eq 1 ] || lab_teardown
  rm -rf "$LAB"
}
trap finish EXIT
trap 'exit 130' INT TERM

show() { C systemctl show -P "$1" danvand.service; }
verify_clean() { [ "$1" -eq 0 ] && [ -z "$2" ]; }
journal() { C journalctl --no-pager -u danvand.service "$@"; }
SVC=/usr/local/lib/systemd/system

# ---------------------------------------------------------------------------------------------
step "boot systemd as PID 1 (lab $LAB, cgroup $CG)"
lab_boot || { bad "the lab did not boot"; exit 1; }
ok "systemd is up: container PID 1 is host pid $LAB_PID1"
SOCK="$(croot /run/danvan/danvand.sock)"

step "install the way 'make install' does (deploy/install.sh)"
mkdir -p "$LAB/share/bin"
cp "$BIN/danvand" "$BIN/danvanctl" "$LAB/share/bin/"
cp -r "$ROOT/deploy" "$LAB/share/deploy"
check "deploy/install.sh succeeds" C bash /share/deploy/install.sh /share/bin
check "binaries in /usr/local/bin" C test -x /usr/local/bin/danvand -a -x /usr/local/bin/danvanctl
check "units in $SVC" C test -f $SVC/danvand.service -a -f $SVC/danvand.socket
check "system user danvan created by systemd-sysusers" C getent passwd danvan
check "default configuration /etc/danvan/danvand.conf is 640 root:danvan" \
  [ "$(C stat -c '%a %U:%G' /etc/danvan/danvand.conf)" = "640 root:danvan" ]
echo "# edited by the operator" >> "$(croot /etc/danvan/danvand.conf)"
C bash /share/deploy/install.sh /share/bin >/dev/null
check "installing again keeps the edited configuration" C grep -q "edited by the operator" /etc/danvan/danvand.conf

step "systemd-analyze verify (exit 0 and an empty stderr) and security (exposure <= 1.5)"
for units in "/share/deploy/danvand.service /share/deploy/danvand.socket" "$SVC/danvand.service $SVC/danvand.socket"; do
  # shellcheck disable=SC2086
  err=$(C systemd-analyze verify $units 2>&1 >/dev/null); rc=$?
  check "systemd-analyze verify $units: rc=$rc, stderr='$err'" verify_clean "$rc" "$err"
done
C systemd-analyze security danvand.service --no-pager > "$LAB/security.txt" 2>&1
exposure=$(sed -n 's/.*Overall exposure level for danvand.service: \([0-9.]*\).*/\1/p' "$LAB/security.txt")
grep -E '^✗' "$LAB/security.txt" | sed 's/  */ /g; s/^/    /'
check "systemd-analyze security danvand.service: exposure $exposure <= 1.5" \
  awk -v e="${exposure:-99}" 'BEGIN { exit !(e <= 1.5) }'

step "systemctl start danvand.socket; the first client starts danvand.service"
check "danvand.socket starts" C systemctl start danvand.socket
check "danvand.service not running before a client connects" [ "$(show ActiveState)" = inactive ]
check "socket /run/danvan/danvand.sock is 660 root:danvan" \
  [ "$(C stat -c '%a %U:%G' /run/danvan/danvand.sock)" = "660 root:danvan" ]
reply=$(client "$SOCK" '{"id":1,"op":"hello"}')
check "hello answered through the activated socket" [ "$(json_get 'r["ok"]' <<<"$reply" 2>/dev/null)" = True ]
check "danvand.service active" [ "$(show ActiveState)" = active ]
pid=$(show MainPID)
check "the socket passed by systemd is adopted, not bound again" \
  [ -n "$(journal -o cat | grep '^listening on the socket passed by systemd')" ]
check "runs as user danvan" [ "$(C ps -o user= -p "$pid" | tr -d ' ')" = danvan ]
check "state directory /var/lib/danvan is 750 danvan:danvan" \
  [ "$(C stat -c '%a %U:%G' /var/lib/danvan)" = "750 danvan:danvan" ]
acked=()
append() {  # n: appends event n, records its id when acknowledged
  local r
  r=$(client "$SOCK" "{\"id\":$1,\"op\":\"append\",\"events\":[$(unit_event "U$1" "$(event_id "$1")")]}")
  [ "$(json_get 'r["ok"]' <<<"$r" 2>/dev/null)" = True ] && acked+=("$(event_id "$1")")
}
for i in 1 2 3; do append "$i"; done
check "3 appends acknowledged" [ "${#acked[@]}" -eq 3 ]
events=$(client "$SOCK" '{"id":5,"op":"status"}' | json_get 'r["result"]["events"]')
check "status over the socket: 3 events (got $events)" [ "$events" = 3 ]

step "backup while serving: the backup op under the hardened unit (ProtectSystem=strict)"
r=$(client "$SOCK" '{"id":10,"op":"backup","directory":"/var/lib/danvan/backup-test"}')
check "backup into /var/lib/danvan/backup-test: $r" [ "$(json_get 'r["ok"] and r["result"]["verified"] and r["result"]["seq"]' <<<"$r" 2>/dev/null)" = 3 ]
check "danvand verify accepts the copy" C /usr/local/bin/danvand verify --state-dir /var/lib/danvan/backup-test

step "systemctl status: a meaningful status line"
status_is() { [[ "$(show StatusText)" == $1 ]]; }  # $1 is a glob pattern
wait_until 20 status_is "serving 3 events (seq 3), 0 clients"
check "StatusText follows the figures: '$(show StatusText)'" status_is "serving 3 events (seq 3), 0 clients"
C systemctl --no-pager status danvand.service -n 0 > "$LAB/status.txt"
sed 's/^/    /' "$LAB/status.txt"
check "systemctl status shows it" grep -q 'Status: "serving 3 events (seq 3), 0 clients"' "$LAB/status.txt"
check "TriggeredBy: danvand.socket" grep -q 'TriggeredBy: .*danvand.socket' "$LAB/status.txt"

step "systemctl reload: RELOADING=1/READY=1, limits and level applied, fixed keys reported"
printf 'log_level = debug\nmax_batch_events = 2\nsegment_size = 1M\n' >> "$(croot /etc/danvan/danvand.conf)"
check "systemctl reload danvand succeeds" C systemctl reload danvand.service
reloaded() { journal -o cat | grep -q "configuration reloaded"; }
check "reload logged" wait_until 20 reloaded
wait_until 20 status_is "serving*"
check "READY=1 after RELOADING=1: active, status '$(show StatusText)'" [ "$(show ActiveState)" = active ]
check "same process (MainPID $pid)" [ "$(show MainPID)" = "$pid" ]
check "no restart (NRestarts=0)" [ "$(show NRestarts)" = 0 ]
check "segment_size reported as needing a restart (warning, DANVAN_KEY=segment_size)" \
  [ -n "$(journal -p warning DANVAN_KEY=segment_size -o cat)" ]
r=$(client "$SOCK" "{\"id\":6,\"op\":\"append\",\"events\":[$(unit_event X1 "$(event_id 101)"),$(unit_event X2 "$(event_id 102)"),$(unit_event X3 "$(event_id 103)")]}")
check "max_batch_events = 2 in force: a batch of 3 is refused ($(json_get 'r.get("error",{}).get("code")' <<<"$r" 2>/dev/null))" \
  [ "$(json_get 'r["ok"]' <<<"$r" 2>/dev/null)" = False ]

step "journalctl -u danvand -o json: structured entries"
client "$SOCK" '{"id":7,"op":"hello"}' >/dev/null   # a debug entry with the client's uid
sleep 0.3
journal -o json > "$LAB/journal.json"
python3 - "$LAB/journal.json" <<'EOF' > "$LAB/journal-check.txt"
import json, sys
entries = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
ours = [e for e in entries if e.get("SYSLOG_IDENTIFIER") == "danvand" and e.get("_TRANSPORT") == "journal"]
def has(pred): return any(pred(e) for e in ours)
checks = {
    "entries sent with sd_journal_sendv (_TRANSPORT=journal, SYSLOG_IDENTIFIER=danvand)": bool(ours),
    "PRIORITY, CODE_FILE, CODE_LINE, CODE_FUNC on every entry": bool(ours) and all(
        all(k in e for k in ("PRIORITY", "CODE_FILE", "CODE_LINE", "CODE_FUNC")) for e in ours),
    "CODE_FILE names the Swift source (DanvanServer/SocketServer.swift)": has(lambda e: e.get("CODE_FILE") == "DanvanServer/SocketServer.swift"),
    "DANVAN_CLIENT_UID=0 on 'client connected' (debug, PRIORITY=7)": has(
        lambda e: e.get("DANVAN_CLIENT_UID") == "0" and e.get("PRIORITY") == "7" and e["MESSAGE"].startswith("client connected")),
    "DANVAN_SOCKET on 'listening'": has(lambda e: e.get("DANVAN_SOCKET") == "/run/danvan/danvand.sock"),
    "DANVAN_KEY and PRIORITY=4 on the restart-only setting": has(lambda e: e.get("DANVAN_KEY") == "segment_size" and e.get("PRIORITY") == "4"),
    "DANVAN_EVENTS on 'replayed the log'": has(lambda e: "DANVAN_EVENTS" in e and e["MESSAGE"].startswith("replayed the log")),
}
for name, passed in checks.items():
    print(("ok" if passed else "FAIL") + " " + name)
EOF
while read -r verdict what; do
  if [ "$verdict" = ok ]; then ok "$what"; else bad "$what"; fi
done < "$LAB/journal-check.txt"
check "journalctl filters on a danvan field (DANVAN_CLIENT_UID=0)" [ -n "$(journal DANVAN_CLIENT_UID=0 -o cat)" ]

step "watchdog: a hung daemon is killed and restarted, nothing acknowledged is lost"
mkdir -p "$(croot /etc/systemd/system/danvand.service.d)"
printf '[Service]\nWatchdogSec=4s\nRestartSec=200ms\n' > "$(croot /etc/systemd/system/danvand.service.d/test.conf)"
printf 'log_level = info\nmax_batch_events = 10000\ntest_hooks = true\n' >> "$(croot /etc/danvan/danvand.conf)"
C systemctl daemon-reload
check "systemctl restart danvand (WatchdogSec=4s drop-in, test_hooks = true)" C systemctl restart danvand.service
check "the restart stopped cleanly: 'stopped' with DANVAN_SEQ=3" [ -n "$(journal DANVAN_SEQ=3 -o cat | grep '^stopped')" ]
restarted() {  # old pid: a new main process, active
  local new; new=$(show MainPID)
  [ "$new" != "$1" ] && [ "$new" != 0 ] && [ "$(show ActiveState)" = active ]
}
all_acked_stored() {
  local stored id
  stored=$(client "$SOCK" '{"id":8,"op":"read","fromSeq":1,"limit":1000}' | json_get '" ".join(e["id"] for e in r["result"]["events"])')
  for id in "${acked[@]}"; do [[ " $stored " == *" $id "* ]] || return 1; done
}
watchdog_timeouts() { journal -o cat | grep -c "Watchdog timeout"; }
hang_test() {  # signal description first-event-number
  local sig=$1 what=$2 n=$3 before restarts timeouts t cpid count=${#acked[@]}
  for i in $(seq "$n" $((n + 4))); do append "$i"; done
  before=$(show MainPID); restarts=$(show NRestarts); timeouts=$(watchdog_timeouts)
  check "5 more appends acknowledged (${#acked[@]} so far)" [ "${#acked[@]}" -eq $((count + 5)) ]
  C systemctl kill --kill-who=main -s "$sig" danvand.service
  cpid=""
  if [ "$sig" = SIGUSR1 ]; then  # an append the stalled writer never acknowledges
    DANVAN_CLIENT_TIMEOUT=10 client "$SOCK" --hang \
      "{\"id\":9,\"op\":\"append\",\"events\":[$(unit_event "Z$n" "$(event_id $((n + 500)))")]}" >/dev/null 2>&1 &
    cpid=$!
  fi
  t=$EPOCHREALTIME
  wait_until 60 restarted "$before"
  check "$what: restarted by the watchdog (pid $before -> $(show MainPID) after $(elapsed "$t") s)" restarted "$before"
  check "NRestarts $restarts -> $(show NRestarts)" [ "$(show NRestarts)" -eq $((restarts + 1)) ]
  check "systemd logged the watchdog timeout ($timeouts -> $(watchdog_timeouts))" [ "$(watchdog_timeouts)" -eq $((timeouts + 1)) ]
  check "all ${#acked[@]} acknowledged events are in the log after the restart" all_acked_stored
  if [ -n "$cpid" ]; then wait "$cpid" 2>/dev/null; fi
}
hang_test SIGUSR2 "hung event loop" 10
hang_test SIGUSR1 "stalled log writer" 20

step "systemctl stop"
check "systemctl stop danvand.service danvand.socket" C systemctl stop danvand.service danvand.socket
check "both inactive" [ "$(C systemctl is-active danvand.service danvand.socket | sort -u)" = inactive ]
check "clean exit: status 0" [ "$(show ExecMainStatus)" = 0 ]
check "graceful shutdown logged ('stopped')" [ -n "$(journal -o cat | grep '^stopped')" ]
check "the socket file is removed (RemoveOnStop=yes)" [ ! -e "$SOCK" ]
check "no danvand process left" not C pgrep -x danvand

step "backup of the state directory (the README's recipe) and its check"
check "tar of /var/lib/danvan with danvand stopped" C tar -C /var/lib -czf /tmp/danvan-backup.tar.gz danvan
C mkdir -p /tmp/restore
check "unpacked" C tar -C /tmp/restore -xzf /tmp/danvan-backup.tar.gz
check "danvand verify accepts the copy" C /usr/local/bin/danvand verify --state-dir /tmp/restore/danvan
check "the copy holds the ${#acked[@]} acknowledged events" \
  [ "$(C /usr/local/bin/danvand export --state-dir /tmp/restore/danvan | grep -c -F -f <(printf '%s\n' "${acked[@]}"))" -eq "${#acked[@]}" ]

step "deploy/uninstall.sh"
check "uninstall succeeds" C bash /share/deploy/uninstall.sh
check "binaries and units removed" not C test -e /usr/local/bin/danvand -o -e $SVC/danvand.service -o -e $SVC/danvand.socket
check "configuration and state kept" C test -f /etc/danvan/danvand.conf -a -d /var/lib/danvan
unit_known() { C systemctl cat danvand.service >/dev/null 2>&1; }
check "systemd no longer knows danvand.service" not unit_known

step "teardown"
C journalctl --no-pager -u danvand.service -o short-monotonic > "$LAB/journal.txt" 2>&1
lab_teardown
torn_down=1
left=$(lab_leftovers)
check "nothing left behind (processes, mounts, cgroups)${left:+: $left}" [ -z "$left" ]

if [ "$FAILURES" -gt 0 ]; then
  echo; echo "systemd lab: $FAILURES failure(s); the danvand journal:"
  tail -n 60 "$LAB/journal.txt"
  exit 1
fi
printf '\nsystemd lab: all checks passed in %ss\n' "$(elapsed "$T0")"
