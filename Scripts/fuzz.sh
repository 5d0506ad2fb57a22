#!/usr/bin/env bash
# Builds danvan's libFuzzer targets (Fuzz/, with AddressSanitizer) and runs each one for
# FUZZ_SECONDS seconds (libFuzzer's -max_total_time), starting from its committed seed corpus.
#
#   Scripts/fuzz.sh [target...]          # default: fuzz-request fuzz-record
#   FUZZ_SECONDS=60 Scripts/fuzz.sh      # seconds per target (default 60)
#   FUZZ_JOBS / FUZZ_ARGS                # extra libFuzzer flags, e.g. FUZZ_ARGS=-only_ascii=1
#
# Each target's corpus grows in Fuzz/.build-fuzz/corpus/<target>/ (new inputs stay out of the
# committed seeds in Fuzz/Corpus/<target>/). A crash, a trap, a leak or a timeout (an input
# taking longer than FUZZ_TIMEOUT seconds: a hang) stops that target, leaves the reproducer in
# Fuzz/.build-fuzz/artifacts/<target>/ and makes this script exit 1 after the other targets ran.
# Reproduce with: Fuzz/.build-fuzz/release/<target> <reproducer file>
#
# Prints per target the executions, executions/s and coverage (libFuzzer's final stats) and
# the build time.
set -uo pipefail
cd "$(dirname "$0")/../Fuzz"

SWIFT=${SWIFT:-swift}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-10}
FUZZ_ARGS=${FUZZ_ARGS:-}
SCRATCH=.build-fuzz
targets=("$@")
((${#targets[@]})) || targets=(fuzz-request fuzz-record)

build_start=$(date +%s)
for target in "${targets[@]}"; do
  # Release (-O keeps preconditions and overflow checks; the decoders have no assert) with
  # ASan and libFuzzer's coverage instrumentation on every Swift module, danvan's included.
  if ! $SWIFT build -c release --scratch-path "$SCRATCH" --product "$target" \
      --sanitize=address -Xswiftc -sanitize=fuzzer; then
    echo "fuzz: build of $target failed" >&2
    exit 2
  fi
done
build_seconds=$(( $(date +%s) - build_start ))
echo "fuzz: built ${targets[*]} in ${build_seconds}s"

failed=()
summary=()
for target in "${targets[@]}"; do
  binary="$SCRATCH/release/$target"
  corpus="$SCRATCH/corpus/$target"
  artifacts="$SCRATCH/artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  dict=()
  [ -f "Dictionaries/$target.dict" ] && dict=(-dict="Dictionaries/$target.dict")
  log="$SCRATCH/$target.log"
  echo "fuzz: running $target for ${FUZZ_SECONDS}s (log: Fuzz/$log)"
  # The first corpus directory receives new inputs; the committed seeds are read only.
  # shellcheck disable=SC2086
  "$binary" "$corpus" "Corpus/$target" "${dict[@]}" \
    -max_total_time="$FUZZ_SECONDS" -timeout="$FUZZ_TIMEOUT" -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/" $FUZZ_ARGS >"$log" 2>&1
  status=$?
  # libFuzzer's last status line (#N DONE/pulse cov: ... exec/s: ...) and final stats.
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  if [ "$status" -ne 0 ]; then
    failed+=("$target")
    echo "fuzz: $target FAILED (exit $status); the report:" >&2
    grep -E -A40 '==[0-9]+==ERROR|Fatal error|deadly signal|ERROR: libFuzzer' "$log" | head -60 >&2
    ls -1 "$artifacts" | sed "s|^|fuzz: reproducer Fuzz/$artifacts/|" >&2
  fi
  summary+=("$target: executions ${execs:-?}, ${rate:-?} exec/s; last: ${last:-none}")
done

echo "fuzz: summary (build ${build_seconds}s, ${FUZZ_SECONDS}s per target)"
printf '  %s\n' "${summary[@]}"
if ((${#failed[@]})); then
  echo "fuzz: crashed: ${failed[*]}" >&2
  exit 1
fi
