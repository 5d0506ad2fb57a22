#!/usr/bin/env bash
# The unit and integration tests under a sanitizer: `make test-asan` / `make test-tsan`.
#
#   Scripts/test-sanitized.sh address|thread [swift test filter]
#
# Builds into its own scratch path (.build-asan, .build-tsan) and points the integration
# tests' harness at the sanitized danvand of that build (DANVAN_DAEMON_BINARY); danvanctl's
# tests find the danvanctl next to the test bundle. Every sanitizer report, from the test
# runner and from each danvand and danvanctl it starts (whose stderr the harness throws
# away), is written to <scratch>/sanitizer-reports/report.<pid> (log_path) and summed up at
# the end. Exit status: swift test's, or 1 when it passed but a report was written.
set -uo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
mode=${1:?usage: test-sanitized.sh address|thread [filter]}
filter=${2:-}
case "$mode" in
  address) scratch=.build-asan ;;
  thread) scratch=.build-tsan ;;
  *) echo "unknown sanitizer: $mode" >&2; exit 2 ;;
esac
reports="$PWD/$scratch/sanitizer-reports"
rm -rf "$reports" && mkdir -p "$reports"

start=$(date +%s)
$SWIFT build --build-tests --scratch-path "$scratch" --sanitize="$mode" || exit 2
built=$(date +%s)
bin=$($SWIFT build --scratch-path "$scratch" --sanitize="$mode" --show-bin-path)
args=(--scratch-path "$scratch" --sanitize="$mode" --skip-build --no-parallel)
[ -n "$filter" ] && args+=(--filter "$filter")

export DANVAN_DAEMON_BINARY="$bin/danvand"
# Leaks of the toolchain and of libedit, with the reason for each: Scripts/lsan-suppressions.txt.
export LSAN_OPTIONS="suppressions=$PWD/Scripts/lsan-suppressions.txt ${LSAN_OPTIONS:-}"
export ASAN_OPTIONS="log_path=$reports/report ${ASAN_OPTIONS:-}"
# halt_on_error=0: report every race of the run, not only the first.
export TSAN_OPTIONS="log_path=$reports/report halt_on_error=0 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"
$SWIFT test "${args[@]}"
status=$?
end=$(date +%s)

echo "test-sanitized ($mode): build $((built - start))s, tests $((end - built))s, swift test exit $status"
# A report file without an error holds only LSan's "suppressions used" statistics.
mapfile -t files < <(grep -l -E 'ERROR: |WARNING: ThreadSanitizer' "$reports"/report.* 2>/dev/null)
if ((${#files[@]})); then
  echo "test-sanitized ($mode): ${#files[@]} report file(s) in $reports:"
  for f in "${files[@]}"; do
    printf '  %s: %s\n' "$(basename "$f")" \
      "$(grep -m1 -E 'ERROR: |WARNING: ThreadSanitizer' "$f" | sed 's/^==[0-9]*==//')"
    grep -E '^SUMMARY' "$f" | sed 's/^/      /'
  done
  [ "$status" -eq 0 ] && status=1
fi
exit "$status"
