#!/usr/bin/env bash
# System tests of danvand as a service (run by `make test` and `make test-system`):
#  1. notify-activation.sh: the service-manager protocol without systemd (a fake NOTIFY_SOCKET,
#     systemd-socket-activate, the watchdog test hooks); runs anywhere python3 and
#     systemd-socket-activate exist, root or not;
#  2. systemd-lab.sh: the units of deploy/ under a real systemd booted as PID 1 in namespaces;
#     needs root and namespaces, and is skipped with the reason otherwise.
# Uses the debug binaries of `swift build` (DANVAN_BIN=dir to test others). Exit 0 when every
# test that could run passed.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
start=$EPOCHREALTIME
took() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f s", b - a }'; }

bin="${DANVAN_BIN:-}"
if [ -z "$bin" ]; then
  (cd "$root" && swift build --product danvand >/dev/null && swift build --product danvanctl >/dev/null) \
    || { echo "system tests: the build failed"; exit 1; }
  bin="$(cd "$root" && swift build --show-bin-path)"
fi

results=()
failed=0
run() {  # name script
  local t=$EPOCHREALTIME rc
  echo "=== system test: $1"
  bash "$here/$2" "$bin"; rc=$?
  if [ "$rc" -eq 0 ]; then results+=("passed  $1 ($(took "$t"))"); else results+=("FAILED  $1 ($(took "$t"))"); failed=1; fi
}

missing=""
for tool in python3 systemd-socket-activate; do command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"; done
if [ -n "$missing" ]; then
  results+=("skipped notify/activation without systemd: missing$missing (Scripts/install-deps.sh installs them)")
else
  run "notify/activation without systemd" notify-activation.sh
fi

# shellcheck source=lib/lab.sh
source "$here/lib/lab.sh"
if reason=$(lab_unavailable_reason); then
  results+=("skipped danvand under a real systemd: $reason")
else
  run "danvand under a real systemd (PID 1 in namespaces)" systemd-lab.sh
fi

echo
echo "=== system tests ($(took "$start")):"
printf '  %s\n' "${results[@]}"
exit "$failed"
