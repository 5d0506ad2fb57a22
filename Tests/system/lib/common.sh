# Helpers shared by the system test scripts (sourced).

T0=${T0:-$EPOCHREALTIME}
FAILURES=${FAILURES:-0}

elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

# `step "what"`: a heading with the time since the script started.
step() { printf '\n--- [%ss] %s\n' "$(elapsed "$T0")" "$*"; }

ok() { printf '  ok: %s\n' "$*"; }

# A failed check: printed, counted, and the script carries on to report every failure.
bad() { printf '  FAIL: %s\n' "$*"; FAILURES=$((FAILURES + 1)); }

# `check "what" cmd...`: ok when cmd succeeds.
check() {
  local what=$1; shift
  if "$@"; then ok "$what"; else bad "$what"; fi
}

# `wait_until SECONDS cmd...`: polls cmd every 0.1 s; false when it never succeeded.
wait_until() {
  local limit=$1 i; shift
  for ((i = 0; i < limit * 10; i++)); do
    "$@" && return 0
    sleep 0.1
  done
  "$@"
}

# The danvan NDJSON client (see client.py).
client() { python3 "$SYSTEM_TESTS/client.py" "$@"; }

# `json_get 'expression' < reply`: evaluates a Python expression on the parsed reply `r`.
json_get() { python3 -c "import json,sys; r=json.loads(sys.stdin.readline()); print($1)"; }

# A unit.registered event with a fixed id (so that a test can look it up after a restart).
unit_event() {  # code id
  printf '{"id":"%s","type":"unit.registered","data":{"code":"%s","name":"Unit %s","level":"province"}}' "$2" "$1" "$1"
}

# A deterministic UUID-shaped id for event number n of a test run.
event_id() { printf '00000000-0000-4000-8000-%012d' "$1"; }

# `check "what" not cmd...`: ok when cmd fails.
not() { ! "$@"; }
